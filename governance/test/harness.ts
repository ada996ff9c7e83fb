/**
 * Runs the governance program (governance/index.ts) under the SDK's mocks against a simulated
 * Pulumi Cloud organisation, and returns what it registered with each resource's options. Nothing
 * here calls the pulumi CLI or Pulumi Cloud.
 */
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as YAML from "yaml";
import type { ExistingPackReference, StackRef } from "../groups";

export const GOVERNANCE_DIR = path.resolve(__dirname, "..");
export const REPO_ROOT = path.resolve(GOVERNANCE_DIR, "..");
const PROJECT = "decision-control-governance";
const POLICY_GROUP = "pulumiservice:index:PolicyGroup";

/** What the simulated organisation holds before the run. */
export interface Organisation {
  /** Published version tags per policy pack name. */
  readonly published: Readonly<Record<string, readonly string[]>>;
  /** The default stack group as Pulumi Cloud returns it. */
  readonly defaultGroup: {
    readonly stacks: readonly StackRef[];
    readonly policyPacks: readonly ExistingPackReference[];
  };
  /** The governance stack's outputs from its last deployment (none before the first). */
  readonly previousOutputs?: Record<string, unknown>;
}

export interface RegisteredGroup {
  readonly name: string;
  readonly inputs: Record<string, unknown>;
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
  readonly dependencies: readonly string[];
}

export interface GovernanceRun {
  /** Policy groups registered (managed), by logical name. */
  readonly groups: ReadonlyMap<string, RegisteredGroup>;
  /** IDs read (PolicyGroup.get, StackReference). */
  readonly reads: readonly string[];
  readonly outputs: Record<string, unknown>;
  /** What the program logged as warnings (without an engine the SDK prints them to the console). */
  readonly warnings: readonly string[];
  readonly error?: Error;
}

/** `Pulumi.org.yaml` flattened the way the engine hands config to a program (all strings). */
export function exampleConfig(): Record<string, string> {
  const file = YAML.parse(
    fs.readFileSync(path.join(GOVERNANCE_DIR, "Pulumi.org.yaml"), "utf8"),
  ) as {
    config: Record<string, unknown>;
  };
  return Object.fromEntries(
    Object.entries(file.config).map(([key, value]) => [
      key,
      typeof value === "string" ? value : JSON.stringify(value),
    ]),
  );
}

/** The example config with `decision-control-governance:<key>` values replaced (undefined unsets). */
export function configWith(overrides: Record<string, unknown>): Record<string, string> {
  const config = exampleConfig();
  for (const [name, value] of Object.entries(overrides)) {
    const key = `${PROJECT}:${name}`;
    if (value === undefined) {
      delete config[key];
    } else {
      config[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
  }
  return config;
}

type RegisterRequest = {
  getType(): string;
  getName(): string;
  getProtect(): boolean;
  getRetainondelete(): boolean;
  getDependenciesList(): string[];
};
type Monitor = { registerResource(req: RegisterRequest, callback: unknown): unknown };

// Internal to the SDK (no typed export): waits until every registration has reached the mocks.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };

/** Drops governance's own modules (not its tests or node_modules) so each run starts afresh. */
function forgetProgramModules(): void {
  const kept = [path.join(GOVERNANCE_DIR, "node_modules"), path.join(GOVERNANCE_DIR, "test")];
  for (const file of Object.keys(require.cache)) {
    if (file.startsWith(GOVERNANCE_DIR + path.sep) && !kept.some((dir) => file.startsWith(dir))) {
      delete require.cache[file];
    }
  }
}

async function resolve(value: unknown): Promise<unknown> {
  if (pulumi.Output.isInstance(value)) {
    return new Promise((done) => (value as pulumi.Output<unknown>).apply((v) => done(v)));
  }
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const entries = await Promise.all(
      Object.entries(value).map(async ([key, inner]) => [key, await resolve(inner)] as const),
    );
    return Object.fromEntries(entries);
  }
  return value;
}

export async function runGovernance(
  config: Record<string, string>,
  organisation: Organisation,
  options: { preview?: boolean } = {},
): Promise<GovernanceRun> {
  const registered: Array<Omit<RegisteredGroup, "protect" | "retainOnDelete" | "dependencies">> =
    [];
  const reads: string[] = [];
  const registrationOptions = new Map<
    string,
    Pick<RegisteredGroup, "protect" | "retainOnDelete" | "dependencies">
  >();

  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        if (args.type === "pulumi:pulumi:StackReference") {
          reads.push(args.id ?? "");
          return {
            id: args.id ?? "",
            state: {
              name: args.id,
              outputs: organisation.previousOutputs ?? {},
              secretOutputNames: [],
            },
          };
        }
        if (args.type === POLICY_GROUP && args.id) {
          reads.push(args.id);
          return {
            id: args.id,
            state: { ...organisation.defaultGroup, entityType: "stacks", mode: "preventative" },
          };
        }
        registered.push({ name: args.name, inputs: args.inputs });
        return { id: `${args.inputs.organizationName}/${args.inputs.name}`, state: args.inputs };
      },
      call(args) {
        if (args.token === "pulumiservice:index:getPolicyPacks") {
          return {
            policyPacks: Object.entries(organisation.published).map(([name, versionTags]) => ({
              name,
              displayName: name,
              versions: versionTags.map((_tag, index) => index + 1),
              versionTags,
            })),
          };
        }
        throw new Error(`unexpected invoke ${args.token}`);
      },
    },
    PROJECT,
    "org",
    options.preview ?? false,
  );
  pulumi.runtime.setAllConfig(config);
  const monitor = pulumi.runtime.getMonitor() as unknown as Monitor;
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) => {
    registrationOptions.set(req.getName(), {
      protect: req.getProtect(),
      retainOnDelete: req.getRetainondelete(),
      dependencies: req.getDependenciesList(),
    });
    return register(req, callback);
  };

  forgetProgramModules();
  let outputs: Record<string, unknown> = {};
  let error: Error | undefined;
  const warnings: string[] = [];
  const consoleWarn = console.warn;
  console.warn = (message: unknown) => void warnings.push(String(message));
  try {
    // Loaded afresh each run (its modules were dropped above), as the engine loads it once per run.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const program = require(path.join(GOVERNANCE_DIR, "index.ts")) as () => Promise<unknown>;
    outputs = (await resolve(await program())) as Record<string, unknown>;
  } catch (caught) {
    error = caught instanceof Error ? caught : new Error(String(caught));
  } finally {
    await settings.waitForRPCs();
    console.warn = consoleWarn;
  }
  const groups = new Map(
    registered.map((group) => [
      group.name,
      {
        ...group,
        ...(registrationOptions.get(group.name) ?? {
          protect: false,
          retainOnDelete: false,
          dependencies: [],
        }),
      },
    ]),
  );
  return { groups, reads, outputs, warnings, error };
}

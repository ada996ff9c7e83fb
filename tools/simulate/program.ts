/**
 * Runs the whole Pulumi program (or any function that registers resources) under the SDK's mocks
 * with a given stack configuration, and returns every registered resource with its inputs and
 * resource options. Every test file (through test/harness/program.ts) and the checklist CLI use
 * this; nothing here calls the pulumi CLI or AWS.
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { encodeConfigValue, PROJECT, readConfigFile, ROOT } from "../stacks/stack-files";
import { recordingMocks, RecordedResource } from "./mocks";

export { encodeConfigValue, PROJECT, ROOT };

export type StackName = "sandbox" | "production";

export interface RegisteredResource extends RecordedResource {
  readonly urn: string;
  /** URN of the parent (component or stack). */
  readonly parent?: string;
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
  readonly ignoreChanges: readonly string[];
  readonly additionalSecretOutputs: readonly string[];
  readonly deleteBeforeReplace: boolean;
  /** URN of the resource whose deletion deletes this one too (`deletedWith`), if any. */
  readonly deletedWith?: string;
  readonly dependencies: readonly string[];
  /** Per input property, the URNs of the resources it depends on (what the engine gives stack policies). */
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
}

export interface ProgramRun {
  readonly resources: readonly RegisteredResource[];
  /** The program module's exports (stack outputs), resolved. */
  readonly outputs: Record<string, unknown>;
  /** Set when the program threw (e.g. a ConfigError) instead of completing. */
  readonly error?: Error;
  readonly config: Record<string, string>;
  /** Resources of a type token, e.g. `aws:ec2/securityGroup:SecurityGroup`. */
  ofType(type: string): RegisteredResource[];
  /** The single resource with this type and logical name; throws if absent. */
  get(type: string, name: string): RegisteredResource;
  /** Children (direct or nested) of the component with this logical name. */
  childrenOf(componentName: string): RegisteredResource[];
}

/** `Pulumi.<stack>.yaml` flattened the way the engine hands config to a program (all strings). */
export function stackConfig(stack: StackName): Record<string, string> {
  return readConfigFile(path.join(ROOT, `Pulumi.${stack}.yaml`));
}

/**
 * Config overrides: a value replaces the key (objects are JSON-encoded as the engine does);
 * `undefined` removes it. Keys without a namespace get `decision-control:`.
 */
export type ConfigOverrides = Record<string, unknown>;

export function applyOverrides(
  base: Record<string, string>,
  overrides: ConfigOverrides = {},
): Record<string, string> {
  const config = { ...base };
  for (const [rawKey, value] of Object.entries(overrides)) {
    const key = rawKey.includes(":") ? rawKey : `${PROJECT}:${rawKey}`;
    if (value === undefined) {
      delete config[key];
    } else {
      config[key] = encodeConfigValue(value);
    }
  }
  return config;
}

type Monitor = {
  registerResource(req: RegisterRequest, callback: unknown): Promise<void>;
};
type RegisterRequest = {
  getType(): string;
  getName(): string;
  getParent(): string;
  getProtect(): boolean;
  getRetainondelete(): boolean;
  getIgnorechangesList(): string[];
  getAdditionalsecretoutputsList(): string[];
  getDeletebeforereplace(): boolean;
  getDeletedwith(): string;
  getDependenciesList(): string[];
  getPropertydependenciesMap(): {
    forEach(callback: (value: { getUrnsList(): string[] }, key: string) => void): void;
  };
};
type ResourceOptionsSeen = Omit<RegisteredResource, keyof RecordedResource>;

function propertyDependenciesOf(req: RegisterRequest): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  req.getPropertydependenciesMap().forEach((value, key) => {
    result[key] = value.getUrnsList();
  });
  return result;
}

const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };

/**
 * Folders whose modules survive between runs: the runner itself (its queue and mock tables must stay
 * one instance), the tests, and the tools that drive runs (checklist, live checks, policy pack).
 */
const KEPT_FOLDERS = [
  "node_modules",
  "test",
  "scripts",
  "policy-pack",
  path.join("tools", "simulate"),
  path.join("tools", "checklist"),
  path.join("tools", "live"),
].map((folder) => `${path.sep}${folder}${path.sep}`);

/** Drops the program's own modules from the require cache so the program runs afresh. */
function forgetProjectModules(): void {
  for (const file of Object.keys(require.cache)) {
    const relative = file.slice(ROOT.length);
    if (
      file.startsWith(ROOT + path.sep) &&
      !KEPT_FOLDERS.some((folder) => relative.includes(folder))
    ) {
      delete require.cache[file];
    }
  }
}

async function resolveExports(exports: Record<string, unknown>): Promise<Record<string, unknown>> {
  const entries = await Promise.all(
    Object.entries(exports).map(
      async ([name, value]) => [name, await resolveValue(value)] as const,
    ),
  );
  return Object.fromEntries(entries);
}

/** Resolves an Output (or plain value) to its value; secrets are unwrapped. */
export function resolveValue<T>(value: pulumi.Input<T> | unknown): Promise<T> {
  return new Promise((resolve) =>
    pulumi.output(value as pulumi.Input<T>).apply((v) => resolve(v as T)),
  );
}

/** True when the Output is marked secret. */
export async function isSecretOutput(value: pulumi.Output<unknown>): Promise<boolean> {
  return (value as unknown as { isSecret: Promise<boolean> }).isSecret;
}

/**
 * Runs `body` (default: the program's index.ts) under fresh mocks with the given config, waits for
 * every registration, and returns what was registered.
 */
export function runWithMocks(
  stack: string,
  config: Record<string, string>,
  body: () => unknown = () => require(path.join(ROOT, "index.ts")),
  options: { preview?: boolean } = {},
): Promise<ProgramRun> {
  // The mocks are process-global: runs must never interleave.
  const run = queue.then(() => runExclusive(stack, config, body, options));
  queue = run.then(
    () => undefined,
    () => undefined,
  );
  return run;
}

let queue: Promise<void> = Promise.resolve();

async function runExclusive(
  stack: string,
  config: Record<string, string>,
  body: () => unknown,
  options: { preview?: boolean },
): Promise<ProgramRun> {
  const records: RecordedResource[] = [];
  const seen = new Map<string, ResourceOptionsSeen>();
  await pulumi.runtime.setMocks(recordingMocks(records), PROJECT, stack, options.preview ?? false);
  pulumi.runtime.setAllConfig(config);
  const monitor = pulumi.runtime.getMonitor() as unknown as Monitor;
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) => {
    const parent = req.getParent();
    const parentType = parent ? parent.split("::")[2].split("$").pop() : undefined;
    const type = parentType ? `${parentType}$${req.getType()}` : req.getType();
    seen.set(`${req.getType()}::${req.getName()}`, {
      urn: `urn:pulumi:${stack}::${PROJECT}::${type}::${req.getName()}`,
      parent: parent || undefined,
      protect: req.getProtect(),
      retainOnDelete: req.getRetainondelete(),
      ignoreChanges: req.getIgnorechangesList(),
      additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
      deleteBeforeReplace: req.getDeletebeforereplace(),
      deletedWith: req.getDeletedwith() || undefined,
      dependencies: req.getDependenciesList(),
      propertyDependencies: propertyDependenciesOf(req),
    });
    return register(req, callback);
  };

  forgetProjectModules();
  let error: Error | undefined;
  let outputs: Record<string, unknown> = {};
  // The SDK captures a stack trace for every promise and resource (for leak reports and source
  // positions that mocks never use); with ts-node's source-map support each capture maps every
  // frame, which was most of a run's time. Short, unmapped traces during the run (restored after)
  // make a run several times faster; errors the program throws keep their message.
  const sourceMappedTraces = Error.prepareStackTrace;
  const traceLimit = Error.stackTraceLimit;
  // @types/node declares the hook as always set; V8 treats undefined as "use the default".
  (Error as { prepareStackTrace?: typeof Error.prepareStackTrace }).prepareStackTrace = undefined;
  Error.stackTraceLimit = 1;
  try {
    const exported = body();
    outputs =
      exported && typeof exported === "object"
        ? await resolveExports(exported as Record<string, unknown>)
        : {};
  } catch (caught) {
    error = caught instanceof Error ? caught : new Error(String(caught));
  } finally {
    await settings.waitForRPCs();
    Error.prepareStackTrace = sourceMappedTraces;
    Error.stackTraceLimit = traceLimit;
  }

  const resources: RegisteredResource[] = records.map((record) => {
    const options = seen.get(`${record.type}::${record.name}`);
    return {
      ...record,
      urn: options?.urn ?? `urn:pulumi:${stack}::${PROJECT}::${record.type}::${record.name}`,
      parent: options?.parent,
      protect: options?.protect ?? false,
      retainOnDelete: options?.retainOnDelete ?? false,
      ignoreChanges: options?.ignoreChanges ?? [],
      additionalSecretOutputs: options?.additionalSecretOutputs ?? [],
      deleteBeforeReplace: options?.deleteBeforeReplace ?? false,
      deletedWith: options?.deletedWith,
      dependencies: options?.dependencies ?? [],
      propertyDependencies: options?.propertyDependencies ?? {},
    };
  });
  return makeRun(resources, outputs, config, error);
}

function makeRun(
  resources: RegisteredResource[],
  outputs: Record<string, unknown>,
  config: Record<string, string>,
  error: Error | undefined,
): ProgramRun {
  return {
    resources,
    outputs,
    error,
    config,
    ofType: (type) => resources.filter((resource) => resource.type === type),
    get(type, name) {
      const found = resources.find((resource) => resource.type === type && resource.name === name);
      if (!found) {
        const names = resources
          .filter((resource) => resource.type === type)
          .map((resource) => resource.name);
        throw new Error(`No ${type} named ${name}; registered: ${names.join(", ") || "none"}`);
      }
      return found;
    },
    childrenOf(componentName) {
      const component = resources.find(
        (resource) => !resource.custom && resource.name === componentName,
      );
      if (!component) {
        throw new Error(`No component named ${componentName}`);
      }
      const descendants = new Set<string>([component.urn]);
      let grew = true;
      while (grew) {
        grew = false;
        for (const resource of resources) {
          if (
            resource.parent &&
            descendants.has(resource.parent) &&
            !descendants.has(resource.urn)
          ) {
            descendants.add(resource.urn);
            grew = true;
          }
        }
      }
      return resources.filter(
        (resource) => resource.urn !== component.urn && descendants.has(resource.urn),
      );
    },
  };
}

/**
 * Runs index.ts with `Pulumi.<stack>.yaml` plus overrides, as the stack `stackName` (default: the
 * file's own stack name; another name runs that stack file under a longer or odd stack name).
 */
export function runProgram(
  stack: StackName,
  overrides?: ConfigOverrides,
  options?: { preview?: boolean; stackName?: string },
): Promise<ProgramRun> {
  return runWithMocks(
    options?.stackName ?? stack,
    applyOverrides(stackConfig(stack), overrides),
    undefined,
    options,
  );
}

const cache = new Map<string, Promise<ProgramRun>>();

/** `runProgram` memoised per stack and overrides, for the many read-only assertions on one run. */
export function runProgramOnce(
  stack: StackName,
  overrides?: ConfigOverrides,
  stackName: string = stack,
): Promise<ProgramRun> {
  // `undefined` (unset a key) must not collapse into the baseline run's cache key.
  const key = `${stack}@${stackName}:${JSON.stringify(overrides ?? {}, (_name, value: unknown) => (value === undefined ? "<unset>" : value))}`;
  if (!cache.has(key)) {
    cache.set(key, runProgram(stack, overrides, { stackName }));
  }
  return cache.get(key) as Promise<ProgramRun>;
}

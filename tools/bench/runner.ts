/**
 * How `pulumi preview`/`up` start this project's program, for the benchmark to start it the same way:
 * the real `@pulumi/pulumi/cmd/run`, with the command line and environment the Node.js language host
 * gives it (pulumi/pulumi `sdk/nodejs/cmd/pulumi-language-nodejs/main.go`: `parseOptions`,
 * `constructArguments`, `constructConfig`, `execRuntime`), and the SDK's mocks preloaded where the
 * engine's resource monitor would be (tools/bench/mock-monitor.js).
 *
 * From Pulumi.yaml it reads what changes how the program starts: `main` (the program folder and
 * entry point, as `pwdAndMain` reads it), `runtime.options.typescript` (default true: PULUMI_NODEJS_TYPESCRIPT, so cmd/run registers
 * ts-node from the tsconfig), `runtime.options.tsconfig` (PULUMI_NODEJS_TSCONFIG_PATH) and
 * `runtime.options.nodeargs` (put before cmd/run).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";

export interface ProjectRuntime {
  /** Pulumi.yaml `main` (a file or folder, relative to the project), if set. */
  readonly main?: string;
  /** Whether cmd/run registers ts-node (Pulumi.yaml `runtime.options.typescript`). */
  readonly typescript: boolean;
  /** `runtime.options.tsconfig`: the tsconfig cmd/run reads instead of tsconfig.json. */
  readonly tsconfig?: string;
  /** What the language host puts between `node` and cmd/run (`runtime.options.nodeargs`). */
  readonly nodeArgs: readonly string[];
}

export class ProjectRuntimeError extends Error {}

function optionOf<T>(options: Record<string, unknown>, key: string, kind: string, fallback: T): T {
  const value = options[key] ?? fallback;
  if (typeof value !== kind) {
    throw new ProjectRuntimeError(
      `Pulumi.yaml runtime.options.${key} must be a ${kind} (the language host refuses ${JSON.stringify(value)}).`,
    );
  }
  return value as T;
}

/** Pulumi.yaml as the Node.js language host reads it; what it would refuse is refused by name. */
export function projectRuntime(pulumiYaml: string): ProjectRuntime {
  const project = (YAML.parse(pulumiYaml) ?? {}) as { runtime?: unknown; main?: unknown };
  const runtime = project.runtime;
  const isObject = typeof runtime === "object" && runtime !== null;
  const name = isObject ? (runtime as { name?: unknown }).name : runtime;
  if (name !== "nodejs") {
    throw new ProjectRuntimeError(
      `Pulumi.yaml runtime is ${JSON.stringify(name)}: the benchmark starts programs as the nodejs language host does; set runtime.name: nodejs.`,
    );
  }
  const options = isObject
    ? ((runtime as { options?: Record<string, unknown> }).options ?? {})
    : {};
  const nodeargs = optionOf(options, "nodeargs", "string", "");
  // The host splits with shlex (quotes, escapes, # comments); the benchmark splits on spaces only.
  if (/["'\\#]/.test(nodeargs)) {
    throw new ProjectRuntimeError(
      "Pulumi.yaml runtime.options.nodeargs uses quotes, backslashes or #: the benchmark splits on spaces only; write the arguments without them.",
    );
  }
  const tsconfig = optionOf<string | undefined>(options, "tsconfig", "string", "") || undefined;
  const main = typeof project.main === "string" && project.main !== "" ? project.main : undefined;
  return {
    ...(main === undefined ? {} : { main }),
    typescript: optionOf(options, "typescript", "boolean", true),
    ...(tsconfig === undefined ? {} : { tsconfig }),
    nodeArgs: nodeargs.split(/\s+/).filter(Boolean),
  };
}

/** The mocks cmd/run is started with; plain JavaScript, loaded before cmd/run registers ts-node. */
export const MOCK_MONITOR = path.join(__dirname, "mock-monitor.js");

export interface Launch {
  readonly stack: string;
  /** The stack's config as the engine holds it (`<namespace>:<key>` -> string). */
  readonly config: Readonly<Record<string, string>>;
  readonly project: string;
  /** The program directory (the host's `--pwd`). */
  readonly root: string;
  /**
   * Another program to run in the project's place (relative to `root`, with the project's folder and
   * tsconfig); default: the project's own, from Pulumi.yaml `main`.
   */
  readonly entryPoint?: string;
  /** Cut the SDK's stack traces from the first registration on (to show their share). */
  readonly skipSdkStackTraces: boolean;
  /** More environment for the program itself (the floor program's count). */
  readonly programEnv?: Readonly<Record<string, string>>;
}

/**
 * The host's config variable: keys as `<namespace>:config:<key>` (main.go `constructConfig`, kept for
 * older SDKs).
 */
export function configVariable(config: Readonly<Record<string, string>>): string {
  const transformed = Object.fromEntries(
    Object.entries(config).map(([key, value]) => {
      const colon = key.indexOf(":");
      return [`${key.slice(0, colon)}:config:${key.slice(colon + 1)}`, value];
    }),
  );
  return JSON.stringify(transformed);
}

/**
 * The program folder and entry point the engine gives the host for Pulumi.yaml `main` (pulumi/pulumi
 * `pkg/engine/project.go`, `getPwdMain`): none -> the project folder and "."; a folder -> that folder
 * and "."; a file -> its folder and its name.
 */
export function pwdAndMain(root: string, main: string | undefined): { pwd: string; entry: string } {
  if (main === undefined) {
    return { pwd: root, entry: "." };
  }
  const target = path.resolve(root, main);
  let isFolder: boolean;
  try {
    isFolder = fs.statSync(target).isDirectory();
  } catch (error) {
    throw new ProjectRuntimeError(
      `Pulumi.yaml main (${main}) cannot be read: ${(error as Error).message}`,
    );
  }
  return isFolder
    ? { pwd: target, entry: "." }
    : { pwd: path.dirname(target), entry: path.basename(target) };
}

/** `node <argv>` with `env`: the language host's launch of cmd/run for `pulumi up`. */
export function launchCommand(
  runtime: ProjectRuntime,
  launch: Launch,
): { argv: string[]; env: NodeJS.ProcessEnv } {
  const { pwd, entry } =
    launch.entryPoint === undefined
      ? pwdAndMain(launch.root, runtime.main)
      : { pwd: launch.root, entry: launch.entryPoint };
  const runPath = require.resolve(
    process.env.PULUMI_LANGUAGE_NODEJS_RUN_PATH ?? "@pulumi/pulumi/cmd/run",
    { paths: [pwd] }, // the host's locateModule, from the program folder
  );
  const argv = [
    ...runtime.nodeArgs,
    "--require",
    MOCK_MONITOR,
    runPath,
    ...["--monitor", "mock", "--project", launch.project, "--stack", launch.stack],
    // Inert under the mocks (the preload's settings predate it), passed as the host passes it.
    ...["--pwd", pwd, "--parallel", String(os.cpus().length * 4)],
    entry,
  ];
  // The host passes its own environment on (PULUMI_NODEJS_TRANSPILE_ONLY and the like included).
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PULUMI_CONFIG: configVariable(launch.config),
    PULUMI_CONFIG_SECRET_KEYS: "[]",
    ...launch.programEnv,
    BENCH_PROJECT: launch.project,
    BENCH_STACK: launch.stack,
    BENCH_SKIP_SDK_TRACES: String(launch.skipSdkStackTraces),
  };
  if (runtime.typescript) {
    env.PULUMI_NODEJS_TYPESCRIPT = "true";
  }
  if (runtime.tsconfig !== undefined) {
    env.PULUMI_NODEJS_TSCONFIG_PATH = runtime.tsconfig;
  }
  return { argv, env };
}

/**
 * `npm run bench [-- --runs N] [--stack <stack>]...`: how long `pulumi preview`/`up` takes to start
 * and run the program, per stack (default: every `Pulumi.<stack>.yaml`, whatever it is called),
 * against an empty `@pulumi/aws` program (tools/bench/empty-program.ts) started the same way.
 *
 * "The same way" is what `@pulumi/pulumi/cmd/run` does for a TypeScript program
 * (node_modules/@pulumi/pulumi/cmd/run/run.js): it reads `compilerOptions` from the tsconfig
 * (`PULUMI_NODEJS_TSCONFIG_PATH`, else `tsconfig.json`; raw JSON, `extends` is not followed),
 * type-checks unless `PULUMI_NODEJS_TRANSPILE_ONLY` or `compilerOptions.noCheck` says otherwise,
 * and registers ts-node with those options; ts-node adds the tsconfig's `"ts-node"` section (SWC).
 * Each child repeats that registration with the SDK's own helpers, then runs the program under the
 * SDK's mocks (the engine and providers are not measured). Each measurement is a fresh node
 * process, timed from spawn to exit; the median of N runs is printed with the ratio.
 */
import { spawnSync } from "child_process";
import * as os from "os";
import { discoverStacks, readStackFile, ROOT } from "../stacks/stack-files";

const TARGET_RATIO = 1.3;
const EMPTY_PROGRAM = "./tools/bench/empty-program.ts";

interface Sample {
  readonly wallMs: number;
  /** Time inside the process from before the first require to the end, as the child reports it. */
  readonly innerMs: number;
}

/** cmd/run's TypeScript set-up (CommonJS branch), statement for statement. */
const REGISTER_LIKE_CMD_RUN = `
const tsutils = require("@pulumi/pulumi/tsutils");
const tsConfigPath = process.env.PULUMI_NODEJS_TSCONFIG_PATH ?? "tsconfig.json";
const compilerOptions = tsutils.loadTypeScriptCompilerOptions(tsConfigPath);
const transpileOnlyEnv = process.env.PULUMI_NODEJS_TRANSPILE_ONLY;
const transpileOnly = transpileOnlyEnv ? transpileOnlyEnv === "true" : compilerOptions.noCheck;
const { tsnodeRequire, typescriptRequire } = tsutils.typeScriptRequireStrings();
const tsVersion = require("semver").parse(require(typescriptRequire).version);
const useNodeNext = tsVersion && tsVersion.compare("4.7.0") >= 0;
require(tsnodeRequire).register({
  compiler: typescriptRequire,
  transpileOnly,
  project: tsConfigPath,
  skipProject: !require("fs").existsSync(tsConfigPath),
  compilerOptions: {
    target: "ES2020",
    module: useNodeNext ? "nodenext" : "commonjs",
    moduleResolution: useNodeNext ? "nodenext" : "node",
    sourceMap: "true",
    ...compilerOptions,
  },
});
`;

/** A child that starts like cmd/run, then runs `body` (a JS expression) under the mocks. */
function childScript(stack: string, body: string): string {
  return `
const t0 = process.hrtime.bigint();
${REGISTER_LIKE_CMD_RUN}
const { config } = require("./tools/stacks/stack-files").readStackFile(${JSON.stringify(stack)});
require("./tools/simulate/program").runWithMocks(${JSON.stringify(stack)}, config, () => ${body}).then((run) => {
  if (run.error) { throw run.error; }
  console.log(JSON.stringify({ innerMs: Number(process.hrtime.bigint() - t0) / 1e6, resources: run.resources.length }));
});
`;
}

function sample(script: string): Sample {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0) {
    throw new Error(`benchmark child failed: ${child.stderr}`);
  }
  const last = child.stdout.trim().split("\n").pop() ?? "{}";
  return { wallMs, innerMs: (JSON.parse(last) as { innerMs: number }).innerMs };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function measure(script: string, runs: number): { wallMs: number; innerMs: number } {
  sample(script); // warm the file-system cache; not counted
  const samples = Array.from({ length: runs }, () => sample(script));
  return {
    wallMs: median(samples.map((s) => s.wallMs)),
    innerMs: median(samples.map((s) => s.innerMs)),
  };
}

/** The stacks named with --stack (each must have a valid stack file), else every stack file. */
function stacksToMeasure(argv: readonly string[]): string[] {
  const named = argv.flatMap((arg, index) => (arg === "--stack" ? [argv[index + 1]] : []));
  return named.length > 0
    ? named.map((stack) => readStackFile(stack).stack)
    : discoverStacks().map((stack) => stack.stack);
}

export function main(argv: readonly string[]): void {
  const runsIndex = argv.indexOf("--runs");
  const runs = runsIndex >= 0 ? Number(argv[runsIndex + 1]) : 5;
  const stacks = stacksToMeasure(argv);
  const empty = measure(childScript(stacks[0], `require(${JSON.stringify(EMPTY_PROGRAM)})`), runs);
  const rows = [{ name: 'empty program (`import "@pulumi/aws"`)', ...empty }];
  for (const stack of stacks) {
    rows.push({
      name: `program: ${stack}`,
      ...measure(childScript(stack, `require("./index.ts")`), runs),
    });
  }
  const fmt = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
  const load = os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(" ");
  console.log(
    `node ${process.version}, started as @pulumi/pulumi/cmd/run starts them, under mocks; ` +
      `median of ${runs} fresh processes each; load average ${load}\n`,
  );
  console.log("| what | wall (spawn to exit) | in-process | x empty (wall) |");
  console.log("|---|---|---|---|");
  for (const row of rows) {
    console.log(
      `| ${row.name} | ${fmt(row.wallMs)} | ${fmt(row.innerMs)} | ${(row.wallMs / empty.wallMs).toFixed(2)}x |`,
    );
  }
  const worst = Math.max(...rows.slice(1).map((row) => row.wallMs / empty.wallMs));
  console.log(
    `\ntarget: within ${TARGET_RATIO}x of the empty program; worst stack ${worst.toFixed(2)}x: ${worst <= TARGET_RATIO ? "met" : "NOT met"}`,
  );
}

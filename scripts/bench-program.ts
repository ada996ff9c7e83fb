/**
 * `npm run bench [-- --runs N] [--stack <stack>]...`: the program's run time under mocks per stack
 * (default: every `Pulumi.<stack>.yaml`, whatever it is called) against the floor any
 * Pulumi TypeScript program pays, a bare `require('@pulumi/pulumi')` + `require('@pulumi/aws')`.
 * Each measurement is a fresh node process (what `npm test`, the checklist and `pulumi preview` each
 * pay once), timed from spawn to exit; the median of N runs is printed with the ratio.
 */
import { spawnSync } from "child_process";
import * as path from "path";
import { discoverStacks, readStackFile, StackFileError } from "../lib/stack-files";

const ROOT = path.resolve(__dirname, "..");
const TARGET_RATIO = 1.3;

interface Sample {
  readonly wallMs: number;
  /** Time inside the process from before the first require to the end, as the child reports it. */
  readonly innerMs: number;
}

const BARE = `
const t0 = process.hrtime.bigint();
require("@pulumi/pulumi");
require("@pulumi/aws");
console.log(JSON.stringify({ innerMs: Number(process.hrtime.bigint() - t0) / 1e6 }));
`;

function programScript(stack: string): string {
  return `
const t0 = process.hrtime.bigint();
require("ts-node").register({ swc: true });
const { config } = require("./lib/stack-files").readStackFile(${JSON.stringify(stack)});
require("./lib/mock-run/program").runWithMocks(${JSON.stringify(stack)}, config).then((run) => {
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

function main(argv: readonly string[]): void {
  const runsIndex = argv.indexOf("--runs");
  const runs = runsIndex >= 0 ? Number(argv[runsIndex + 1]) : 5;
  const stacks = stacksToMeasure(argv);
  const bare = measure(BARE, runs);
  const rows = [{ name: "bare import @pulumi/pulumi + @pulumi/aws", ...bare }];
  for (const stack of stacks) {
    rows.push({ name: `program under mocks: ${stack}`, ...measure(programScript(stack), runs) });
  }
  const fmt = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
  console.log(`node ${process.version}, median of ${runs} fresh processes each\n`);
  console.log("| what | wall (spawn to exit) | in-process | x bare (wall) |");
  console.log("|---|---|---|---|");
  for (const row of rows) {
    console.log(
      `| ${row.name} | ${fmt(row.wallMs)} | ${fmt(row.innerMs)} | ${(row.wallMs / bare.wallMs).toFixed(2)}x |`,
    );
  }
  const worst = Math.max(...rows.slice(1).map((row) => row.wallMs / bare.wallMs));
  console.log(
    `\ntarget: within ${TARGET_RATIO}x of the bare import; worst stack ${worst.toFixed(2)}x: ${worst <= TARGET_RATIO ? "met" : "NOT met"}`,
  );
}

try {
  main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof StackFileError)) {
    throw error;
  }
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 2;
}

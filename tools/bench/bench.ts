/**
 * `npm run bench [-- --runs N] [--stack <stack>]...`: how long `pulumi preview`/`up` take to start
 * and run the program, per stack (default: every `Pulumi.<stack>.yaml`, whatever it is called),
 * against an empty `@pulumi/aws` program (tools/bench/empty-program.ts) started the same way.
 *
 * "The same way" is the real `@pulumi/pulumi/cmd/run` launched as the language host launches it
 * (tools/bench/runner.ts), with the SDK's mocks in place of the engine (the engine and providers are
 * not measured). A second row per stack cuts the SDK's stack traces from the first registration on,
 * to show their share; only the first row is judged. `--floor N` adds a row of N light resources (log groups)
 * (tools/bench/floor-program.ts): what the SDK's registration alone costs. Each measurement is a fresh node process,
 * timed from spawn to exit, the rows taken in turn (rounds); the median of N runs is printed with
 * the ratio.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { discoverStacks, PROJECT, readStackFile, ROOT } from "../stacks/stack-files";
import { Launch, launchCommand, ProjectRuntime, projectRuntime } from "./runner";

export const TARGET_RATIO = 1.3;
const EMPTY_PROGRAM = "tools/bench/empty-program.ts";
const FLOOR_PROGRAM = "tools/bench/floor-program.ts";
/** cmd/run waits forever on an entry point that does not exist; no run of ours takes a minute. */
const RUN_TIMEOUT_MS = 60_000;

interface Sample {
  readonly wallMs: number;
  /** Time inside the process from the preload to exit, as the child reports it. */
  readonly innerMs: number;
  /** Stack traces formatted through the source-map support from the first registration on. */
  readonly traces: number;
  /** Resources registered, the stack's own included. */
  readonly resources: number;
}

/** One `pulumi up`-like run of the program; a failing run is an error naming the program. */
export function sample(runtime: ProjectRuntime, launch: Launch): Sample {
  const { argv, env } = launchCommand(runtime, launch);
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, argv, {
    cwd: launch.root,
    env,
    encoding: "utf8",
    timeout: RUN_TIMEOUT_MS,
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const program = launch.entryPoint ?? runtime.main ?? "the project";
  if (child.status !== 0) {
    const why = child.error
      ? `${child.error.message} (limit ${RUN_TIMEOUT_MS / 1000} s)`
      : child.stderr;
    throw new Error(`benchmark run of ${program} (${launch.stack}) failed: ${why}`);
  }
  const last = child.stdout.trim().split("\n").pop() ?? "{}";
  const reported = JSON.parse(last) as Omit<Sample, "wallMs">;
  return {
    wallMs,
    innerMs: reported.innerMs,
    traces: reported.traces,
    resources: reported.resources,
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Every launch `runs` times, in rounds of one run each, so that a slow spell of the machine slows
 * every row alike instead of one row's whole series; each round starts one row further on, so no
 * row always runs first; one warm-up round first (file-system cache).
 */
export function measureInRounds(
  launches: readonly Launch[],
  runs: number,
  run: (launch: Launch) => Sample,
): Sample[] {
  launches.forEach(run);
  const series: Sample[][] = launches.map(() => []);
  for (let round = 0; round < runs; round += 1) {
    for (let step = 0; step < launches.length; step += 1) {
      const index = (round + step) % launches.length;
      series[index].push(run(launches[index]));
    }
  }
  return series.map((samples) => ({
    wallMs: median(samples.map((s) => s.wallMs)),
    innerMs: median(samples.map((s) => s.innerMs)),
    traces: samples[0].traces,
    resources: samples[0].resources,
  }));
}

/** The stacks named with --stack (each must have a valid stack file), else every stack file. */
function stacksToMeasure(argv: readonly string[]): string[] {
  const named = argv.flatMap((arg, index) => (arg === "--stack" ? [argv[index + 1]] : []));
  return named.length > 0
    ? named.map((stack) => readStackFile(stack).stack)
    : discoverStacks().map((stack) => stack.stack);
}

export class BenchUsageError extends Error {}

/** `--<flag> N`: a positive whole number, else `fallback`. */
function countFrom<T>(argv: readonly string[], flag: string, fallback: T): number | T {
  const index = argv.indexOf(flag);
  if (index < 0) {
    return fallback;
  }
  const count = Number(argv[index + 1]);
  if (!Number.isInteger(count) || count < 1) {
    throw new BenchUsageError(
      `${flag} takes a positive whole number, not ${JSON.stringify(argv[index + 1])}.`,
    );
  }
  return count;
}

/** `--runs N`: a positive whole number, default 5. */
export const runsFrom = (argv: readonly string[]): number => countFrom(argv, "--runs", 5);

/** `--floor N`: also run N log groups (the SDK's registration cost alone); default none. */
export const floorFrom = (argv: readonly string[]): number | undefined =>
  countFrom(argv, "--floor", undefined);

export interface Row extends Sample {
  readonly name: string;
  /** Counted against the target: a program run the way `pulumi up` runs it. */
  readonly judged: boolean;
}

/** The Markdown table and the verdict; `empty` is the denominator of every ratio. */
export function report(empty: Sample, rows: readonly Row[]): string[] {
  const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
  const ratio = (row: Sample): number => row.wallMs / empty.wallMs;
  const lines = [
    "| what | resources | wall (spawn to exit) | in-process | x empty (wall) | stack traces to the source-map formatter |",
    "|---|---|---|---|---|---|",
  ];
  for (const row of [{ name: 'empty program (`import "@pulumi/aws"`)', ...empty }, ...rows]) {
    lines.push(
      `| ${row.name} | ${row.resources} | ${seconds(row.wallMs)} | ${seconds(row.innerMs)} | ${ratio(row).toFixed(2)}x | ${row.traces} |`,
    );
  }
  const judged = rows.filter((row) => row.judged);
  if (judged.length === 0) {
    throw new Error("report: no program run as pulumi up runs it");
  }
  const worst = Math.max(...judged.map(ratio));
  lines.push(
    "",
    `target: within ${TARGET_RATIO}x of the empty program; worst stack as pulumi runs it ${worst.toFixed(2)}x: ${worst <= TARGET_RATIO ? "met" : "NOT met"}`,
  );
  return lines;
}

/** `npm run bench [-- --runs N] [--stack <stack>]... [--floor N]` */
export function main(argv: readonly string[]): void {
  const runs = runsFrom(argv);
  const stacks = stacksToMeasure(argv);
  const runtime = projectRuntime(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8"));
  const launchOf = (stack: string, skipSdkStackTraces: boolean, entryPoint?: string): Launch => ({
    stack,
    config: readStackFile(stack).config,
    project: PROJECT,
    root: ROOT,
    skipSdkStackTraces,
    ...(entryPoint === undefined ? {} : { entryPoint }),
  });
  const floor = floorFrom(argv);
  const measured: Array<{ name: string; judged: boolean; launch: Launch }> = [
    ...(floor === undefined
      ? []
      : [
          {
            name: `${floor} light resources (log groups: the SDK's registration alone)`,
            judged: false,
            launch: {
              ...launchOf(stacks[0], false, FLOOR_PROGRAM),
              programEnv: { BENCH_RESOURCES: String(floor) },
            },
          },
        ]),
    ...stacks.flatMap((stack) => [
      { name: `program: ${stack}`, judged: true, launch: launchOf(stack, false) },
      {
        name: `program: ${stack}, SDK stack traces cut (their share)`,
        judged: false,
        launch: launchOf(stack, true),
      },
    ]),
  ];
  const [empty, ...samples] = measureInRounds(
    [launchOf(stacks[0], false, EMPTY_PROGRAM), ...measured.map((row) => row.launch)],
    runs,
    (launch) => sample(runtime, launch),
  );
  const rows: Row[] = measured.map(({ name, judged }, index) => ({
    name,
    judged,
    ...samples[index],
  }));
  const load = os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(" ");
  console.log(
    `node ${process.version}; the real @pulumi/pulumi/cmd/run launched as the language host launches it ` +
      `(typescript: ${runtime.typescript}, nodeargs: ${JSON.stringify(runtime.nodeArgs.join(" "))}), the SDK's mocks as the engine; ` +
      `median of ${runs} fresh processes each; load average ${load}\n`,
  );
  if (process.env.PULUMI_DEBUG_PROMISE_LEAKS) {
    console.log(
      "PULUMI_DEBUG_PROMISE_LEAKS is set: the program formats every SDK promise trace (sdk-traces.ts), as pulumi up would with it.\n",
    );
  }
  console.log(report(empty, rows).join("\n"));
}

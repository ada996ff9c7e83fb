/**
 * `npm run bench` must run programs the way `pulumi preview`/`up` run them: the real cmd/run, with
 * the command line and environment the Node.js language host gives it (Pulumi.yaml's runtime
 * options), the SDK's stack traces as pulumi has them; or its ratio says nothing about pulumi.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  BenchUsageError,
  floorFrom,
  measureInRounds,
  median,
  report,
  Row,
  runsFrom,
  sample,
} from "../../../tools/bench/bench";
import {
  configVariable,
  Launch,
  launchCommand,
  MOCK_MONITOR,
  projectRuntime,
  ProjectRuntimeError,
  pwdAndMain,
} from "../../../tools/bench/runner";
import { PROJECT, ROOT } from "../../harness/program";

const refusal = (yaml: string, pattern: RegExp): void =>
  assert.throws(
    () => projectRuntime(yaml),
    (error: unknown) => error instanceof ProjectRuntimeError && pattern.test(error.message),
  );

const PROJECT_RUNTIME = projectRuntime(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8"));
const launch = (overrides: Partial<Launch> = {}): Launch => ({
  stack: "production",
  config: { "aws:region": "eu-west-1", "decision-control:edition": "production" },
  project: PROJECT,
  root: ROOT,
  skipSdkStackTraces: false,
  ...overrides,
});

describe("npm run bench: Pulumi.yaml read as the Node.js language host reads it", () => {
  it("this project: its package.json entry point, TypeScript through cmd/run's ts-node, no node arguments", () => {
    assert.deepEqual(PROJECT_RUNTIME, { typescript: true, nodeArgs: [] });
  });

  it("follows main and runtime.options: typescript defaults to true, tsconfig, nodeargs split", () => {
    assert.deepEqual(projectRuntime("runtime: nodejs\n"), {
      typescript: true,
      nodeArgs: [],
    });
    assert.deepEqual(
      projectRuntime(
        "main: src/\nruntime:\n  name: nodejs\n  options:\n    typescript: false\n    tsconfig: tsconfig.run.json\n    nodeargs: --require  ./hook.js --max-old-space-size=4096\n",
      ),
      {
        main: "src/",
        typescript: false,
        tsconfig: "tsconfig.run.json",
        nodeArgs: ["--require", "./hook.js", "--max-old-space-size=4096"],
      },
    );
  });

  it("refuses what the host refuses, or splits differently, naming the key", () => {
    refusal("runtime: python\n", /runtime is "python".*runtime\.name: nodejs/);
    refusal(
      "runtime:\n  name: nodejs\n  options:\n    typescript: yes please\n",
      /runtime\.options\.typescript must be a boolean/,
    );
    refusal(
      "runtime:\n  name: nodejs\n  options:\n    nodeargs: [--require, x]\n",
      /runtime\.options\.nodeargs must be a string/,
    );
    refusal(
      "runtime:\n  name: nodejs\n  options:\n    tsconfig: 3\n",
      /runtime\.options\.tsconfig must be a string/,
    );
    for (const nodeargs of ["--require 'a b.js'", "--a\\ b", "--x # comment"]) {
      refusal(
        `runtime:\n  name: nodejs\n  options:\n    nodeargs: "${nodeargs.replace(/\\/g, "\\\\")}"\n`,
        /nodeargs uses quotes, backslashes or #/,
      );
    }
  });
});

describe("npm run bench: cmd/run launched as the language host launches it", () => {
  it("node arguments first, then the mocks, then cmd/run with the host's flags and the entry point", () => {
    const { argv } = launchCommand(
      { typescript: true, nodeArgs: ["--max-old-space-size=4096"] },
      launch(),
    );
    assert.equal(argv[0], "--max-old-space-size=4096");
    assert.deepEqual(argv.slice(1, 3), ["--require", MOCK_MONITOR]);
    assert.equal(argv[3], require.resolve("@pulumi/pulumi/cmd/run", { paths: [ROOT] }));
    const flags = argv.slice(4, -1);
    for (const [flag, value] of [
      ["--monitor", "mock"],
      ["--project", PROJECT],
      ["--stack", "production"],
      ["--pwd", ROOT],
    ]) {
      assert.equal(flags[flags.indexOf(flag) + 1], value, flag);
    }
    assert.ok(!flags.includes("--dry-run"), "pulumi up, not preview");
    assert.equal(argv.at(-1), ".");
    assert.equal(
      launchCommand(PROJECT_RUNTIME, launch({ entryPoint: "x.ts" })).argv.at(-1),
      "x.ts",
    );
  });

  it("the host's environment: config keys as <namespace>:config:<key>, TypeScript and tsconfig flags", () => {
    assert.deepEqual(JSON.parse(configVariable({ "aws:region": "eu-west-1", "p:a:b": "1" })), {
      "aws:config:region": "eu-west-1",
      "p:config:a:b": "1",
    });
    const ts = launchCommand(PROJECT_RUNTIME, launch()).env;
    assert.equal(ts.PULUMI_NODEJS_TYPESCRIPT, "true");
    assert.equal(ts.PULUMI_NODEJS_TSCONFIG_PATH, undefined);
    assert.equal(ts.PULUMI_CONFIG, configVariable(launch().config));
    assert.equal(ts.BENCH_SKIP_SDK_TRACES, "false");
    const js = launchCommand(
      { typescript: false, tsconfig: "tsconfig.run.json", nodeArgs: [] },
      launch({ skipSdkStackTraces: true }),
    ).env;
    assert.equal(js.PULUMI_NODEJS_TYPESCRIPT, undefined);
    assert.equal(js.PULUMI_NODEJS_TSCONFIG_PATH, "tsconfig.run.json");
    assert.equal(js.BENCH_SKIP_SDK_TRACES, "true");
  });

  it("Pulumi.yaml main as the engine reads it: a folder becomes --pwd with entry point ., a file splits", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "bench-main-"));
    try {
      fs.mkdirSync(path.join(root, "src"));
      fs.writeFileSync(path.join(root, "src", "main.ts"), "");
      fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(root, "node_modules"));
      assert.deepEqual(pwdAndMain(root, undefined), { pwd: root, entry: "." });
      assert.deepEqual(pwdAndMain(root, "src/"), { pwd: path.join(root, "src"), entry: "." });
      assert.deepEqual(pwdAndMain(root, "src/main.ts"), {
        pwd: path.join(root, "src"),
        entry: "main.ts",
      });
      assert.throws(() => pwdAndMain(root, "gone"), /Pulumi\.yaml main \(gone\) cannot be read/);
      const { argv } = launchCommand(
        { main: "src", typescript: true, nodeArgs: [] },
        launch({ root }),
      );
      assert.equal(argv[argv.indexOf("--pwd") + 1], path.join(root, "src"));
      assert.equal(argv.at(-1), ".");
    } finally {
      fs.rmSync(root, { recursive: true });
    }
  });

  it("the real cmd/run runs a program under the mocks: resources registered, traces formatted, or cut", function () {
    this.timeout(60_000);
    const probe = launch({ entryPoint: "test/tools/bench/programs/one-bucket.ts" });
    const mapped = sample(PROJECT_RUNTIME, probe);
    const cut = sample(PROJECT_RUNTIME, { ...probe, skipSdkStackTraces: true });
    // The bucket's properties each get promises whose stack traces the installed formatter (ts-node's
    // source-map support) formats.
    assert.ok(mapped.traces > 20, String(mapped.traces));
    assert.equal(cut.traces, 0);
    assert.equal(mapped.resources, 2, "the stack and the bucket");
    assert.ok(mapped.innerMs > 0 && mapped.wallMs >= mapped.innerMs);
  });

  it("--floor: the floor program registers as many resources as asked, plus the stack", function () {
    this.timeout(30_000);
    const floor = sample(
      PROJECT_RUNTIME,
      launch({ entryPoint: "tools/bench/floor-program.ts", programEnv: { BENCH_RESOURCES: "3" } }),
    );
    assert.equal(floor.resources, 4);
    // Under the real cmd/run the program's wrapper (sdk-traces.ts) keeps the SDK's promise traces
    // from the source-map formatter: what reaches it is one source-position trace per resource.
    assert.equal(floor.traces, floor.resources);
  });

  it("a program that fails fails the benchmark, naming it and showing its error", function () {
    this.timeout(30_000);
    assert.throws(
      () => sample(PROJECT_RUNTIME, launch({ entryPoint: "test/tools/bench/programs/throws.ts" })),
      /benchmark run of test\/tools\/bench\/programs\/throws\.ts \(production\) failed: [^]*this program fails on purpose/,
    );
  });
});

describe("npm run bench: the report", () => {
  const empty = { wallMs: 1000, innerMs: 900, traces: 1, resources: 1 };
  const row = (name: string, wallMs: number, judged: boolean): Row => ({
    name,
    wallMs,
    innerMs: wallMs - 100,
    traces: judged ? 10_000 : 0,
    resources: 152,
    judged,
  });

  it("judges only the runs made as pulumi runs them, against the empty program", () => {
    const lines = report(empty, [
      row("program: production", 1250, true),
      row("program: production, SDK stack traces cut (their share)", 2000, false),
      row("program: sandbox", 1300, true),
    ]);
    assert.match(lines.at(-1) ?? "", /worst stack as pulumi runs it 1\.30x: met$/);
    assert.ok(lines.includes("| program: production | 152 | 1.25 s | 1.15 s | 1.25x | 10000 |"));
    const failing = report(empty, [row("program: production", 1310, true), row("x", 500, false)]);
    assert.match(failing.at(-1) ?? "", /1\.31x: NOT met$/);
  });

  it("takes the rows in turn, each round starting one row on, one warm-up round first; each row's medians", () => {
    const order: string[] = [];
    const walls: Record<string, number[]> = { a: [9, 1, 3, 2], b: [9, 10, 30, 20] };
    const measured = measureInRounds(
      [launch({ stack: "a" }), launch({ stack: "b" })],
      3,
      ({ stack }) => {
        order.push(stack);
        const wallMs = walls[stack].shift() ?? NaN;
        return { wallMs, innerMs: wallMs / 2, traces: 7, resources: 3 };
      },
    );
    // Warm-up a b, then rounds a b, b a, a b.
    assert.deepEqual(order, ["a", "b", "a", "b", "b", "a", "a", "b"]);
    assert.deepEqual(measured, [
      { wallMs: 2, innerMs: 1, traces: 7, resources: 3 },
      { wallMs: 20, innerMs: 10, traces: 7, resources: 3 },
    ]);
  });

  it("medians, --runs and --floor", () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(runsFrom([]), 5);
    assert.equal(runsFrom(["--stack", "production", "--runs", "7"]), 7);
    assert.equal(floorFrom([]), undefined);
    assert.equal(floorFrom(["--floor", "151"]), 151);
    assert.throws(() => floorFrom(["--floor", "-3"]), /--floor takes a positive whole number/);
    for (const bad of ["0", "2.5", "many"]) {
      assert.throws(
        () => runsFrom(["--runs", bad]),
        (error: unknown) =>
          error instanceof BenchUsageError &&
          /--runs takes a positive whole number/.test(error.message),
      );
    }
  });
});

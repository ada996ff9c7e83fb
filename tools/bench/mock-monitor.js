// @ts-check
/**
 * Preloaded (`node --require`) into the real `@pulumi/pulumi/cmd/run` by `npm run bench`, before
 * cmd/run does anything: it puts the SDK's mocks where the engine's resource monitor would be, so
 * the program runs exactly as `pulumi up` runs it, up to the engine. Plain JavaScript because it
 * loads before cmd/run registers ts-node; the mock provider itself (tools/simulate/mocks.ts) loads
 * on the first registration, by then through cmd/run's ts-node.
 *
 * Reads BENCH_PROJECT, BENCH_STACK and BENCH_SKIP_SDK_TRACES ("true": from the first registration on,
 * the SDK's stack traces are cut to one unformatted frame, to show their share of the run). Prints
 * one JSON line at exit: {innerMs, resources, traces}, traces being the stack traces that reach the
 * installed formatter (ts-node's or cmd/run's source-map support) from the first registration on.
 */
const startedAt = process.hrtime.bigint();
const path = require("path");
const { runtime } = require("@pulumi/pulumi");

let resources = 0;
let traces = 0;
let registering = false;
/** @type {import("@pulumi/pulumi/runtime").Mocks | undefined} */
let provider;

function mockProvider() {
  provider ??= require(path.join(__dirname, "../simulate/mocks")).recordingMocks([]);
  return /** @type {import("@pulumi/pulumi/runtime").Mocks} */ (provider);
}

function firstRegistration() {
  if (registering) {
    return;
  }
  registering = true;
  if (process.env.BENCH_SKIP_SDK_TRACES === "true") {
    Error.prepareStackTrace = undefined;
    Error.stackTraceLimit = 1;
    return;
  }
  const format = Error.prepareStackTrace;
  // The count must sit behind the program's own wrapper (sdk-traces.ts), so that it counts what
  // reaches the source-map formatter: true while the root Stack registers before the program loads.
  // By now cmd/run has registered ts-node, so the program's TypeScript can be read.
  const { INSTALLED } = require(path.join(__dirname, "../../sdk-traces"));
  if (format && INSTALLED in format) {
    throw new Error(
      "mock-monitor: the program's trace wrapper was installed before the first registration; the trace count would include the traces it skips",
    );
  }
  if (format) {
    Error.prepareStackTrace = (error, frames) => {
      traces += 1;
      return format(error, frames);
    };
  }
}

void runtime.setMocks(
  {
    newResource(args) {
      firstRegistration();
      resources += 1;
      return mockProvider().newResource(args);
    },
    call(args) {
      firstRegistration();
      return mockProvider().call(args);
    },
  },
  process.env.BENCH_PROJECT,
  process.env.BENCH_STACK,
  false,
);
// The engine's monitor answers cmd/run's shutdown signal; the SDK's mock monitor has no such call.
const monitor = /** @type {Record<string, unknown>} */ (runtime.getMonitor());
monitor.signalAndWaitForShutdown = (
  /** @type {unknown} */ _request,
  /** @type {(error: null, reply: object) => void} */ reply,
) => reply(null, {});

process.on("exit", () => {
  const innerMs = Number(process.hrtime.bigint() - startedAt) / 1e6;
  process.stdout.write(`${JSON.stringify({ innerMs, resources, traces })}\n`);
});

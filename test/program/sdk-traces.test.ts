/**
 * The SDK's promise traces (read for every promise it wraps, used only in leak reports) are not
 * formatted under `pulumi up`; every other stack trace still goes through the installed formatter.
 */
import { strict as assert } from "assert";
import * as path from "path";
import { skipSdkPromiseTraces } from "../../sdk-traces";
import { ROOT, runWithMocks, stackConfig } from "../harness/program";

const { debuggablePromise } = require("@pulumi/pulumi/runtime/debuggable") as {
  debuggablePromise<T>(promise: Promise<T>, context: string): Promise<T>;
};

/** A stand-in for ts-node's source-map support: every trace it formats reads "MAPPED". */
const mapped = (): string => "MAPPED";

/** The trace the SDK keeps on a promise it wraps (on the promise given, not the one returned). */
function sdkPromiseTrace(): string {
  const promise = Promise.resolve(1);
  void debuggablePromise(promise, "sdk-traces test");
  return (promise as unknown as { _debugStackTrace: string })._debugStackTrace;
}

describe("sdk-traces: the SDK's promise traces are not source-mapped", () => {
  let installed: typeof Error.prepareStackTrace;
  beforeEach(() => {
    installed = Error.prepareStackTrace;
    Error.prepareStackTrace = mapped;
  });
  afterEach(() => {
    Error.prepareStackTrace = installed;
  });

  it("the SDK's promise traces skip the formatter; an error's trace still goes through it", () => {
    assert.equal(sdkPromiseTrace(), "MAPPED", "the SDK formats its promise traces when left alone");
    skipSdkPromiseTraces({});
    assert.match(sdkPromiseTrace(), /not formatted: set PULUMI_DEBUG_PROMISE_LEAKS to keep it/);
    assert.equal(new Error("boom").stack, "MAPPED");
  });

  it("an error thrown inside the SDK's promise wrapper (not its capture) is still formatted", async () => {
    skipSdkPromiseTraces({});
    // The wrapper's rejection handler sets `err.promise`: on a string that throws a TypeError there.
    const failure = await debuggablePromise(
      Promise.reject("not an object"),
      "sdk-traces test",
    ).then(
      () => undefined,
      (error: unknown) => error,
    );
    assert.ok(failure instanceof TypeError, String(failure));
    assert.equal(failure.stack, "MAPPED");
  });

  it("with PULUMI_DEBUG_PROMISE_LEAKS set (the leak report prints the traces) nothing changes", () => {
    skipSdkPromiseTraces({ PULUMI_DEBUG_PROMISE_LEAKS: "1" });
    assert.equal(Error.prepareStackTrace, mapped);
    assert.equal(sdkPromiseTrace(), "MAPPED");
  });

  it("is installed once, and not at all without a formatter (V8's own is fast)", () => {
    skipSdkPromiseTraces({});
    const first = Error.prepareStackTrace;
    skipSdkPromiseTraces({});
    assert.equal(Error.prepareStackTrace, first);
    (Error as { prepareStackTrace?: unknown }).prepareStackTrace = undefined;
    skipSdkPromiseTraces({});
    assert.equal(Error.prepareStackTrace, undefined);
  });

  it("the program (index.ts) installs it when pulumi runs it", async () => {
    let duringRun: typeof Error.prepareStackTrace | undefined;
    let traceOfFirstResource: string | undefined;
    const run = await runWithMocks("production", stackConfig("production"), () => {
      // The mock runner clears the formatter for speed; put one back as cmd/run's ts-node would.
      Error.prepareStackTrace = mapped;
      const outputs: unknown = require(path.join(ROOT, "index.ts"));
      duringRun = Error.prepareStackTrace;
      traceOfFirstResource = sdkPromiseTrace();
      return outputs;
    });
    assert.equal(run.error, undefined);
    assert.notEqual(duringRun, mapped);
    assert.match(traceOfFirstResource ?? "", /not formatted/);
  });
});

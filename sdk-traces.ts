/**
 * Why `pulumi up` needs this: @pulumi/pulumi reads `new Error().stack` for every promise it wraps
 * (`debuggablePromise` in runtime/debuggable.js: four for every property of every resource, about
 * 10,000 in production) and keeps the text for one use only, the leak report it prints when
 * PULUMI_DEBUG_PROMISE_LEAKS is set. Under `pulumi up`, ts-node's source-map support maps every frame
 * of every one of them, which was more than a second of the program's run (docs/delivery.md,
 * "Benchmarks"). The fix belongs in the SDK; until then, those traces, and only those, are not
 * formatted. Every other stack trace (an error's, the SDK's source positions) goes through
 * the installed formatter as before; with PULUMI_DEBUG_PROMISE_LEAKS set nothing changes.
 */
/** Where the SDK captures its promise traces; a future SDK that moves it only loses the speed-up. */
const SDK_PROMISE_TRACE_FILE = /[\\/]@pulumi[\\/]pulumi[\\/]runtime[\\/]debuggable\.js$/;
const SDK_PROMISE_TRACE_FUNCTION = "debuggablePromise";
/** Marks the installed wrapper (read by the benchmark's trace counter too). */
export const INSTALLED = Symbol.for("decision-control.sdk-promise-traces");

type CallSite = NodeJS.CallSite;
type Formatter = (error: Error, frames: CallSite[]) => unknown;

/**
 * What such a trace reads instead: nothing reads it unless leak debugging is on, and then this module
 * stands aside, so even V8's unmapped frames (80,000 CallSite.toString calls) would be wasted.
 */
const NOT_FORMATTED =
  "    at (an @pulumi/pulumi promise trace, not formatted: set PULUMI_DEBUG_PROMISE_LEAKS to keep it)";

/**
 * Only the capture itself, `new Error().stack` in debuggablePromise: a plain Error without a message,
 * taken there. An error thrown anywhere else in that file (its rejection handler) is formatted.
 */
function isSdkPromiseTrace(error: Error, top: CallSite | undefined): boolean {
  return (
    top !== undefined &&
    Object.getPrototypeOf(error) === Error.prototype &&
    error.message === "" &&
    top.getFunctionName() === SDK_PROMISE_TRACE_FUNCTION &&
    SDK_PROMISE_TRACE_FILE.test(top.getFileName() ?? "")
  );
}

/**
 * Leaves the SDK's promise traces unformatted, in front of the installed formatter. Does nothing
 * when leak debugging is on, when no formatter is installed (V8's own is fast), or twice.
 */
export function skipSdkPromiseTraces(env: NodeJS.ProcessEnv = process.env): void {
  const format = Error.prepareStackTrace as Formatter | undefined;
  // The SDK's own test: any non-empty value turns leak debugging on.
  if (env.PULUMI_DEBUG_PROMISE_LEAKS || typeof format !== "function" || INSTALLED in format) {
    return;
  }
  const formatter: Formatter = (error, frames) =>
    isSdkPromiseTrace(error, frames[0])
      ? `${String(error)}\n${NOT_FORMATTED}`
      : format(error, frames);
  Object.defineProperty(formatter, INSTALLED, { value: true });
  Error.prepareStackTrace = formatter as typeof Error.prepareStackTrace;
}

// Settings both mutation runs share (root stryker.config.mjs and policy-pack/stryker.config.mjs).
// Why these values: README "Mutation testing" (policy-pack/README.md, section Tests).

/** @param {{ plugins: string[] }} local paths relative to the folder Stryker runs in */
export function sharedOptions({ plugins }) {
  return {
    testRunner: "mocha",
    // Per-test coverage: a mutant runs only the tests that reach it.
    coverageAnalysis: "perTest",
    // The results of unchanged mutants and tests are reused from the committed incremental file.
    incremental: true,
    // Two shared cores on the development machines; CI may raise it with --concurrency.
    concurrency: 2,
    plugins: ["@stryker-mutator/mocha-runner", ...plugins],
    // Mutants that only change message text are not counted (stryker/ignore-message-text.mjs).
    ignorers: ["message-text"],
    reporters: ["clear-text", "progress-append-only", "html", "json"],
    // Type errors a mutant introduces are not checked (no typescript-checker: it type-checks every
    // mutant, minutes per file on two cores); the tests run transpile-only, so such mutants run.
    timeoutMS: 10000,
    thresholds: { high: 90, low: 85, break: null },
    tempDirName: ".stryker-tmp",
    cleanTempDir: "always",
  };
}

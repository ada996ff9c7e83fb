// Mutation testing of the policy pack's semantics (lib/, policies/ and the in-process harness)
// against its own suite.
// Run from the repository root: `npm run mutation:pack` (one file:
// `npm run mutation:pack -- --mutate lib/ports.ts`). Stryker is installed at the root; it runs
// here so that the pack's mocha config and paths apply as they do for `npm test`.
// STRYKER_SPEC (comma-separated globs, e.g. "test/lib/iam*.test.ts,test/policies/identity.test.ts")
// limits a run to the tests that own a file: helpers such as lib/policy-kit.ts are reached by every
// test, and a mutant there would otherwise rerun the whole suite (hours on two cores).
import { sharedOptions } from "../stryker/shared.mjs";

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  ...sharedOptions({ plugins: ["../stryker/ignore-message-text.mjs"] }),
  mutate: [
    "lib/**/*.ts",
    "policies/**/*.ts",
    // Data only: the privilege-escalation table (its action names are checked against AWS's list
    // by test/lib/escalation-data.test.ts), the policies' metadata table and the list of policies.
    "!lib/escalation-data.ts",
    // The start-up trim runs only in the compiled pack (test/fast-start.test.ts, not run here). The
    // in-process harness (harness/) is test tooling, not the pack's judgement.
    "!lib/fast-start.ts",
    "!policies/metadata.ts",
    "!policies/index.ts",
  ],
  mochaOptions: {
    config: ".mocharc.json",
    ...(process.env.STRYKER_SPEC ? { spec: process.env.STRYKER_SPEC.split(",") } : {}),
    // engine.test.ts and fast-start.test.ts start the compiled pack (bin/) and publish.test.ts
    // lists it, none of which Stryker mutates; metadata.test.ts checks the metadata table, which is
    // not mutated either.
    ignore: [
      "test/engine.test.ts",
      "test/fast-start.test.ts",
      "test/metadata.test.ts",
      "test/publish.test.ts",
    ],
  },
  ignorePatterns: ["/bin", "/bench", "/reports"],
  incrementalFile: "../stryker/incremental/pack.json",
  htmlReporter: { fileName: "../reports/mutation/pack.html" },
  jsonReporter: { fileName: "../reports/mutation/pack.json" },
};

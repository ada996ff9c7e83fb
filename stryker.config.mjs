// Mutation testing of config/ (the config rules and validation) against its unit tests.
// Run: `npm run mutation:config` (one file: `npm run mutation:config -- --mutate config/rules.ts`).
// The policy pack has its own config (policy-pack/stryker.config.mjs): its tests run from its
// folder with its own mocha config. Shared settings: stryker/shared.mjs.
import { delimiter } from "node:path";
import { fileURLToPath } from "node:url";
import { sharedOptions } from "./stryker/shared.mjs";

// config/ imports the pack's CIDR/port semantics, whose policy-kit requires @pulumi/policy from the
// pack's node_modules; the sandbox leaves that folder out (hundreds of MB), so the test runners,
// which inherit this environment, resolve it there.
process.env.NODE_PATH = [
  fileURLToPath(new URL("./policy-pack/node_modules", import.meta.url)),
  process.env.NODE_PATH,
]
  .filter(Boolean)
  .join(delimiter);

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  ...sharedOptions({ plugins: ["./stryker/ignore-message-text.mjs"] }),
  mutate: [
    "config/**/*.ts",
    // Data and types only: the edition table, the interfaces, and the loader that only wires
    // pulumi.Config into validateConfig (exercised by the program tests, not by unit tests).
    "!config/editions.ts",
    "!config/types.ts",
    "!config/index.ts",
  ],
  mochaOptions: {
    config: ".mocharc.json",
    spec: ["test/config/**/*.test.ts"],
  },
  // The sandbox needs the program's sources and the config tests, not the other projects; of the
  // policy pack, only its pure helpers (config judges CIDRs with the pack's lib/cidr.ts).
  ignorePatterns: [
    "/policy-pack/*",
    "!/policy-pack/lib",
    "/governance",
    "/docs",
    "/.github",
    "/.scratch",
    "/reports",
  ],
  incrementalFile: "stryker/incremental/config.json",
  htmlReporter: { fileName: "reports/mutation/config.html" },
  jsonReporter: { fileName: "reports/mutation/config.json" },
};

/**
 * Pulumi.yaml's `config:` declarations against the program's own validation. The CLI refuses a
 * stack that lacks a key declared without a default ("Stack '<name>' is missing configuration
 * value"), before the program runs, and fills declared defaults in itself; mocks never see either.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { CONFIG_KEYS, Settings } from "../../config";
import { ROOT } from "../harness/program";
import { assertAccepts, assertRejects } from "./expect";

interface Declaration {
  readonly type?: string;
  readonly default?: unknown;
}

const declarations =
  (
    YAML.parse(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8")) as {
      config?: Record<string, Declaration>;
    }
  ).config ?? {};

describe("Pulumi.yaml config declarations", () => {
  it("declare only keys the program reads", () =>
    assert.deepEqual(
      Object.keys(declarations).filter((key) => !CONFIG_KEYS.includes(key)),
      [],
    ));

  for (const [key, declaration] of Object.entries(declarations)) {
    for (const stack of ["sandbox", "production"] as const) {
      if (declaration.default === undefined) {
        it(`${key} (no default, so the CLI requires it) is required by the program too (${stack})`, () =>
          assertRejects(stack, { [key]: undefined }, `decision-control:${key}`, /required/));
      } else {
        it(`${key}: the declared default ${JSON.stringify(declaration.default)} is the program's (${stack})`, () =>
          assert.deepEqual(
            assertAccepts(stack, { [key]: undefined })[key as keyof Settings],
            declaration.default,
          ));
      }
    }
  }
});

import { strict as assert } from "assert";
import { assertAccepts, assertRejects, validate } from "./expect";

const warningsAbout = (key: string, overrides: Record<string, unknown>): string[] =>
  validate("production", overrides).warnings.filter((warning) =>
    warning.startsWith(`decision-control:${key}:`),
  );

describe("IAM-3, MON-3: what exists once per account (cloudTrail, recordGlobalResourceTypes)", () => {
  it("IAM-3: cloudTrail defaults to create; existing is accepted", () => {
    assert.equal(assertAccepts("production", {}).cloudTrail, "create");
    assert.equal(assertAccepts("production", { cloudTrail: "existing" }).cloudTrail, "existing");
  });

  it("IAM-3: any other cloudTrail is refused, naming both modes", () =>
    assertRejects(
      "sandbox",
      { cloudTrail: "none" },
      "decision-control:cloudTrail",
      /"create".*"existing"/,
    ));

  it("IAM-3: accountBaseline false with cloudTrail unset warns that a second trail is charged", () => {
    const [warning] = warningsAbout("cloudTrail", { accountBaseline: false });
    assert.match(warning, /every copy of management events after the first/);
    assert.match(warning, /although decision-control:accountBaseline is false/);
    assert.deepEqual(
      warningsAbout("cloudTrail", { accountBaseline: false, cloudTrail: "create" }),
      [],
    );
    assert.deepEqual(warningsAbout("cloudTrail", {}), []);
  });

  it("MON-3: recordGlobalResourceTypes defaults to true; false is accepted for the other regions", () => {
    assert.equal(assertAccepts("production", {}).recordGlobalResourceTypes, true);
    assert.equal(
      assertAccepts("production", { recordGlobalResourceTypes: false }).recordGlobalResourceTypes,
      false,
    );
  });

  it("MON-3: recordGlobalResourceTypes must be a boolean", () =>
    assertRejects(
      "production",
      { recordGlobalResourceTypes: "no" },
      "decision-control:recordGlobalResourceTypes",
      /true or false/,
    ));

  it("MON-3: recordGlobalResourceTypes is ignored, with a warning, when accountBaseline is false", () => {
    const warnings = warningsAbout("recordGlobalResourceTypes", {
      accountBaseline: false,
      cloudTrail: "existing",
      recordGlobalResourceTypes: false,
    });
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /ignored because decision-control:accountBaseline is false/);
    assert.deepEqual(
      warningsAbout("recordGlobalResourceTypes", { recordGlobalResourceTypes: false }),
      [],
    );
  });
});

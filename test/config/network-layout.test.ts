import { strict as assert } from "assert";
import { ConfigError, validateConfig } from "../../config/validate";
import { availabilityZoneIssue } from "../../config/network-layout";
import { applyOverrides, ConfigOverrides, stackConfig } from "../harness/program";
import { assertAccepts, assertRejects, problems } from "./expect";

const RUNBOOK = /README, Operations, "Change the network layout"/;
const ZONES = "decision-control:availabilityZones";

describe("NET-2: the network layout is set once (vpcCidr, availabilityZones)", () => {
  for (const [stack, formerRange] of [
    ["sandbox", "10.20.0.0/16"],
    ["production", "10.30.0.0/16"],
  ] as const) {
    it(`${stack}: vpcCidr is required; the error points to the runbook and names the range the edition used to default to (${formerRange})`, () =>
      assertRejects(
        stack,
        { vpcCidr: undefined },
        "decision-control:vpcCidr",
        new RegExp(
          `required, and set once.*${RUNBOOK.source}.*created before this key was required: set ${formerRange.replace(/\./g, "\\.")}`,
        ),
      ));
  }

  it("availabilityZones is required; the error points to the runbook and gives zones of aws:region", () =>
    assertRejects(
      "production",
      { availabilityZones: undefined },
      ZONES,
      new RegExp(`required, and set once.*${RUNBOOK.source}.*\\[eu-west-1a, eu-west-1b\\]`),
    ));

  it("availabilityZones missing: the example zones are those of aws:region", () =>
    assertRejects(
      "production",
      { availabilityZones: undefined },
      ZONES,
      /zones your account offers in us-east-1, e\.g\. \[us-east-1a, us-east-1b\]/,
      "us-east-1",
    ));

  it("without aws:region only the region is reported: the zones cannot be checked against it", () => {
    const issuesWithoutRegion = (overrides: ConfigOverrides) => {
      try {
        validateConfig(applyOverrides(stackConfig("production"), overrides), {
          region: undefined,
          stack: "production",
        });
      } catch (error) {
        assert.ok(error instanceof ConfigError, String(error));
        return error.issues;
      }
      assert.fail("expected the missing aws:region to be refused");
    };
    assert.deepEqual(
      issuesWithoutRegion({}).map((issue) => issue.key),
      ["aws:region"],
    );
    const [zones] = issuesWithoutRegion({ availabilityZones: undefined }).filter(
      (issue) => issue.key === ZONES,
    );
    assert.match(zones.message, /offers in aws:region, e\.g\. \[eu-west-1a, eu-west-1b\]/);
  });

  it("a zone name is the region's name taken literally, followed by one letter", () => {
    assert.equal(availabilityZoneIssue("eu.west-1a", "eu.west-1"), undefined);
    assert.match(
      String(availabilityZoneIssue("euxwest-1a", "eu.west-1")),
      /not an Availability Zone/,
    );
  });

  it("a missing vpcCidr and missing zones are reported together", () => {
    const keys = problems("sandbox", {
      vpcCidr: undefined,
      availabilityZones: undefined,
    }).issues.map((issue) => issue.key);
    assert.ok(keys.includes("decision-control:vpcCidr") && keys.includes(ZONES), keys.join(", "));
  });

  it("the pinned zones are kept exactly, in the order given (zone i holds subnet slot i)", () => {
    assert.deepEqual(assertAccepts("production", {}).availabilityZones, [
      "eu-west-1a",
      "eu-west-1b",
    ]);
    assert.deepEqual(
      assertAccepts("production", { availabilityZones: ["eu-west-1c", "eu-west-1a", "eu-west-1b"] })
        .availabilityZones,
      ["eu-west-1c", "eu-west-1a", "eu-west-1b"],
    );
  });

  it("2 or 3 zones: 1 and 4 are refused", () => {
    assertRejects(
      "production",
      { availabilityZones: ["eu-west-1a"] },
      ZONES,
      /lists 1 zone; list 2 or 3/,
    );
    assertRejects(
      "sandbox",
      { availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c", "eu-west-1d"] },
      ZONES,
      /lists 4 zones; list 2 or 3/,
    );
  });

  it("a zone listed twice is refused", () =>
    assertRejects(
      "production",
      { availabilityZones: ["eu-west-1a", "eu-west-1a"] },
      ZONES,
      /eu-west-1a more than once/,
    ));

  it("a zone of another region, or a Local Zone, is refused under its index", () => {
    assertRejects(
      "production",
      { availabilityZones: ["eu-west-1a", "us-east-1b"] },
      `${ZONES}.1`,
      /"us-east-1b" is not an Availability Zone of eu-west-1/,
    );
    assertRejects(
      "production",
      { availabilityZones: ["eu-west-1-xyz-1a", "eu-west-1b"] },
      `${ZONES}.0`,
      /Local Zones/,
    );
  });

  it("a single zone name instead of a list names the key", () =>
    assertRejects("sandbox", { availabilityZones: "eu-west-1a" }, ZONES));

  it("the retired availabilityZoneCount names its replacement and the runbook, not just 'unknown key'", () =>
    assertRejects(
      "production",
      { availabilityZoneCount: 3 },
      "decision-control:availabilityZoneCount",
      new RegExp(`replaced by ${ZONES}.*${RUNBOOK.source}`),
    ));
});

// Config validation at the edges the mutation run (npm run mutation:config) found untested: each
// case changes one value of a shipped stack file and names the rule and control it pins.
import { strict as assert } from "assert";
import { COMPLIANCE_FLOORS, EDITIONS } from "../../config/editions";
import { ConfigReport, EditionScope } from "../../config/report";
import { ConfigError, validateConfig } from "../../config/validate";
import { validateRegions } from "../../config/validate-account";
import { networkEditionRules, validateNetwork } from "../../config/validate-network";
import { applyOverrides, stackConfig } from "../harness/program";
import { assertAccepts, assertRejects, problems, REGION, validate } from "./expect";

const keysOf = (error: ConfigError) => error.issues.map((issue) => issue.key);
const messageAt = (error: ConfigError, key: string): string =>
  error.issues.find((issue) => issue.key === key)?.message ?? `no issue at ${key}`;

describe("config validation: edges (decision-control:*)", () => {
  describe("the error itself", () => {
    it("ConfigError is named, and its message has one line per issue, each starting with the full key", () => {
      const error = problems("sandbox", { amiId: "ami-1", alarmEmail: "ops" });
      assert.equal(error.name, "ConfigError");
      assert.deepEqual(
        error.message.split("\n").map((line) => line.slice(0, line.indexOf(": "))),
        keysOf(error),
      );
      assert.equal(error.issues.length, 2);
    });
    it("a shape error is reported once and the rest of the config is still judged", () => {
      const error = problems("production", { appInstanceCount: "two", allowedCidr: "0.0.0.0/0" });
      assert.deepEqual(keysOf(error).sort(), [
        "decision-control:allowedCidr",
        "decision-control:appInstanceCount",
      ]);
    });
    it("a structured key that is not JSON names the key and where its fields are documented", () => {
      const raw = { ...stackConfig("sandbox"), "decision-control:database": "{not json" };
      assert.throws(
        () => validateConfig(raw, { region: REGION, stack: "sandbox" }),
        (error: unknown) =>
          error instanceof ConfigError &&
          error.issues.some(
            (issue) =>
              issue.key === "decision-control:database" &&
              /not valid structured YAML\/JSON/.test(issue.message),
          ),
      );
    });
  });

  describe("shapes", () => {
    const shapes: Array<[string, Record<string, unknown>, string, RegExp]> = [
      [
        "a number where a zone name belongs",
        { domain: { zoneName: 5, subdomain: "d" } },
        "decision-control:domain.zoneName",
        /^must be a string\.$/,
      ],
      [
        "one zone instead of a list",
        { availabilityZones: '"eu-west-1a"' },
        "decision-control:availabilityZones",
        /^must be a list of zone names\.$/,
      ],
      [
        "one region instead of a list",
        { allowedRegions: '"eu-west-1"' },
        "decision-control:allowedRegions",
        /^must be a list of region names\.$/,
      ],
      [
        "a string where an object belongs",
        { database: '"big"' },
        "decision-control:database",
        /^must be an object; see README/,
      ],
      [
        "an unknown field of domain, listing domain's fields",
        { domain: { zoneName: "example.com", subdomain: "d", zone: "x" } },
        "decision-control:domain.zone",
        /one of: zoneName, subdomain\.$/,
      ],
      [
        "an unknown field of ssh, listing ssh's fields",
        { ssh: { enabled: false, key: "x" } },
        "decision-control:ssh.key",
        /one of: enabled, keyName\.$/,
      ],
    ];
    for (const [what, overrides, key, pattern] of shapes) {
      it(`refuses ${what}`, () => assertRejects("sandbox", overrides, key, pattern));
    }
    it("a fraction where a whole number belongs is refused in words, inside a structured key too", () => {
      assertRejects(
        "production",
        { database: { multiAz: true, allocatedStorageGb: 20.5 } },
        "decision-control:database.allocatedStorageGb",
        /^must be a whole number\.$/,
      );
    });
    it("integers are read from their text with surrounding spaces; other keys keep numeric text as text", () => {
      assert.equal(assertAccepts("sandbox", { appInstanceCount: " 1 " }).appInstanceCount, 1);
      assertRejects(
        "sandbox",
        { instanceType: "123" },
        "decision-control:instanceType",
        /is not an EC2 instance type name/,
      );
    });
  });

  describe("stack name and edition", () => {
    it("a stack name longer than 30 characters is refused under 'stack name'", () => {
      const raw = stackConfig("sandbox");
      assert.throws(
        () => validateConfig(raw, { region: REGION, stack: "s".repeat(31) }),
        (error: unknown) => error instanceof ConfigError && keysOf(error).includes("stack name"),
      );
    });
    it("an unknown edition is reported alone: no edition-specific rule judges the rest (NET-1)", () => {
      // 10.0.0.0/8 is fine for production but refused by the sandbox edition's client rule.
      assert.deepEqual(keysOf(problems("production", { edition: "staging" })), [
        "decision-control:edition",
      ]);
    });
    it("a missing edition is required; another value is named as not an edition", () => {
      assertRejects("sandbox", { edition: undefined }, "decision-control:edition", /^is required;/);
      assertRejects(
        "sandbox",
        { edition: "staging" },
        "decision-control:edition",
        /^"staging" is not an edition;/,
      );
    });
    it("settings carry the project the engine names, else decision-control, and an IPv4 allowedCidr", () => {
      const raw = stackConfig("production");
      const named = validateConfig(raw, { region: REGION, stack: "p", project: "other" }).settings;
      assert.equal(named.project, "other");
      const settings = validate("production").settings;
      assert.equal(settings.project, "decision-control");
      assert.equal(settings.allowedCidrKind, "ipv4");
    });
  });

  describe("NET-2: vpcCidr", () => {
    it("an invalid prefix is reported once, by the format rule, not again as too small for subnets", () => {
      const error = problems("production", { vpcCidr: "10.30.0.0/25" });
      assert.deepEqual(keysOf(error), ["decision-control:vpcCidr"]);
      assert.match(error.issues[0].message, /has prefix \/25/);
    });
  });

  describe("CMP-1: allowedRegions unset", () => {
    it("defaults to aws:region", () => {
      assert.deepEqual(assertAccepts("sandbox", { allowedRegions: undefined }).allowedRegions, [
        REGION,
      ]);
    });
    it("without aws:region either, only the missing region is reported", () => {
      const raw = applyOverrides(stackConfig("sandbox"), { allowedRegions: undefined });
      assert.throws(
        () => validateConfig(raw, { region: undefined, stack: "sandbox" }),
        (error: unknown) => error instanceof ConfigError && keysOf(error).join() === "aws:region",
      );
    });
    it("without aws:region, no region is allowed by default (none is guessed)", () => {
      const report = new ConfigReport();
      assert.deepEqual(validateRegions({}, undefined, report).allowedRegions, []);
      assert.deepEqual(keysOf(new ConfigError(report.issues)), ["aws:region"]);
    });
    it("a region outside allowedRegions is refused, listing the allowed ones", () => {
      assertRejects(
        "sandbox",
        { allowedRegions: ["eu-central-1", "us-east-1"] },
        "aws:region",
        /^"eu-west-1" is not in decision-control:allowedRegions \(eu-central-1, us-east-1\);/,
      );
    });
  });

  describe("MON-3: recordGlobalResourceTypes without the account baseline", () => {
    it("warns only when it is set", () => {
      const about = (overrides: Record<string, unknown>) =>
        validate("production", {
          accountBaseline: false,
          cloudTrail: "create",
          ...overrides,
        }).warnings.filter((w) => w.startsWith("decision-control:recordGlobalResourceTypes"));
      assert.deepEqual(about({}), []);
      assert.equal(about({ recordGlobalResourceTypes: false }).length, 1);
    });
  });

  describe("APP-3: amiId", () => {
    it("a missing AMI ID is required for the stack's region, or 'the region' without one", () => {
      assertRejects(
        "sandbox",
        { amiId: undefined },
        "decision-control:amiId",
        /AMI ID for eu-west-1,/,
      );
      const raw = applyOverrides(stackConfig("sandbox"), { amiId: undefined });
      assert.throws(
        () => validateConfig(raw, { region: undefined, stack: "sandbox" }),
        (error: unknown) =>
          error instanceof ConfigError &&
          /AMI ID for the region,/.test(messageAt(error, "decision-control:amiId")),
      );
    });
  });

  describe("APP-2: domain", () => {
    it("each missing part is required once domain is set, with an example of that part", () => {
      const required = (domain: Record<string, string>, field: string) =>
        messageAt(problems("production", { domain }), `decision-control:domain.${field}`);
      assert.match(
        required({ subdomain: "decisions" }, "zoneName"),
        /^is required when decision-control:domain is set; e\.g\. example\.com\.$/,
      );
      assert.match(
        required({ zoneName: "example.com" }, "subdomain"),
        /^is required when decision-control:domain is set; e\.g\. decisions\.$/,
      );
    });
    const zone = `${"z".repeat(50)}.com`;
    it("a valid subdomain and zone whose name is longer than 64 characters is refused under domain", () => {
      assertRejects(
        "production",
        { domain: { zoneName: zone, subdomain: "decisions-1" } },
        "decision-control:domain",
        /has 66 characters/,
      );
    });
    it("the certificate length is judged only when both parts are valid and present", () => {
      for (const domain of [
        { zoneName: `-${zone}`, subdomain: "decisions-1" },
        { zoneName: zone, subdomain: "Decisions-1" },
        { zoneName: zone },
      ]) {
        assert.ok(
          !keysOf(problems("production", { domain })).includes("decision-control:domain"),
          JSON.stringify(domain),
        );
      }
    });
  });

  describe("ACC-2: ssh", () => {
    it("without any ssh key, SSH is off", () => {
      assert.deepEqual(assertAccepts("sandbox", { ssh: undefined }).ssh, { enabled: false });
    });
    it("enabled without a keyName is refused, naming the switch", () => {
      assertRejects(
        "sandbox",
        { ssh: { enabled: true } },
        "decision-control:ssh.keyName",
        /^is required when decision-control:ssh\.enabled is true;/,
      );
    });
    it("a keyName with SSH off is ignored, with a warning naming both keys", () => {
      const { settings, warnings } = validate("sandbox", {
        ssh: { enabled: false, keyName: "ops" },
      });
      assert.deepEqual(settings.ssh, { enabled: false });
      assert.ok(
        warnings.some((warning) =>
          warning.startsWith(
            "decision-control:ssh.keyName: ignored because decision-control:ssh.enabled is false;",
          ),
        ),
        warnings.join("\n"),
      );
    });
    it("an empty keyName is refused under ssh.keyName", () => {
      assertRejects(
        "sandbox",
        { ssh: { enabled: true, keyName: "" } },
        "decision-control:ssh.keyName",
        /1 to 255 characters/,
      );
    });
  });

  describe("NET-2: natGateways", () => {
    it("a mode that is not one is reported once, by its own rule, not judged again by the edition", () => {
      const scope: EditionScope = {
        edition: "sandbox",
        profile: EDITIONS.sandbox,
        complianceProfile: "standard",
        floors: COMPLIANCE_FLOORS.standard,
        region: REGION,
      };
      const input = { allowedCidr: "203.0.113.45/32", natGateways: "always" };
      const report = new ConfigReport();
      networkEditionRules(input, validateNetwork(input, scope, report), scope, report);
      assert.ok(keysOf(new ConfigError(report.issues)).includes("decision-control:natGateways"));
      assert.deepEqual(report.warnings, []);
    });
  });

  describe("DATA-3: storage below allocated storage, and windows that overlap", () => {
    it("a maximum below the allocated storage names the allocated key and value", () => {
      assertRejects(
        "production",
        { database: { multiAz: true, allocatedStorageGb: 50, maxAllocatedStorageGb: 40 } },
        "decision-control:database.maxAllocatedStorageGb",
        /^40 must be between decision-control:database\.allocatedStorageGb \(50\) and 65536;/,
      );
    });
    it("a maintenance window overlapping the backup window names the backup key and window", () => {
      assertRejects(
        "production",
        { database: { multiAz: true, maintenanceWindow: "sun:02:30-sun:03:30" } },
        "decision-control:database.maintenanceWindow",
        /^"sun:02:30-sun:03:30" overlaps decision-control:database\.backupWindow \("02:00-03:00"\),/,
      );
    });
  });

  describe("DATA-3: storage limits at their bounds (gp3: 20..65536 GiB)", () => {
    it("65536 GiB is accepted for allocated and maximum storage", () => {
      const settings = assertAccepts("production", {
        database: { multiAz: true, allocatedStorageGb: 65536, maxAllocatedStorageGb: 65536 },
      });
      assert.equal(settings.database.allocatedStorageGb, 65536);
    });
    it("65537 GiB is refused for allocated and for maximum storage", () => {
      assertRejects(
        "production",
        { database: { multiAz: true, allocatedStorageGb: 65537, maxAllocatedStorageGb: 65537 } },
        "decision-control:database.allocatedStorageGb",
        /20\.\.65536/,
      );
      assertRejects(
        "production",
        { database: { multiAz: true, maxAllocatedStorageGb: 65537 } },
        "decision-control:database.maxAllocatedStorageGb",
        /and 65536/,
      );
    });
  });
});

import { strict as assert } from "assert";
import { assertAccepts, assertRejects, problems, REGION, validate } from "./expect";

describe("config validation (decision-control:*)", () => {
  describe("stack files", () => {
    for (const stack of ["sandbox", "production"] as const) {
      it(`Pulumi.${stack}.yaml validates with the ${stack} defaults`, () => {
        const settings = assertAccepts(stack, {});
        assert.equal(settings.edition, stack);
        assert.ok(
          Object.isFrozen(settings) && Object.isFrozen(settings.database),
          "settings are frozen",
        );
      });
    }

    it("edition defaults come from the table: sandbox vs production", () => {
      const sandbox = assertAccepts("sandbox", {});
      const production = assertAccepts("production", {});
      assert.deepEqual(
        [
          sandbox.vpcCidr,
          sandbox.natGateways,
          sandbox.instanceType,
          sandbox.appInstanceCount,
          sandbox.logRetentionDays,
        ],
        ["10.20.0.0/16", "none", "t3.medium", 1, 30],
      );
      assert.deepEqual(
        [
          production.vpcCidr,
          production.natGateways,
          production.instanceType,
          production.appInstanceCount,
          production.logRetentionDays,
        ],
        ["10.30.0.0/16", "perAz", "m5.xlarge", 2, 90],
      );
      assert.deepEqual(
        [
          sandbox.database.instanceClass,
          sandbox.database.backupRetentionDays,
          sandbox.database.multiAz,
        ],
        ["db.t4g.micro", 7, false],
      );
      assert.deepEqual(
        [
          production.database.instanceClass,
          production.database.backupRetentionDays,
          production.database.multiAz,
        ],
        ["db.m6g.large", 14, true],
      );
      assert.equal(
        sandbox.database.maxAllocatedStorageGb,
        100,
        "default max storage is 5x allocated",
      );
      assert.deepEqual(sandbox.ssh, { enabled: false }, "ACC-2: SSH off by default");
      assert.deepEqual(
        sandbox.allowedRegions,
        [REGION],
        "CMP-1: allowedRegions defaults to aws:region",
      );
      assert.equal(sandbox.patchSchedule, "cron(0 2 ? * SUN *)");
    });

    it("structured values merge field by field over the edition defaults", () => {
      const settings = assertAccepts("production", { database: { backupRetentionDays: 21 } });
      assert.equal(settings.database.backupRetentionDays, 21);
      assert.equal(settings.database.multiAz, true, "unset fields keep the edition default");
      assert.equal(settings.database.instanceClass, "db.m6g.large");
    });
  });

  describe("unknown keys and shapes", () => {
    it("a key the program does not know is an error that lists the known keys", () => {
      assertRejects(
        "sandbox",
        { alowedCidr: "203.0.113.45/32" },
        "decision-control:alowedCidr",
        /allowedCidr, vpcCidr/,
      );
    });
    it("an unknown field inside a structured key names that field", () => {
      assertRejects(
        "production",
        { database: { multiAZ: true } },
        "decision-control:database.multiAZ",
        /multiAz/,
      );
    });
    it("a wrongly typed value names the key", () => {
      assertRejects(
        "sandbox",
        { appInstanceCount: "two" },
        "decision-control:appInstanceCount",
        /whole number/,
      );
    });
    it("reports every problem at once, each starting with its key, after a shape error too", () => {
      const error = problems("production", {
        allowedCidr: "0.0.0.0/0",
        amiId: "ami-1",
        database: { multiAz: false, bogus: 1 },
      });
      const keys = error.issues.map((issue) => issue.key);
      for (const key of [
        "decision-control:allowedCidr",
        "decision-control:amiId",
        "decision-control:database.multiAz",
        "decision-control:database.bogus",
      ]) {
        assert.ok(keys.includes(key), `missing ${key} in ${keys.join(", ")}`);
      }
      error.message
        .split("\n")
        .forEach((line) => assert.match(line, /^(decision-control|aws):[\w.]+: /));
    });
    it("keys of other namespaces are not ours to judge", () => {
      assertAccepts("sandbox", { "aws:profile": "ops" });
    });
  });

  describe("edition", () => {
    it("is required", () =>
      assertRejects("sandbox", { edition: undefined }, "decision-control:edition", /required/));
    it("accepts nothing but sandbox or production", () =>
      assertRejects(
        "sandbox",
        { edition: "staging" },
        "decision-control:edition",
        /"sandbox" or "production"/,
      ));
  });

  describe("NET-1: allowedCidr", () => {
    it("is required", () =>
      assertRejects(
        "sandbox",
        { allowedCidr: undefined },
        "decision-control:allowedCidr",
        /required/,
      ));
    for (const cidr of [
      "0.0.0.0/0",
      "::/0",
      "0.0.0.0/1",
      "128.0.0.0/2",
      "10.0.0.0/7",
      "2000::/3",
      "2001:db8::/31",
      "::ffff:0:0/96",
      "0:0:0:0:0:0:0:0/0",
    ]) {
      it(`rejects ${cidr}, which covers the internet or a large part of it`, () => {
        assertRejects("production", { allowedCidr: cidr }, "decision-control:allowedCidr");
      });
    }
    for (const cidr of ["not-a-cidr", "203.0.113.45", "300.1.1.1/32", "10.0.0.0/33"]) {
      it(`rejects the malformed ${cidr}`, () =>
        assertRejects(
          "production",
          { allowedCidr: cidr },
          "decision-control:allowedCidr",
          /not a CIDR/,
        ));
    }
    it("rejects host bits and names the network address", () =>
      assertRejects(
        "production",
        { allowedCidr: "10.1.2.3/8" },
        "decision-control:allowedCidr",
        /10\.0\.0\.0\/8/,
      ));
    for (const cidr of ["10.0.0.0/8", "203.0.113.45/32", "100.64.0.0/10"]) {
      it(`accepts ${cidr}`, () =>
        assert.equal(assertAccepts("production", { allowedCidr: cidr }).allowedCidr, cidr));
    }
    for (const cidr of ["2001:db8::/32", "2001:db8:1::/48", "fd12:3456:789a::/48"]) {
      it(`rejects the IPv6 ${cidr}: the VPC, subnets and load balancer are IPv4-only`, () => {
        for (const stack of ["sandbox", "production"] as const) {
          assertRejects(
            stack,
            { allowedCidr: cidr },
            "decision-control:allowedCidr",
            /IPv6.*IPv4-only.*e\.g\. 203\.0\.113\.45\/32/,
          );
        }
      });
    }
    it("production: a private range gets an internal ALB, a public range an internet-facing one", () => {
      assert.equal(assertAccepts("production", {}).albScheme, "internal", "the shipped 10.0.0.0/8");
      assert.equal(
        assertAccepts("production", { allowedCidr: "100.64.0.0/10" }).albScheme,
        "internal",
        "RFC 6598 shared space is reached over a private path too",
      );
      assert.equal(
        assertAccepts("production", { allowedCidr: "203.0.113.0/24" }).albScheme,
        "internet-facing",
      );
    });
    for (const cidr of ["172.0.0.0/8", "192.0.0.0/8", "100.0.0.0/8"]) {
      it(`rejects ${cidr}, which mixes private and public addresses`, () => {
        for (const stack of ["sandbox", "production"] as const) {
          assertRejects(
            stack,
            { allowedCidr: cidr },
            "decision-control:allowedCidr",
            /mixes private addresses/,
          );
        }
      });
    }
    for (const cidr of ["127.0.0.0/8", "169.254.0.0/16", "0.0.0.0/8"]) {
      it(`rejects ${cidr}, which no client connects from`, () =>
        assertRejects(
          "production",
          { allowedCidr: cidr },
          "decision-control:allowedCidr",
          /no client connects from/,
        ));
    }
    for (const cidr of ["10.0.0.0/8", "192.168.1.10/32", "100.64.0.0/10"]) {
      it(`sandbox rejects the private ${cidr}: its public Elastic IP never sees private sources`, () =>
        assertRejects(
          "sandbox",
          { allowedCidr: cidr },
          "decision-control:allowedCidr",
          /public Elastic IP/,
        ));
    }
    it("sandbox warns unless the CIDR is a single host", () => {
      assert.equal(validate("sandbox", { allowedCidr: "203.0.113.45/32" }).warnings.length, 0);
      const { warnings } = validate("sandbox", { allowedCidr: "203.0.113.0/24" });
      assert.ok(
        warnings.some(
          (warning) =>
            warning.startsWith("decision-control:allowedCidr:") && /single/.test(warning),
        ),
      );
    });
    it("NET-1: production warns, naming both keys, when allowedCidr overlaps vpcCidr (the shipped 10.0.0.0/8 contains 10.30.0.0/16)", () => {
      const overlap = (overrides: Record<string, unknown>) =>
        validate("production", overrides).warnings.filter(
          (warning) =>
            warning.startsWith("decision-control:allowedCidr:") &&
            warning.includes("decision-control:vpcCidr"),
        );
      const [warning] = overlap({});
      assert.match(warning, /10\.0\.0\.0\/8 overlaps decision-control:vpcCidr 10\.30\.0\.0\/16/);
      assert.match(warning, /cannot be answered/);
      assert.match(warning, /security group also admits every address of the VPC/);
      assert.equal(overlap({ allowedCidr: "10.0.0.0/8", vpcCidr: "172.16.0.0/16" }).length, 0);
      assert.equal(overlap({ allowedCidr: "10.40.0.0/16" }).length, 0, "a range beside the VPC");
      assert.equal(overlap({ allowedCidr: "10.30.8.0/24" }).length, 1, "a range inside the VPC");
    });
    it("production does not warn about a corporate range", () => {
      const { warnings } = validate("production", {
        allowedCidr: "10.0.0.0/8",
        vpcCidr: "172.16.0.0/16",
      });
      assert.deepEqual(
        warnings.filter((warning) => warning.startsWith("decision-control:allowedCidr:")),
        [],
      );
    });
  });

  describe("network keys", () => {
    it("vpcCidr accepts /16 to /24 private ranges", () => {
      assert.equal(
        assertAccepts("sandbox", { vpcCidr: "192.168.10.0/24" }).vpcCidr,
        "192.168.10.0/24",
      );
      assert.equal(assertAccepts("sandbox", { vpcCidr: "172.16.0.0/16" }).vpcCidr, "172.16.0.0/16");
    });
    it("vpcCidr rejects prefixes outside /16../24", () => {
      assertRejects(
        "sandbox",
        { vpcCidr: "10.0.0.0/8" },
        "decision-control:vpcCidr",
        /\/16 to \/24/,
      );
      assertRejects(
        "sandbox",
        { vpcCidr: "10.0.0.0/25" },
        "decision-control:vpcCidr",
        /\/16 to \/24/,
      );
    });
    it("vpcCidr rejects IPv6, public space and host bits", () => {
      assertRejects("sandbox", { vpcCidr: "2001:db8::/56" }, "decision-control:vpcCidr", /IPv4/);
      assertRejects("sandbox", { vpcCidr: "8.8.0.0/16" }, "decision-control:vpcCidr", /RFC 1918/);
      assertRejects(
        "sandbox",
        { vpcCidr: "10.20.1.0/16" },
        "decision-control:vpcCidr",
        /10\.20\.0\.0\/16/,
      );
    });
    it("natGateways accepts none, single and perAz only", () => {
      assert.equal(assertAccepts("production", { natGateways: "single" }).natGateways, "single");
      assert.equal(assertAccepts("sandbox", { natGateways: "none" }).natGateways, "none");
      assertRejects(
        "sandbox",
        { natGateways: "always" },
        "decision-control:natGateways",
        /"none", "single" or "perAz"/,
      );
    });
    it("NET-2: production refuses natGateways none: its private app instances egress only through NAT", () =>
      assertRejects(
        "production",
        { natGateways: "none" },
        "decision-control:natGateways",
        /private subnets.*through NAT.*"perAz"/,
      ));
    it("the sandbox builds no NAT by default and warns about one nothing would use", () => {
      assert.equal(validate("sandbox", {}).warnings.length, 0);
      for (const mode of ["single", "perAz"]) {
        const { settings, warnings } = validate("sandbox", { natGateways: mode });
        assert.equal(settings.natGateways, mode);
        assert.ok(
          warnings.some(
            (warning) =>
              warning.startsWith("decision-control:natGateways:") && /nothing/.test(warning),
          ),
          mode,
        );
      }
    });
    it("NET-2: production's VPC leaves /27 subnets for the ALB (prefix /23 at most); the sandbox may use /24", () => {
      assert.equal(
        assertAccepts("production", { vpcCidr: "10.30.0.0/23" }).vpcCidr,
        "10.30.0.0/23",
      );
      assertRejects(
        "production",
        { vpcCidr: "10.30.0.0/24" },
        "decision-control:vpcCidr",
        /\/28 subnets.*\/27 or larger.*\/16 to \/23/,
      );
      assert.equal(assertAccepts("sandbox", { vpcCidr: "10.20.0.0/24" }).vpcCidr, "10.20.0.0/24");
    });
  });

  describe("APP-3: amiId", () => {
    it("is required", () =>
      assertRejects("production", { amiId: undefined }, "decision-control:amiId", /required/));
    it("accepts 8 and 17 hex digits", () => {
      assertAccepts("production", { amiId: "ami-12345678" });
      assertAccepts("production", { amiId: "ami-0123456789abcdef0" });
    });
    for (const ami of [
      "ami-123",
      "ami-0123456789ABCDEF0",
      "ami-0123456789abcdef",
      "img-12345678",
      "latest",
    ]) {
      it(`rejects ${ami}`, () =>
        assertRejects("production", { amiId: ami }, "decision-control:amiId", /8 or 17/));
    }
  });

  describe("instances", () => {
    it("instanceType accepts family.size names", () => {
      assert.equal(
        assertAccepts("production", { instanceType: "m7i-flex.large" }).instanceType,
        "m7i-flex.large",
      );
    });
    it("instanceType rejects anything else", () =>
      assertRejects(
        "production",
        { instanceType: "large" },
        "decision-control:instanceType",
        /family\.size/,
      ));
    it("sandbox runs exactly one instance", () => {
      assert.equal(assertAccepts("sandbox", { appInstanceCount: 1 }).appInstanceCount, 1);
      assertRejects(
        "sandbox",
        { appInstanceCount: 2 },
        "decision-control:appInstanceCount",
        /exactly 1/,
      );
    });
    it("production runs 2..10 instances", () => {
      assert.equal(assertAccepts("production", { appInstanceCount: 10 }).appInstanceCount, 10);
      assertRejects(
        "production",
        { appInstanceCount: 1 },
        "decision-control:appInstanceCount",
        /2\.\.10/,
      );
      assertRejects(
        "production",
        { appInstanceCount: 11 },
        "decision-control:appInstanceCount",
        /2\.\.10/,
      );
    });
  });

  describe("IR-1: quarantine", () => {
    it("sandbox accepts it, default false", () => {
      assert.equal(assertAccepts("sandbox", {}).quarantine, false);
      assert.equal(assertAccepts("sandbox", { quarantine: true }).quarantine, true);
    });
    it("production refuses it and points at the incident command", () =>
      assertRejects(
        "production",
        { quarantine: false },
        "decision-control:quarantine",
        /npm run incident/,
      ));
    it("must be a boolean", () =>
      assertRejects(
        "sandbox",
        { quarantine: "yes" },
        "decision-control:quarantine",
        /true or false/,
      ));
  });

  describe("APP-2: domain", () => {
    it("is optional in sandbox", () =>
      assert.equal(assertAccepts("sandbox", { domain: undefined }).domain, undefined));
    it("is required in production", () =>
      assertRejects("production", { domain: undefined }, "decision-control:domain", /required/));
    it("yields the fqdn, normalised", () => {
      assert.equal(
        assertAccepts("production", { domain: { zoneName: "Example.COM.", subdomain: "dc" } })
          .domain?.fqdn,
        "dc.example.com",
      );
    });
    it("names the missing field", () =>
      assertRejects(
        "production",
        { domain: { zoneName: "example.com" } },
        "decision-control:domain.subdomain",
        /required/,
      ));
    it("rejects a zone that is not a DNS name", () =>
      assertRejects(
        "production",
        { domain: { zoneName: "example", subdomain: "dc" } },
        "decision-control:domain.zoneName",
      ));
    for (const subdomain of ["Decisions", "1app", "app_1", "app-", ""]) {
      it(`rejects the subdomain "${subdomain}"`, () =>
        assertRejects(
          "production",
          { domain: { zoneName: "example.com", subdomain } },
          "decision-control:domain.subdomain",
        ));
    }
  });

  describe("ACC-2: ssh", () => {
    it("enabled needs keyName", () =>
      assertRejects(
        "sandbox",
        { ssh: { enabled: true } },
        "decision-control:ssh.keyName",
        /key pair/,
      ));
    it("enabled with keyName is accepted", () => {
      assert.deepEqual(assertAccepts("sandbox", { ssh: { enabled: true, keyName: "ops" } }).ssh, {
        enabled: true,
        keyName: "ops",
      });
    });
    it("a keyName without enabled is ignored with a warning, never attached", () => {
      const result = validate("sandbox", { ssh: { keyName: "ops" } });
      assert.deepEqual(result.settings.ssh, { enabled: false });
      assert.ok(
        result.warnings.some((warning) => warning.startsWith("decision-control:ssh.keyName")),
      );
    });
  });

  describe("MON-1: alarmEmail", () => {
    it("is optional in sandbox", () =>
      assert.equal(assertAccepts("sandbox", { alarmEmail: undefined }).alarmEmail, undefined));
    it("is required in production", () =>
      assertRejects(
        "production",
        { alarmEmail: undefined },
        "decision-control:alarmEmail",
        /required/,
      ));
    for (const email of ["ops", "ops@", "ops@example", "o ps@example.com"]) {
      it(`rejects "${email}"`, () =>
        assertRejects("production", { alarmEmail: email }, "decision-control:alarmEmail", /email/));
    }
    it("accepts up to 254 characters, SMTP's limit, and refuses longer (it also lands in user data)", () => {
      const address = (length: number) => `${"o".repeat(64)}@${"e".repeat(length - 69)}.com`;
      assert.equal(assertAccepts("sandbox", { alarmEmail: address(254) }).alarmEmail, address(254));
      assertRejects(
        "sandbox",
        { alarmEmail: address(255) },
        "decision-control:alarmEmail",
        /at most 254 characters/,
      );
    });
  });

  describe("MON-2/CMP-3: logRetentionDays and complianceProfile", () => {
    it("accepts a CloudWatch value at or above the floor", () =>
      assert.equal(assertAccepts("production", { logRetentionDays: 365 }).logRetentionDays, 365));
    it("rejects a value CloudWatch Logs does not accept", () =>
      assertRejects(
        "production",
        { logRetentionDays: 100 },
        "decision-control:logRetentionDays",
        /3653/,
      ));
    it("rejects going below the edition floor", () => {
      assertRejects(
        "production",
        { logRetentionDays: 60 },
        "decision-control:logRetentionDays",
        /floor of 90/,
      );
      assertRejects(
        "sandbox",
        { logRetentionDays: 14 },
        "decision-control:logRetentionDays",
        /floor of 30/,
      );
    });
    it("regulated raises the floors and the defaults", () => {
      const settings = assertAccepts("production", { complianceProfile: "regulated" });
      assert.equal(settings.logRetentionDays, 365);
      assert.equal(settings.database.backupRetentionDays, 30);
      assertRejects(
        "production",
        { complianceProfile: "regulated", logRetentionDays: 180 },
        "decision-control:logRetentionDays",
        /365/,
      );
      assertRejects(
        "production",
        { complianceProfile: "regulated", database: { backupRetentionDays: 14 } },
        "decision-control:database.backupRetentionDays",
        /30\.\.35/,
      );
    });
    it("complianceProfile accepts standard and regulated only", () =>
      assertRejects(
        "production",
        { complianceProfile: "hipaa" },
        "decision-control:complianceProfile",
        /"standard" or "regulated"/,
      ));
  });

  describe("accountBaseline", () => {
    it("defaults to true and accepts false", () => {
      assert.equal(assertAccepts("production", {}).accountBaseline, true);
      assert.equal(assertAccepts("production", { accountBaseline: false }).accountBaseline, false);
    });
    it("must be a boolean", () =>
      assertRejects(
        "production",
        { accountBaseline: "no" },
        "decision-control:accountBaseline",
        /true or false/,
      ));
  });

  describe("CMP-1: aws:region and allowedRegions", () => {
    it("aws:region is required and the error names it", () =>
      assertRejects("production", { "aws:region": undefined }, "aws:region", /required/, ""));
    it("aws:region must be in allowedRegions", () => {
      assertRejects(
        "production",
        { allowedRegions: ["eu-central-1"] },
        "aws:region",
        /not in decision-control:allowedRegions/,
      );
    });
    it("accepts a list that includes aws:region", () => {
      assert.deepEqual(
        assertAccepts("production", { allowedRegions: ["eu-west-1", "eu-central-1"] })
          .allowedRegions,
        ["eu-west-1", "eu-central-1"],
      );
    });
    it("rejects an empty list and malformed region names", () => {
      assertRejects(
        "production",
        { allowedRegions: [] },
        "decision-control:allowedRegions",
        /empty/,
      );
      assertRejects(
        "production",
        { allowedRegions: ["eu-west-1", "Europe"] },
        "decision-control:allowedRegions.1",
        /region name/,
      );
    });
  });

  describe("APP-4: patchSchedule", () => {
    for (const schedule of [
      "cron(0 2 ? * SUN *)",
      "cron(30 2 1 * ? *)",
      "cron(0 4 ? * MON-FRI *)",
      "cron(45 4 ? * SUN *)",
    ]) {
      it(`accepts ${schedule}`, () =>
        assert.equal(
          assertAccepts("production", { patchSchedule: schedule }).patchSchedule,
          schedule,
        ));
    }
    for (const schedule of [
      "0 3 * * 0",
      "cron(0 3 * * SUN *)",
      "cron(0 3 ? * SUN)",
      "rate(5 minutes)",
      "rate(1 days)",
      "cron(0 25 ? * SUN *)",
      "weekly",
    ]) {
      it(`rejects ${schedule}`, () =>
        assertRejects("production", { patchSchedule: schedule }, "decision-control:patchSchedule"));
    }

    const windowKey = "decision-control:database.maintenanceWindow";
    it("APP-4: a patch run that would reach into the database maintenance window is refused, naming both keys", () =>
      assertRejects(
        "production",
        { patchSchedule: "cron(0 3 ? * SUN *)" },
        "decision-control:patchSchedule",
        new RegExp(`SUN 03:00 UTC.*${windowKey.replace(/\./g, "\\.")} \\("sun:03:30-sun:04:30"\\)`),
      ));

    it("APP-4: moving the maintenance window instead clears the same schedule", () =>
      assert.equal(
        assertAccepts("production", {
          patchSchedule: "cron(0 3 ? * SUN *)",
          database: { maintenanceWindow: "sat:03:30-sat:04:30" },
        }).patchSchedule,
        "cron(0 3 ? * SUN *)",
      ));

    it("APP-4: a run that starts before midnight and reaches a window after it is refused", () =>
      assertRejects(
        "sandbox",
        {
          patchSchedule: "cron(30 23 ? * SAT *)",
          database: { maintenanceWindow: "sun:00:10-sun:01:00" },
        },
        "decision-control:patchSchedule",
        /SAT 23:30 UTC/,
      ));

    for (const schedule of ["rate(7 days)", "rate(1 day)"]) {
      it(`APP-4: ${schedule} is refused: a rate has no fixed time to keep out of the maintenance window`, () =>
        assertRejects(
          "production",
          { patchSchedule: schedule },
          "decision-control:patchSchedule",
          /no fixed time of week.*use a cron expression/,
        ));
    }
  });

  describe("database (DATA-2..4, APP-1)", () => {
    const field = (name: string) => `decision-control:database.${name}`;
    it("instanceClass must look like db.<family>.<size> and be in the max-connections table", () => {
      assert.equal(
        assertAccepts("production", { database: { instanceClass: "db.r6g.xlarge" } }).database
          .instanceClass,
        "db.r6g.xlarge",
      );
      assertRejects(
        "production",
        { database: { instanceClass: "m6g.large" } },
        field("instanceClass"),
        /db\.<family>\.<size>/,
      );
      assertRejects(
        "production",
        { database: { instanceClass: "db.x2g.large" } },
        field("instanceClass"),
        /max_connections/,
      );
    });
    it("allocatedStorageGb is 20..65536", () => {
      assertAccepts("production", {
        database: { allocatedStorageGb: 20, maxAllocatedStorageGb: 20 },
      });
      assertRejects(
        "production",
        { database: { allocatedStorageGb: 10 } },
        field("allocatedStorageGb"),
        /20\.\.65536/,
      );
    });
    it("maxAllocatedStorageGb must be >= allocatedStorageGb", () => {
      assertRejects(
        "production",
        { database: { allocatedStorageGb: 200, maxAllocatedStorageGb: 100 } },
        field("maxAllocatedStorageGb"),
        /between/,
      );
    });
    it("engineVersion is PostgreSQL 16 or 17", () => {
      const settings = assertAccepts("production", {
        database: { engineVersion: "17.2", autoMinorVersionUpgrade: false },
      });
      assert.equal(settings.database.engineMajorVersion, "17");
      assertRejects(
        "production",
        { database: { engineVersion: "15" } },
        field("engineVersion"),
        /16 or 17/,
      );
      assertRejects(
        "production",
        { database: { engineVersion: "latest" } },
        field("engineVersion"),
        /16 or 17/,
      );
    });
    it("DATA-4: multiAz is required in production, optional in sandbox", () => {
      assertRejects("production", { database: { multiAz: false } }, field("multiAz"), /DATA-4/);
      assert.equal(
        assertAccepts("sandbox", { database: { multiAz: true } }).database.multiAz,
        true,
      );
    });
    it("DATA-3: backupRetentionDays respects the edition floor and the 35-day maximum", () => {
      assertRejects(
        "sandbox",
        { database: { backupRetentionDays: 6 } },
        field("backupRetentionDays"),
        /7\.\.35/,
      );
      assertRejects(
        "production",
        { database: { backupRetentionDays: 7 } },
        field("backupRetentionDays"),
        /14\.\.35/,
      );
      assertRejects(
        "production",
        { database: { backupRetentionDays: 36 } },
        field("backupRetentionDays"),
        /14\.\.35/,
      );
      assert.equal(
        assertAccepts("sandbox", { database: { backupRetentionDays: 35 } }).database
          .backupRetentionDays,
        35,
      );
    });
    it("backupWindow must be hh24:mi-hh24:mi of at least 30 minutes", () => {
      assertAccepts("production", {
        database: { backupWindow: "23:30-00:30", maintenanceWindow: "sun:03:30-sun:04:30" },
      });
      assertRejects(
        "production",
        { database: { backupWindow: "2am-3am" } },
        field("backupWindow"),
        /hh24:mi/,
      );
      assertRejects(
        "production",
        { database: { backupWindow: "02:00-02:15" } },
        field("backupWindow"),
        /30 minutes/,
      );
    });
    it("maintenanceWindow must be ddd:hh24:mi-ddd:hh24:mi", () => {
      assertAccepts("production", { database: { maintenanceWindow: "sat:23:30-sun:00:30" } });
      assertRejects(
        "production",
        { database: { maintenanceWindow: "sunday 03:00" } },
        field("maintenanceWindow"),
        /ddd:hh24:mi/,
      );
      assertRejects(
        "production",
        { database: { maintenanceWindow: "sun:03:30-sun:03:40" } },
        field("maintenanceWindow"),
        /30 minutes/,
      );
    });
    it("maintenanceWindow must not overlap backupWindow, and the error names maintenanceWindow", () => {
      assertRejects(
        "production",
        { database: { backupWindow: "03:00-04:00", maintenanceWindow: "wed:03:30-wed:04:30" } },
        field("maintenanceWindow"),
        /overlaps/,
      );
      assertRejects(
        "production",
        { database: { backupWindow: "23:30-00:30", maintenanceWindow: "mon:00:00-mon:01:00" } },
        field("maintenanceWindow"),
        /overlaps/,
      );
    });
    it("deletionProtection is required in production, optional in sandbox", () => {
      assertRejects(
        "production",
        { database: { deletionProtection: false } },
        field("deletionProtection"),
        /false is not allowed/,
      );
      assert.equal(
        assertAccepts("sandbox", { database: { deletionProtection: false } }).database
          .deletionProtection,
        false,
      );
    });
  });
});

import { strict as assert } from "assert";
import * as rules from "../../config/rules";
import { parseDailyWindow, parseWeeklyWindow, Rule, windowsOverlap } from "../../config/rules";

describe("config/rules: RDS windows (DATA-3)", () => {
  it("parses daily and weekly windows", () => {
    assert.deepEqual(parseDailyWindow("02:00-03:00"), [120, 180]);
    assert.deepEqual(parseWeeklyWindow("mon:01:00-mon:02:00"), [24 * 60 + 60, 24 * 60 + 120]);
    assert.equal(parseDailyWindow("24:00-01:00"), undefined);
    assert.equal(parseWeeklyWindow("xyz:01:00-mon:02:00"), undefined);
  });

  const cases: [string, string, boolean][] = [
    ["02:00-03:00", "sun:03:30-sun:04:30", false],
    ["02:00-03:00", "sun:03:00-sun:04:00", false],
    ["02:00-03:00", "sun:02:59-sun:04:00", true],
    ["02:00-03:00", "wed:01:00-wed:02:01", true],
    ["23:30-00:30", "tue:00:00-tue:01:00", true],
    ["23:30-00:30", "sat:23:00-sat:23:30", false],
    ["10:00-11:00", "sat:23:00-sun:10:30", true],
    ["05:00-06:00", "sat:23:30-sun:00:30", false],
  ];
  for (const [backup, maintenance, overlap] of cases) {
    it(`${backup} ${overlap ? "overlaps" : "does not overlap"} ${maintenance}`, () => {
      assert.equal(windowsOverlap(backup, maintenance), overlap);
    });
  }
});

/** A rule's verdicts: every accepted value gives undefined, every refused one a sentence. */
function judge<T>(name: string, rule: Rule<T>, accepted: T[], refused: Array<[T, RegExp]>): void {
  describe(`config/rules: ${name}`, () => {
    for (const value of accepted) {
      it(`accepts ${JSON.stringify(value)}`, () => {
        assert.equal(rule(value), undefined);
      });
    }
    for (const [value, pattern] of refused) {
      it(`refuses ${JSON.stringify(value)}`, () => {
        assert.match(rule(value) ?? "(accepted)", pattern);
      });
    }
  });
}

judge(
  "NET-1: allowedCidr is a trusted IPv4 range",
  rules.allowedCidrRule,
  ["203.0.113.45/32", "10.0.0.0/8", "192.168.10.0/24"],
  [
    ["not-a-cidr", /is not a CIDR block/],
    ["203.0.113.45", /is not a CIDR block/],
    ["::ffff:203.0.113.0/120", /IPv4-mapped IPv6/],
    ["0.0.0.0/0", /whole internet or a large part/],
    ["8.0.0.0/7", /whole internet or a large part/],
    ["2001:db8::/48", /is IPv6, but the VPC.*IPv4-only/],
    ["203.0.113.45/24", /host bits set; write the network address, 203\.0\.113\.0\/24/],
  ],
);

judge(
  "NET-2: vpcCidr is a private IPv4 /16 to /24",
  rules.vpcCidrRule,
  ["10.20.0.0/16", "172.16.0.0/24", "192.168.0.0/20"],
  [
    ["x", /is not an IPv4 CIDR block/],
    ["2001:db8::/56", /is not an IPv4 CIDR block/],
    ["10.20.0.0", /is not an IPv4 CIDR block/],
    ["::ffff:10.20.0.0/112", /is not an IPv4 CIDR block/],
    ["10.0.0.0/15", /has prefix \/15/],
    ["10.0.0.0/25", /has prefix \/25/],
    ["10.20.0.1/16", /host bits set; write the network address, 10\.20\.0\.0\/16/],
    ["8.8.0.0/16", /is not private \(RFC 1918\)/],
  ],
);

judge(
  "stack names fit every derived AWS name",
  rules.stackNameRule,
  ["a".repeat(30), "prod"],
  [["a".repeat(31), /has 31 characters; stack names are limited to 30/]],
);

judge(
  "APP-2: the certificate name is at most 64 characters",
  rules.certificateNameRule,
  [`${"a".repeat(60)}.com`],
  [[`${"a".repeat(61)}.com`, /has 65 characters.*limited to 64/]],
);

judge(
  "APP-3: amiId is a pinned image ID",
  rules.amiIdRule,
  ["ami-0123456789abcdef0", "ami-01234567"],
  [
    ["ami-0123456", /is not an AMI ID/],
    ["ami-0123456789ABCDEF0", /is not an AMI ID/],
    ["xami-01234567", /is not an AMI ID/],
    ["ami-01234567x", /is not an AMI ID/],
    ["ami-0123456789abcdef", /is not an AMI ID/],
  ],
);

judge(
  "instanceType is family.size",
  rules.instanceTypeRule,
  ["t3.medium", "c6gn.16xlarge", "u-6tb1.metal"],
  [
    ["T3.medium", /is not an EC2 instance type name/],
    ["t3", /is not an EC2 instance type name/],
    ["3t.medium", /is not an EC2 instance type name/],
    ["t3.medium ", /is not an EC2 instance type name/],
    [" t3.medium", /is not an EC2 instance type name/],
  ],
);

judge(
  "APP-2: domain.zoneName is a DNS zone",
  rules.zoneNameRule,
  [
    "example.com",
    "Example.COM.",
    "a.b.example.org",
    `${"a".repeat(63)}.com`,
    // 253 characters, the longest name DNS allows
    `${`${"a".repeat(62)}.`.repeat(3)}${"a".repeat(60)}.com`,
  ],
  [
    ["com", /is not a DNS zone name/],
    ["-a.com", /is not a DNS zone name/],
    ["a-.com", /is not a DNS zone name/],
    ["a..com", /is not a DNS zone name/],
    [`${"a".repeat(64)}.com`, /is not a DNS zone name/],
    [`${"a.".repeat(126)}com`, /is not a DNS zone name/],
  ],
);

judge(
  "APP-2: domain.subdomain is one lowercase label",
  rules.subdomainRule,
  ["decisions", "a", "a-1", `a${"b".repeat(62)}`],
  [
    ["1abc", /is not a lowercase DNS label/],
    ["a-", /is not a lowercase DNS label/],
    ["Decisions", /is not a lowercase DNS label/],
    ["a.b", /is not a lowercase DNS label/],
    [`a${"b".repeat(63)}`, /is not a lowercase DNS label/],
    ["x decisions", /is not a lowercase DNS label/],
  ],
);

judge(
  "ACC-2: ssh.keyName names a key pair",
  rules.keyNameRule,
  ["k", "a".repeat(255)],
  [
    ["", /1 to 255 characters/],
    ["   ", /1 to 255 characters/],
    ["a".repeat(256), /1 to 255 characters/],
  ],
);

judge(
  "MON-1: alarmEmail is an address",
  rules.emailRule,
  ["ops@example.com", "a.b@c.d.example"],
  [
    ["ops@example", /is not an email address/],
    ["ops example@x.com", /is not an email address/],
    ["@x.com", /is not an email address/],
    ["a@.com", /is not an email address/],
    ["a@b..com", /is not an email address/],
    ["x ops@example.com", /is not an email address/],
    ["ops@example.com x", /is not an email address/],
  ],
);

judge(
  "MON-2: log retention is a value CloudWatch Logs accepts",
  rules.logRetentionRule,
  [1, 30, 3653],
  [[31, /^31 is not a retention CloudWatch Logs accepts; use one of 1, 3, 5, 7, 14, 30,/]],
);

judge(
  "CMP-1: region names",
  rules.regionRule,
  ["eu-west-1", "us-gov-west-1", "us-iso-east-1", "us-isob-east-1", "ap-southeast-10"],
  [
    ["eu-west", /is not an AWS region name/],
    ["EU-west-1", /is not an AWS region name/],
    ["eu-west-123", /is not an AWS region name/],
    ["euw-west-1", /is not an AWS region name/],
    ["xeu-west-1", /is not an AWS region name/],
    ["eu-west-1x", /is not an AWS region name/],
  ],
);

judge(
  "MON-1: database.instanceClass is a class the connection alarm knows",
  rules.dbInstanceClassRule,
  ["db.t4g.micro", "db.m6g.large"],
  [
    ["t4g.micro", /does not look like db\.<family>\.<size>/],
    ["db.t4g", /does not look like db\.<family>\.<size>/],
    ["xdb.t4g.micro", /does not look like db\.<family>\.<size>/],
    ["db.t4g.micro ", /does not look like db\.<family>\.<size>/],
    ["db.x99.micro", /is not in the table of classes/],
  ],
);

judge(
  "ACC-1: database.engineVersion is PostgreSQL 16 or 17",
  rules.engineVersionRule,
  ["16", "17", "16.6", "17.10"],
  [
    ["15", /is not a PostgreSQL 16 or 17 version/],
    ["18", /is not a PostgreSQL 16 or 17 version/],
    ["116", /is not a PostgreSQL 16 or 17 version/],
    ["16.", /is not a PostgreSQL 16 or 17 version/],
    ["16.x", /is not a PostgreSQL 16 or 17 version/],
    ["16.6.1", /is not a PostgreSQL 16 or 17 version/],
  ],
);

judge(
  "DATA-3: database.backupWindow is hh24:mi-hh24:mi of at least 30 minutes",
  rules.backupWindowRule,
  ["02:00-02:30", "23:45-00:15", "00:00-23:59"],
  [
    ["02:00-02:29", /shorter than the 30 minutes RDS requires/],
    ["23:50-00:10", /shorter than the 30 minutes RDS requires/],
    ["2:00-03:00", /is not hh24:mi-hh24:mi/],
    ["02:00-03:00-04:00", /is not hh24:mi-hh24:mi/],
    ["24:00-01:00", /is not hh24:mi-hh24:mi/],
    ["02:60-03:00", /is not hh24:mi-hh24:mi/],
    ["02:00", /is not hh24:mi-hh24:mi/],
    ["x02:00-03:00", /is not hh24:mi-hh24:mi/],
    ["02:00-03:00x", /is not hh24:mi-hh24:mi/],
  ],
);

judge(
  "DATA-3: database.maintenanceWindow is ddd:hh24:mi-ddd:hh24:mi of at least 30 minutes",
  rules.maintenanceWindowRule,
  [
    "sun:03:30-sun:04:00",
    "sat:23:50-sun:00:20",
    "SUN:03:30-SUN:04:30",
    "mon:01:00-mon:02:00",
    "tue:01:00-tue:02:00",
    "wed:01:00-wed:02:00",
    "thu:01:00-thu:02:00",
    "fri:01:00-fri:02:00",
  ],
  [
    ["sun:03:30-sun:03:59", /shorter than the 30 minutes RDS requires/],
    ["sat:23:50-sun:00:19", /shorter than the 30 minutes RDS requires/],
    ["xyz:03:30-sun:04:30", /is not ddd:hh24:mi-ddd:hh24:mi/],
    ["sun:03:30-xyz:04:30", /is not ddd:hh24:mi-ddd:hh24:mi/],
    ["sun:24:30-sun:04:30", /is not ddd:hh24:mi-ddd:hh24:mi/],
    ["sun:03:30-sun:04:60", /is not ddd:hh24:mi-ddd:hh24:mi/],
    ["sun:03:30-sun:04:30 ", /is not ddd:hh24:mi-ddd:hh24:mi/],
    [" sun:03:30-sun:04:30", /is not ddd:hh24:mi-ddd:hh24:mi/],
  ],
);

judge(
  "APP-4: patchSchedule is an SSM cron expression with a fixed time of week",
  rules.patchScheduleRule,
  [
    "cron(0 2 ? * SUN *)",
    "cron(59 23 ? * SUN *)",
    "cron(0 2 1 * ? *)",
    "cron( 0 2 ? * SUN * )",
    "cron(*/15 2 ? * SUN *)",
    "cron(0  2 ? * SUN *)",
  ],
  [
    ["rate(7 days)", /has no fixed time of week/],
    ["cron(0 2 * * SUN *)", /"\?" in exactly one of day-of-month and day-of-week/],
    ["cron(0 2 ? * ? *)", /"\?" in exactly one of day-of-month and day-of-week/],
    ["cron(60 2 ? * SUN *)", /out-of-range minute or hour/],
    ["cron(0 24 ? * SUN *)", /out-of-range minute or hour/],
    ["cron(0 2 ? * SUN)", /is not an SSM cron expression/],
    ["cron(0 2 ? * SUN * x)", /is not an SSM cron expression/],
    ["cron(0 2 ? * SUN% *)", /is not an SSM cron expression/],
    ["xcron(0 2 ? * SUN *)", /is not an SSM cron expression/],
    ["cron(0 2 ? * SUN *)x", /is not an SSM cron expression/],
    ["0 2 ? * SUN *", /is not an SSM cron expression/],
    ["cron(%0 2 ? * SUN *)", /is not an SSM cron expression/],
    ["xrate(7 days)", /is not an SSM cron expression/],
  ],
);

describe("config/rules: window arithmetic (DATA-3, APP-4)", () => {
  it("unwrap splits an interval that crosses the end of the period, and keeps one that ends on it", () => {
    assert.deepEqual(rules.unwrap(1430, 20, 1440), [
      [1430, 1440],
      [0, 10],
    ]);
    assert.deepEqual(rules.unwrap(1420, 20, 1440), [[1420, 1440]]);
    assert.deepEqual(rules.unwrap(-10, 5, 1440), [[1430, 1435]]);
    assert.deepEqual(rules.unwrap(1450, 5, 1440), [[10, 15]]);
  });
  it("duration is the length on the circle, wrapping past the end", () => {
    assert.equal(rules.duration([1430, 10], 1440), 20);
    assert.equal(rules.duration([10, 40], 1440), 30);
    assert.equal(rules.duration([40, 40], 1440), 0);
  });
  it("maintenanceIntervals and dailyIntervals are weekly minute intervals; unparsable windows give none", () => {
    assert.deepEqual(rules.maintenanceIntervals("sat:23:50-sun:00:20"), [
      [6 * 1440 + 1430, 7 * 1440],
      [0, 20],
    ]);
    assert.deepEqual(rules.maintenanceIntervals("bad"), []);
    assert.deepEqual(rules.dailyIntervals("02:00-03:00", [1]), [[1440 + 120, 1440 + 180]]);
    assert.deepEqual(rules.dailyIntervals("23:30-00:30", [6]), [
      [6 * 1440 + 1410, 7 * 1440],
      [0, 30],
    ]);
    assert.equal(rules.dailyIntervals("02:00-03:00").length, 7);
    assert.deepEqual(rules.dailyIntervals("bad"), []);
  });
  it("intervals that only touch do not overlap", () => {
    assert.equal(rules.intervalsOverlap([[0, 10]], [[10, 20]]), false);
    assert.equal(rules.intervalsOverlap([[10, 20]], [[0, 10]]), false);
    assert.equal(rules.intervalsOverlap([[0, 11]], [[10, 20]]), true);
    assert.equal(rules.intervalsOverlap([[0, 10]], []), false);
  });
  it("parseWeeklyWindow reads the day names in any case", () => {
    assert.deepEqual(rules.parseWeeklyWindow("SAT:23:50-Sun:00:20"), [6 * 1440 + 1430, 20]);
    assert.equal(rules.parseWeeklyWindow("sun:03:30-sun:04:30x"), undefined);
  });
});

describe("config/rules: ACC-1 pinned minor with automatic minor upgrades", () => {
  it("refuses a pinned minor while automatic minor upgrades are on, naming the major to set", () => {
    assert.match(
      rules.pinnedMinorWithAutoUpgradeProblem("16.6", true) ?? "",
      /^"16\.6" pins a minor version.*Set "16"/,
    );
  });
  it("accepts a major alone, or a pinned minor with automatic upgrades off", () => {
    assert.equal(rules.pinnedMinorWithAutoUpgradeProblem("16", true), undefined);
    assert.equal(rules.pinnedMinorWithAutoUpgradeProblem("16.6", false), undefined);
  });
});

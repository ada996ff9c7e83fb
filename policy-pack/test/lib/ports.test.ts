import * as assert from "assert";
import {
  ADMIN_AND_DATABASE_PORTS,
  coveredPorts,
  coversPort,
  describeRange,
  icmpText,
  isOnlyAllowedPort,
  normalizeProtocol,
  ruleRange,
} from "../../lib/ports";

describe("lib/ports: NET-5 port and protocol coverage", () => {
  const protocols: Array<[unknown, string]> = [
    ["-1", "all"],
    [-1, "all"],
    ["all", "all"],
    ["ALL", "all"],
    [" All ", "all"],
    ["tcp", "tcp"],
    ["TCP", "tcp"],
    ["6", "tcp"],
    [6, "tcp"],
    ["udp", "udp"],
    ["17", "udp"],
    [17, "udp"],
    ["icmp", "icmp"],
    ["1", "icmp"],
    ["58", "icmpv6"],
    ["icmpv6", "icmpv6"],
    ["50", "50"],
    // Another IANA number: its canonical decimal text; a name AWS does not map stays as written.
    ["047", "47"],
    [" 50 ", "50"],
    ["gre", "gre"],
    [undefined, ""],
    [{}, ""],
  ];
  for (const [input, expected] of protocols) {
    it(`NET-5: protocol ${JSON.stringify(input)} normalises to ${JSON.stringify(expected)}`, () => {
      assert.strictEqual(normalizeProtocol(input), expected);
    });
  }

  const coverage: Array<[unknown, unknown, unknown, number, boolean]> = [
    ["tcp", 22, 22, 22, true],
    ["tcp", "22", "22", 22, true],
    ["6", 0, 65535, 3389, true],
    ["tcp", 20, 30, 22, true],
    ["tcp", 23, 30, 22, false],
    ["-1", 0, 0, 5432, true],
    ["all", undefined, undefined, 27017, true],
    [-1, -1, -1, 9200, true],
    ["udp", 5432, 5432, 5432, true],
    ["icmp", -1, -1, 22, false],
    ["tcp", undefined, undefined, 22, true], // missing ports on TCP: judged as every port
    ["tcp", "x", "y", 22, true],
    ["tcp", 30, 20, 22, true], // reversed range judged widest
    ["50", 0, 65535, 22, false],
    // Boundaries: -1/-1 on TCP is every port (AWS reads it so), 0 and 65535 are ports too.
    ["tcp", -1, -1, 22, true],
    ["tcp", -1, -1, 0, true],
    ["tcp", -1, -1, 65535, true],
    ["tcp", -1, 21, 22, false],
    ["tcp", 0, 0, 0, true],
    ["tcp", 0, 0, 1, false],
    ["tcp", 1, 65535, 0, false],
    ["tcp", 0, 65534, 65535, false],
    ["tcp", 0, 65535, 65535, true],
    ["tcp", 22, 70000, 65535, true], // beyond 65535: judged as up to 65535
    ["tcp", 22, 70000, 21, false],
    ["udp", 23, 23, 22, false],
  ];
  for (const [p, from, to, port, expected] of coverage) {
    it(`NET-5: ${JSON.stringify(p)} ${JSON.stringify(from)}-${JSON.stringify(to)} ${expected ? "covers" : "does not cover"} ${port}`, () => {
      assert.strictEqual(coversPort(ruleRange(p, from, to), port), expected);
    });
  }

  // The range itself, not only whether one port falls in it: a policy prints and compares it.
  const ranges: Array<[unknown, unknown, unknown, { protocol: string; from: number; to: number }]> =
    [
      ["tcp", 22, 70000, { protocol: "tcp", from: 22, to: 65535 }],
      ["tcp", 30, 20, { protocol: "tcp", from: 20, to: 30 }],
      ["tcp", -1, -1, { protocol: "tcp", from: 0, to: 65535 }],
      ["-1", 22, 22, { protocol: "all", from: 0, to: 65535 }],
      ["udp", 53, 53, { protocol: "udp", from: 53, to: 53 }],
    ];
  for (const [p, from, to, expected] of ranges) {
    it(`NET-5: ${JSON.stringify(p)} ${from}-${to} reads as ${expected.protocol} ${expected.from}-${expected.to}`, () => {
      assert.deepStrictEqual(ruleRange(p, from, to), expected);
    });
  }

  const only80: Array<[unknown, unknown, unknown, boolean]> = [
    ["tcp", 80, 80, true],
    ["6", "80", "80", true],
    ["tcp", 80, 81, false],
    ["-1", 80, 80, false],
    ["udp", 80, 80, false],
    ["tcp", 443, 443, false],
  ];
  for (const [p, from, to, expected] of only80) {
    it(`NET-1: ${JSON.stringify(p)} ${from}-${to} is ${expected ? "" : "not "}exactly port 80`, () => {
      assert.strictEqual(isOnlyAllowedPort(ruleRange(p, from, to), [80]), expected);
    });
  }

  it("NET-5: the admin and database ports are SSH, RDP, MySQL, PostgreSQL, SQL Server, MongoDB, Redis, Elasticsearch", () => {
    assert.deepStrictEqual(
      [...ADMIN_AND_DATABASE_PORTS],
      [22, 3389, 3306, 5432, 1433, 27017, 6379, 9200],
    );
  });
  it("NET-5: coveredPorts keeps the listed order and only covered ports", () => {
    assert.deepStrictEqual(
      coveredPorts(ruleRange("tcp", 3000, 6000), [22, 3389, 5432, 6379]),
      [3389, 5432],
    );
    assert.deepStrictEqual(coveredPorts(ruleRange("icmp", 0, 0), [22]), []);
  });
  const descriptions: Array<[unknown, unknown, unknown, string]> = [
    ["-1", 0, 0, "all protocols and ports"],
    ["tcp", 22, 22, "tcp port 22"],
    ["udp", 1024, 65535, "udp ports 1024-65535"],
    ["icmp", -1, -1, "protocol icmp"],
    [undefined, 1, 2, "protocol (unset)"],
  ];
  for (const [p, from, to, expected] of descriptions) {
    it(`NET-5: describes ${JSON.stringify(p)} ${from}-${to} as "${expected}"`, () => {
      assert.strictEqual(describeRange(ruleRange(p, from, to)), expected);
    });
  }

  // EC2 IpPermission: for ICMP and ICMPv6, FromPort is the type and ToPort the code; -1 is any.
  it("ICMP rules keep their type and code as EC2 reads them: not swapped, not clamped to ports", () => {
    assert.deepStrictEqual(ruleRange("icmp", 3, 4), { protocol: "icmp", from: 3, to: 4 });
    assert.deepStrictEqual(ruleRange("1", 8, 0), { protocol: "icmp", from: 8, to: 0 });
    assert.deepStrictEqual(ruleRange("58", 128, -1), { protocol: "icmpv6", from: 128, to: -1 });
    assert.deepStrictEqual(ruleRange("icmpv6", undefined, "x"), {
      protocol: "icmpv6",
      from: -1,
      to: -1,
    });
    assert.deepStrictEqual(ruleRange("icmp", -5, 0), { protocol: "icmp", from: -1, to: 0 });
  });
  it("ICMP rules read as type and code, any for -1; other protocols have no ICMP text", () => {
    assert.strictEqual(icmpText(ruleRange("icmp", 3, 4)), "type 3 code 4");
    assert.strictEqual(icmpText(ruleRange("icmp", 4, 3)), "type 4 code 3");
    assert.strictEqual(icmpText(ruleRange("icmpv6", -1, -1)), "type any code any");
    assert.strictEqual(icmpText(ruleRange("icmp", 0, -1)), "type 0 code any");
    assert.strictEqual(icmpText(ruleRange("tcp", 3, 4)), undefined);
    assert.strictEqual(icmpText(ruleRange("-1", 3, 4)), undefined);
  });
  it("an ICMP rule opens no TCP/UDP port, whatever its type and code", () => {
    assert.deepStrictEqual(coveredPorts(ruleRange("icmp", 22, 22), [22]), []);
    assert.strictEqual(isOnlyAllowedPort(ruleRange("icmp", 80, 80), [80]), false);
  });
});

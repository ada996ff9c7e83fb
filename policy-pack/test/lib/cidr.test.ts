import * as assert from "assert";
import { cidrContains, internetCidrs, isInternetCidr, parseCidr } from "../../lib/cidr";

describe("lib/cidr: NET-1 'the internet' is IPv4 wider than /8 or IPv6 wider than /32", () => {
  const table: Array<[unknown, boolean]> = [
    ["0.0.0.0/0", true],
    [" 0.0.0.0/0 ", true],
    ["0.0.0.0/1", true],
    ["128.0.0.0/1", true],
    ["1.2.3.4/0", true], // host bits set, still the whole internet
    ["0.0.0.0/7", true],
    ["10.0.0.0/8", false],
    ["203.0.113.45/32", false],
    ["203.0.113.45", false],
    ["::/0", true],
    ["0:0:0:0:0:0:0:0/0", true],
    ["::0/0", true],
    ["2000::/3", true],
    ["2001:db8::/31", true],
    ["2001:db8::/32", false],
    ["2001:DB8::/48", false],
    ["::ffff:0.0.0.0/96", true], // IPv4-mapped: all of IPv4
    ["::ffff:0:0/96", true],
    ["::ffff:10.0.0.0/104", false], // mapped 10.0.0.0/8
    ["::ffff:0.0.0.0/100", true], // mapped /4
    ["0:0:0:0:0:ffff:0000:0000/96", true],
    ["2001:db8::/96", false], // a /96 that is not IPv4-mapped stays an IPv6 range
    ["::ffff:0:0/95", false], // shorter than the mapped /96: an IPv6 range, narrower than /32
    ["garbage", false],
    ["0.0.0.0/33", false],
    ["", false],
    [undefined, false],
    [null, false],
    [42, false],
    [{}, false],
  ];
  for (const [input, expected] of table) {
    it(`NET-1: ${JSON.stringify(input)} -> ${expected ? "internet" : "not internet"}`, () => {
      assert.strictEqual(isInternetCidr(input), expected);
    });
  }
  it("NET-1: parses an IPv4-mapped range as IPv4 with the prefix reduced by 96", () => {
    assert.deepStrictEqual(parseCidr("::ffff:192.0.2.0/120"), { kind: "ipv4", prefix: 24 });
  });

  it("NET-1: parseCidr gives the family and prefix; a bare address is a /32 or a /128", () => {
    assert.deepStrictEqual(parseCidr("2001:db8::/48"), { kind: "ipv6", prefix: 48 });
    assert.deepStrictEqual(parseCidr("2001:db8::1"), { kind: "ipv6", prefix: 128 });
    assert.deepStrictEqual(parseCidr(" 192.0.2.1 "), { kind: "ipv4", prefix: 32 });
    assert.strictEqual(parseCidr("2001:db8::/129"), undefined);
  });

  it("NET-1: internetCidrs keeps only the world ranges, trimmed", () => {
    assert.deepStrictEqual(
      internetCidrs(["10.0.0.0/8", " 0.0.0.0/0 ", "::/0", 5, "2001:db8::/32"]),
      ["0.0.0.0/0", "::/0"],
    );
  });
});

describe("lib/cidr: containment (a network ACL deny in front of an allow)", () => {
  const table: Array<[unknown, unknown, boolean]> = [
    ["0.0.0.0/0", "0.0.0.0/0", true],
    ["0.0.0.0/0", "203.0.113.0/24", true],
    ["0.0.0.0/1", "0.0.0.0/0", false],
    ["128.0.0.0/1", "0.0.0.0/1", false],
    ["10.0.0.0/8", "10.1.0.0/16", true],
    ["10.0.0.0/8", "11.0.0.0/16", false],
    ["10.1.0.0/16", "10.0.0.0/8", false],
    ["::/0", "2001:db8::/32", true],
    ["::/0", "0.0.0.0/0", false], // families never contain each other
    ["0.0.0.0/0", "::/0", false],
    ["::ffff:0.0.0.0/96", "0.0.0.0/0", true], // IPv4-mapped is IPv4
    ["0.0.0.0/0", "::ffff:10.0.0.0/104", true],
    ["203.0.113.5", "203.0.113.5/32", true],
    ["2001:db8::1", "2001:db8::1/128", true], // a bare IPv6 address is a /128
    ["2001:db8::1", "2001:db8::2/128", false],
    ["2001:db8::/32", "2001:db8:ffff::/48", true],
    ["2001:db8::/32", "2001:db9::/48", false],
    [undefined, "0.0.0.0/0", false],
    ["0.0.0.0/0", undefined, false],
    ["garbage", "0.0.0.0/0", false],
  ];
  for (const [outer, inner, expected] of table) {
    it(`NET-5: ${JSON.stringify(outer)} ${expected ? "contains" : "does not contain"} ${JSON.stringify(inner)}`, () => {
      assert.strictEqual(cidrContains(outer, inner), expected);
    });
  }
});

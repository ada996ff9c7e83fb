import * as assert from "assert";
import fc from "fast-check";
import * as ipaddr from "ipaddr.js";
import {
  cidrContains,
  cidrsOverlap,
  hasHostBits,
  internetCidrs,
  ipv4Subnet,
  isInternetCidr,
  isPrivateIpv4Range,
  isSingleHost,
  ParsedCidr,
  parseCidr,
} from "../../lib/cidr";

const cidr = (text: string): ParsedCidr => {
  const parsed = parseCidr(text);
  assert.ok(parsed, `${text} should parse`);
  return parsed;
};

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
    assert.deepStrictEqual(parseCidr("::ffff:192.0.2.0/120"), {
      kind: "ipv4",
      prefix: 24,
      text: "192.0.2.0/24",
      network: "192.0.2.0/24",
      ipv4Mapped: true,
    });
  });

  it("NET-1: any IPv4 prefix shorter than /8 is the internet, any /8 or longer is not (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 0, max: 32 }),
        (address, prefix) => {
          const text = `${[24, 16, 8, 0].map((shift) => (address >>> shift) & 0xff).join(".")}/${prefix}`;
          assert.strictEqual(isInternetCidr(text), prefix < 8);
        },
      ),
    );
  });

  it("NET-1: parseCidr gives the family and prefix; a bare address is a /32 or a /128", () => {
    const familyAndPrefix = (value: string) => {
      const parsed = parseCidr(value);
      return parsed && { kind: parsed.kind, prefix: parsed.prefix };
    };
    assert.deepStrictEqual(familyAndPrefix("2001:db8::/48"), { kind: "ipv6", prefix: 48 });
    assert.deepStrictEqual(familyAndPrefix("2001:db8::1"), { kind: "ipv6", prefix: 128 });
    assert.deepStrictEqual(familyAndPrefix(" 192.0.2.1 "), { kind: "ipv4", prefix: 32 });
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

describe("lib/cidr: one spelling per range, host bits and single hosts", () => {
  const table: Array<[string, string, string]> = [
    // as written, text, network
    ["10.0.0.0/8", "10.0.0.0/8", "10.0.0.0/8"],
    [" 10.1.2.3/8 ", "10.1.2.3/8", "10.0.0.0/8"],
    ["203.0.113.45", "203.0.113.45/32", "203.0.113.45/32"],
    ["2001:DB8:0:0::1/64", "2001:db8::1/64", "2001:db8::/64"],
    ["2001:db8::1", "2001:db8::1/128", "2001:db8::1/128"],
    ["::ffff:10.1.0.0/104", "10.1.0.0/8", "10.0.0.0/8"],
    ["0:0:0:0:0:0:0:0/0", "::/0", "::/0"],
  ];
  for (const [written, text, network] of table) {
    it(`${JSON.stringify(written)} is ${text}, network ${network}`, () => {
      const parsed = cidr(written);
      assert.strictEqual(parsed.text, text);
      assert.strictEqual(parsed.network, network);
      assert.strictEqual(hasHostBits(parsed), text !== network);
    });
  }

  it("an IPv4-mapped range is flagged, an IPv4 or IPv6 one is not", () => {
    assert.strictEqual(cidr("::ffff:203.0.113.0/120").ipv4Mapped, true);
    assert.strictEqual(cidr("203.0.113.0/24").ipv4Mapped, false);
    assert.strictEqual(cidr("2001:db8::/32").ipv4Mapped, false);
  });

  it("refuses what is no address or range", () => {
    for (const text of ["", "10.0.0.0/33", "abc/8", "2001:db8::/129", "300.1.1.1/32"]) {
      assert.strictEqual(parseCidr(text), undefined, text);
    }
  });

  it("a /32, a /128 and a bare address are single hosts", () => {
    assert.strictEqual(isSingleHost(cidr("203.0.113.45/32")), true);
    assert.strictEqual(isSingleHost(cidr("203.0.113.45")), true);
    assert.strictEqual(isSingleHost(cidr("2001:db8::1/128")), true);
    assert.strictEqual(isSingleHost(cidr("203.0.113.0/24")), false);
    assert.strictEqual(isSingleHost(cidr("2001:db8::/127")), false);
  });
});

describe("lib/cidr: private space and overlap (NET-1, NET-2)", () => {
  it("recognises RFC 1918 ranges only", () => {
    for (const text of ["10.0.0.0/8", "172.31.0.0/16", "192.168.1.10", "::ffff:10.1.0.0/112"]) {
      assert.strictEqual(isPrivateIpv4Range(text), true, text);
    }
    for (const text of ["172.32.0.0/16", "10.0.0.0/7", "100.64.0.0/10", "fd00::/8", "x"]) {
      assert.strictEqual(isPrivateIpv4Range(text), false, text);
    }
  });

  const table: Array<[string, string, boolean, boolean]> = [
    // a, b, a contains b, overlap
    ["10.0.0.0/8", "10.0.0.0/8", true, true],
    ["10.0.0.0/8", "10.20.0.0/16", true, true],
    ["10.20.0.0/16", "10.0.0.0/8", false, true],
    ["172.16.0.0/12", "172.32.0.0/16", false, false],
    ["172.0.0.0/8", "172.16.0.0/12", true, true],
    ["100.64.0.0/10", "100.128.0.0/16", false, false],
    ["0.0.0.0/0", "2001:db8::/32", false, false],
    ["::/0", "10.0.0.0/8", false, false],
    ["x", "10.0.0.0/8", false, false],
  ];
  for (const [a, b, contains, overlaps] of table) {
    it(`${a} ${overlaps ? "overlaps" : "does not overlap"} ${b}`, () => {
      assert.strictEqual(cidrContains(a, b), contains, `${a} contains ${b}`);
      assert.strictEqual(cidrsOverlap(a, b), overlaps);
      assert.strictEqual(cidrsOverlap(b, a), overlaps, "symmetric");
    });
  }
});

describe("lib/cidr: ipv4Subnet lays out subnets like Terraform's cidrsubnet (NET-2)", () => {
  it("carves disjoint subnets inside the parent (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 16, max: 24 }),
        fc.integer({ min: 0, max: 15 }),
        fc.integer({ min: 0, max: 15 }),
        (prefix, a, b) => {
          const parent = ipv4Subnet("10.0.0.0/8", prefix - 8, 3);
          const [parentAddress, parentPrefix] = ipaddr.parseCIDR(parent);
          const first = ipaddr.parseCIDR(ipv4Subnet(parent, 4, a));
          const second = ipaddr.parseCIDR(ipv4Subnet(parent, 4, b));
          assert.strictEqual(first[1], prefix + 4);
          assert.ok(first[0].match(parentAddress, parentPrefix), "inside the parent");
          assert.strictEqual(
            first[0].match(second[0], second[1]),
            a === b,
            "disjoint unless the same index",
          );
        },
      ),
    );
  });

  it("numbers subnets from the parent's address and refuses what does not fit", () => {
    assert.strictEqual(ipv4Subnet("10.20.0.0/16", 4, 5), "10.20.80.0/20");
    assert.strictEqual(ipv4Subnet("10.20.0.0/16", 8, 255), "10.20.255.0/24");
    assert.strictEqual(ipv4Subnet("10.20.0.0/24", 8, 0), "10.20.0.0/32");
    assert.throws(() => ipv4Subnet("10.20.0.0/16", 4, 16), /subnet 16 of \/20 does not fit/);
    assert.throws(() => ipv4Subnet("10.20.0.0/16", 4, -1), /does not fit/);
    assert.throws(() => ipv4Subnet("10.20.0.0/30", 3, 0), /does not fit/);
    assert.throws(() => ipv4Subnet("2001:db8::/32", 4, 0), /is not an IPv4 CIDR block/);
    assert.throws(() => ipv4Subnet("x", 4, 0), /is not an IPv4 CIDR block/);
  });
});

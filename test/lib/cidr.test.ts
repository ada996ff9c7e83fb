import { strict as assert } from "assert";
import fc from "fast-check";
import * as ipaddr from "ipaddr.js";
import {
  cidrContains,
  cidrsOverlap,
  coversLargePartOfInternet,
  hasHostBits,
  ipv4Subnet,
  isPrivateIpv4Range,
  isSingleHost,
  parseCidr,
} from "../../lib/cidr";

const cidr = (text: string) => {
  const parsed = parseCidr(text);
  assert.ok(parsed, `${text} should parse`);
  return parsed;
};

describe("lib/cidr", () => {
  it("NET-1: the internet in any spelling covers a large part of it", () => {
    for (const text of [
      "0.0.0.0/0",
      "::/0",
      "0:0:0:0:0:0:0:0/0",
      "0.0.0.0/1",
      "128.0.0.0/1",
      "64.0.0.0/7",
      "::ffff:0.0.0.0/96",
      "2000::/3",
      "2001:db8::/31",
    ]) {
      assert.equal(coversLargePartOfInternet(cidr(text)), true, text);
    }
    for (const text of ["10.0.0.0/8", "203.0.113.45/32", "2001:db8::/32", "::ffff:10.0.0.0/104"]) {
      assert.equal(coversLargePartOfInternet(cidr(text)), false, text);
    }
  });

  it("NET-1: any IPv4 prefix shorter than /8 is the internet, any /8 or longer is not (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 0, max: 32 }),
        (address, prefix) => {
          const text = `${[24, 16, 8, 0].map((shift) => (address >>> shift) & 0xff).join(".")}/${prefix}`;
          assert.equal(coversLargePartOfInternet(cidr(text)), prefix < 8);
        },
      ),
    );
  });

  it("rejects what is not a CIDR block", () => {
    for (const text of ["", "10.0.0.0", "10.0.0.0/33", "abc/8", "2001:db8::/129"]) {
      assert.equal(parseCidr(text), undefined, text);
    }
  });

  it("detects host bits and single hosts", () => {
    assert.equal(hasHostBits(cidr("10.1.0.0/8")), true);
    assert.equal(hasHostBits(cidr("10.0.0.0/8")), false);
    assert.equal(hasHostBits(cidr("2001:db8::1/64")), true);
    assert.equal(isSingleHost(cidr("203.0.113.45/32")), true);
    assert.equal(isSingleHost(cidr("2001:db8::1/128")), true);
    assert.equal(isSingleHost(cidr("203.0.113.0/24")), false);
  });

  it("recognises RFC 1918 ranges only", () => {
    assert.equal(isPrivateIpv4Range(cidr("172.31.0.0/16")), true);
    assert.equal(isPrivateIpv4Range(cidr("172.32.0.0/16")), false);
    assert.equal(isPrivateIpv4Range(cidr("10.0.0.0/7")), false, "wider than 10/8");
  });

  it("NET-1: cidrContains and cidrsOverlap compare address ranges, never across families", () => {
    const cases: [string, string, boolean, boolean][] = [
      // outer, inner, contains, overlaps
      ["10.0.0.0/8", "10.0.0.0/8", true, true],
      ["10.0.0.0/8", "10.20.0.0/16", true, true],
      ["10.20.0.0/16", "10.0.0.0/8", false, true],
      ["172.16.0.0/12", "172.32.0.0/16", false, false],
      ["172.0.0.0/8", "172.16.0.0/12", true, true],
      ["100.64.0.0/10", "100.128.0.0/16", false, false],
      ["0.0.0.0/0", "2001:db8::/32", false, false],
      ["::/0", "10.0.0.0/8", false, false],
    ];
    for (const [outer, inner, contains, overlaps] of cases) {
      assert.equal(cidrContains(cidr(outer), cidr(inner)), contains, `${outer} contains ${inner}`);
      assert.equal(cidrsOverlap(cidr(outer), cidr(inner)), overlaps, `${outer} overlaps ${inner}`);
    }
  });

  it("NET-2: ipv4Subnet carves disjoint subnets inside the parent (property)", () => {
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
          assert.equal(first[1], prefix + 4);
          assert.ok(first[0].match(parentAddress, parentPrefix), "inside the parent");
          assert.equal(
            first[0].match(second[0], second[1]),
            a === b,
            "disjoint unless the same index",
          );
        },
      ),
    );
    assert.equal(ipv4Subnet("10.20.0.0/16", 4, 5), "10.20.80.0/20");
    assert.throws(() => ipv4Subnet("10.20.0.0/16", 4, 16), /does not fit/);
  });
});

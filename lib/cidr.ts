// The policy pack judges CIDRs with its own policy-pack/lib/cidr.ts: it is published alone and cannot
// import from this project. This module serves config validation and the subnet layout.
import * as ipaddr from "ipaddr.js";

/** A parsed CIDR block, normalised by ipaddr.js so every spelling of the same range compares equal. */
export interface Cidr {
  readonly kind: "ipv4" | "ipv6";
  readonly address: ipaddr.IPv4 | ipaddr.IPv6;
  readonly prefixLength: number;
  /** Canonical text (`10.0.0.0/8`, `2001:db8::/32`). */
  readonly text: string;
}

/** The prefix below which a range counts as "the internet or a large part of it" (NET-1, NET-5). */
export const INTERNET_PREFIX_FLOOR = { ipv4: 8, ipv6: 32 } as const;

/** Parses `a.b.c.d/n` or `x::y/n`; returns undefined for anything else (bare addresses included). */
export function parseCidr(value: string): Cidr | undefined {
  if (typeof value !== "string" || !value.includes("/")) {
    return undefined;
  }
  try {
    const [address, prefixLength] = ipaddr.parseCIDR(value.trim());
    return {
      kind: address.kind(),
      address,
      prefixLength,
      text: `${address.toString()}/${prefixLength}`,
    };
  } catch {
    return undefined;
  }
}

/** True when the address has bits set beyond the prefix (`10.1.2.3/8`): AWS normalises or rejects those. */
export function hasHostBits(cidr: Cidr): boolean {
  return networkAddress(cidr) !== cidr.address.toString();
}

/** The network address of the block as text (`10.1.2.3/8` -> `10.0.0.0`). */
export function networkAddress(cidr: Cidr): string {
  const bytes = cidr.address.toByteArray();
  const masked = bytes.map((byte, index) => {
    const bitsInThisByte = Math.max(0, Math.min(8, cidr.prefixLength - index * 8));
    return byte & (0xff << (8 - bitsInThisByte)) & 0xff;
  });
  return ipaddr.fromByteArray(masked).toString();
}

/** An IPv6 block that actually names IPv4 space (`::ffff:0:0/96`): judge it as IPv4 instead. */
export function isIpv4MappedIpv6(cidr: Cidr): boolean {
  return cidr.kind === "ipv6" && (cidr.address as ipaddr.IPv6).isIPv4MappedAddress();
}

/** The block covers the internet or a large part of it (IPv4 shorter than /8, IPv6 shorter than /32). */
export function coversLargePartOfInternet(cidr: Cidr): boolean {
  if (isIpv4MappedIpv6(cidr)) {
    return cidr.prefixLength - 96 < INTERNET_PREFIX_FLOOR.ipv4;
  }
  return cidr.prefixLength < INTERNET_PREFIX_FLOOR[cidr.kind];
}

/** A single host (`/32` or `/128`). */
export function isSingleHost(cidr: Cidr): boolean {
  return cidr.prefixLength === (cidr.kind === "ipv4" ? 32 : 128);
}

/** RFC 1918 private IPv4 space. */
export const RFC1918_RANGES: readonly string[] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];

/** True when every address of `inner` is inside `outer` (same address family only). */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return (
    outer.kind === inner.kind &&
    inner.prefixLength >= outer.prefixLength &&
    inner.address.match(outer.address, outer.prefixLength)
  );
}

/** True when the two blocks share at least one address: for CIDR blocks, one contains the other. */
export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return cidrContains(a, b) || cidrContains(b, a);
}

/** Inside RFC 1918 private IPv4 space, where a VPC belongs. */
export function isPrivateIpv4Range(cidr: Cidr): boolean {
  return RFC1918_RANGES.some((range) => cidrContains(parseCidr(range) as Cidr, cidr));
}

/**
 * Carves subnet number `index` of size `/ (prefix + newBits)` out of an IPv4 block, the way
 * Terraform's `cidrsubnet` does. Used to lay out the tiered subnets deterministically.
 */
export function ipv4Subnet(parent: string, newBits: number, index: number): string {
  const cidr = parseCidr(parent);
  if (!cidr || cidr.kind !== "ipv4") {
    throw new Error(`ipv4Subnet: ${parent} is not an IPv4 CIDR block`);
  }
  const prefixLength = cidr.prefixLength + newBits;
  if (prefixLength > 32 || index < 0 || index >= 2 ** newBits) {
    throw new Error(`ipv4Subnet: subnet ${index} of /${prefixLength} does not fit in ${parent}`);
  }
  const base = cidr.address.toByteArray().reduce((acc, byte) => acc * 256 + byte, 0);
  const value = base + index * 2 ** (32 - prefixLength);
  const bytes = [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256);
  return `${ipaddr.fromByteArray(bytes).toString()}/${prefixLength}`;
}

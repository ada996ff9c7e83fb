import * as ipaddr from "ipaddr.js";

/** IPv4 ranges wider than a /8 are "the internet" (NET-1). */
export const IPV4_INTERNET_PREFIX = 8;
/** IPv6 ranges wider than a /32 are "the internet" (NET-1). */
export const IPV6_INTERNET_PREFIX = 32;

export interface ParsedCidr {
  kind: "ipv4" | "ipv6";
  /** Prefix length in the family's own terms (IPv4-mapped IPv6 ranges are converted to IPv4). */
  prefix: number;
  /**
   * One spelling for every way of writing the range, host bits kept: `10.1.2.3/8`, `2001:db8::/32`;
   * a bare address gets its host prefix (`/32`, `/128`), an IPv4-mapped range its IPv4 form.
   */
  text: string;
  /** The range with its host bits cleared (`10.1.2.3/8` -> `10.0.0.0/8`), in the same spelling. */
  network: string;
  /** Written as an IPv4-mapped IPv6 range (`::ffff:10.0.0.0/104`), judged as the IPv4 range. */
  ipv4Mapped: boolean;
}

interface ParsedRange {
  kind: "ipv4" | "ipv6";
  prefix: number;
  addr: ipaddr.IPv4 | ipaddr.IPv6;
  ipv4Mapped: boolean;
}

function parseRange(value: unknown): ParsedRange | undefined {
  if (typeof value !== "string") {
    return undefined;
  }
  const text = value.trim();
  // Stryker disable next-line ConditionalExpression,StringLiteral,BlockStatement: fast path, ipaddr.js rejects "" too (equivalent)
  if (text === "") {
    return undefined;
  }
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  let prefix: number;
  try {
    if (text.includes("/")) {
      [addr, prefix] = ipaddr.parseCIDR(text);
    } else {
      addr = ipaddr.parse(text);
      prefix = addr.kind() === "ipv4" ? 32 : 128;
    }
  } catch {
    return undefined;
  }
  if (addr.kind() === "ipv6") {
    const v6 = addr as ipaddr.IPv6;
    // ::ffff:0:0/96 and longer are IPv4 addresses written in IPv6; judge them as IPv4.
    if (prefix >= 96 && v6.isIPv4MappedAddress()) {
      return { kind: "ipv4", prefix: prefix - 96, addr: v6.toIPv4Address(), ipv4Mapped: true };
    }
    return { kind: "ipv6", prefix, addr, ipv4Mapped: false };
  }
  return { kind: "ipv4", prefix, addr, ipv4Mapped: false };
}

/** The range's first address: every bit beyond the prefix cleared. */
function networkAddress(range: ParsedRange): ipaddr.IPv4 | ipaddr.IPv6 {
  const masked = range.addr.toByteArray().map((byte, index) => {
    const bitsInThisByte = Math.max(0, Math.min(8, range.prefix - index * 8));
    return byte & (0xff << (8 - bitsInThisByte)) & 0xff;
  });
  return ipaddr.fromByteArray(masked);
}

/**
 * Parses a CIDR or a bare address in any spelling ipaddr.js accepts (compressed or expanded IPv6,
 * IPv4-mapped `::ffff:a.b.c.d`, surrounding blanks). Returns undefined for anything else.
 */
export function parseCidr(value: unknown): ParsedCidr | undefined {
  const parsed = parseRange(value);
  if (!parsed) {
    return undefined;
  }
  const { kind, prefix, addr, ipv4Mapped } = parsed;
  return {
    kind,
    prefix,
    text: `${addr.toString()}/${prefix}`,
    network: `${networkAddress(parsed).toString()}/${prefix}`,
    ipv4Mapped,
  };
}

/** True when the range has bits set beyond its prefix (`10.1.2.3/8`): AWS normalises or refuses those. */
export function hasHostBits(cidr: ParsedCidr): boolean {
  return cidr.text !== cidr.network;
}

/** A single host: `/32` or `/128` (a bare address is one). */
export function isSingleHost(cidr: ParsedCidr): boolean {
  return cidr.prefix === (cidr.kind === "ipv4" ? 32 : 128);
}

/**
 * True when every address of `inner` is in `outer` (same family after IPv4-mapped conversion).
 * Network ACLs use it: a lower-numbered deny whose range contains an allow's range shadows it.
 */
export function cidrContains(outer: unknown, inner: unknown): boolean {
  const o = parseRange(outer);
  const i = parseRange(inner);
  if (!o || !i || o.kind !== i.kind || o.prefix > i.prefix) {
    return false;
  }
  // Same family (checked above): either branch calls the address's own match(); the ternary only
  // narrows the type for the compiler.
  // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: both branches run the same method (equivalent)
  return o.kind === "ipv4"
    ? (i.addr as ipaddr.IPv4).match(o.addr as ipaddr.IPv4, o.prefix)
    : (i.addr as ipaddr.IPv6).match(o.addr as ipaddr.IPv6, o.prefix);
}

/** True when the two ranges share an address: for CIDR blocks, when one contains the other. */
export function cidrsOverlap(a: unknown, b: unknown): boolean {
  return cidrContains(a, b) || cidrContains(b, a);
}

/** RFC 1918 private IPv4 space, never routed on the internet. */
export const RFC1918_RANGES: readonly string[] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];

/** Inside RFC 1918 private IPv4 space, where a VPC belongs. */
export function isPrivateIpv4Range(value: unknown): boolean {
  return RFC1918_RANGES.some((range) => cidrContains(range, value));
}

/** True when the CIDR covers "the internet": IPv4 shorter than /8 or IPv6 shorter than /32. */
export function isInternetCidr(value: unknown): boolean {
  const parsed = parseCidr(value);
  if (!parsed) {
    return false;
  }
  return parsed.kind === "ipv4"
    ? parsed.prefix < IPV4_INTERNET_PREFIX
    : parsed.prefix < IPV6_INTERNET_PREFIX;
}

/** The CIDRs among `values` that cover the internet. */
export function internetCidrs(values: readonly unknown[]): string[] {
  return values.filter(isInternetCidr).map((v) => String(v).trim());
}

/**
 * Carves subnet number `index` of size `/(prefix + newBits)` out of an IPv4 block, the way
 * Terraform's `cidrsubnet` does, so that a subnet layout is deterministic.
 */
export function ipv4Subnet(parent: string, newBits: number, index: number): string {
  const cidr = parseRange(parent);
  if (!cidr || cidr.kind !== "ipv4") {
    throw new Error(`ipv4Subnet: ${parent} is not an IPv4 CIDR block`);
  }
  const prefix = cidr.prefix + newBits;
  if (prefix > 32 || index < 0 || index >= 2 ** newBits) {
    throw new Error(`ipv4Subnet: subnet ${index} of /${prefix} does not fit in ${parent}`);
  }
  const base = cidr.addr.toByteArray().reduce((acc, byte) => acc * 256 + byte, 0);
  const value = base + index * 2 ** (32 - prefix);
  const bytes = [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256);
  return `${ipaddr.fromByteArray(bytes).toString()}/${prefix}`;
}

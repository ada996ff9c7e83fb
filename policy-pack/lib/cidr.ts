import * as ipaddr from "ipaddr.js";

/** IPv4 ranges wider than a /8 are "the internet" (NET-1). */
export const IPV4_INTERNET_PREFIX = 8;
/** IPv6 ranges wider than a /32 are "the internet" (NET-1). */
export const IPV6_INTERNET_PREFIX = 32;

export interface ParsedCidr {
  kind: "ipv4" | "ipv6";
  /** Prefix length in the family's own terms (IPv4-mapped IPv6 ranges are converted to IPv4). */
  prefix: number;
}

interface ParsedRange extends ParsedCidr {
  addr: ipaddr.IPv4 | ipaddr.IPv6;
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
      return { kind: "ipv4", prefix: prefix - 96, addr: v6.toIPv4Address() };
    }
    return { kind: "ipv6", prefix, addr };
  }
  return { kind: "ipv4", prefix, addr };
}

/**
 * Parses a CIDR or a bare address in any spelling ipaddr.js accepts (compressed or expanded IPv6,
 * IPv4-mapped `::ffff:a.b.c.d`, surrounding blanks). Returns undefined for anything else.
 */
export function parseCidr(value: unknown): ParsedCidr | undefined {
  const parsed = parseRange(value);
  return parsed ? { kind: parsed.kind, prefix: parsed.prefix } : undefined;
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

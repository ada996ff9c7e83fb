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

/**
 * Parses a CIDR or a bare address in any spelling ipaddr.js accepts (compressed or expanded IPv6,
 * IPv4-mapped `::ffff:a.b.c.d`, surrounding blanks). Returns undefined for anything else.
 */
export function parseCidr(value: unknown): ParsedCidr | undefined {
  if (typeof value !== "string") {
    return undefined;
  }
  const text = value.trim();
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
      return { kind: "ipv4", prefix: prefix - 96 };
    }
    return { kind: "ipv6", prefix };
  }
  return { kind: "ipv4", prefix };
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

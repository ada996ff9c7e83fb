import { asNumber, asString } from "./values";
import { CATALOGUE } from "../controls/catalogue";

/**
 * NET-5: ports that must never be reachable from the internet: SSH, RDP, MySQL/MariaDB, PostgreSQL,
 * SQL Server, MongoDB, Redis, Elasticsearch/OpenSearch. The default of every policy that judges
 * exposure to the world (security groups, network ACLs, load balancer listeners).
 */
export const ADMIN_AND_DATABASE_PORTS: readonly number[] =
  CATALOGUE.controls["NET-5"].values.adminPorts;

/** Canonical protocol: "all", "tcp", "udp", "icmp", "icmpv6", another IANA number as text, or "". */
export type Protocol = string;

const NAMES: Record<string, Protocol> = {
  "-1": "all",
  all: "all",
  tcp: "tcp",
  "6": "tcp",
  udp: "udp",
  "17": "udp",
  icmp: "icmp",
  "1": "icmp",
  icmpv6: "icmpv6",
  "58": "icmpv6",
};

/** Normalises `-1`/`"all"`/`"ALL"`/`"TCP"`/`6`/`"17"`... to one spelling. */
export function normalizeProtocol(value: unknown): Protocol {
  const text = asString(value);
  if (text === undefined) {
    return "";
  }
  const key = text.trim().toLowerCase();
  if (key in NAMES) {
    return NAMES[key];
  }
  const n = asNumber(key);
  return n !== undefined ? String(n) : key;
}

/**
 * What a rule opens. For TCP and UDP, `from`-`to` is the port range; for a security-group rule's
 * ICMP and ICMPv6 they are the ICMP type and code, which EC2 keeps in FromPort and ToPort (-1: any).
 * (A network ACL entry keeps its ICMP type and code in icmpType/icmpCode; only ports are read here.)
 */
export interface PortRange {
  protocol: Protocol;
  from: number;
  to: number;
}

const isIcmp = (protocol: Protocol): boolean => protocol === "icmp" || protocol === "icmpv6";

/** An ICMP type or code as EC2 reads it: -1, a missing or an unreadable value means any. */
function icmpField(value: unknown): number {
  const n = asNumber(value);
  return n === undefined || n < 0 ? -1 : n;
}

/**
 * The ports a rule opens. All-protocol rules open every port of every protocol; TCP/UDP rules with
 * missing, -1 or unparseable ports are taken to open every port (fail closed); ICMP rules keep
 * their type and code; other protocols open no TCP/UDP port.
 */
export function ruleRange(protocol: unknown, fromPort: unknown, toPort: unknown): PortRange {
  const p = normalizeProtocol(protocol);
  if (p === "all") {
    return { protocol: p, from: 0, to: 65535 };
  }
  if (isIcmp(p)) {
    return { protocol: p, from: icmpField(fromPort), to: icmpField(toPort) };
  }
  let from = asNumber(fromPort);
  let to = asNumber(toPort);
  // Stryker disable next-line EqualityOperator: `from <= 0` also yields 0 for 0 (equivalent)
  if (from === undefined || from < 0) {
    from = 0;
  }
  // Stryker disable next-line EqualityOperator: `to >= 65535` also yields 65535 for 65535 (equivalent)
  if (to === undefined || to < 0 || to > 65535) {
    to = 65535;
  }
  // Stryker disable next-line ConditionalExpression,EqualityOperator: min/max of an ordered pair is the pair (equivalent)
  if (from > to) {
    // A reversed range is rejected by AWS; judge it by the widest reading.
    [from, to] = [Math.min(from, to), Math.max(from, to)];
  }
  return { protocol: p, from, to };
}

/** True when the rule (all-protocol, or TCP/UDP with a range containing `port`) opens `port`. */
export function coversPort(range: PortRange, port: number): boolean {
  if (range.protocol === "all") {
    return true;
  }
  if (range.protocol !== "tcp" && range.protocol !== "udp") {
    return false;
  }
  return range.from <= port && port <= range.to;
}

/** The ports of `ports` that the rule opens. */
export function coveredPorts(range: PortRange, ports: readonly number[]): number[] {
  return ports.filter((p) => coversPort(range, p));
}

/** True when the rule opens exactly the TCP ports of one listed single port (e.g. 80-80). */
export function isOnlyAllowedPort(range: PortRange, allowed: readonly number[]): boolean {
  return range.protocol === "tcp" && range.from === range.to && allowed.includes(range.from);
}

/** `type 8 code 0` (`any` for -1) for an ICMP or ICMPv6 rule; undefined for other protocols. */
export function icmpText(range: PortRange): string | undefined {
  if (!isIcmp(range.protocol)) {
    return undefined;
  }
  const field = (n: number): string => (n < 0 ? "any" : String(n));
  return `type ${field(range.from)} code ${field(range.to)}`;
}

export function describeRange(range: PortRange): string {
  if (range.protocol === "all") {
    return "all protocols and ports";
  }
  if (range.protocol !== "tcp" && range.protocol !== "udp") {
    return `protocol ${range.protocol || "(unset)"}`;
  }
  return range.from === range.to
    ? `${range.protocol} port ${range.from}`
    : `${range.protocol} ports ${range.from}-${range.to}`;
}

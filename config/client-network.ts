/**
 * Where the clients of `allowedCidr` connect from, and so how the app must face them (NET-1, NET-2).
 * Pure: validation derives the production ALB's scheme here once; components never re-derive it.
 *
 * A security group sees the source address a packet arrives with. Clients on a private network
 * reach a public address through their NAT, so they arrive from a public address; they arrive from
 * their private addresses only over a private path into the VPC (Site-to-Site VPN, Direct Connect,
 * Transit Gateway, peering), and there only an internal load balancer answers.
 */
import {
  cidrContains,
  cidrsOverlap,
  ParsedCidr,
  RFC1918_RANGES,
} from "../policy-pack/lib/semantics";
import { AlbScheme, Edition } from "./types";

/**
 * Ranges whose clients reach AWS only over a private path: RFC 1918, and RFC 6598 shared address
 * space (100.64.0.0/10), which carrier-grade NAT and many VPN and SD-WAN overlays use internally
 * and which, like RFC 1918, is never routed on the internet.
 */
export const PRIVATE_CLIENT_RANGES: readonly string[] = [...RFC1918_RANGES, "100.64.0.0/10"];

/** Ranges no client connects from: "this network", loopback, link-local, multicast, reserved. */
export const NON_CLIENT_RANGES: readonly string[] = [
  "0.0.0.0/8",
  "127.0.0.0/8",
  "169.254.0.0/16",
  "224.0.0.0/4",
  "240.0.0.0/4",
];

export type ClientNetwork =
  | { readonly kind: "private" }
  | { readonly kind: "public" }
  /** Part private, part public: no single entry point serves both. */
  | { readonly kind: "mixed"; readonly privateRanges: readonly string[] }
  | { readonly kind: "unusable"; readonly range: string };

/** Classifies an IPv4 block (validation has refused IPv6 and the internet before this runs). */
export function clientNetwork(cidr: ParsedCidr): ClientNetwork {
  const unusable = NON_CLIENT_RANGES.find((range) => cidrsOverlap(range, cidr.text));
  if (unusable) {
    return { kind: "unusable", range: unusable };
  }
  if (PRIVATE_CLIENT_RANGES.some((range) => cidrContains(range, cidr.text))) {
    return { kind: "private" };
  }
  const privateRanges = PRIVATE_CLIENT_RANGES.filter((range) => cidrContains(cidr.text, range));
  return privateRanges.length > 0 ? { kind: "mixed", privateRanges } : { kind: "public" };
}

/** Production: private clients get an internal ALB, public clients an internet-facing one. */
export function albSchemeFor(network: ClientNetwork): AlbScheme {
  return network.kind === "private" ? "internal" : "internet-facing";
}

/** The sentence to show after `decision-control:allowedCidr`, or undefined when it can be served. */
export function clientNetworkIssue(cidr: ParsedCidr, edition: Edition): string | undefined {
  const network = clientNetwork(cidr);
  switch (network.kind) {
    case "unusable":
      return `"${cidr.text}" overlaps ${network.range}, address space no client connects from (loopback, link-local, multicast or reserved); set your office or VPN range, e.g. 203.0.113.45/32.`;
    case "mixed":
      return `"${cidr.text}" mixes private addresses (${network.privateRanges.join(", ")}) with public ones, and one entry point cannot serve both: private clients reach only an internal load balancer (over VPN or Direct Connect), public clients only an internet-facing one. Set a range wholly inside ${PRIVATE_CLIENT_RANGES.join(", ")} or wholly outside them (NET-1).`;
    case "private":
      return edition === "sandbox"
        ? `"${cidr.text}" is private address space, but the sandbox edition serves from a public Elastic IP: traffic from a private network reaches a public address through that network's NAT, with its public source address, so nobody in ${cidr.text} could connect. Set the public address your office or VPN egresses from (e.g. 203.0.113.45/32), or use the production edition, whose internal load balancer serves private ranges over VPN or Direct Connect (NET-1).`
        : undefined;
    case "public":
      return undefined;
  }
}

/**
 * Private clients whose range overlaps the VPC's (the shipped `10.0.0.0/8` contains a
 * `10.30.0.0/16` VPC): a warning, since a 10.x VPC inside a corporate 10/8 is common and the
 * overlap is harmless while no client uses the VPC's addresses. A client that does cannot be
 * answered: traffic to an address inside the VPC's range is covered by the local route and stays in
 * the VPC (VPC User Guide, "How route priority works"), never reaching the VPN route. And the load
 * balancer's security group, which admits `allowedCidr`, admits every address of the VPC too.
 */
export function clientRangeOverlapsVpcWarning(
  allowedCidr: ParsedCidr,
  vpcCidr: ParsedCidr,
  keys: { readonly allowedCidr: string; readonly vpcCidr: string },
): string | undefined {
  if (!cidrsOverlap(allowedCidr.text, vpcCidr.text)) {
    return undefined;
  }
  return `${keys.allowedCidr}: ${allowedCidr.text} overlaps ${keys.vpcCidr} ${vpcCidr.text}. A client of yours with an address inside ${vpcCidr.text} cannot be answered (the VPC's local route takes its replies), and the load balancer's security group also admits every address of the VPC. Make sure no client uses ${vpcCidr.text}, or narrow allowedCidr to your client ranges outside it (NET-1; README, "Who can reach the app").`;
}

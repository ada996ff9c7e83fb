// Load balancer listeners of every kind (ALB/NLB listeners, Classic Load Balancer inline listeners)
// seen from the client side: which balancer, facing the internet or not, protocol and port.
import { peek, PolicyResource, RefIndex, UNKNOWN_VALUE } from "./policy-kit";
import { asBool, asList, asNumber, asString, elementReaders, get } from "./values";

export const LB = {
  listeners: ["aws:lb/listener:Listener", "aws:alb/listener:Listener"],
  balancers: ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"],
  rules: ["aws:lb/listenerRule:ListenerRule", "aws:alb/listenerRule:ListenerRule"],
  classic: "aws:elb/loadBalancer:LoadBalancer",
} as const;

export type BalancerKind = "application" | "network" | "gateway" | "classic";

/** A listener as a client meets it. */
export interface FrontListener {
  /** The resource a finding is reported on (the listener, or the Classic Load Balancer). */
  owner: PolicyResource;
  /** For messages, before "of <balancer>": "listener 'web-80'" or "listeners[0]" (Classic). */
  where: string;
  balancer: PolicyResource;
  kind: BalancerKind;
  /** Upper-case client protocol: HTTP, HTTPS, TCP, TLS, UDP, TCP_UDP, SSL, QUIC... */
  protocol: string;
  port: number | undefined;
  internetFacing: boolean;
  /** The balancer has security groups of its own (NLBs may not, and then admit everyone). */
  hasSecurityGroups: boolean;
}

function text(v: unknown): string {
  return (asString(v) ?? "").trim();
}

/** The balancer's kind; `undefined` when not known yet. */
export function balancerKind(lb: PolicyResource): BalancerKind | undefined {
  if (lb.type === LB.classic) {
    return "classic";
  }
  const t = peek(() => text(get(lb.props, "loadBalancerType")).toLowerCase());
  if (t === UNKNOWN_VALUE) {
    return undefined;
  }
  return t === "network" || t === "gateway" ? t : "application";
}

interface Facing {
  internetFacing: boolean;
  hasSecurityGroups: boolean;
}

/** Internet-facing unless `internal` is true; `undefined` when either fact is not known yet. */
function facingOf(lb: PolicyResource): Facing | undefined {
  const internal = peek(() => asBool(get(lb.props, "internal")));
  const groups = peek(() => asList(get(lb.props, "securityGroups")).length);
  if (internal === UNKNOWN_VALUE) {
    return undefined;
  }
  // Security groups unknown at preview are still security groups.
  return {
    internetFacing: internal !== true,
    hasSecurityGroups: groups === UNKNOWN_VALUE || groups > 0,
  };
}

/**
 * A listener's client protocol: as written, or the provider's default when unset (HTTP on an
 * application load balancer; the API requires it on the others).
 */
export function listenerProtocol(listener: PolicyResource, kind: BalancerKind | undefined): string {
  const p = peek(() => text(get(listener.props, "protocol")).toUpperCase());
  if (p === UNKNOWN_VALUE) {
    return "";
  }
  return p === "" && kind === "application" ? "HTTP" : p;
}

/** The listener's balancer in the stack, found by loadBalancerArn (value or dependencies). */
export function balancerOf(
  listener: PolicyResource,
  balancers: RefIndex,
): PolicyResource | undefined {
  return balancers.lookup(listener, "loadBalancerArn").found[0];
}

/**
 * Every listener of the stack whose balancer is known, with the facts that decide exposure. A
 * listener whose balancer lives outside the stack, or whose facts are not known yet, is left out.
 */
export function frontListeners(resources: readonly PolicyResource[]): FrontListener[] {
  const balancers = new RefIndex(
    resources.filter((r) => (LB.balancers as readonly string[]).includes(r.type)),
  );
  const out: FrontListener[] = [];
  for (const r of resources) {
    if ((LB.listeners as readonly string[]).includes(r.type)) {
      const balancer = balancerOf(r, balancers);
      const kind = balancer ? balancerKind(balancer) : undefined;
      const facing = balancer ? facingOf(balancer) : undefined;
      if (!balancer || !kind || !facing) {
        continue;
      }
      const port = peek(() => asNumber(get(r.props, "port")));
      out.push({
        owner: r,
        where: `listener '${r.name}'`,
        balancer,
        kind,
        protocol: listenerProtocol(r, kind),
        port: port === UNKNOWN_VALUE ? undefined : port,
        ...facing,
      });
    } else if (r.type === LB.classic) {
      const facing = facingOf(r);
      const readers = peek(() => elementReaders(get(r.props, "listeners")));
      if (!facing || readers === UNKNOWN_VALUE) {
        continue;
      }
      readers.forEach((read, i) => {
        const l = peek(read);
        if (l === UNKNOWN_VALUE) {
          return;
        }
        const protocol = peek(() => text(get(l, "lbProtocol")).toUpperCase());
        const port = peek(() => asNumber(get(l, "lbPort")));
        out.push({
          owner: r,
          where: `listeners[${i}]`,
          balancer: r,
          kind: "classic",
          protocol: protocol === UNKNOWN_VALUE ? "" : protocol,
          port: port === UNKNOWN_VALUE ? undefined : port,
          ...facing,
        });
      });
    }
  }
  return out;
}

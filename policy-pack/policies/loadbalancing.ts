import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { balancerKind, balancerOf, frontListeners, LB, listenerProtocol } from "../lib/listeners";
import {
  forTypes,
  peek,
  PolicyResource,
  RefIndex,
  runChecks,
  schema,
  settings,
} from "../lib/policy-kit";
import {
  asBool,
  asList,
  asNumber,
  asString,
  asStrings,
  elementReaders,
  get,
  show,
} from "../lib/values";
import { POLICY_DEFAULTS } from "../controls/defaults";

const LISTENERS = LB.listeners;
const LOAD_BALANCERS = LB.balancers;

/** A protocol as written, trimmed and upper-cased; "" when unset or not text. */
function upper(v: unknown): string {
  // Stryker disable next-line StringLiteral: any other text is no protocol compared below either (equivalent)
  return (asString(v) ?? "").trim().toUpperCase();
}

/** Reports every action of `actions` that is not a redirect to HTTPS (one message per action). */
function judgeHttpActions(
  actions: unknown,
  field: string,
  subject: string,
  report: (message: string) => void,
): void {
  const readers = elementReaders(actions);
  if (readers.length === 0) {
    report(
      `APP-2: ${subject} has no ${field}; add a redirect action to protocol "HTTPS", port "443".`,
    );
  }
  runChecks(
    ...readers.map((read, i) => () => {
      const a = read();
      const type = (asString(get(a, "type")) ?? "").trim().toLowerCase();
      const target = upper(get(get(a, "redirect"), "protocol"));
      if (type !== "redirect" || target !== "HTTPS") {
        report(
          `APP-2: ${subject} ${field}[${i}] is ${show(type || undefined)}${type === "redirect" ? ` to ${show(target || undefined)}` : ""}; make it a redirect with redirect.protocol "HTTPS", port "443", statusCode "HTTP_301".`,
        );
      }
    }),
  );
}

export const lbHttpRedirectsToHttps: ResourceValidationPolicy & StackValidationPolicy = {
  name: "lb-http-redirects-to-https",
  description:
    "APP-2: HTTP listeners only redirect to HTTPS; they never forward or answer content: their default actions (a listener without protocol on an application load balancer is HTTP), the listener rules attached to them, and Classic Load Balancer HTTP listeners (which cannot redirect).",
  enforcementLevel: "mandatory",
  validateResource: forTypes([...LB.listeners, LB.classic], (props, args, report) => {
    if (args.type === LB.classic) {
      runChecks(
        ...elementReaders(get(props, "listeners")).map((read, i) => () => {
          const l = read();
          if (upper(get(l, "lbProtocol")) !== "HTTP") {
            return;
          }
          report(
            `APP-2: listeners[${i}] of Classic Load Balancer '${args.name}' serves HTTP on port ${show(get(l, "lbPort"))}, and a Classic Load Balancer cannot redirect, so the app answers in plain text; use lbProtocol "HTTPS" with sslCertificateId, or an application load balancer whose HTTP listener redirects to HTTPS.`,
          );
        }),
      );
      return;
    }
    const protocol = upper(get(props, "protocol"));
    if (protocol !== "HTTP") {
      return; // an unset protocol is HTTP only on an application load balancer: judged per stack
    }
    judgeHttpActions(
      get(props, "defaultActions"),
      "defaultActions",
      `HTTP listener '${args.name}'`,
      report,
    );
  }),
  validateStack: (args, report) => {
    const balancers = new RefIndex(args.resources.filter((r) => isOneOf(r.type, LB.balancers)));
    const listeners = args.resources.filter((r) => isOneOf(r.type, LB.listeners));
    /** Listeners that speak HTTP, including those that do so by default. */
    const http = new Set<PolicyResource>();
    const checks: Array<() => void> = [];
    for (const l of listeners) {
      const written = peek(() => upper(get(l.props, "protocol")));
      if (written === "HTTP") {
        http.add(l);
        continue;
      }
      // Stryker disable next-line ConditionalExpression: fast path, listenerProtocol reads the written protocol again (equivalent)
      const lb = written === "" ? balancerOf(l, balancers) : undefined;
      if (lb && listenerProtocol(l, balancerKind(lb)) === "HTTP") {
        http.add(l);
        checks.push(() =>
          judgeHttpActions(
            get(l.props, "defaultActions"),
            "defaultActions",
            `listener '${l.name}' (no protocol on application load balancer '${lb.name}', so HTTP)`,
            (m) => report(m, l.urn),
          ),
        );
      }
    }
    const httpIndex = new RefIndex([...http]);
    for (const rule of args.resources) {
      if (!isOneOf(rule.type, LB.rules)) {
        continue;
      }
      for (const l of httpIndex.lookup(rule, "listenerArn").found) {
        checks.push(() =>
          judgeHttpActions(
            get(rule.props, "actions"),
            "actions",
            `listener rule '${rule.name}' of HTTP listener '${l.name}'`,
            (m) =>
              report(
                `${m} A rule that forwards on the HTTP listener serves the app in plain text.`,
                rule.urn,
              ),
          ),
        );
      }
    }
    runChecks(...checks);
  },
};

function isOneOf(type: string, types: readonly string[]): boolean {
  return types.includes(type);
}

// ---- NET-5 / APP-2: what an internet-facing load balancer lets through --------------------------

/** The ports of a configured list; entries that are not numbers are left out. */
function portList(v: unknown): number[] {
  return asList(v)
    .map(asNumber)
    .filter((n): n is number => n !== undefined);
}

const internetListenerDefaults = POLICY_DEFAULTS["lb-internet-listeners"];

export const lbInternetListeners: StackValidationPolicy = {
  name: "lb-internet-listeners",
  description:
    "NET-5, APP-2: Internet-facing Network Load Balancers without security groups never listen on SSH, RDP or database ports (anyone can connect), and internet-facing Network and Classic Load Balancers carry the app over TLS: a plain TCP listener is allowed only on tlsPassthroughPorts (443, TLS passed through to the targets).",
  enforcementLevel: "mandatory",
  configSchema: schema(
    {
      adminPorts: {
        type: "array",
        items: { type: "number" },
        description:
          "Ports no internet-facing load balancer without security groups may listen on.",
      },
      tlsPassthroughPorts: {
        type: "array",
        items: { type: "number" },
        description:
          "Ports where a plain TCP listener of an internet-facing load balancer is taken to carry TLS end to end.",
      },
    },
    internetListenerDefaults,
  ),
  validateStack: (args, report) => {
    const cfg = settings(args, internetListenerDefaults);
    const adminPorts = portList(cfg.adminPorts);
    const passthrough = portList(cfg.tlsPassthroughPorts);
    for (const l of frontListeners(args.resources)) {
      if (
        !l.internetFacing ||
        // Stryker disable next-line ConditionalExpression: application and gateway listeners never speak TCP or TCP_UDP, and only network ones are reported on admin ports (equivalent)
        (l.kind !== "network" && l.kind !== "classic") ||
        l.port === undefined
      ) {
        continue;
      }
      const lb = `${l.kind === "network" ? "Network" : "Classic"} Load Balancer '${l.balancer.name}'`;
      if (adminPorts.includes(l.port)) {
        if (l.kind === "network" && !l.hasSecurityGroups) {
          report(
            `NET-5: ${l.where} of internet-facing ${lb}, which has no security groups, listens on ${l.protocol || "(protocol unset)"} port ${l.port}, so anyone on the internet reaches an SSH, RDP or database port; remove the listener (use SSM Session Manager, keep databases private) or make the load balancer internal.`,
            l.owner.urn,
          );
        }
        continue; // with security groups, their rules decide (sg-no-admin-ports-from-internet)
      }
      const plain = l.protocol === "TCP" || l.protocol === "TCP_UDP";
      if (plain && !passthrough.includes(l.port)) {
        report(
          `APP-2: ${l.where} of internet-facing ${lb} forwards plain ${l.protocol} on port ${l.port}, so the app travels the internet unencrypted; use protocol ${l.kind === "network" ? '"TLS" with certificateArn and an allowed sslPolicy' : '"SSL"/"HTTPS" with sslCertificateId'}, or pass TLS through on ${passthrough.join("/") || "443"}.`,
          l.owner.urn,
        );
      }
    }
  },
};

const tlsDefaults = POLICY_DEFAULTS["lb-tls-policy"];

export const lbTlsPolicy: ResourceValidationPolicy = {
  name: "lb-tls-policy",
  description:
    "APP-2, CMP-2: HTTPS/TLS listeners use an allowed modern TLS policy (TLS 1.2+ with TLS 1.3; configurable list).",
  enforcementLevel: "mandatory",
  configSchema: schema(
    {
      allowedSslPolicies: {
        type: "array",
        items: { type: "string" },
        description: "ELB security policies HTTPS/TLS listeners may use.",
      },
    },
    tlsDefaults,
  ),
  validateResource: forTypes(LISTENERS, (props, args, report) => {
    const protocol = upper(get(props, "protocol"));
    if (protocol !== "HTTPS" && protocol !== "TLS") {
      return;
    }
    const allowed = asStrings(settings(args, tlsDefaults).allowedSslPolicies);
    const v = get(props, "sslPolicy");
    const policy = asString(v)?.trim();
    if (!policy || !allowed.includes(policy)) {
      report(
        `APP-2: ${protocol} listener '${args.name}' has sslPolicy ${show(v)}${v === undefined ? " (AWS default ELBSecurityPolicy-2016-08)" : ""}; set sslPolicy to one of ${allowed.join(", ")}.`,
      );
    }
  }),
};

export const albDropInvalidHeaders: ResourceValidationPolicy = {
  name: "alb-drop-invalid-headers",
  description:
    "APP-2: Application load balancers drop invalid HTTP header fields (request-smuggling defence).",
  enforcementLevel: "mandatory",
  validateResource: forTypes(LOAD_BALANCERS, (props, args, report) => {
    const type = (asString(get(props, "loadBalancerType")) ?? "application").trim().toLowerCase();
    if (type !== "application") {
      return;
    }
    const v = get(props, "dropInvalidHeaderFields");
    if (asBool(v) !== true) {
      report(
        `APP-2: application load balancer '${args.name}' has dropInvalidHeaderFields ${show(v)}; set dropInvalidHeaderFields to true.`,
      );
    }
  }),
};

export const loadBalancingPolicies = [
  lbHttpRedirectsToHttps,
  lbTlsPolicy,
  albDropInvalidHeaders,
  lbInternetListeners,
];

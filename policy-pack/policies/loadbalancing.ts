import { ResourceValidationPolicy } from "@pulumi/policy";
import { forTypes, runChecks, schema, settings } from "../lib/policy-kit";
import { asBool, asString, asStrings, elementReaders, get, show } from "../lib/values";

const LISTENERS = ["aws:lb/listener:Listener", "aws:alb/listener:Listener"];
const LOAD_BALANCERS = ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"];

export const lbHttpRedirectsToHttps: ResourceValidationPolicy = {
  name: "lb-http-redirects-to-https",
  description:
    "APP-2: HTTP listeners only redirect to HTTPS; they never forward or answer content.",
  enforcementLevel: "mandatory",
  validateResource: forTypes(LISTENERS, (props, args, report) => {
    const protocol = (asString(get(props, "protocol")) ?? "").trim().toUpperCase();
    if (protocol !== "HTTP") {
      return;
    }
    const actions = elementReaders(get(props, "defaultActions"));
    if (actions.length === 0) {
      report(
        `APP-2: HTTP listener '${args.name}' has no defaultActions; add a redirect action to protocol "HTTPS", port "443".`,
      );
    }
    runChecks(
      ...actions.map((read, i) => () => {
        const a = read();
        const type = (asString(get(a, "type")) ?? "").trim().toLowerCase();
        const target = (asString(get(get(a, "redirect"), "protocol")) ?? "").trim().toUpperCase();
        if (type !== "redirect" || target !== "HTTPS") {
          report(
            `APP-2: HTTP listener '${args.name}' defaultActions[${i}] is ${show(type || undefined)}${type === "redirect" ? ` to ${show(target || undefined)}` : ""}; make it a redirect with redirect.protocol "HTTPS", port "443", statusCode "HTTP_301".`,
          );
        }
      }),
    );
  }),
};

const tlsDefaults = {
  allowedSslPolicies: [
    "ELBSecurityPolicy-TLS13-1-2-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
    "ELBSecurityPolicy-TLS13-1-3-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
    // Hybrid post-quantum key exchange (2025-09), AWS's current recommendation; the Ext* variants,
    // which re-admit weaker TLS 1.2 ciphers, are left out.
    "ELBSecurityPolicy-TLS13-1-2-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09",
  ],
};

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
    const protocol = (asString(get(props, "protocol")) ?? "").trim().toUpperCase();
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

export const loadBalancingPolicies = [lbHttpRedirectsToHttps, lbTlsPolicy, albDropInvalidHeaders];

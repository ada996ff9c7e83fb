// APP-2 at the edge: CloudFront speaks HTTPS with modern TLS to viewers and to origins.
import { ResourceValidationPolicy } from "@pulumi/policy";
import { forTypes, runChecks } from "../lib/policy-kit";
import { asBool, asStrings, asString, elementReaders, get, show } from "../lib/values";

const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
const MULTITENANT = "aws:cloudfront/multitenantDistribution:MultitenantDistribution";
const VPC_ORIGIN = "aws:cloudfront/vpcOrigin:VpcOrigin";

/** Viewer protocol policies that never serve content over plain HTTP. */
const HTTPS_VIEWER_POLICIES = ["redirect-to-https", "https-only"];
/** CloudFront security policies whose minimum is TLS 1.2 or later (TLSv1.2_2018 ... TLSv1.3_2025). */
const MODERN_SECURITY_POLICY = /^TLSv1\.[23]_\d{4}$/;
/** Origin SSL protocols below TLS 1.2. */
const OLD_ORIGIN_PROTOCOLS = ["SSLv3", "TLSv1", "TLSv1.1"];

function lower(v: unknown): string {
  // Stryker disable next-line StringLiteral: any other text matches no policy compared below either (equivalent)
  return (asString(v) ?? "").trim().toLowerCase();
}

function kindOf(type: string): string {
  return type === MULTITENANT ? "multi-tenant distribution" : "distribution";
}

export const cloudfrontViewerHttps: ResourceValidationPolicy = {
  name: "cloudfront-viewer-https",
  description:
    'APP-2: CloudFront distributions (standard and multi-tenant) serve viewers over HTTPS only: every cache behaviour has viewerProtocolPolicy "redirect-to-https" or "https-only", and the viewer certificate is a custom one with a TLS 1.2+ security policy (minimumProtocolVersion TLSv1.2_2021 or later; the default *.cloudfront.net certificate and "vip" SSL support are held at TLSv1).',
  enforcementLevel: "mandatory",
  validateResource: forTypes([DISTRIBUTION, MULTITENANT], (props, args, report) => {
    const subject = `CloudFront ${kindOf(args.type)} '${args.name}'`;
    const behaviour = (where: string, read: () => unknown) => () => {
      const v = get(read(), "viewerProtocolPolicy");
      if (!HTTPS_VIEWER_POLICIES.includes(lower(v))) {
        report(
          `APP-2: ${subject} has ${where}.viewerProtocolPolicy ${show(v)}, so viewers can fetch the app over plain HTTP; set it to "redirect-to-https" (or "https-only").`,
        );
      }
    };
    const listKey = args.type === MULTITENANT ? "cacheBehaviors" : "orderedCacheBehaviors";
    runChecks(
      behaviour("defaultCacheBehavior", () => get(props, "defaultCacheBehavior")),
      ...elementReaders(get(props, listKey)).map((read, i) => behaviour(`${listKey}[${i}]`, read)),
      () => {
        const cert = get(props, "viewerCertificate");
        const fix =
          'use a custom domain with an ACM certificate (acmCertificateArn, sslSupportMethod "sni-only") and minimumProtocolVersion "TLSv1.2_2021" or later';
        if (asBool(get(cert, "cloudfrontDefaultCertificate")) === true || cert === undefined) {
          report(
            `APP-2: ${subject} uses the default *.cloudfront.net certificate, for which CloudFront sets the security policy to TLSv1 whatever minimumProtocolVersion says; ${fix}.`,
          );
          return;
        }
        if (lower(get(cert, "sslSupportMethod")) === "vip") {
          report(
            `APP-2: ${subject} has viewerCertificate.sslSupportMethod "vip", which allows only SSLv3 or TLSv1 as the minimum protocol; ${fix}.`,
          );
          return;
        }
        const min = get(cert, "minimumProtocolVersion");
        // Stryker disable next-line StringLiteral: any other text fails the pattern too (equivalent)
        if (!MODERN_SECURITY_POLICY.test((asString(min) ?? "").trim())) {
          report(
            `APP-2: ${subject} has viewerCertificate.minimumProtocolVersion ${show(min)}${min === undefined ? " (CloudFront's default TLSv1)" : ""}, below TLS 1.2; set it to "TLSv1.2_2021" or later.`,
          );
        }
      },
    );
  }),
};

/** Problems of one origin's protocol settings, as message fragments. */
function originFindings(policy: unknown, protocols: unknown): string[] {
  const out: string[] = [];
  if (lower(policy) === "http-only") {
    out.push(`originProtocolPolicy "http-only" (CloudFront fetches from the origin in plain HTTP)`);
    return out;
  }
  const old = asStrings(protocols).filter((p) => OLD_ORIGIN_PROTOCOLS.includes(p.trim()));
  if (old.length > 0) {
    out.push(`originSslProtocols ${show(old)} (below TLS 1.2)`);
  }
  return out;
}

export const cloudfrontOriginHttps: ResourceValidationPolicy = {
  name: "cloudfront-origin-https",
  description:
    'APP-2: CloudFront reaches custom and VPC origins over HTTPS with TLS 1.2: originProtocolPolicy is not "http-only" and originSslProtocols holds no SSLv3, TLSv1 or TLSv1.1.',
  enforcementLevel: "mandatory",
  validateResource: forTypes([DISTRIBUTION, MULTITENANT, VPC_ORIGIN], (props, args, report) => {
    const fix =
      'set originProtocolPolicy "https-only" (or "match-viewer" with HTTPS-only viewers) and originSslProtocols ["TLSv1.2"]; an S3 bucket is reached through its REST endpoint with origin access control, never its HTTP-only website endpoint';
    if (args.type === VPC_ORIGIN) {
      const config = get(props, "vpcOriginEndpointConfig");
      const found = originFindings(
        get(config, "originProtocolPolicy"),
        get(get(config, "originSslProtocols"), "items"),
      );
      if (found.length > 0) {
        report(`APP-2: CloudFront VPC origin '${args.name}' has ${found.join(" and ")}; ${fix}.`);
      }
      return;
    }
    runChecks(
      ...elementReaders(get(props, "origins")).map((read, i) => () => {
        const custom = get(read(), "customOriginConfig");
        // Stryker disable next-line ConditionalExpression,LogicalOperator,BlockStatement: fast path, an absent config has no findings below (equivalent)
        if (custom === undefined || custom === null) {
          return; // an S3 or VPC origin: CloudFront uses HTTPS (VPC origins are judged apart)
        }
        const found = originFindings(
          get(custom, "originProtocolPolicy"),
          get(custom, "originSslProtocols"),
        );
        if (found.length > 0) {
          report(
            `APP-2: CloudFront ${kindOf(args.type)} '${args.name}' origins[${i}].customOriginConfig has ${found.join(" and ")}; ${fix}.`,
          );
        }
      }),
    );
  }),
};

export const edgePolicies = [cloudfrontViewerHttps, cloudfrontOriginHttps];

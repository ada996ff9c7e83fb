// Resource and trust policies open to the world: an Allow to everyone (`Principal: "*"`,
// `{ AWS: "*" }`, or `NotPrincipal`) that no condition narrows to known callers.
import { internetCidrs, parseCidr } from "./cidr";
import { Condition, isAllow, isPositiveOperator, parsePolicyDocument } from "./iam";

/**
 * Condition keys that, with a fixed value, restrict WHO can call: a VPC or endpoint, an
 * organization, an account, a principal, or the source resource of a service call. Source: Amazon
 * S3's definition of a non-public policy ("The meaning of public",
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status)
 * plus the organization and principal keys of the AWS global condition keys
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html) and
 * kms:CallerAccount, which AWS's own key policies use with `Principal: {"AWS": "*"}`.
 * `aws:SourceIp` counts separately, when every range is narrower than the internet.
 * `aws:SecureTransport` and the like say how a request travels, not who sends it: they never count.
 */
export const CALLER_RESTRICTING_KEYS: readonly string[] = [
  "aws:SourceVpce",
  "aws:SourceVpc",
  "aws:SourceVpcArn",
  "aws:PrincipalOrgID",
  "aws:PrincipalOrgPaths",
  "aws:PrincipalAccount",
  "aws:PrincipalArn",
  "aws:SourceAccount",
  "aws:SourceArn",
  "aws:SourceOwner",
  "aws:SourceOrgID",
  "aws:SourceOrgPaths",
  "aws:userid",
  "kms:CallerAccount",
  "s3:DataAccessPointAccount",
  "s3:DataAccessPointArn",
];
const RESTRICTING = new Set(CALLER_RESTRICTING_KEYS.map((k) => k.toLowerCase()));
const MATCHING_OPERATORS =
  /^(forAnyValue:)?(stringequals|stringequalsignorecase|stringlike|arnequals|arnlike)$/i;

/** A value names something: not empty, and not a pattern that starts with a wildcard (`*`, `*-x`). */
function isFixed(value: string): boolean {
  const v = value.trim();
  return v !== "" && !v.startsWith("*") && !v.startsWith("?");
}

/** True when a condition narrows the callers of an Allow to known ones. */
export function restrictsCaller(c: Condition): boolean {
  if (!isPositiveOperator(c.operator) || c.values.length === 0) {
    return false;
  }
  const key = c.key.trim().toLowerCase();
  const op = c.operator.trim();
  if (key === "aws:sourceip") {
    return (
      /^(forAnyValue:)?ipaddress$/i.test(op) &&
      c.values.every((v) => parseCidr(v) !== undefined) &&
      internetCidrs(c.values).length === 0
    );
  }
  return RESTRICTING.has(key) && MATCHING_OPERATORS.test(op) && c.values.every(isFixed);
}

export interface PublicFinding {
  statementIndex: number;
  reason: string;
}

/**
 * Allow statements open to everyone: `Principal: "*"` or `{ "AWS": "*" }` without a condition that
 * restricts the caller, and any Allow with NotPrincipal (AWS: "we strongly recommend that you do
 * not use NotPrincipal with Allow"; it grants everyone but the listed principals).
 */
export function publicStatementFindings(doc: unknown): PublicFinding[] {
  const out: PublicFinding[] = [];
  parsePolicyDocument(doc).forEach((st, i) => {
    if (!isAllow(st)) {
      return;
    }
    const actions = st.actions.join(", ") || `NotAction ${st.notActions.join(", ")}`;
    if (st.hasNotPrincipal) {
      out.push({
        statementIndex: i,
        reason: `Allow with NotPrincipal (everyone but the listed principals; actions ${actions})`,
      });
      return;
    }
    if (st.publicPrincipal && !st.conditions.some(restrictsCaller)) {
      const kept = st.conditions.map((c) => c.key);
      out.push({
        statementIndex: i,
        reason: `Allow to Principal "*" (actions ${actions})${
          kept.length > 0
            ? ` whose condition (${kept.join(", ")}) does not restrict the caller`
            : " without a condition"
        }`,
      });
    }
  });
  return out;
}

// IAM policy documents: parsing every spelling AWS accepts, and the IAM-2 judgement of identity
// policies by what their actions and resources really cover (lib/iam-actions.ts holds AWS's list of
// actions, lib/escalation-data.ts the escalation and admin-action data).
import {
  ESCALATION_METHODS,
  RESOURCE_SCOPING_CONDITION_KEYS,
  SENSITIVE_ON_ALL_RESOURCES,
} from "./escalation-data";
import {
  expandPattern,
  globToRegExp,
  hasWildcard,
  isWriteLevel,
  patternCovers,
  servicesFullyCovered,
} from "./iam-actions";
import { asList, asString, get, isBag } from "./values";

/** One condition: `{ "StringEquals": { "aws:SourceVpce": ["vpce-1"] } }` gives one entry per key. */
export interface Condition {
  operator: string;
  key: string;
  values: string[];
}

/** A policy statement reduced to what the checks need. */
export interface Statement {
  effect: string;
  actions: string[];
  notActions: string[];
  resources: string[];
  hasNotResource: boolean;
  /** True when the principal is everyone: `"*"` or `{ AWS: "*" }` (string or list). */
  publicPrincipal: boolean;
  hasNotPrincipal: boolean;
  conditions: Condition[];
  hasCondition: boolean;
}

function strings(v: unknown): string[] {
  return asList(v)
    .map((x) => asString(x))
    .filter((x): x is string => x !== undefined)
    .map((x) => x.trim());
}

function parseConditions(raw: unknown): Condition[] {
  const out: Condition[] = [];
  if (!isBag(raw)) {
    return out;
  }
  for (const [operator, block] of Object.entries(raw)) {
    if (!isBag(block)) {
      continue;
    }
    for (const [key, values] of Object.entries(block)) {
      out.push({ operator: operator.trim(), key: key.trim(), values: strings(values) });
    }
  }
  return out;
}

function isEveryone(principal: unknown): boolean {
  if (typeof principal === "string") {
    return principal.trim() === "*";
  }
  return strings(get(principal, "AWS")).some((p) => p === "*");
}

/**
 * Parses an IAM policy document given as a JSON string or an object (as `aws.iam.Policy.policy`
 * accepts both). Statement may be one object or a list; Action/NotAction/Resource may be a string
 * or a list. An unparseable document yields no statements (AWS rejects it anyway).
 */
export function parsePolicyDocument(doc: unknown): Statement[] {
  let value: unknown = doc;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return [];
    }
  }
  if (!isBag(value)) {
    return [];
  }
  const out: Statement[] = [];
  for (const raw of asList(get(value, "Statement"))) {
    if (!isBag(raw)) {
      continue;
    }
    const conditions = parseConditions(get(raw, "Condition"));
    out.push({
      effect: (asString(get(raw, "Effect")) ?? "").trim(),
      actions: strings(get(raw, "Action")),
      notActions: strings(get(raw, "NotAction")),
      resources: strings(get(raw, "Resource")),
      hasNotResource: get(raw, "NotResource") !== undefined,
      publicPrincipal: isEveryone(get(raw, "Principal")),
      hasNotPrincipal: get(raw, "NotPrincipal") !== undefined,
      conditions,
      hasCondition: conditions.length > 0,
    });
  }
  return out;
}

export function isAllow(st: Statement): boolean {
  return st.effect.toLowerCase() === "allow";
}

// One ARN per shape AWS uses (global service without region, account-less S3, regional, nested
// resource path): a pattern that matches all of them in one partition matches every ARN there.
const PROBE_ARNS = [
  "arn:{p}:s3:::any-bucket/any/key",
  "arn:{p}:iam::123456789012:role/any/path/AnyRole",
  "arn:{p}:ec2:eu-west-1:123456789012:instance/i-0123456789abcdef0",
  "arn:{p}:kms:us-east-1:210987654321:key/0000-1111",
  "arn:{p}:secretsmanager:ap-south-1:123456789012:secret:db-AbCdEf",
  "arn:{p}:sns:eu-central-1:123456789012:topic",
];
const PARTITIONS = ["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-eusc"];

/**
 * True when a Resource pattern covers every resource: `*`, or any pattern that matches every
 * probe ARN of one partition (`arn:aws:*:*:*:*`, `arn:*:*:*:*:*`, `arn:aws:*`, `arn:*`).
 */
export function resourceCoversEverything(pattern: string): boolean {
  // An empty pattern compiles to /^$/, which matches no probe ARN.
  const re = globToRegExp(pattern.trim());
  return PARTITIONS.some((partition) =>
    PROBE_ARNS.every((arn) => re.test(arn.replace("{p}", partition))),
  );
}

/** Allow statements whose resources are everything (`*`-like patterns, or a NotResource list). */
export function onAllResources(st: Statement): boolean {
  return st.hasNotResource || st.resources.some(resourceCoversEverything);
}

/**
 * Operators that require the key to hold one of the values: not the negated ones (`StringNotEquals`,
 * `NotIpAddress`), not `...IfExists` (a request without the key passes), not `ForAllValues:` (true
 * for a request without the key).
 */
export function isPositiveOperator(operator: string): boolean {
  const op = operator.trim().toLowerCase();
  return (
    !op.startsWith("forallvalues:") &&
    !op.endsWith("ifexists") &&
    !op.includes("not") &&
    op !== "null"
  );
}

function conditionScopesResource(c: Condition): boolean {
  if (!isPositiveOperator(c.operator) || c.values.length === 0) {
    return false;
  }
  const key = c.key.toLowerCase();
  return RESOURCE_SCOPING_CONDITION_KEYS.some((k) =>
    k.endsWith("/") || k.endsWith(":") ? key.startsWith(k.toLowerCase()) : key === k.toLowerCase(),
  );
}

export type FindingKind =
  | "every-action"
  | "whole-service"
  | "not-action"
  | "wildcard-write"
  | "escalation"
  | "admin-action";

export interface DocumentFinding {
  statementIndex: number;
  kind: FindingKind;
  reason: string;
}

function quoteList(xs: readonly string[], max = 4): string {
  const shown = xs.slice(0, max).join(", ");
  return xs.length > max ? `${shown} and ${xs.length - max} more` : shown;
}

/**
 * IAM-2 findings of an identity-based policy document:
 * - an action pattern that grants every action of a service (`*`, `s3:*`, `iam:?*`), on any resource;
 * - Allow with NotAction (every action but the listed ones, new actions included), on any resource;
 * - a wildcard pattern that grants write actions on all resources (`s3:*Object` on `*`), unless
 *   `wildcardWrites` is false (AWS managed policies are judged for admin and write-all access only);
 * - privilege escalation on all resources (ESCALATION_METHODS, across the document's statements);
 * - administrator-level actions on all resources without a resource-scoping condition.
 * Statements already reported as whole-service grants do not repeat as escalation findings.
 */
export function identityDocumentFindings(
  doc: unknown,
  options: { wildcardWrites?: boolean } = {},
): DocumentFinding[] {
  const statements = parsePolicyDocument(doc);
  const findings: DocumentFinding[] = [];
  // Patterns per statement that are not already reported as a whole-service grant.
  const narrow: Array<{ index: number; patterns: string[]; onAll: boolean; scoped: boolean }> = [];

  statements.forEach((st, index) => {
    if (!isAllow(st)) {
      return;
    }
    const whole: string[] = [];
    const rest: string[] = [];
    let everything = false;
    for (const a of st.actions) {
      const services = hasWildcard(a) ? servicesFullyCovered(a) : [];
      if (services.includes("*")) {
        everything = true;
        whole.push(`"${a}" (every action of every service)`);
      } else if (services.length > 0) {
        whole.push(`"${a}" (every action of ${quoteList(services)})`);
      } else {
        rest.push(a);
      }
    }
    if (whole.length > 0) {
      findings.push({
        statementIndex: index,
        kind: everything ? "every-action" : "whole-service",
        reason: `Allow of ${whole.join(", ")}`,
      });
    }
    if (st.notActions.length > 0) {
      findings.push({
        statementIndex: index,
        kind: "not-action",
        reason: `Allow with NotAction ${quoteList(st.notActions)} (every other action, new ones included)`,
      });
    }
    const onAll = onAllResources(st);
    if (onAll && options.wildcardWrites !== false) {
      for (const a of rest.filter(hasWildcard)) {
        const writes = expandPattern(a)
          .filter(isWriteLevel)
          .map((x) => x.action);
        if (writes.length > 0) {
          findings.push({
            statementIndex: index,
            kind: "wildcard-write",
            reason: `"${a}" on all resources, which grants write actions (${quoteList(writes)})`,
          });
        }
      }
    }
    narrow.push({
      index,
      patterns: rest,
      onAll,
      scoped: st.conditions.some(conditionScopesResource),
    });
  });

  const coveringStatement = (action: string, needAll: boolean): number | undefined =>
    narrow.find((s) => (!needAll || s.onAll) && s.patterns.some((p) => patternCovers(p, action)))
      ?.index;

  const escalations = new Map<number, string[]>();
  for (const method of ESCALATION_METHODS) {
    const [first, ...others] = method.actions;
    // PassRole (or a single-action method) must reach every role; the launch actions may be scoped.
    const at = coveringStatement(first, true);
    if (at === undefined || others.some((a) => coveringStatement(a, false) === undefined)) {
      continue;
    }
    const list = escalations.get(at) ?? [];
    list.push(`${method.actions.join(" + ")} (${method.how})`);
    escalations.set(at, list);
  }
  for (const [statementIndex, methods] of escalations) {
    findings.push({
      statementIndex,
      kind: "escalation",
      reason: `privilege escalation on all resources: ${quoteList(methods, 3)}`,
    });
  }

  for (const s of narrow) {
    if (!s.onAll || s.scoped) {
      continue;
    }
    const hits = SENSITIVE_ON_ALL_RESOURCES.filter((x) =>
      s.patterns.some((p) => patternCovers(p, x.action)),
    ).map((x) => `${x.action} (${x.why})`);
    if (hits.length > 0) {
      findings.push({
        statementIndex: s.index,
        kind: "admin-action",
        reason: `administrator-level actions on all resources without a resource-scoping condition: ${quoteList(hits, 3)}`,
      });
    }
  }
  return findings.sort((a, b) => a.statementIndex - b.statementIndex);
}

export interface ManagedPolicyRef {
  partition: string;
  account: string;
  path: string;
  name: string;
}

/** Parses `arn:<partition>:iam::<account|aws>:policy/<path/>Name` in any partition. */
export function parsePolicyArn(value: unknown): ManagedPolicyRef | undefined {
  const arn = asString(value)?.trim();
  if (!arn) {
    return undefined;
  }
  const m = /^arn:([a-z0-9-]+):iam::([^:]*):policy\/(.+)$/i.exec(arn);
  if (!m) {
    return undefined;
  }
  const full = m[3];
  const slash = full.lastIndexOf("/");
  return {
    partition: m[1],
    account: m[2],
    path: slash >= 0 ? `/${full.slice(0, slash + 1)}` : "/",
    name: slash >= 0 ? full.slice(slash + 1) : full,
  };
}

/** The denied policy name that `arn` attaches, matching on the ARN's name in any partition. */
export function deniedPolicyName(arn: unknown, denied: readonly string[]): string | undefined {
  const ref = parsePolicyArn(arn);
  if (!ref) {
    return undefined;
  }
  const name = ref.name.toLowerCase();
  return denied.find((d) => d.trim().toLowerCase() === name);
}

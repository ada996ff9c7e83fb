import { asList, asString, isBag, get } from "./values";

/** A policy statement reduced to what the checks need. */
export interface Statement {
  effect: string;
  actions: string[];
  notActions: string[];
  resources: string[];
  hasNotResource: boolean;
  /** True when the principal is everyone: `"*"` or `{ AWS: "*" }` (string or list). */
  publicPrincipal: boolean;
  hasCondition: boolean;
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
    out.push({
      effect: (asString(get(raw, "Effect")) ?? "").trim(),
      actions: strings(get(raw, "Action")),
      notActions: strings(get(raw, "NotAction")),
      resources: strings(get(raw, "Resource")),
      hasNotResource: get(raw, "NotResource") !== undefined,
      publicPrincipal: isEveryone(get(raw, "Principal")),
      hasCondition:
        isBag(get(raw, "Condition")) && Object.keys(get(raw, "Condition") as object).length > 0,
    });
  }
  return out;
}

function isEveryone(principal: unknown): boolean {
  if (typeof principal === "string") {
    return principal.trim() === "*";
  }
  return strings(get(principal, "AWS")).some((p) => p === "*");
}

/** Statements that Allow everyone (`Principal: "*"`) without any Condition: a public resource policy. */
export function publicAllowFindings(doc: unknown): DocumentFinding[] {
  const out: DocumentFinding[] = [];
  parsePolicyDocument(doc).forEach((st, i) => {
    if (st.effect.toLowerCase() === "allow" && st.publicPrincipal && !st.hasCondition) {
      out.push({
        statementIndex: i,
        reason: `Allow to Principal "*" without a Condition (actions ${st.actions.join(", ") || "(NotAction)"})`,
      });
    }
  });
  return out;
}

function strings(v: unknown): string[] {
  return asList(v)
    .map((x) => asString(x))
    .filter((x): x is string => x !== undefined)
    .map((x) => x.trim());
}

/** True for `*`, `*:*` and `service:*` (any case): an action pattern granting a whole service. */
export function isWildcardAction(action: string): boolean {
  const a = action.trim();
  if (a === "*" || /^\*+$/.test(a)) {
    return true;
  }
  const i = a.indexOf(":");
  if (i < 0) {
    return false;
  }
  return /^\*+$/.test(a.slice(i + 1));
}

export interface DocumentFinding {
  statementIndex: number;
  reason: string;
}

/**
 * IAM-2 findings: Allow statements granting `*` or `service:*` actions, and Allow statements with
 * NotAction on all resources (`*`, or a NotResource exclusion list).
 */
export function wildcardFindings(doc: unknown): DocumentFinding[] {
  const findings: DocumentFinding[] = [];
  parsePolicyDocument(doc).forEach((st, i) => {
    if (st.effect.toLowerCase() !== "allow") {
      return;
    }
    const wild = st.actions.filter(isWildcardAction);
    if (wild.length > 0) {
      findings.push({
        statementIndex: i,
        reason: `Allow of action ${wild.map((a) => `"${a}"`).join(", ")}`,
      });
    }
    if (st.notActions.length > 0) {
      const onAll = st.hasNotResource || st.resources.some((r) => r === "*");
      if (onAll) {
        findings.push({ statementIndex: i, reason: "Allow with NotAction on all resources" });
      }
    }
  });
  return findings;
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

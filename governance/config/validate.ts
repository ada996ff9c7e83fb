/**
 * Turns the governance stack's raw configuration into frozen `GovernanceSettings`, or throws a
 * `GovernanceConfigError` listing every problem at once, each starting with its full key. Pure: no
 * Pulumi runtime calls, so it runs before any resource is registered and is tested without mocks.
 */
import { z } from "zod";
import { Edition, EDITIONS } from "../pack";

export const PROJECT_NAME = "decision-control-governance";

/** Pulumi creates this stack policy group when Policies is enabled for an organisation. */
export const DEFAULT_GROUP_NAME = "default-preventative-policy-group";

export interface StackMember {
  /** The Pulumi project (the policy-group API's `routingProject`). */
  readonly project: string;
  readonly stack: string;
  readonly edition: Edition;
}

export interface GovernanceSettings {
  /** The Pulumi Cloud organisation that owns the stacks, the pack and the groups. */
  readonly organization: string;
  /** Stacks placed in their edition's group, in config order. */
  readonly stacks: readonly StackMember[];
  readonly defaultGroup: {
    /** Manage the organisation's default stack group (imported first; see governance/README.md). */
    readonly manage: boolean;
    readonly name: string;
  };
  /** Declare the audit group (plans whose Pulumi Cloud edition includes audit policy groups). */
  readonly auditGroup: boolean;
}

export interface ConfigIssue {
  readonly key: string;
  readonly message: string;
}

export class GovernanceConfigError extends Error {
  constructor(readonly issues: readonly ConfigIssue[]) {
    super(issues.map((issue) => `${issue.key}: ${issue.message}`).join("\n"));
    this.name = "GovernanceConfigError";
  }
}

// Pulumi project and stack names: letters, digits, hyphens, underscores and periods, 100 at most.
const PULUMI_NAME = /^[A-Za-z0-9_.-]{1,100}$/;
// Organisation names: letters, digits, hyphens and underscores, not starting with a hyphen.
const ORGANIZATION_NAME = /^[A-Za-z0-9_][A-Za-z0-9_-]{0,39}$/;

const text = z.string({ error: "must be a string" });
const stackSchema = z.strictObject({
  project: text.regex(PULUMI_NAME, {
    error: "must be a Pulumi project name (letters, digits, - _ . up to 100)",
  }),
  stack: text.regex(PULUMI_NAME, {
    error: "must be a Pulumi stack name (letters, digits, - _ . up to 100)",
  }),
  edition: text,
});
const configSchema = z.strictObject({
  organization: text.regex(ORGANIZATION_NAME, { error: "must be a Pulumi organisation name" }),
  stacks: z.array(stackSchema, { error: "must be a list of {project, stack, edition}" }),
  defaultGroup: z.strictObject({
    manage: z.boolean({ error: "must be true or false" }),
    name: text.min(1).optional(),
  }),
  auditGroup: z.boolean({ error: "must be true or false" }).optional(),
});

const KEYS = Object.keys(configSchema.shape);
const STRUCTURED_KEYS = ["stacks", "defaultGroup"];

/** `stacks[1].edition` for a zod path. */
function keyOf(path: readonly PropertyKey[]): string {
  const dotted = path
    .map((segment) => (typeof segment === "number" ? `[${segment}]` : `.${String(segment)}`))
    .join("")
    .replace(/^\./, "");
  return `${PROJECT_NAME}:${dotted}`;
}

/** Pulumi hands config to a program as strings; structured values as JSON. */
function decode(
  raw: Readonly<Record<string, string>>,
  issues: ConfigIssue[],
): Record<string, unknown> {
  const decoded: Record<string, unknown> = {};
  for (const [fullKey, value] of Object.entries(raw)) {
    if (!fullKey.startsWith(`${PROJECT_NAME}:`)) {
      continue;
    }
    const name = fullKey.slice(PROJECT_NAME.length + 1);
    if (!KEYS.includes(name)) {
      issues.push({
        key: fullKey,
        message: `is not a key this program reads; remove it or use one of: ${KEYS.join(", ")}.`,
      });
    } else if (STRUCTURED_KEYS.includes(name)) {
      try {
        decoded[name] = JSON.parse(value);
      } catch {
        issues.push({ key: fullKey, message: "is not valid structured YAML/JSON." });
      }
    } else if (name === "auditGroup") {
      decoded[name] = value === "true" ? true : value === "false" ? false : value;
    } else {
      decoded[name] = value;
    }
  }
  return decoded;
}

/** Editions known to the pack, and each stack listed once. */
function membershipIssues(stacks: readonly z.infer<typeof stackSchema>[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const firstSeen = new Map<string, number>();
  stacks.forEach((member, index) => {
    if (!(EDITIONS as readonly string[]).includes(member.edition)) {
      issues.push({
        key: keyOf(["stacks", index, "edition"]),
        message: `"${member.edition}" is not an edition of the policy pack; use one of: ${EDITIONS.join(", ")}.`,
      });
    }
    const id = `${member.project}/${member.stack}`;
    const first = firstSeen.get(id);
    if (first === undefined) {
      firstSeen.set(id, index);
    } else {
      issues.push({
        key: keyOf(["stacks", index]),
        message: `${id} is already listed at stacks[${first}]; a stack gets exactly one edition's profile, so list it once.`,
      });
    }
  });
  return issues;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>(
    (node, segment) =>
      node !== null && typeof node === "object"
        ? (node as Record<PropertyKey, unknown>)[segment]
        : undefined,
    root,
  );
}

function shapeIssues(error: z.ZodError, decoded: Record<string, unknown>): ConfigIssue[] {
  return error.issues.flatMap((issue): ConfigIssue[] => {
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((field) => ({
        key: keyOf([...issue.path, field]),
        message: "is not a field this program reads; remove it.",
      }));
    }
    const missing = valueAt(decoded, issue.path) === undefined;
    return [
      {
        key: keyOf(issue.path),
        message: missing ? "is required; see governance/README.md." : `${issue.message}.`,
      },
    ];
  });
}

export function validateGovernanceConfig(
  raw: Readonly<Record<string, string>>,
): GovernanceSettings {
  const issues: ConfigIssue[] = [];
  const decoded = decode(raw, issues);
  const parsed = configSchema.safeParse(decoded);
  if (!parsed.success) {
    issues.push(...shapeIssues(parsed.error, decoded));
  }
  // Membership is checked whenever the list itself has the right shape, so that one run reports
  // a bad edition or a duplicate together with any other problem.
  const stacks = z.array(stackSchema).safeParse(decoded.stacks);
  if (stacks.success) {
    issues.push(...membershipIssues(stacks.data));
  }
  if (!parsed.success || issues.length > 0) {
    throw new GovernanceConfigError(issues);
  }
  const config = parsed.data;
  return Object.freeze({
    organization: config.organization,
    stacks: Object.freeze(
      config.stacks.map((member) =>
        Object.freeze({ ...member, edition: member.edition as Edition }),
      ),
    ),
    defaultGroup: Object.freeze({
      manage: config.defaultGroup.manage,
      name: config.defaultGroup.name ?? DEFAULT_GROUP_NAME,
    }),
    auditGroup: config.auditGroup ?? false,
  });
}

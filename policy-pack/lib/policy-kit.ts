// Small building blocks shared by the policy modules.
import type {
  PolicyConfigSchema,
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  StackValidationArgs,
} from "@pulumi/policy";
import { asList, asString, get } from "./values";

// @pulumi/policy keeps its unknown-value machinery internal (stripped from its .d.ts); this is the
// module the engine's server uses, so `instanceof` below matches what the engine throws.
interface ProxyModule {
  UnknownValueError: new (sentinel: string, props: string[]) => Error;
  unknownCheckingProxy<T>(v: T): T;
  unknownStringValue: string;
  unknownNumberValue: string;
  unknownBooleanValue: string;
  unknownArrayValue: string;
  unknownObjectValue: string;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- no typings to import
const proxyModule = require("@pulumi/policy/proxy") as ProxyModule;

export const UnknownValueError = proxyModule.UnknownValueError;
export const unknownCheckingProxy = proxyModule.unknownCheckingProxy;
/** The sentinels the engine uses for values not known at preview. */
export const UNKNOWN = {
  string: proxyModule.unknownStringValue,
  number: proxyModule.unknownNumberValue,
  boolean: proxyModule.unknownBooleanValue,
  array: proxyModule.unknownArrayValue,
  object: proxyModule.unknownObjectValue,
} as const;

export function isUnknownError(e: unknown): boolean {
  return e instanceof UnknownValueError;
}

/**
 * The error the engine turns into its advisory "can't run policy ... during preview", for a value a
 * stack check needs but cannot know yet (e.g. the entries of a prefix list created in the stack).
 * `path` names what is missing: [resource name, property...].
 */
export function notKnownYet(path: readonly string[]): Error {
  return new UnknownValueError(UNKNOWN.array, [...path]);
}

const SENTINELS = new Set<unknown>(Object.values(UNKNOWN));
export function isUnknownSentinel(v: unknown): boolean {
  return SENTINELS.has(v);
}

/**
 * Runs independent checks so that every check over known values reports before an unknown value
 * ends the policy: an UnknownValueError from one check is held back until the others have run, then
 * rethrown so the engine still records its advisory "can't run policy during preview".
 */
export function runChecks(...checks: Array<() => void>): void {
  let pending: unknown;
  for (const check of checks) {
    try {
      check();
    } catch (e) {
      if (isUnknownError(e)) {
        pending = pending ?? e;
      } else {
        throw e;
      }
    }
  }
  if (pending !== undefined) {
    throw pending;
  }
}

/** Reads a value, returning `UNKNOWN_VALUE` instead of throwing when it is unknown at preview. */
export const UNKNOWN_VALUE: unique symbol = Symbol("unknown");
export function peek<T>(read: () => T): T | typeof UNKNOWN_VALUE {
  try {
    return read();
  } catch (e) {
    if (isUnknownError(e)) {
      return UNKNOWN_VALUE;
    }
    throw e;
  }
}

type Validate = (
  props: Record<string, unknown>,
  args: ResourceValidationArgs,
  report: ReportViolation,
) => void;

type ValidateFn = ((args: ResourceValidationArgs, report: ReportViolation) => void) & {
  __pulumiType?: string;
  /** The type tokens judged (documentation and tests). */
  types?: readonly string[];
};

/**
 * A validateResource limited to `types` (Pulumi type tokens), without loading @pulumi/aws at run
 * time (its import costs the engine's pack start-up). With one type the token is attached the way
 * `validateResourceOfType` does, so the engine skips other resources without calling in.
 */
export function forTypes(types: string | readonly string[], validate: Validate): ValidateFn {
  const list = typeof types === "string" ? [types] : types;
  const set = new Set(list);
  const fn: ValidateFn = (args, report) => {
    if (!set.has(args.type)) {
      return;
    }
    validate(args.props as Record<string, unknown>, args, report);
  };
  if (list.length === 1) {
    fn.__pulumiType = list[0];
  }
  fn.types = list;
  return fn;
}

/** A remediateResource limited to one type token. */
export function remediateType(
  type: string,
  remediate: (
    props: Record<string, unknown>,
    args: ResourceValidationArgs,
  ) => Record<string, unknown> | undefined,
): ((args: ResourceValidationArgs) => Record<string, unknown> | undefined) & {
  __pulumiType?: string;
} {
  const fn = (args: ResourceValidationArgs) =>
    args.type === type ? remediate(args.props as Record<string, unknown>, args) : undefined;
  (fn as { __pulumiType?: string }).__pulumiType = type;
  return fn;
}

/** The policy's config: schema defaults (the production profile) overridden by the config file. */
export function settings<T extends object>(
  args: { getConfig<C extends object>(): C },
  defaults: T,
): T {
  let given: Record<string, unknown> = {};
  try {
    given = (args.getConfig<Record<string, unknown>>() ?? {}) as Record<string, unknown>;
  } catch {
    given = {};
  }
  const out: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  for (const [k, v] of Object.entries(given)) {
    if (v !== undefined && v !== null && k !== "enforcementLevel") {
      out[k] = v;
    }
  }
  return out as T;
}

/** Builds a configSchema whose defaults are `defaults` (so the engine shows and fills them). */
export function schema(
  props: Record<
    string,
    {
      type: "number" | "boolean" | "string" | "array";
      description: string;
      items?: { type: "number" | "string" };
      minimum?: number;
    }
  >,
  defaults: Record<string, unknown>,
): PolicyConfigSchema {
  const properties: PolicyConfigSchema["properties"] = {};
  for (const [k, p] of Object.entries(props)) {
    properties[k] = { ...p, default: defaults[k] } as PolicyConfigSchema["properties"][string];
  }
  return { properties };
}

/** Control IDs at the start of a description: "NET-1, NET-4: ..." -> ["NET-1", "NET-4"]. */
export function controlIdsOf(description: string): string[] {
  const colon = description.indexOf(":");
  const head = colon >= 0 ? description.slice(0, colon) : "";
  return head
    .split(/[,\s/]+/)
    .map((s) => s.trim())
    .filter((s) => /^[A-Z]+-\d+$/.test(s));
}

// ---- Stack-level references -------------------------------------------------------------------

/**
 * The values by which another resource may refer to `r`: its resource name and, where the props
 * hold them, its id/arn/name/identifier/bucket, plus the ids common mocks return (`<name>-id`,
 * `<name>_id`). At a real preview these are often unknown; `propertyDependencies` then decides.
 */
export function handlesOf(r: PolicyResource): Set<string> {
  const out = new Set<string>([r.name, `${r.name}-id`, `${r.name}_id`, `${r.name}-arn`]);
  for (const key of ["id", "arn", "name", "identifier", "bucket", "clusterIdentifier"]) {
    const v = peek(() => asString(get(r.props, key)));
    if (typeof v === "string" && v !== "") {
      out.add(v);
    }
  }
  return out;
}

export type { ReportViolation, ResourceValidationArgs, StackValidationArgs, PolicyResource };

/**
 * Resolves references from one resource to a set of targets in O(1) per reference (stack checks
 * over thousands of resources must not compare every pair).
 */
const AUTONAME_SUFFIX = /-[0-9a-f]{7,8}$/;

export class RefIndex {
  private readonly byHandle = new Map<string, PolicyResource[]>();
  private readonly members = new Set<PolicyResource>();
  private readonly memberUrns = new Set<string>();

  constructor(readonly targets: readonly PolicyResource[]) {
    for (const t of targets) {
      this.members.add(t);
      this.memberUrns.add(t.urn);
      for (const h of handlesOf(t)) {
        const list = this.byHandle.get(h);
        if (list) {
          list.push(t);
        } else {
          this.byHandle.set(h, [t]);
        }
      }
    }
  }

  /** The targets a known value names (resource name, `<name>-id`, id/arn/name... or an autoname). */
  byValue(value: string): PolicyResource[] {
    return this.byHandle.get(value) ?? this.byHandle.get(value.replace(AUTONAME_SUFFIX, "")) ?? [];
  }

  /** True when `r` is one of the targets. */
  has(r: PolicyResource): boolean {
    return this.members.has(r) || this.memberUrns.has(r.urn);
  }

  /** The targets `from.props[key]` refers to; `unknown` when the value is not known (preview). */
  lookup(
    from: PolicyResource,
    key: string,
    read?: () => unknown,
  ): { found: PolicyResource[]; unknown: boolean } {
    const found = new Set<PolicyResource>();
    const deps = from.propertyDependencies?.[key];
    if (Array.isArray(deps)) {
      for (const d of deps) {
        if (d && (this.members.has(d) || this.memberUrns.has(d.urn))) {
          const t = this.targets.find((x) => x === d || x.urn === d.urn);
          if (t) {
            found.add(t);
          }
        }
      }
    }
    const values = peek(() => asList(read ? read() : get(from.props, key)).map(asString));
    if (values === UNKNOWN_VALUE) {
      return { found: [...found], unknown: found.size === 0 };
    }
    for (const v of values) {
      if (v === undefined) {
        continue;
      }
      // Pulumi auto-names physical resources `<name>-<7 or 8 hex>` (an S3 bucket's id is that name).
      const hit = this.byHandle.get(v) ?? this.byHandle.get(v.replace(AUTONAME_SUFFIX, ""));
      for (const t of hit ?? []) {
        found.add(t);
      }
    }
    return { found: [...found], unknown: false };
  }
}

/**
 * The resources whose outputs flowed into `from.props[key]`, as the engine reports them (its
 * property dependencies). Known at preview and at update, even when the value itself is not.
 */
export function dependenciesOf(from: PolicyResource, key: string): PolicyResource[] {
  const deps = from.propertyDependencies?.[key];
  return Array.isArray(deps) ? deps.filter((d): d is PolicyResource => !!d && !!d.type) : [];
}

// In-process runner of the pack, for the root project's tests and the checklist CLI: a harness, not
// part of the published pack (package.json `files` leaves bin/harness/ out; its entry point is
// `exports["./evaluate"]`). It does what
// the engine and @pulumi/policy's server do for `pulumi preview --policy-pack`:
//  - enforcement level per policy: the policy's own, then `all`, then the policy's entry of the
//    config file (a level string or an object with `enforcementLevel`); `disabled` skips it;
//  - getConfig(): the policy's configSchema defaults overridden by its entry of the config file;
//  - per resource: remediations at level `remediate` first (skipped at preview when any input is
//    unknown), then every validateResource whose declared type matches, on props wrapped in
//    @pulumi/policy's unknown-checking proxy;
//  - once: every validateStack over all resources;
//  - an unknown value read by a policy becomes an advisory "can't run policy ... during preview";
//    any other exception is an error (never a pass).
import * as fs from "fs";
import * as path from "path";
import type {
  EnforcementLevel,
  Policy,
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { allPolicies } from "../policies";
import {
  controlIdsOf,
  isUnknownError,
  isUnknownSentinel,
  unknownCheckingProxy,
  UNKNOWN,
} from "../lib/policy-kit";

export { UNKNOWN };
// The root reaches the pack's policies, the control IDs of a policy description and the generated
// profile files through this entry only (the README's control table, the staleness tests).
export { allPolicies, controlIdsOf };
export { packConfigFiles } from "../scripts/generate-config";
export type { EnforcementLevel };

export interface ResourceUnderTest {
  type: string;
  name: string;
  urn?: string;
  props: Record<string, unknown>;
  /**
   * Optional: for each input property, the names (or URNs) of the resources it depends on, as the
   * engine passes them to stack policies (lets stack checks link resources whose ids are unknown).
   */
  propertyDependencies?: Record<string, string[]>;
}

/** The same JSON as policy-pack/config/<stack>.json and --policy-pack-config. */
export interface PackConfigFile {
  all?: EnforcementLevel | { enforcementLevel?: EnforcementLevel };
  [policyName: string]: unknown;
}

export interface Violation {
  policyName: string;
  controlIds: string[];
  enforcementLevel: EnforcementLevel;
  message: string;
  resourceType?: string;
  resourceName?: string;
  urn?: string;
}

export interface Remediation {
  policyName: string;
  resourceName: string;
  urn: string;
  /** Properties after the remediation. */
  props: Record<string, unknown>;
}

export interface EvaluationResult {
  violations: Violation[];
  errors: { policyName: string; resourceName?: string; error: string }[];
  /** Remediations applied (policies at level `remediate`). */
  remediations: Remediation[];
}

const PACK_DEFAULT_LEVEL: EnforcementLevel = "mandatory";

const OPTS = Object.freeze({
  protect: false,
  ignoreChanges: [],
  aliases: [],
  customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
  additionalSecretOutputs: [],
});

/** A resource as validateStack sees it (the shape the engine's server builds). */
class StackResource {
  readonly opts = OPTS;
  readonly dependencies: unknown[] = [];
  readonly propertyDependencies: Record<string, unknown[]> = {};
  constructor(
    readonly type: string,
    readonly name: string,
    readonly urn: string,
    readonly props: Record<string, unknown>,
  ) {}
  isType(cls: unknown): boolean {
    return isTypeOf(this.type, cls);
  }
  asType(cls: unknown): Record<string, unknown> | undefined {
    return isTypeOf(this.type, cls) ? this.props : undefined;
  }
}

function configDir(): string {
  // Works from source (harness/) and from the compiled pack (bin/harness/).
  for (const candidate of [
    path.resolve(__dirname, "..", "config"),
    path.resolve(__dirname, "..", "..", "config"),
  ]) {
    if (fs.existsSync(candidate)) {
      return candidate;
    }
  }
  throw new Error(`policy-pack config folder not found near ${__dirname}`);
}

/** Reads policy-pack/config/<stack>.json. */
export function loadPackConfig(stack: "sandbox" | "production" | string): PackConfigFile {
  if (!/^[A-Za-z0-9_.-]+$/.test(stack)) {
    throw new Error(`invalid stack name ${JSON.stringify(stack)}`);
  }
  const file = path.join(configDir(), `${stack}.json`);
  const parsed: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${file} must hold a JSON object`);
  }
  return parsed as PackConfigFile;
}

function levelOf(entry: unknown): EnforcementLevel | undefined {
  if (typeof entry === "string") {
    return entry as EnforcementLevel;
  }
  if (typeof entry === "object" && entry !== null && "enforcementLevel" in entry) {
    return (entry as { enforcementLevel?: EnforcementLevel }).enforcementLevel;
  }
  return undefined;
}

interface Prepared {
  policy: Policy;
  level: EnforcementLevel;
  config: Record<string, unknown>;
  controlIds: string[];
}

/** Enforcement level and config of every policy, as the engine reconciles them. */
export function preparePolicies(
  config: PackConfigFile = {},
  policies: readonly Policy[] = allPolicies,
): Prepared[] {
  const all = levelOf(config.all);
  return policies.map((policy) => {
    const entry = config[policy.name];
    const level = levelOf(entry) ?? all ?? policy.enforcementLevel ?? PACK_DEFAULT_LEVEL;
    const merged: Record<string, unknown> = {};
    for (const [k, p] of Object.entries(policy.configSchema?.properties ?? {})) {
      if (p && typeof p === "object" && "default" in p) {
        merged[k] = (p as { default?: unknown }).default;
      }
    }
    if (typeof entry === "object" && entry !== null) {
      for (const [k, v] of Object.entries(entry)) {
        if (k !== "enforcementLevel") {
          merged[k] = v;
        }
      }
    }
    return { policy, level, config: merged, controlIds: controlIdsOf(policy.description) };
  });
}

function containsUnknown(v: unknown, depth = 0): boolean {
  if (isUnknownSentinel(v)) {
    return true;
  }
  if (depth > 32 || typeof v !== "object" || v === null) {
    return false;
  }
  for (const x of Array.isArray(v) ? v : Object.values(v)) {
    if (containsUnknown(x, depth + 1)) {
      return true;
    }
  }
  return false;
}

function pulumiTypeOf(fn: unknown): string | undefined {
  const t = (fn as { __pulumiType?: unknown } | undefined)?.__pulumiType;
  return typeof t === "string" && t.length > 0 ? t : undefined;
}

class NotApplicable extends Error {}
const notApplicable = (reason?: string): never => {
  throw new NotApplicable(reason ?? "not applicable");
};

function isTypeOf(type: string, resourceClass: unknown): boolean {
  const t = pulumiTypeOf(resourceClass);
  if (t) {
    return t === type;
  }
  const isInstance = (resourceClass as { isInstance?: (o: unknown) => boolean })?.isInstance;
  return typeof isInstance === "function" && isInstance({ __pulumiType: type }) === true;
}

function urnOf(r: ResourceUnderTest): string {
  return r.urn ?? `urn:pulumi:test::decision-control::${r.type}::${r.name}`;
}

/** Runs the whole pack over `resources` as the engine would, synchronously. */
export function evaluateResources(
  resources: ResourceUnderTest[],
  config?: PackConfigFile,
  opts?: { preview?: boolean },
): EvaluationResult {
  return evaluateWith(allPolicies, resources, config, opts);
}

/** As evaluateResources, over a chosen list of policies (tests, benchmarks). */
export function evaluateWith(
  policies: readonly Policy[],
  resources: ResourceUnderTest[],
  config?: PackConfigFile,
  opts?: { preview?: boolean },
): EvaluationResult {
  const preview = opts?.preview ?? false;
  const prepared = preparePolicies(config ?? {}, policies).filter((p) => p.level !== "disabled");
  const result: EvaluationResult = { violations: [], errors: [], remediations: [] };
  const stackTags = new Map<string, string>();
  const finalProps: Record<string, unknown>[] = [];

  const reporter = (p: Prepared, level: EnforcementLevel, r?: ResourceUnderTest): ReportViolation =>
    ((message?: unknown, urn?: string) => {
      const text = typeof message === "string" && message !== "" ? message : p.policy.description;
      const target = urn ? (resources.find((x) => urnOf(x) === urn) ?? r) : r;
      result.violations.push({
        policyName: p.policy.name,
        controlIds: p.controlIds,
        enforcementLevel: level,
        message: text,
        resourceType: target?.type,
        resourceName: target?.name,
        urn: urn ?? (r ? urnOf(r) : undefined),
      });
    }) as ReportViolation;

  const onThrow = (p: Prepared, e: unknown, r?: ResourceUnderTest): void => {
    if (e instanceof NotApplicable) {
      return;
    }
    if (isUnknownError(e)) {
      result.violations.push({
        policyName: p.policy.name,
        controlIds: p.controlIds,
        enforcementLevel: "advisory",
        message: `can't run policy '${p.policy.name}' during preview: ${(e as Error).message}`,
        resourceType: r?.type,
        resourceName: r?.name,
        urn: r ? urnOf(r) : undefined,
      });
      return;
    }
    result.errors.push({
      policyName: p.policy.name,
      resourceName: r?.name,
      error: e instanceof Error ? (e.stack ?? e.message) : String(e),
    });
  };

  const mustBeSync = (v: unknown): void => {
    if (v && typeof (v as { then?: unknown }).then === "function") {
      throw new Error(
        "policy returned a promise; in-process evaluation requires synchronous policies",
      );
    }
  };

  // Validations in policy order, each with the types it declares (undefined = any type); the
  // per-type lists are built once, so a resource only meets the validations that can apply to it.
  interface Entry {
    p: Prepared;
    level: EnforcementLevel;
    validate: (args: ResourceValidationArgs, report: ReportViolation) => unknown;
  }
  const entries: Array<Entry & { types?: readonly string[] }> = [];
  for (const p of prepared) {
    const policy = p.policy as ResourceValidationPolicy;
    if (policy.validateResource === undefined) {
      continue;
    }
    const level: EnforcementLevel = p.level === "remediate" ? "mandatory" : p.level;
    const list = Array.isArray(policy.validateResource)
      ? policy.validateResource
      : [policy.validateResource];
    const single = Array.isArray(policy.validateResource)
      ? undefined
      : pulumiTypeOf(policy.validateResource);
    for (const validate of list) {
      const types = single ? [single] : (validate as { types?: readonly string[] }).types;
      entries.push({ p, level, validate: validate as Entry["validate"], types });
    }
  }
  const entriesByType = new Map<string, Entry[]>();
  const entriesFor = (type: string): Entry[] => {
    let list = entriesByType.get(type);
    if (!list) {
      list = entries.filter((e) => !e.types || e.types.includes(type));
      entriesByType.set(type, list);
    }
    return list;
  };

  const urns = resources.map(urnOf);
  resources.forEach((r, index) => {
    let props: Record<string, unknown> = r.props ?? {};
    const urn = urns[index];
    const baseArgs = (p: Prepared, wrapped: Record<string, unknown>): ResourceValidationArgs =>
      ({
        type: r.type,
        name: r.name,
        urn,
        props: wrapped,
        opts: OPTS,
        stackTags,
        isType: (cls: unknown) => isTypeOf(r.type, cls),
        asType: (cls: unknown) => (isTypeOf(r.type, cls) ? wrapped : undefined),
        getConfig: () => ({ ...p.config }),
        notApplicable,
      }) as unknown as ResourceValidationArgs;

    // Remediate first, as the engine does.
    for (const p of prepared) {
      const policy = p.policy as ResourceValidationPolicy;
      if (p.level !== "remediate" || typeof policy.remediateResource !== "function") {
        continue;
      }
      const t = pulumiTypeOf(policy.remediateResource);
      if (t && t !== r.type) {
        continue;
      }
      if (preview && containsUnknown(props)) {
        continue; // the engine cannot remediate a resource with unknown inputs at preview
      }
      try {
        const out = policy.remediateResource(baseArgs(p, unknownCheckingProxy(props)));
        mustBeSync(out);
        if (out && typeof out === "object") {
          props = JSON.parse(JSON.stringify(out)) as Record<string, unknown>;
          result.remediations.push({ policyName: policy.name, resourceName: r.name, urn, props });
        }
      } catch (e) {
        onThrow(p, e, r);
      }
    }
    finalProps.push(props);

    // One proxy per resource: the proxy is stateless, and no policy of this pack mutates props.
    const wrapped = unknownCheckingProxy(props);
    for (const { p, level, validate } of entriesFor(r.type)) {
      try {
        mustBeSync(validate(baseArgs(p, wrapped), reporter(p, level, r)));
      } catch (e) {
        onThrow(p, e, r);
      }
    }
  });

  const stackPolicies = prepared.filter(
    (p) => typeof (p.policy as StackValidationPolicy).validateStack === "function",
  );
  if (stackPolicies.length > 0) {
    const stackResources: PolicyResource[] = resources.map(
      (r, i) =>
        new StackResource(
          r.type,
          r.name,
          urns[i],
          unknownCheckingProxy(finalProps[i]),
        ) as unknown as PolicyResource,
    );
    if (resources.some((r) => r.propertyDependencies)) {
      const byKey = new Map<string, PolicyResource>();
      stackResources.forEach((pr) => {
        byKey.set(pr.name, pr);
        byKey.set(pr.urn, pr);
      });
      resources.forEach((r, i) => {
        for (const [k, refs] of Object.entries(r.propertyDependencies ?? {})) {
          const deps = (refs ?? [])
            .map((x) => byKey.get(x))
            .filter((x): x is PolicyResource => x !== undefined);
          (stackResources[i].propertyDependencies as Record<string, PolicyResource[]>)[k] = deps;
          (stackResources[i].dependencies as PolicyResource[]).push(...deps);
        }
      });
    }
    for (const p of stackPolicies) {
      const policy = p.policy as StackValidationPolicy;
      const level: EnforcementLevel = p.level === "remediate" ? "mandatory" : p.level;
      const t = pulumiTypeOf(policy.validateStack);
      if (t && !resources.some((r) => r.type === t)) {
        continue;
      }
      const args = {
        resources: stackResources,
        getConfig: () => ({ ...p.config }),
        stackTags,
        notApplicable,
      } as unknown as StackValidationArgs;
      try {
        mustBeSync(policy.validateStack(args, reporter(p, level)));
      } catch (e) {
        onThrow(p, e);
      }
    }
  }
  return result;
}

/** Mandatory violations only (what blocks a preview). */
export function mandatory(result: EvaluationResult): Violation[] {
  return result.violations.filter((v) => v.enforcementLevel === "mandatory");
}

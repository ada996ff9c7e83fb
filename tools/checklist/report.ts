/**
 * Turns per-item evidence plus the policy pack's verdict into the report. The rule: an item PASSes
 * only when its evidence exists, nothing it needs is missing, and no mandatory violation carries one
 * of its control IDs; a crashed policy or check makes it ERROR, never PASS.
 */
import type { Edition } from "../../config/types";
import { CHECKLIST } from "./items";
import { ItemEvidence } from "./evidence/findings";
import {
  ItemResult,
  PolicyError,
  Report,
  ReportViolation,
  ResourceSummary,
  SCHEMA_VERSION,
  Status,
} from "./schema";

export interface PackVerdict {
  readonly violations: readonly ReportViolation[];
  readonly errors: readonly PolicyError[];
}

export interface ReportInput {
  readonly stack: string;
  readonly edition: Edition;
  readonly mode: "mocks" | "live";
  /** Mocks mode: the pack config file that judged the resources (chosen by edition). */
  readonly packProfile?: string;
  /** Evidence per item number; an item whose gatherer crashed has an entry in `checkErrors` instead. */
  readonly evidence: ReadonlyMap<number, ItemEvidence>;
  readonly checkErrors?: ReadonlyMap<number, string>;
  readonly verdict?: PackVerdict;
  readonly resources?: ResourceSummary;
  readonly diagram?: string;
  readonly now?: Date;
}

const overlaps = (a: readonly string[], b: readonly string[]): boolean =>
  a.some((id) => b.includes(id));

/** Runs each item's gatherer, turning a crash into an error of that item rather than a pass. */
export function gatherEach<T>(
  gatherers: Readonly<Record<number, (facts: T) => ItemEvidence>>,
  facts: T,
): { evidence: Map<number, ItemEvidence>; checkErrors: Map<number, string> } {
  const evidence = new Map<number, ItemEvidence>();
  const checkErrors = new Map<number, string>();
  for (const item of CHECKLIST) {
    try {
      evidence.set(item.number, gatherers[item.number](facts));
    } catch (error) {
      checkErrors.set(item.number, error instanceof Error ? error.message : String(error));
    }
  }
  return { evidence, checkErrors };
}

export function buildReport(input: ReportInput): Report {
  const violations = input.verdict?.violations ?? [];
  const policyErrors = [...(input.verdict?.errors ?? [])];
  const mandatory = violations.filter((violation) => violation.enforcementLevel === "mandatory");
  const advisory = violations.filter((violation) => violation.enforcementLevel === "advisory");

  const items: ItemResult[] = CHECKLIST.map((item) => {
    const found = input.evidence.get(item.number) ?? { evidence: [], missing: [] };
    const checkError = input.checkErrors?.get(item.number);
    const errors: PolicyError[] = policyErrors.filter((error) =>
      overlaps(error.controlIds, item.controls),
    );
    if (checkError !== undefined) {
      errors.push({
        policyName: `checklist-item-${item.number}`,
        error: checkError,
        controlIds: [...item.controls],
      });
    }
    const missing = [...found.missing];
    const unverified = [...(found.unverified ?? [])];
    if (
      found.evidence.length === 0 &&
      missing.length === 0 &&
      unverified.length === 0 &&
      checkError === undefined
    ) {
      missing.push("no evidence found");
    }
    const itemViolations = mandatory.filter((violation) =>
      overlaps(violation.controlIds, item.controls),
    );
    const status: Status =
      errors.length > 0
        ? "ERROR"
        : missing.length > 0 || itemViolations.length > 0
          ? "FAIL"
          : unverified.length > 0
            ? "UNVERIFIED"
            : "PASS";
    return {
      number: item.number,
      title: item.title,
      controls: [...item.controls],
      status,
      evidence: [...found.evidence],
      missing,
      unverified,
      violations: itemViolations,
      advisories: advisory.filter((violation) => overlaps(violation.controlIds, item.controls)),
      errors,
    };
  });
  const itemControls = CHECKLIST.flatMap((item) => item.controls);
  const count = (status: Status): number => items.filter((item) => item.status === status).length;
  const checkErrorCount = input.checkErrors?.size ?? 0;
  const totals = {
    pass: count("PASS"),
    fail: count("FAIL"),
    error: count("ERROR"),
    unverified: count("UNVERIFIED"),
    mandatoryViolations: mandatory.length,
    advisoryViolations: advisory.length,
    policyErrors: policyErrors.length,
  };
  return {
    schemaVersion: SCHEMA_VERSION,
    stack: input.stack,
    edition: input.edition,
    mode: input.mode,
    ...(input.packProfile ? { packProfile: input.packProfile } : {}),
    generatedAt: (input.now ?? new Date()).toISOString(),
    ok:
      totals.pass === items.length &&
      mandatory.length === 0 &&
      policyErrors.length === 0 &&
      checkErrorCount === 0,
    totals,
    items,
    otherViolations: mandatory.filter((violation) => !overlaps(violation.controlIds, itemControls)),
    policyErrors,
    ...(input.resources ? { resources: input.resources } : {}),
    ...(input.diagram ? { diagram: input.diagram } : {}),
  };
}

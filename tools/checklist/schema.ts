/**
 * The checklist's JSON output (`--format json`), as a zod schema: the single source of the report's
 * TypeScript types, the validator the tests use, and (through `z.toJSONSchema`) the JSON Schema
 * documented in docs/delivery.md for tools that consume the report.
 */
import { z } from "zod";

export const SCHEMA_VERSION = 1;

export const STATUSES = ["PASS", "FAIL", "ERROR", "UNVERIFIED"] as const;
export const statusSchema = z.enum(STATUSES);
export type Status = z.infer<typeof statusSchema>;

/** One fact that satisfies (or, under `missing`, should satisfy) an item. */
export const evidenceSchema = z.strictObject({
  text: z.string().min(1),
  resourceType: z.string().optional(),
  resourceName: z.string().optional(),
  /** The property values the fact rests on, as the program wrote them (or as AWS reported them). */
  properties: z.record(z.string(), z.unknown()).optional(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

export const violationSchema = z.strictObject({
  policyName: z.string(),
  controlIds: z.array(z.string()),
  enforcementLevel: z.enum(["advisory", "mandatory", "remediate", "disabled"]),
  message: z.string(),
  resourceType: z.string().optional(),
  resourceName: z.string().optional(),
  urn: z.string().optional(),
});
export type ReportViolation = z.infer<typeof violationSchema>;

export const policyErrorSchema = z.strictObject({
  policyName: z.string(),
  resourceName: z.string().optional(),
  error: z.string(),
  controlIds: z.array(z.string()),
});
export type PolicyError = z.infer<typeof policyErrorSchema>;

export const itemResultSchema = z.strictObject({
  number: z.number().int().min(1).max(16),
  title: z.string(),
  controls: z.array(z.string().regex(/^[A-Z]+-\d+$/)).min(1),
  /**
   * PASS: evidence present, nothing missing, no mandatory violation. FAIL: something missing or a
   * mandatory violation. ERROR: a policy or a check crashed. UNVERIFIED (live mode): a check could
   * not be made, e.g. AccessDenied. Only PASS counts as passing.
   */
  status: statusSchema,
  evidence: z.array(evidenceSchema),
  /** What the item needs and was not found. */
  missing: z.array(z.string()),
  /** Checks that could not be made (live mode: missing permission, resource not in the outputs). */
  unverified: z.array(z.string()),
  /** Mandatory violations carrying one of the item's control IDs. */
  violations: z.array(violationSchema),
  /** Advisory violations: shown, never failing. */
  advisories: z.array(violationSchema),
  errors: z.array(policyErrorSchema),
});
export type ItemResult = z.infer<typeof itemResultSchema>;

export const resourceSummarySchema = z.strictObject({
  total: z.number().int().min(0),
  byType: z.record(z.string(), z.number().int().min(1)),
  /** Custom resources per component (its type token and logical name); top-level ones under "(stack)". */
  byComponent: z.record(z.string(), z.number().int().min(0)),
});
export type ResourceSummary = z.infer<typeof resourceSummarySchema>;

export const reportSchema = z.strictObject({
  schemaVersion: z.literal(SCHEMA_VERSION),
  stack: z.string(),
  edition: z.enum(["sandbox", "production"]),
  /** `mocks`: the program run under the SDK's mocks with the policy pack; `live`: the deployed account. */
  mode: z.enum(["mocks", "live"]),
  /**
   * Mocks mode: the policy pack config that judged the resources, chosen by the stack's edition
   * (`policy-pack/config/<edition>.json`), whatever the stack is called.
   */
  packProfile: z.string().optional(),
  generatedAt: z.iso.datetime(),
  /** True exactly when every item PASSes, no mandatory violation and no error was found. */
  ok: z.boolean(),
  totals: z.strictObject({
    pass: z.number().int().min(0),
    fail: z.number().int().min(0),
    error: z.number().int().min(0),
    unverified: z.number().int().min(0),
    mandatoryViolations: z.number().int().min(0),
    advisoryViolations: z.number().int().min(0),
    policyErrors: z.number().int().min(0),
  }),
  items: z.array(itemResultSchema).length(16),
  /** Mandatory violations whose controls map to no checklist item (e.g. IAM-2, MON-2, CMP-1): they still fail the run. */
  otherViolations: z.array(violationSchema),
  policyErrors: z.array(policyErrorSchema),
  resources: resourceSummarySchema.optional(),
  /** Mermaid `flowchart` source of the architecture (mocks mode). */
  diagram: z.string().optional(),
});
export type Report = z.infer<typeof reportSchema>;

/** The JSON Schema (draft 2020-12) of the report, for consumers outside TypeScript. */
export function reportJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(reportSchema, { target: "draft-2020-12" }) as Record<string, unknown>;
}

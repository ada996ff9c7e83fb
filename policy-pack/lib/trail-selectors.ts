// IAM-3: which management events a CloudTrail trail records, from its basic `eventSelectors` or
// its `advancedEventSelectors` (AWS uses one or the other). AWS's rule, as in Security Hub
// CloudTrail.1 and the multi-region-cloudtrail-enabled Config rule: at least one multi-Region trail
// that records read and write management events.
// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-management-events-with-cloudtrail.html
import { asBool, asList, asString, asStrings, get } from "./values";

export interface ManagementCoverage {
  /** Read and write management events are both recorded. */
  readonly all: boolean;
  /** What the selectors record, for a message. */
  readonly detail: string;
}

type Side = "read" | "write";

function describe(sides: ReadonlySet<Side>, via: string): ManagementCoverage {
  const all = sides.has("read") && sides.has("write");
  const what =
    sides.size === 0
      ? "no management events"
      : all
        ? "read and write management events"
        : `${sides.has("read") ? "read-only" : "write-only"} management events only`;
  return { all, detail: `${via} record ${what}` };
}

function basic(selectors: unknown[]): ManagementCoverage {
  const sides = new Set<Side>();
  for (const s of selectors) {
    if (asBool(get(s, "includeManagementEvents")) === false) {
      continue;
    }
    const rw = (asString(get(s, "readWriteType")) ?? "All").trim().toLowerCase();
    if (rw === "all" || rw === "readonly") {
      sides.add("read");
    }
    if (rw === "all" || rw === "writeonly") {
      sides.add("write");
    }
  }
  return describe(sides, "eventSelectors");
}

function fieldSelector(selector: unknown, field: string): unknown {
  return asList(get(selector, "fieldSelectors")).find(
    (f) => (asString(get(f, "field")) ?? "").trim().toLowerCase() === field.toLowerCase(),
  );
}

function advanced(selectors: unknown[]): ManagementCoverage {
  const sides = new Set<Side>();
  for (const s of selectors) {
    const category = fieldSelector(s, "eventCategory");
    const equals = asStrings(get(category, "equals")).map((v) => v.trim().toLowerCase());
    const excluded = asStrings(get(category, "notEquals")).map((v) => v.trim().toLowerCase());
    const management =
      (equals.length === 0 || equals.includes("management")) && !excluded.includes("management");
    // A list of allowed event sources records only part of the management events.
    const source = fieldSelector(s, "eventSource");
    const whitelisted =
      asStrings(get(source, "equals")).length > 0 ||
      asStrings(get(source, "startsWiths")).length > 0;
    if (!management || whitelisted) {
      continue;
    }
    const readOnly = fieldSelector(s, "readOnly");
    const only = asStrings(get(readOnly, "equals")).map((v) => v.trim().toLowerCase());
    const not = asStrings(get(readOnly, "notEquals")).map((v) => v.trim().toLowerCase());
    if ((only.length === 0 || only.includes("true")) && !not.includes("true")) {
      sides.add("read");
    }
    if ((only.length === 0 || only.includes("false")) && !not.includes("false")) {
      sides.add("write");
    }
  }
  return describe(sides, "advancedEventSelectors");
}

/**
 * The management events a trail records. No selectors at all: AWS's default, every management event.
 * Throws @pulumi/policy's UnknownValueError when a selector is not known yet (preview).
 */
export function managementCoverage(trail: Record<string, unknown>): ManagementCoverage {
  const adv = asList(get(trail, "advancedEventSelectors"));
  if (adv.length > 0) {
    return advanced(adv);
  }
  const sel = asList(get(trail, "eventSelectors"));
  return sel.length > 0
    ? basic(sel)
    : { all: true, detail: "no event selectors (AWS records all management events)" };
}

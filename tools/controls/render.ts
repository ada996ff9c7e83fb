/**
 * The Markdown views of the control catalogue: the README's controls table and docs/controls.md.
 * Pure functions of the catalogue (and the policies and implementation table), so a test can
 * render a changed catalogue and see every view follow.
 */
import {
  Catalogue,
  checklistNumbersOf,
  Control,
  ControlId,
  controlList,
} from "../../policy-pack/controls";
import { controlIdsOf } from "../../policy-pack/harness/evaluate";
import type { Implementation } from "./implementation";

/** What the views need of a policy (structurally a @pulumi/policy Policy). */
export interface PolicySummary {
  readonly name: string;
  readonly description: string;
  readonly enforcementLevel?: string;
}

export const README_BEGIN = "<!-- controls:begin -->";
export const README_END = "<!-- controls:end -->";

/** The policies whose description names the control, advisory ones marked. */
export function policiesOf(policies: readonly PolicySummary[], id: ControlId): string[] {
  return policies
    .filter((policy) => controlIdsOf(policy.description).includes(id))
    .map(
      (policy) =>
        `\`${policy.name}\`${policy.enforcementLevel === "advisory" ? " (advisory)" : ""}`,
    );
}

/** `minBackupRetentionDays` -> `min backup retention days`. */
function label(key: string): string {
  return key.replace(/([A-Z])/g, " $1").toLowerCase();
}

function text(value: unknown): string {
  if (Array.isArray(value)) {
    return value.length === 0 ? "none" : value.map(String).join(", ");
  }
  return String(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** One value as each edition sees it: a per-profile value reads the same in both editions. */
function byEdition(value: unknown): { sandbox: string; production: string } {
  if (isRecord(value) && "sandbox" in value && "production" in value) {
    return { sandbox: text(value.sandbox), production: text(value.production) };
  }
  if (isRecord(value)) {
    const perProfile = Object.entries(value)
      .map(([profile, v]) => `${profile} ${text(v)}`)
      .join(", ");
    return { sandbox: perProfile, production: perProfile };
  }
  return { sandbox: text(value), production: text(value) };
}

/** Each number a control sets, labelled, per edition. */
export function valuesOf(
  control: Control<unknown>,
): Array<{ label: string; sandbox: string; production: string }> {
  return Object.entries(control.values as Record<string, unknown>).map(([key, value]) => ({
    label: label(key),
    ...byEdition(value),
  }));
}

/** The values in one table cell: `label: value` or `label: sandbox X, production Y`. */
function valuesCell(control: Control<unknown>): string {
  const values = valuesOf(control);
  if (values.length === 0) {
    return "-";
  }
  return values
    .map((v) =>
      v.sandbox === v.production
        ? `${v.label}: ${v.sandbox}`
        : `${v.label}: sandbox ${v.sandbox}, production ${v.production}`,
    )
    .join("; ");
}

function cell(value: string): string {
  return value.replace(/\|/g, "\\|");
}

/** The README's table: ID -> where it is built -> what blocks it -> where it is tested. */
export function controlsTable(
  catalogue: Catalogue,
  policies: readonly PolicySummary[],
  implementation: { readonly [K in ControlId]: Implementation },
): string {
  const rows = controlList(catalogue).map((control) => {
    const where = implementation[control.id];
    return `| ${[
      control.id,
      where.builtBy,
      policiesOf(policies, control.id).join(", ") || "-",
      cell(valuesCell(control)),
      where.testedIn,
    ].join(" | ")} |`;
  });
  return [
    "| ID | Built by | Blocked by (policy) | Numbers | Tested in |",
    "|---|---|---|---|---|",
    ...rows,
  ].join("\n");
}

/** `text` with the part between the README markers replaced by `block`. */
export function replaceBetweenMarkers(text: string, block: string): string {
  const begin = text.indexOf(README_BEGIN);
  const end = text.indexOf(README_END);
  if (begin < 0 || end < begin) {
    throw new Error(`the README has no ${README_BEGIN} ... ${README_END} block`);
  }
  return `${text.slice(0, begin + README_BEGIN.length)}\n${block}\n${text.slice(end)}`;
}

/** docs/controls.md: the catalogue for readers, generated. */
export function controlsDoc(catalogue: Catalogue, policies: readonly PolicySummary[]): string {
  const controls = controlList(catalogue);
  const lines: string[] = [
    "# Control catalogue",
    "",
    "<!-- Generated from policy-pack/controls/catalogue.ts by `npm run controls`; edit the catalogue, not this file. -->",
    "",
    "Every control below comes from the vendor's security guide or from the standards our users are",
    "audited against (CIS AWS Foundations Benchmark, AWS Security Hub foundational best practices).",
    "Each control has an ID, used in component doc comments, policy descriptions, test names and the",
    "README's controls table, so that one can follow a control from the guide to the code that builds",
    "it, the policy that guards it and the test that proves both.",
    "",
    "The source is `policy-pack/controls/catalogue.ts`: the policy pack's defaults and config files,",
    "the program's edition floors, the checklist and this page are all derived from it.",
    '"Sandbox" and "Production" are the two editions (stacks). Where a value differs by edition it is',
    "a default that the stack config may tighten but never loosen below the floor given here.",
  ];
  // One table, not a heading per area: the checklist takes any heading that mentions incidents as
  // the incident runbook (item 16), and this page is not one.
  lines.push(
    "",
    "## Controls",
    "",
    "| ID | Area | Control | Guide section | Checklist | Sandbox | Production | Policies |",
    "|---|---|---|---|---|---|---|---|",
    ...controls.map(
      (control) =>
        `| ${[
          control.id,
          control.area,
          cell(control.title),
          cell(control.guideSection),
          checklistNumbersOf(catalogue, control.id).join(", ") || "-",
          cell(control.editions?.sandbox ?? ""),
          cell(control.editions?.production ?? ""),
          policiesOf(policies, control.id).join(", ") || "-",
        ].join(" | ")} |`,
    ),
  );
  lines.push(
    "",
    "## Numbers",
    "",
    "Every number a control sets. A compliance profile (`standard`, `regulated`) raises floors above",
    "the edition's.",
    "",
    "| ID | Value | Sandbox | Production |",
    "|---|---|---|---|",
    ...controls.flatMap((control) =>
      valuesOf(control).map(
        (v) => `| ${control.id} | ${v.label} | ${cell(v.sandbox)} | ${cell(v.production)} |`,
      ),
    ),
    "",
    "## The guide's pre-production checklist, mapped",
    "",
    "| # | Checklist item | Controls |",
    "|---|---|---|",
    ...catalogue.checklist.map(
      (item) => `| ${item.number} | ${cell(item.title)} | ${item.controls.join(", ")} |`,
    ),
    "",
  );
  return lines.join("\n");
}

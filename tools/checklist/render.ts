/** The report as text (terminal), markdown (PR or wiki, with the Mermaid diagram) or JSON (schema.ts). */
import { ItemResult, Report, ReportViolation } from "./schema";

export const FORMATS = ["text", "markdown", "json"] as const;
export type Format = (typeof FORMATS)[number];

function violationLine(violation: ReportViolation): string {
  const where = violation.resourceName
    ? ` [${violation.resourceType ?? ""} ${violation.resourceName}]`
    : "";
  return `${violation.policyName} (${violation.controlIds.join(", ") || "no control"}, ${violation.enforcementLevel})${where}: ${violation.message}`;
}

function verdictLine(report: Report): string {
  const t = report.totals;
  return `${report.ok ? "PASS" : "FAIL"}: ${t.pass} passed, ${t.fail} failed, ${t.error} errors, ${t.unverified} unverified; ${t.mandatoryViolations} mandatory and ${t.advisoryViolations} advisory policy violations, ${t.policyErrors} policy errors`;
}

function itemLines(item: ItemResult, bullet: string): string[] {
  return [
    ...item.evidence.map((fact) => `${bullet}${fact.text}`),
    ...item.missing.map((text) => `${bullet}MISSING: ${text}`),
    ...item.unverified.map((text) => `${bullet}CANNOT VERIFY: ${text}`),
    ...item.violations.map((violation) => `${bullet}VIOLATION: ${violationLine(violation)}`),
    ...item.errors.map(
      (error) =>
        `${bullet}ERROR in ${error.policyName}${error.resourceName ? ` (${error.resourceName})` : ""}: ${error.error.split("\n")[0]}`,
    ),
    ...item.advisories.map((violation) => `${bullet}advisory: ${violationLine(violation)}`),
  ];
}

/** What judged the stack: the program under mocks with the pack profile, or the live account. */
function source(report: Report, code: (text: string) => string = (text) => text): string {
  if (report.mode === "live") {
    return "live account";
  }
  return `program under mocks + policy pack${report.packProfile ? ` (${code(report.packProfile)})` : ""}`;
}

export function renderText(report: Report): string {
  const lines = [
    `Pre-production checklist: stack ${report.stack} (${report.edition} edition), ${source(report)}`,
    "",
  ];
  for (const item of report.items) {
    lines.push(
      `[${item.status}] ${String(item.number).padStart(2)}. ${item.title} (${item.controls.join(", ")})`,
      ...itemLines(item, "       - "),
    );
  }
  if (report.otherViolations.length > 0) {
    lines.push(
      "",
      "Other mandatory violations:",
      ...report.otherViolations.map((violation) => `  - ${violationLine(violation)}`),
    );
  }
  if (report.policyErrors.length > 0) {
    lines.push(
      "",
      "Policy errors (a crashed policy never counts as a pass):",
      ...report.policyErrors.map(
        (error) =>
          `  - ${error.policyName}${error.resourceName ? ` (${error.resourceName})` : ""}: ${error.error.split("\n")[0]}`,
      ),
    );
  }
  if (report.resources) {
    lines.push(
      "",
      `Resources: ${report.resources.total}`,
      ...Object.entries(report.resources.byComponent).map(
        ([component, count]) => `  ${String(count).padStart(4)}  ${component}`,
      ),
    );
  }
  lines.push("", verdictLine(report));
  return lines.join("\n");
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

export function renderMarkdown(report: Report): string {
  const lines = [
    `## Pre-production checklist: \`${report.stack}\` (${report.edition})`,
    "",
    `Judged by the ${source(report, (text) => `\`${text}\``)}.`,
    "",
    `**${verdictLine(report)}**`,
    "",
    "| # | Item | Controls | Status |",
    "|---|---|---|---|",
    ...report.items.map(
      (item) =>
        `| ${item.number} | ${cell(item.title)} | ${item.controls.join(", ")} | ${item.status === "PASS" ? "PASS" : `**${item.status}**`} |`,
    ),
    "",
    "### Evidence",
  ];
  for (const item of report.items) {
    lines.push(
      "",
      `**${item.number}. ${item.title}**: ${item.status}`,
      "",
      ...itemLines(item, "- ").map((line) => line.replace(/^- /, "- ")),
    );
  }
  if (report.otherViolations.length > 0) {
    lines.push(
      "",
      "### Other mandatory violations",
      "",
      ...report.otherViolations.map((violation) => `- ${violationLine(violation)}`),
    );
  }
  if (report.policyErrors.length > 0) {
    lines.push(
      "",
      "### Policy errors",
      "",
      ...report.policyErrors.map((error) => `- ${error.policyName}: ${error.error.split("\n")[0]}`),
    );
  }
  if (report.resources) {
    lines.push(
      "",
      "### Resources",
      "",
      `${report.resources.total} resources.`,
      "",
      "| Component | Resources |",
      "|---|---|",
      ...Object.entries(report.resources.byComponent).map(
        ([component, count]) => `| ${cell(component)} | ${count} |`,
      ),
      "",
      "| Type | Count |",
      "|---|---|",
      ...Object.entries(report.resources.byType).map(([type, count]) => `| ${type} | ${count} |`),
    );
  }
  if (report.diagram) {
    lines.push("", "### Architecture", "", "```mermaid", report.diagram, "```");
  }
  return lines.join("\n");
}

export function render(report: Report, format: Format): string {
  switch (format) {
    case "json":
      return JSON.stringify(report, null, 2);
    case "markdown":
      return renderMarkdown(report);
    case "text":
      return renderText(report);
  }
}

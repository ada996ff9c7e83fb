/**
 * What the checklist offers the other tools: the items, the report they fill, the resource views of
 * a run under mocks, and the findings an item's evidence is made of. `--live` (tools/live) builds
 * the same report from the deployed account with these, not with the checklist's internals.
 */
export { CHECKLIST } from "./items";
export { buildReport } from "./report";
export { idOf, securityGroupRules, T, tag } from "./resources";
export type { ResourceView } from "./resources";
export { toResourcesUnderTest, toResourceViews } from "./run";
export type { Report } from "./schema";
export { Findings } from "./evidence/findings";
export type { ItemEvidence } from "./evidence/findings";
export { runbooks } from "./evidence/operations";

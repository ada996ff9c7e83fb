// Values the catalogue implies rather than states, computed in one place for everyone who judges
// them (config validation, the checklist under mocks and against AWS).
import type { Catalogue, ComplianceProfile, Control, ControlId, Edition } from "./types";

/** The catalogue's controls in catalogue order. */
export function controlList(catalogue: Catalogue): Array<Control<unknown>> {
  return Object.values(catalogue.controls);
}

/** The guide section with its point, as the pack's framework reference shows it. */
export function guideSpecification(control: Control<unknown>): string {
  return control.guideSummary === undefined
    ? control.guideSection
    : `${control.guideSection}: ${control.guideSummary}`;
}

/** The checklist items a control helps prove. */
export function checklistNumbersOf(catalogue: Catalogue, id: ControlId): number[] {
  return catalogue.checklist
    .filter((item) => item.controls.includes(id))
    .map((item) => item.number);
}

/**
 * DATA-3: the backup retention a stack must keep: the highest of the guide's floor, the edition's
 * and the compliance profile's, up to RDS's limit.
 */
export function backupRetentionRange(
  catalogue: Catalogue,
  edition: Edition,
  profile: ComplianceProfile,
): { readonly floor: number; readonly ceiling: number } {
  const v = catalogue.controls["DATA-3"].values;
  return {
    floor: Math.max(
      v.guideMinBackupRetentionDays,
      v.minBackupRetentionDays[edition],
      v.complianceMinBackupRetentionDays[profile],
    ),
    ceiling: v.maxBackupRetentionDays,
  };
}

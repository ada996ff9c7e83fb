// Values the catalogue implies rather than states, computed in one place for everyone who judges
// them (config validation, the checklist under mocks and against AWS).
import type {
  ByEdition,
  Catalogue,
  ComplianceProfile,
  Control,
  ControlId,
  ControlValues,
  Edition,
} from "./types";

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

/** The keys of a control's values that differ by edition. */
type EditionKeys<I extends ControlId> = {
  [K in keyof ControlValues[I]]: ControlValues[I][K] extends ByEdition<unknown> ? K : never;
}[keyof ControlValues[I]];

/**
 * The catalogue with one control's per-edition value changed and nothing else: how the tests show
 * that every consumer (config floors, pack profiles, checklist, README) follows one catalogue edit.
 */
export function withEditionValue<I extends ControlId, K extends EditionKeys<I>>(
  catalogue: Catalogue,
  id: I,
  key: K,
  edition: Edition,
  value: ControlValues[I][K] extends ByEdition<infer T> ? T : never,
): Catalogue {
  const control = catalogue.controls[id];
  const values = control.values as ControlValues[I];
  return {
    ...catalogue,
    controls: {
      ...catalogue.controls,
      [id]: {
        ...control,
        values: { ...values, [key]: { ...(values[key] as object), [edition]: value } },
      },
    },
  };
}

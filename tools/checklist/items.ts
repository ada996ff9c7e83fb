/**
 * The guide's pre-production checklist, mapped to control IDs: the control catalogue's list
 * (policy-pack/controls/catalogue.ts). One entry per item; the evidence each item needs lives in
 * evidence/ (under mocks) and tools/live/ (against the deployed account).
 */
import { CATALOGUE } from "../../policy-pack/controls";

export interface ChecklistItem {
  readonly number: number;
  readonly title: string;
  readonly controls: readonly string[];
}

export const CHECKLIST: readonly ChecklistItem[] = CATALOGUE.checklist;

/** Items whose controls include `controlId`. */
export function itemsFor(controlId: string): ChecklistItem[] {
  return CHECKLIST.filter((item) => item.controls.includes(controlId));
}

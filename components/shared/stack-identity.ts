/**
 * Where a component is deployed, the same for every component of a stack: the names, tags and ARNs
 * it builds derive from these (components/shared/names.ts), never from `pulumi.getStack()`.
 */
export interface StackIdentity {
  readonly project: string;
  /**
   * The stack's label: its name, unless `decision-control:stackLabel` pins an earlier one, so a
   * renamed stack keeps every logical and physical name (README, Operations, "Rename a stack").
   */
  readonly stack: string;
  /** `aws:region`, one of the allowed regions (CMP-1): regional principals and ARNs. */
  readonly region: string;
}

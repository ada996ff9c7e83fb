/**
 * IR-1 for the sandbox: how `pulumi up` and the isolate command agree on the instance's interface.
 *
 * A single `pulumi up` cannot cut the instance's open connections: it replaces the interface's
 * security groups in one step, and "when you change a security group rule, its tracked connections
 * are not immediately interrupted" (EC2 User Guide, "Amazon EC2 security group connection
 * tracking"). Cutting them takes a sequence (network ACL entries, a transient allow-all group that
 * makes the flows untracked, then the quarantine group) that only an operation can run:
 * `npm run incident -- isolate --stack <sandbox stack> --instance <id>`, which tags the instance
 * `Quarantine=true`. `decision-control:quarantine: true` then makes the program agree with it.
 *
 * So the program refuses both disagreements: quarantine requested but the command has not run
 * (the swap alone would leave the attacker's sessions open), and quarantine not requested while
 * the command has isolated the instance (a refresh or any interface update would put it back in the
 * app group and undo the isolation).
 */
import { QUARANTINE_TAG } from "../shared/quarantine-tags";

/** Instances in these states still hold their interface; a terminated one is history. */
export const LIVE_INSTANCE_STATES = ["pending", "running", "stopping", "stopped"];

/** The tags `getInstances` must match to find an instance the isolate command cut off. */
export function isolatedInstanceTags(name: string): Record<string, string> {
  return { Name: name, [QUARANTINE_TAG]: "true" };
}

export class QuarantineMismatchError extends Error {
  constructor(message: string) {
    super(`${message} (IR-1; see README, incident runbook)`);
    this.name = "QuarantineMismatchError";
  }
}

export interface QuarantineState {
  /** The component's name (and the instance's Name tag). */
  readonly name: string;
  /** `decision-control:quarantine`. */
  readonly quarantine: boolean;
  /** Live instances of this name tagged `Quarantine=true` by the isolate command. */
  readonly isolatedByCommand: readonly string[];
  readonly appSecurityGroupId: string;
  readonly quarantineSecurityGroupId: string;
}

/** The interface's security groups, or an error naming the command or key that resolves the mismatch. */
export function interfaceSecurityGroups(state: QuarantineState): string[] {
  const isolated = state.isolatedByCommand.length > 0;
  if (state.quarantine && !isolated) {
    throw new QuarantineMismatchError(
      `${state.name}: decision-control:quarantine is true, but no live instance named ${state.name} is tagged ${QUARANTINE_TAG}=true by "npm run incident -- isolate". Run that command first: swapping the security group in a single update leaves the instance's tracked connections open, and the command cuts them`,
    );
  }
  if (!state.quarantine && isolated) {
    throw new QuarantineMismatchError(
      `${state.name}: instance ${state.isolatedByCommand.join(", ")} was isolated by "npm run incident -- isolate" (tag ${QUARANTINE_TAG}=true), and this update would put its interface back in the app security group. Set decision-control:quarantine to true so the program agrees; to release it after the investigation, delete its ${QUARANTINE_TAG} tag first`,
    );
  }
  return state.quarantine ? [state.quarantineSecurityGroupId] : [state.appSecurityGroupId];
}

/**
 * The tags that say which stack a resource belongs to, built from the stack's identity in one
 * place. The provider applies them as default tags; pulumi-aws merges default tags only into a
 * resource's own `tags`, so the places it does not reach (launch-template tag specifications, Auto
 * Scaling group tags) are given the same values from here.
 */
import { StackIdentity } from "./stack-identity";

export type StackTags = Readonly<Record<"Project" | "Stack" | "Edition" | "ManagedBy", string>>;

/**
 * `Stack` is the stack's label (its name unless `stackLabel` pins an earlier one), like every name:
 * a rename then changes no tag, which on the launch template would be a new version and a fleet roll.
 */
export function stackTags(
  identity: Pick<StackIdentity, "project" | "stack">,
  edition: string,
): StackTags {
  return {
    Project: identity.project,
    Stack: identity.stack,
    Edition: edition,
    ManagedBy: "pulumi",
  };
}

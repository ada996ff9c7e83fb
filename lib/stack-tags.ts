/**
 * The tags that say which stack a resource belongs to, built from the validated settings in one
 * place. The provider applies them as default tags; pulumi-aws merges default tags only into a
 * resource's own `tags`, so the places it does not reach (launch-template tag specifications, Auto
 * Scaling group tags) are given the same values from here.
 */
import { Settings } from "../config/types";

export type StackTags = Readonly<Record<"Project" | "Stack" | "Edition" | "ManagedBy", string>>;

export function stackTags(settings: Pick<Settings, "project" | "stack" | "edition">): StackTags {
  return {
    Project: settings.project,
    Stack: settings.stack,
    Edition: settings.edition,
    ManagedBy: "pulumi",
  };
}

/**
 * The Pulumi Cloud policy groups that enforce the pack, declared with @pulumi/pulumiservice's
 * PolicyGroup (ID `<org>/<group name>`; changing name, mode or entityType replaces the group,
 * delete before create, so every group is protected):
 *  - one preventative group per edition, holding the listed stacks of that edition and the pack at
 *    the pinned version with that edition's profile;
 *  - optionally the organisation's default stack group (every stack not placed in an edition
 *    group), imported once and then managed here with the strictest profile;
 *  - optionally an audit group reporting every listed stack against the strictest profile.
 */
import * as pulumi from "@pulumi/pulumi";
import * as pulumiservice from "@pulumi/pulumiservice";
import { z } from "zod";
import type { GovernanceSettings, StackMember } from "./config";
import {
  Edition,
  EDITIONS,
  PACK_NAME,
  PACK_VERSION,
  PROFILES,
  STRICTEST_EDITION,
  toServiceConfig,
} from "./pack";

/** The stack output that records the stacks placed in edition groups (read back next run). */
export const PLACED_STACKS_OUTPUT = "placedStacks";

export const GROUP_NAMES: Readonly<Record<Edition | "audit", string>> = {
  sandbox: "decision-control-sandbox",
  production: "decision-control-production",
  audit: "decision-control-audit",
};

/** A stack as the policy-group API names it. */
export interface StackRef {
  readonly name: string;
  readonly routingProject: string;
}

/** The pack reference as the policy-group API takes it (PolicyGroupPolicyPackReferenceInputArgs). */
export interface PackReference {
  readonly name: string;
  readonly versionTag: string;
  readonly config: Record<string, Readonly<Record<string, unknown>>>;
}

export function stackRefsOf(members: readonly StackMember[], edition?: Edition): StackRef[] {
  return members
    .filter((member) => edition === undefined || member.edition === edition)
    .map((member) => ({ name: member.stack, routingProject: member.project }));
}

/** The pack at the pinned version with an edition's profile. */
export function packReferenceFor(edition: Edition): PackReference {
  return { name: PACK_NAME, versionTag: PACK_VERSION, config: toServiceConfig(PROFILES[edition]) };
}

const sameStack = (a: StackRef, b: StackRef) =>
  a.name === b.name && a.routingProject === b.routingProject;

/** `current` without the stacks of `removed` (membership the service keeps adding to). */
export function withoutStacks(
  current: readonly StackRef[],
  removed: readonly StackRef[],
): StackRef[] {
  return current
    .filter((stack) => !removed.some((gone) => sameStack(stack, gone)))
    .map((stack) => ({ name: stack.name, routingProject: stack.routingProject }));
}

/**
 * The default group's stacks: what it holds now, plus the stacks this program placed in an edition
 * group last time and no longer lists (they go back to the default profile instead of to no group),
 * minus every stack listed now.
 */
export function defaultGroupStacks(
  current: readonly StackRef[],
  previouslyPlaced: readonly StackRef[],
  listed: readonly StackRef[],
): StackRef[] {
  const returning = previouslyPlaced.filter(
    (stack) => !current.some((held) => sameStack(held, stack)),
  );
  return withoutStacks([...current, ...returning], listed);
}

const stackRefList = z.array(z.object({ name: z.string(), routingProject: z.string() }));

/** A stack output read back, or [] when absent (first deployment) or of another shape. */
export function stackRefsFromOutput(value: unknown): StackRef[] {
  const parsed = stackRefList.safeParse(value);
  return parsed.success ? parsed.data : [];
}

/** A pack entry of a group as read back from Pulumi Cloud. */
export interface ExistingPackReference {
  readonly name: string;
  readonly versionTag?: string;
  readonly displayName?: string;
  readonly config?: Record<string, unknown>;
}

/** `current` packs with this pack's entry replaced by `ours`: other teams' packs stay as found. */
export function withOurPack(
  current: readonly ExistingPackReference[],
  ours: PackReference,
): Array<ExistingPackReference | PackReference> {
  const others = current
    .filter((pack) => pack.name !== ours.name)
    .map(({ name, versionTag, displayName, config }) => ({
      name,
      versionTag,
      displayName,
      config,
    }));
  return [...others, ours];
}

export interface DeclaredGroups {
  readonly editions: Readonly<Record<Edition, pulumiservice.PolicyGroup>>;
  readonly orgDefault?: pulumiservice.PolicyGroup;
  readonly audit?: pulumiservice.PolicyGroup;
}

/** Registers every group of the settings. */
export function declarePolicyGroups(settings: GovernanceSettings): DeclaredGroups {
  const organizationName = settings.organization;
  const listed = stackRefsOf(settings.stacks);

  const editions = Object.fromEntries(
    EDITIONS.map((edition) => [
      edition,
      new pulumiservice.PolicyGroup(
        `${edition}-group`,
        {
          organizationName,
          name: GROUP_NAMES[edition],
          entityType: "stacks",
          mode: "preventative",
          stacks: stackRefsOf(settings.stacks, edition),
          policyPacks: [packReferenceFor(edition)],
        },
        // Deleting or replacing a group drops enforcement on its stacks: a deliberate unprotect.
        { protect: true },
      ),
    ]),
  ) as Record<Edition, pulumiservice.PolicyGroup>;

  let orgDefault: pulumiservice.PolicyGroup | undefined;
  if (settings.defaultGroup.manage) {
    // Pulumi Cloud adds every new stack to the default group, and other teams may enable their
    // own packs on it: read it, and change only our pack's entry and our listed stacks.
    const id = `${organizationName}/${settings.defaultGroup.name}`;
    const current = pulumiservice.PolicyGroup.get("org-default-group-current", id);
    // This stack's own last outputs: which stacks it had moved out of the default group.
    const previous = new pulumi.StackReference("previous-deployment", {
      name: `${organizationName}/${pulumi.getProject()}/${pulumi.getStack()}`,
    });
    const previouslyPlaced = previous
      .getOutput(PLACED_STACKS_OUTPUT)
      .apply((value: unknown) => stackRefsFromOutput(value));
    orgDefault = new pulumiservice.PolicyGroup(
      "org-default-group",
      {
        organizationName,
        name: settings.defaultGroup.name,
        entityType: "stacks",
        mode: "preventative",
        // A listed stack gets its edition's profile only: one pack name runs once per stack. A
        // stack dropped from the list comes back here rather than ending in no group.
        stacks: pulumi
          .all([current.stacks, previouslyPlaced])
          .apply(([stacks, placed]) => defaultGroupStacks(stacks ?? [], placed, listed)),
        policyPacks: current.policyPacks.apply((packs) =>
          withOurPack(packs ?? [], packReferenceFor(STRICTEST_EDITION)),
        ),
      },
      {
        protect: true,
        // The organisation's default group outlives this program: never deleted by it.
        retainOnDelete: true,
        // A stack joins its edition group before it leaves the default one (a stack dropped from
        // the list goes the other way: unguarded for the seconds between the two updates).
        dependsOn: Object.values(editions),
      },
    );
  }

  let audit: pulumiservice.PolicyGroup | undefined;
  if (settings.auditGroup) {
    audit = new pulumiservice.PolicyGroup("audit-group", {
      organizationName,
      name: GROUP_NAMES.audit,
      entityType: "stacks",
      mode: "audit",
      stacks: listed,
      policyPacks: [packReferenceFor(STRICTEST_EDITION)],
    });
  }

  return { editions, orgDefault, audit };
}

/** The groups' IDs, for the stack outputs. */
export function groupIds(groups: DeclaredGroups): Record<string, pulumi.Output<string>> {
  const ids: Record<string, pulumi.Output<string>> = {};
  for (const [edition, group] of Object.entries(groups.editions)) {
    ids[edition] = group.id;
  }
  if (groups.orgDefault) {
    ids.orgDefault = groups.orgDefault.id;
  }
  if (groups.audit) {
    ids.audit = groups.audit.id;
  }
  return ids;
}

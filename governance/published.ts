/**
 * Refuses to roll the groups to a pack version Pulumi Cloud does not have. pulumiservice 1.3.0
 * applies a version change as "remove the old pack version, then add the new one", one API call
 * each (provider/pkg/resources/policy_group.go, Update): adding an unpublished version fails after
 * the removal and leaves the group enforcing nothing. At preview the problem is a warning, so the
 * pull request that bumps the version still shows the version diff for review (the version is
 * published once that commit is merged and tagged); `pulumi up` refuses it.
 */
import * as pulumiservice from "@pulumi/pulumiservice";
import { z } from "zod";

// getPolicyPacks' declared output type is loose ({[key: string]: string}[]); its schema says
// each pack has name, displayName, versions and versionTags.
const publishedPacks = z.array(
  z.object({ name: z.string(), versionTags: z.array(z.string()).optional() }),
);

/** Why `version` of `pack` cannot be enforced yet, or undefined when it is published. */
export function unpublishedVersionProblem(
  policyPacks: unknown,
  organization: string,
  pack: string,
  version: string,
): string | undefined {
  const parsed = publishedPacks.safeParse(policyPacks);
  if (!parsed.success) {
    return `could not read the policy packs of Pulumi organisation ${organization} (unexpected getPolicyPacks result); check the provider version.`;
  }
  const tags = parsed.data.find((candidate) => candidate.name === pack)?.versionTags ?? [];
  if (tags.includes(version)) {
    return undefined;
  }
  return (
    `${pack} ${version} (policy-pack/package.json) is not published in Pulumi organisation ${organization}` +
    ` (published: ${tags.length > 0 ? tags.join(", ") : "none"}). Publish it first with the policy-publish` +
    ` workflow (push the tag policy-v${version}); rolling the groups to an unpublished version would take` +
    ` the current version off them before failing to add the new one.`
  );
}

export interface PublishedCheck {
  readonly organization: string;
  readonly pack: string;
  readonly version: string;
  /** A preview: warn instead of failing. */
  readonly dryRun: boolean;
  readonly warn: (message: string) => void;
}

/** Fails an update (warns at preview) when the pinned version is not published. */
export async function checkPackPublished(check: PublishedCheck): Promise<void> {
  const result = await pulumiservice.getPolicyPacks({ organizationName: check.organization });
  const problem = unpublishedVersionProblem(
    result.policyPacks,
    check.organization,
    check.pack,
    check.version,
  );
  if (problem === undefined) {
    return;
  }
  if (!check.dryRun) {
    throw new Error(problem);
  }
  check.warn(`${problem} This preview shows the change; \`pulumi up\` refuses it until then.`);
}

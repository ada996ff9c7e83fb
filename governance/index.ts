// Org-wide enforcement of the Decision Control policy pack as a reviewed program: validated config,
// a check that the pinned pack version is published, then the policy groups. Only wiring here.
import * as pulumi from "@pulumi/pulumi";
import { loadSettings } from "./config";
import { declarePolicyGroups, groupIds, PLACED_STACKS_OUTPUT, stackRefsOf } from "./groups";
import { PACK_NAME, PACK_VERSION } from "./pack";
import { checkPackPublished } from "./published";

export = async () => {
  const settings = loadSettings();
  await checkPackPublished({
    organization: settings.organization,
    pack: PACK_NAME,
    version: PACK_VERSION,
    dryRun: pulumi.runtime.isDryRun(),
    warn: (message) => void pulumi.log.warn(message),
  });
  const groups = declarePolicyGroups(settings);
  return {
    policyPack: `${PACK_NAME}@${PACK_VERSION}`,
    policyGroups: groupIds(groups),
    [PLACED_STACKS_OUTPUT]: stackRefsOf(settings.stacks),
  };
};

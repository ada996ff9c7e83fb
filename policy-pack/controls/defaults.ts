// The configurable policies' code defaults, computed once from the catalogue: what a stack judged
// without a config file gets (the production profile).
import { CATALOGUE } from "./catalogue";
import { policyDefaults } from "./pack-config";

export const POLICY_DEFAULTS = policyDefaults(CATALOGUE);

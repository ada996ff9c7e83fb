// The control catalogue and what is derived from it; free of @pulumi/* so that the root program,
// the checklist and the generators can import it without loading the policy engine.
export * from "./types";
export { CATALOGUE } from "./catalogue";
export * from "./derive";
export * from "./pack-config";
export { formatJson } from "./json";
export { POLICY_DEFAULTS } from "./defaults";

/**
 * The checklist against the deployed account, the way the guide's "Verify" commands look: one
 * async check per item, reading AWS through the SDK with the stack's outputs, grouped by domain.
 */
export type { LiveCheck, PlannedRule } from "./check";
export { networkPeer, ruleText } from "./check";
export { liveIpRestrictions, liveFlowLogs, liveSecurityGroups, liveSshKeys } from "./network";
export { liveHttps, liveEbsEncryption, liveSessionManager, liveAmi } from "./compute";
export {
  liveDatabasePassword,
  liveDatabaseEncryption,
  liveMultiAz,
  liveBackups,
  liveDatabaseNotPublic,
} from "./database";
export { liveAlarms, liveCloudTrail, liveIncidentResponse } from "./operations";

import { amiUpToDate, ebsEncryption, httpsCertificate, sessionManager } from "./compute";
import {
  databaseBackups,
  databaseEncryption,
  databaseMultiAz,
  databaseNotPublic,
  databasePassword,
} from "./database";
import { EvidenceGatherer } from "./findings";
import { flowLogs, ipRestrictions, securityGroupsLeastPrivilege, sshKeys } from "./network";
import { alarms, cloudTrail, incidentResponse } from "./operations";

export * from "./findings";

/** Checklist item number -> what proves it on the program's resources (under mocks). */
export const EVIDENCE: Readonly<Record<number, EvidenceGatherer>> = {
  1: ipRestrictions,
  2: httpsCertificate,
  3: databasePassword,
  4: ebsEncryption,
  5: databaseEncryption,
  6: databaseMultiAz,
  7: databaseBackups,
  8: alarms,
  9: cloudTrail,
  10: flowLogs,
  11: securityGroupsLeastPrivilege,
  12: databaseNotPublic,
  13: sessionManager,
  14: sshKeys,
  15: amiUpToDate,
  16: incidentResponse,
};

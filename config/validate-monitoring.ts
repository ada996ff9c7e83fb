/** Who hears the alarms (MON-1) and how long logs are kept (MON-2, CMP-3). */
import { RawConfig } from "./raw-config";
import { ConfigReport, EditionScope } from "./report";
import * as rules from "./rules";
import { Settings } from "./types";

type MonitoringSettings = Pick<Settings, "alarmEmail" | "logRetentionDays">;

/** The edition's log retention, raised to the compliance profile's floor. */
const logFloor = (scope: EditionScope): number =>
  Math.max(scope.profile.logRetentionDays, scope.floors.logRetentionDays);

/** The keys' own rules, whatever the edition. */
export function validateMonitoring(
  input: RawConfig,
  scope: EditionScope,
  report: ConfigReport,
): MonitoringSettings {
  report.check(["alarmEmail"], input.alarmEmail, rules.emailRule);
  report.check(["logRetentionDays"], input.logRetentionDays, rules.logRetentionRule);
  return {
    alarmEmail: input.alarmEmail,
    logRetentionDays: input.logRetentionDays ?? logFloor(scope),
  };
}

/** What the edition and the compliance profile ask of alarms and logs. */
export function monitoringEditionRules(
  monitoring: MonitoringSettings,
  scope: EditionScope,
  report: ConfigReport,
): void {
  const { edition, profile } = scope;
  if (monitoring.alarmEmail === undefined && profile.alarmEmailRequired) {
    report.issue(
      ["alarmEmail"],
      `is required in the ${edition} edition so alarms reach someone (MON-1); set e.g. ops@example.com.`,
    );
  }
  const floor = logFloor(scope);
  const days = monitoring.logRetentionDays;
  if (days < floor) {
    report.issue(
      ["logRetentionDays"],
      `${days} is below the ${edition}/${scope.complianceProfile} floor of ${floor} days (MON-2, CMP-3); set ${floor} or more.`,
    );
  }
}

/** Day-2 operations: the OS patch schedule (APP-4) and the teardown switch. */
import { patchWindowIssue } from "./patch-window";
import { RawConfig } from "./raw-config";
import { ConfigReport, configKey as key } from "./report";
import * as rules from "./rules";
import { COMMON_DEFAULTS } from "./editions";
import { DatabaseSettings, Settings } from "./types";

export function validateOperations(
  input: RawConfig,
  database: DatabaseSettings,
  report: ConfigReport,
): Pick<Settings, "patchSchedule" | "teardown"> {
  const patchSchedule = input.patchSchedule ?? COMMON_DEFAULTS.patchSchedule;
  report.check(["patchSchedule"], input.patchSchedule, rules.patchScheduleRule);
  const patchWindow = rules.patchScheduleRule(patchSchedule)
    ? undefined
    : patchWindowIssue(
        patchSchedule,
        database.maintenanceWindow,
        key(["database", "maintenanceWindow"]),
      );
  if (patchWindow) {
    report.issue(["patchSchedule"], patchWindow);
  }

  const teardown = input.teardown ?? false;
  if (teardown) {
    report.warn(
      `${key(["teardown"])}: true lifts RDS and ALB deletion protection and Pulumi protect on every stateful resource; run pulumi destroy next, or set it back to false (README, Operations, "Tear down").`,
    );
  }
  return { patchSchedule, teardown };
}

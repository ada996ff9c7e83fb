/** APP-1: the database's master secret rotates on a schedule the config sets. */
import { COMMON_DEFAULTS } from "./editions";
import { RawConfig } from "./raw-config";
import { ConfigReport, configKey } from "./report";
import * as rules from "./rules";
import {
  parseRotationSchedule,
  rotationIntervals,
  rotationScheduleProblem,
  rotationWindowProblem,
} from "./rotation-schedule";
import { DatabaseSettings } from "./types";

const path = (field: string): string[] => ["database", field];
const databaseKey = (field: string): string => configKey(path(field));

/** The master secret rotates in a fixed window, clear of the RDS backup and maintenance windows. */
export function validateSecretRotation(
  db: NonNullable<RawConfig["database"]>,
  backupWindow: string,
  maintenanceWindow: string,
  report: ConfigReport,
): Pick<DatabaseSettings, "secretRotationSchedule" | "secretRotationWindowHours"> {
  const secretRotationSchedule =
    db.secretRotationSchedule ?? COMMON_DEFAULTS.database.secretRotationSchedule;
  const secretRotationWindowHours =
    db.secretRotationWindowHours ?? COMMON_DEFAULTS.database.secretRotationWindowHours;
  // Stryker disable next-line ObjectLiteral: returned only beside an issue, so the config is refused (equivalent)
  const result = { secretRotationSchedule, secretRotationWindowHours };
  const scheduleProblem = rotationScheduleProblem(secretRotationSchedule);
  const schedule = parseRotationSchedule(secretRotationSchedule);
  // Stryker disable next-line ConditionalExpression,StringLiteral: an unparsable schedule is also a scheduleProblem; the typeof narrows the type (equivalent)
  if (scheduleProblem || typeof schedule === "string") {
    report.issue(path("secretRotationSchedule"), scheduleProblem ?? String(schedule));
    return result;
  }
  const windowProblem = rotationWindowProblem(schedule, secretRotationWindowHours);
  if (windowProblem) {
    report.issue(path("secretRotationWindowHours"), windowProblem);
    return result;
  }
  const rotation = rotationIntervals(schedule, secretRotationWindowHours);
  const clashes = [
    rules.intervalsOverlap(rotation, rules.maintenanceIntervals(maintenanceWindow))
      ? `${databaseKey("maintenanceWindow")} ("${maintenanceWindow}")`
      : undefined,
    rules.intervalsOverlap(rotation, rules.dailyIntervals(backupWindow))
      ? `${databaseKey("backupWindow")} ("${backupWindow}")`
      : undefined,
  ].filter((clash): clash is string => clash !== undefined);
  if (clashes.length > 0) {
    report.issue(
      path("secretRotationSchedule"),
      `"${secretRotationSchedule}" with a ${secretRotationWindowHours}-hour window overlaps ${clashes.join(" and ")}. A rotation changes the master password on the instance and restarts the app; keep it apart from RDS maintenance and backups so neither blocks nor hides the other. Move it next to them, e.g. cron(0 5 ? * SUN#1 *) with the default windows.`,
    );
  }
  return { secretRotationSchedule, secretRotationWindowHours };
}

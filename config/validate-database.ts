/** The database: size, engine version and upgrades, backups (DATA-3), Multi-AZ (DATA-4). */
import { COMMON_DEFAULTS } from "./editions";
import { RawConfig } from "./raw-config";
import { ConfigReport, configKey, EditionScope } from "./report";
import * as rules from "./rules";
import { DatabaseSettings } from "./types";
import { validateSecretRotation } from "./validate-rotation";

type DatabaseInput = NonNullable<RawConfig["database"]>;

const path = (field: string): string[] => ["database", field];
const databaseKey = (field: string): string => configKey(path(field));

/** DATA-3: the edition's backup retention, raised to the compliance profile's floor. */
const backupFloor = (scope: EditionScope): number =>
  Math.max(scope.profile.database.backupRetentionDays, scope.floors.backupRetentionDays);

/** The keys' own rules, whatever the edition. */
export function validateDatabase(
  database: RawConfig["database"],
  scope: EditionScope,
  report: ConfigReport,
): DatabaseSettings {
  const profile = scope.profile.database;
  const db = database ?? {};
  const instanceClass = db.instanceClass ?? profile.instanceClass;
  report.check(path("instanceClass"), db.instanceClass, rules.dbInstanceClassRule);

  const allocatedStorageGb = db.allocatedStorageGb ?? profile.allocatedStorageGb;
  if (allocatedStorageGb < 20 || allocatedStorageGb > 65536) {
    report.issue(
      path("allocatedStorageGb"),
      `${allocatedStorageGb} is outside 20..65536 GiB (gp3 limits); set a size in that range.`,
    );
  }
  const maxAllocatedStorageGb =
    db.maxAllocatedStorageGb ??
    Math.min(allocatedStorageGb * COMMON_DEFAULTS.database.storageAutoscalingFactor, 65536);
  if (maxAllocatedStorageGb < allocatedStorageGb || maxAllocatedStorageGb > 65536) {
    report.issue(
      path("maxAllocatedStorageGb"),
      `${maxAllocatedStorageGb} must be between ${databaseKey("allocatedStorageGb")} (${allocatedStorageGb}) and 65536; raise it or remove it for the default of 5x allocated storage.`,
    );
  }

  const engineVersion = db.engineVersion ?? COMMON_DEFAULTS.database.engineVersion;
  report.check(path("engineVersion"), db.engineVersion, rules.engineVersionRule);

  const backupWindow = db.backupWindow ?? COMMON_DEFAULTS.database.backupWindow;
  const maintenanceWindow = (
    db.maintenanceWindow ?? COMMON_DEFAULTS.database.maintenanceWindow
  ).toLowerCase();
  report.check(path("backupWindow"), db.backupWindow, rules.backupWindowRule);
  report.check(path("maintenanceWindow"), db.maintenanceWindow, rules.maintenanceWindowRule);
  if (rules.windowsOverlap(backupWindow, maintenanceWindow)) {
    report.issue(
      path("maintenanceWindow"),
      `"${maintenanceWindow}" overlaps ${databaseKey("backupWindow")} ("${backupWindow}"), which RDS rejects; move one of them, e.g. backups 02:00-03:00 and maintenance sun:03:30-sun:04:30.`,
    );
  }

  return {
    instanceClass,
    allocatedStorageGb,
    maxAllocatedStorageGb,
    engineVersion,
    engineMajorVersion: engineVersion.split(".")[0],
    multiAz: db.multiAz ?? profile.multiAz,
    backupRetentionDays: db.backupRetentionDays ?? backupFloor(scope),
    backupWindow,
    maintenanceWindow,
    deletionProtection: db.deletionProtection ?? COMMON_DEFAULTS.database.deletionProtection,
    ...validateDatabaseUpgrades(db, engineVersion, report),
    ...validateSecretRotation(db, backupWindow, maintenanceWindow, report),
  };
}

/** What the edition and the compliance profile ask of the database. */
export function databaseEditionRules(
  database: DatabaseSettings,
  scope: EditionScope,
  report: ConfigReport,
): void {
  const { edition } = scope;
  const profile = scope.profile.database;
  if (profile.multiAzRequired && !database.multiAz) {
    report.issue(
      path("multiAz"),
      `false is not allowed in the ${edition} edition (DATA-4); set true or remove the key.`,
    );
  }
  const floor = backupFloor(scope);
  const days = database.backupRetentionDays;
  if (days < floor || days > COMMON_DEFAULTS.maxBackupRetentionDays) {
    report.issue(
      path("backupRetentionDays"),
      `${days} is outside ${floor}..${COMMON_DEFAULTS.maxBackupRetentionDays} days for this edition and compliance profile (DATA-3); set a value in that range.`,
    );
  }
  if (profile.deletionProtectionRequired && !database.deletionProtection) {
    report.issue(
      path("deletionProtection"),
      `false is not allowed in the ${edition} edition; the database must survive an accidental delete. Set true or remove the key.`,
    );
  }
}

/** Engine-version changes after the first up (README, Operations, "Upgrade PostgreSQL"). */
function validateDatabaseUpgrades(
  db: DatabaseInput,
  engineVersion: string,
  report: ConfigReport,
): Pick<
  DatabaseSettings,
  "autoMinorVersionUpgrade" | "allowMajorVersionUpgrade" | "applyImmediately"
> {
  const autoMinorVersionUpgrade =
    db.autoMinorVersionUpgrade ?? COMMON_DEFAULTS.database.autoMinorVersionUpgrade;
  const allowMajorVersionUpgrade = db.allowMajorVersionUpgrade ?? false;
  const applyImmediately = db.applyImmediately ?? false;
  const pinned = rules.pinnedMinorWithAutoUpgradeProblem(engineVersion, autoMinorVersionUpgrade);
  if (pinned && !rules.engineVersionRule(engineVersion)) {
    report.issue(path("engineVersion"), pinned);
  }
  if (!autoMinorVersionUpgrade) {
    report.warn(
      `${databaseKey("autoMinorVersionUpgrade")}: false; PostgreSQL minor releases (security fixes) now wait for you to raise ${databaseKey("engineVersion")}, and RDS still forces an upgrade when a minor reaches end of life: pin the version RDS then reports.`,
    );
  }
  // A major upgrade replaces the parameter group (its family is the major version); left for the
  // maintenance window, the old group would be deleted while the instance still uses it.
  if (allowMajorVersionUpgrade && !applyImmediately) {
    report.issue(
      path("allowMajorVersionUpgrade"),
      `true needs ${databaseKey("applyImmediately")}: true in the same up: the new parameter-group family must be in use before the old group is deleted, which a change deferred to the maintenance window breaks (InvalidDBParameterGroupState). Set both for the upgrade, then remove both (README, Operations, "Upgrade PostgreSQL").`,
    );
  }
  if (allowMajorVersionUpgrade) {
    report.warn(
      `${databaseKey("allowMajorVersionUpgrade")}: true; take a manual snapshot first, and remove it together with ${databaseKey("applyImmediately")} once the upgrade is done.`,
    );
  }
  if (applyImmediately) {
    report.warn(
      `${databaseKey("applyImmediately")}: true applies this up's database changes (and any pending ones) now, with the reboot or failover they need; remove it after this up.`,
    );
  }
  return { autoMinorVersionUpgrade, allowMajorVersionUpgrade, applyImmediately };
}

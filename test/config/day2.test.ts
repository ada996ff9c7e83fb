import { strict as assert } from "assert";
import { assertAccepts, assertRejects, validate } from "./expect";

const databaseKey = (name: string) => `decision-control:database.${name}`;
const warningsOf = (
  overrides: Record<string, unknown>,
  stack: "sandbox" | "production" = "production",
) => validate(stack, overrides).warnings;

describe("config for day-2 operations (decision-control:*)", () => {
  describe("teardown", () => {
    it("DATA-3: teardown defaults to false, so every protection is on unless a reviewed change lifts it", () => {
      for (const stack of ["sandbox", "production"] as const) {
        assert.equal(assertAccepts(stack, {}).teardown, false);
      }
    });

    it("DATA-3: teardown must be a boolean", () => {
      assertRejects(
        "production",
        { teardown: "yes" },
        "decision-control:teardown",
        /true or false/,
      );
    });

    it("DATA-3: teardown true is accepted and warned about, naming the key and the runbook", () => {
      const { settings, warnings } = validate("production", { teardown: true });
      assert.equal(settings.teardown, true);
      assert.ok(
        warnings.some(
          (warning) =>
            warning.startsWith("decision-control:teardown:") && /Tear down/.test(warning),
        ),
        warnings.join("\n"),
      );
    });
  });

  describe("PostgreSQL upgrades", () => {
    it("a major version alone with automatic minor upgrades (the default) is accepted", () => {
      const settings = assertAccepts("production", { database: { engineVersion: "17" } });
      assert.equal(settings.database.autoMinorVersionUpgrade, true);
      assert.equal(settings.database.engineVersion, "17");
    });

    it("a pinned minor with automatic minor upgrades on is refused: RDS upgrading itself would turn every later up into a downgrade", () => {
      assertRejects(
        "production",
        { database: { engineVersion: "16.6" } },
        databaseKey("engineVersion"),
        /pins a minor version.*Set "16".*autoMinorVersionUpgrade to false/,
      );
    });

    it("a pinned minor is accepted once automatic minor upgrades are off, with a warning that minors are now yours", () => {
      const { settings, warnings } = validate("production", {
        database: { engineVersion: "16.6", autoMinorVersionUpgrade: false },
      });
      assert.equal(settings.database.engineVersion, "16.6");
      assert.equal(settings.database.autoMinorVersionUpgrade, false);
      const [minors] = warnings.filter((w) => w.startsWith(databaseKey("autoMinorVersionUpgrade")));
      assert.match(minors, /wait for you to raise decision-control:database\.engineVersion,/);
    });

    it("allowMajorVersionUpgrade and applyImmediately default to false (changes wait for the maintenance window)", () => {
      const { database } = assertAccepts("production", {});
      assert.deepEqual(
        [database.allowMajorVersionUpgrade, database.applyImmediately],
        [false, false],
      );
    });

    it("a major upgrade left for the maintenance window is refused: the old parameter group would be deleted while still in use", () => {
      assertRejects(
        "production",
        { database: { engineVersion: "17", allowMajorVersionUpgrade: true } },
        databaseKey("allowMajorVersionUpgrade"),
        /applyImmediately: true.*InvalidDBParameterGroupState/,
      );
    });

    it("a major upgrade applied now is accepted, with warnings to snapshot first and remove both keys after", () => {
      const overrides = {
        database: { engineVersion: "17", allowMajorVersionUpgrade: true, applyImmediately: true },
      };
      const { database } = assertAccepts("production", overrides);
      assert.deepEqual(
        [database.allowMajorVersionUpgrade, database.applyImmediately],
        [true, true],
      );
      const warnings = warningsOf(overrides);
      assert.ok(
        warnings.some(
          (w) =>
            w.startsWith(databaseKey("allowMajorVersionUpgrade")) &&
            /snapshot first, and remove it together with decision-control:database\.applyImmediately once/.test(
              w,
            ),
        ),
      );
      assert.ok(
        warnings.some((w) => w.startsWith(databaseKey("applyImmediately")) && /remove it/.test(w)),
      );
    });

    it("applyImmediately alone is the one-shot apply-now for class, storage or Multi-AZ changes", () => {
      const overrides = { database: { instanceClass: "db.m6g.xlarge", applyImmediately: true } };
      assert.equal(assertAccepts("production", overrides).database.applyImmediately, true);
      assert.ok(warningsOf(overrides).some((w) => w.startsWith(databaseKey("applyImmediately"))));
      assert.deepEqual(
        warningsOf({}).filter((w) => w.startsWith(databaseKey(""))),
        [],
        "no warning without it",
      );
    });

    it("the upgrade switches are booleans", () => {
      for (const name of [
        "autoMinorVersionUpgrade",
        "allowMajorVersionUpgrade",
        "applyImmediately",
      ]) {
        assertRejects(
          "production",
          { database: { [name]: "true" } },
          databaseKey(name),
          /true or false/,
        );
      }
    });
  });

  describe("APP-1: database secret rotation window", () => {
    const schedule = databaseKey("secretRotationSchedule");
    const windowHours = databaseKey("secretRotationWindowHours");

    it("APP-1: the default opens a 1-hour window at 05:00 UTC on the first Sunday of each month, clear of the default windows", () => {
      const { database } = assertAccepts("production", {});
      assert.equal(database.secretRotationSchedule, "cron(0 5 ? * SUN#1 *)");
      assert.equal(database.secretRotationWindowHours, 1);
    });

    it("APP-1: a weekly window next to the maintenance window is accepted", () => {
      const { database } = assertAccepts("production", {
        database: { secretRotationSchedule: "cron(0 5 ? * SUN *)", secretRotationWindowHours: 2 },
      });
      assert.equal(database.secretRotationSchedule, "cron(0 5 ? * SUN *)");
    });

    it("APP-1: a schedule leaving more than 90 days between rotations is refused", () => {
      assertRejects(
        "production",
        { database: { secretRotationSchedule: "cron(0 5 1 1,7 ? *)" } },
        schedule,
        /184 days.*APP-1/,
      );
    });

    it("APP-1: rate() is refused: its window always opens at midnight, next to nothing planned", () => {
      assertRejects(
        "production",
        { database: { secretRotationSchedule: "rate(30 days)" } },
        schedule,
        /rate\(\)/,
      );
    });

    it("APP-1: what Secrets Manager refuses is refused here first (minutes not 0, a year, a range of hours)", () => {
      for (const expression of [
        "cron(30 5 ? * SUN *)",
        "cron(0 5 ? * SUN 2030)",
        "cron(0 5-7 ? * SUN *)",
        "cron(0 5 * * SUN *)",
      ]) {
        assertRejects("production", { database: { secretRotationSchedule: expression } }, schedule);
      }
    });

    it("APP-1: a window that runs past midnight UTC or is shorter than an hour is refused, naming the window key", () => {
      assertRejects(
        "production",
        {
          database: {
            secretRotationSchedule: "cron(0 22 ? * SUN *)",
            secretRotationWindowHours: 3,
          },
        },
        windowHours,
        /midnight UTC/,
      );
      assertRejects(
        "production",
        { database: { secretRotationWindowHours: 0 } },
        windowHours,
        /1 or more/,
      );
    });

    it("APP-1: a window overlapping the maintenance window is refused", () => {
      assertRejects(
        "production",
        { database: { secretRotationSchedule: "cron(0 3 ? * SUN *)" } },
        schedule,
        /overlaps decision-control:database.maintenanceWindow/,
      );
    });

    it("APP-1: a window overlapping the daily backup window on any day it can open is refused", () => {
      assertRejects(
        "production",
        { database: { secretRotationSchedule: "cron(0 2 1 * ? *)" } },
        schedule,
        /overlaps decision-control:database.backupWindow/,
      );
    });

    it("APP-1: a window overlapping both windows names both", () => {
      assertRejects(
        "production",
        {
          database: { secretRotationSchedule: "cron(0 2 ? * SUN *)", secretRotationWindowHours: 3 },
        },
        schedule,
        /overlaps decision-control:database\.maintenanceWindow \("sun:03:30-sun:04:30"\) and decision-control:database\.backupWindow \("02:00-03:00"\)\./,
      );
    });

    it("APP-1: the overlap check follows moved windows: moving maintenance onto the default rotation window is refused", () => {
      assertRejects(
        "production",
        { database: { maintenanceWindow: "sun:05:30-sun:06:30" } },
        schedule,
        /overlaps decision-control:database.maintenanceWindow \("sun:05:30-sun:06:30"\)/,
      );
    });
  });
});

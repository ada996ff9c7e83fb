import { strict as assert } from "assert";
import {
  PATCH_RUN_ALLOWANCE_MINUTES,
  patchRunStarts,
  patchWindowIssue,
  patchWindowProblem,
} from "../../config/patch-window";
import { COMMON_DEFAULTS } from "../../config/editions";

const DAY = 24 * 60;
const at = (day: number, hour: number, minute = 0) => day * DAY + hour * 60 + minute;

describe("APP-4: patch runs stay out of the database maintenance window (config/patch-window.ts)", () => {
  it("reads the start times of SSM cron schedules (UTC, day-of-week 1-7 or SUN-SAT, L and #)", () => {
    const cases: [string, number[]][] = [
      ["cron(0 2 ? * SUN *)", [at(0, 2)]],
      ["cron(15 4 ? * 2,4 *)", [at(1, 4, 15), at(3, 4, 15)]],
      ["cron(0 1 ? * MON-WED *)", [at(1, 1), at(2, 1), at(3, 1)]],
      ["cron(0 3 ? * 6L *)", [at(5, 3)]],
      ["cron(0 3 ? * TUE#2 *)", [at(2, 3)]],
      ["cron(0 0/12 ? * SAT *)", [at(6, 0), at(6, 12)]],
      ["cron(0 10-12 ? * SUN *)", [at(0, 10), at(0, 11), at(0, 12)]],
      ["cron(0 1-5/2 ? * SUN *)", [at(0, 1), at(0, 3), at(0, 5)]],
      ["cron(0 3 ? * L *)", [at(6, 3)]],
      ["cron(30 2 1 * ? *)", [0, 1, 2, 3, 4, 5, 6].map((day) => at(day, 2, 30))],
    ];
    for (const [schedule, expected] of cases) {
      assert.deepEqual(
        [...(patchRunStarts(schedule) ?? [])].sort((a, b) => a - b),
        expected,
        schedule,
      );
    }
  });

  it("reads a cron with spaces around it, inside its parentheses and between its fields", () => {
    for (const schedule of [
      " cron(0 2 ? * SUN *) ",
      "cron( 0 2 ? * SUN * )",
      "cron(0  2 ?\t* SUN *)",
    ]) {
      assert.deepEqual(patchRunStarts(schedule), [at(0, 2)], schedule);
    }
  });

  it("has no start time for a rate expression or an unreadable cron", () => {
    for (const schedule of [
      "rate(7 days)",
      "cron(0 3 ? * SUN)",
      "xcron(0 3 ? * SUN *)",
      "cron(0 3 ? * SUN *);",
      "cron(x 3 ? * SUN *)",
      "cron(0 x3 ? * SUN *)",
      "cron(0 24 ? * SUN *)",
      "cron(0 5-1 ? * SUN *)",
      "cron(0 */0 ? * SUN *)",
      "cron(0 3 ? * FUNDAY *)",
      "cron(0 3 ? * L,2 *)",
    ]) {
      assert.equal(patchRunStarts(schedule), undefined, schedule);
    }
  });

  it(`a run is assumed to take ${PATCH_RUN_ALLOWANCE_MINUTES} minutes: it must end by the time the window opens`, () => {
    const window = "sun:03:30-sun:04:30";
    assert.deepEqual(patchWindowProblem("cron(31 2 ? * SUN *)", window), {
      kind: "clash",
      start: "SUN 02:31 UTC",
    });
    assert.equal(patchWindowProblem("cron(30 2 ? * SUN *)", window), undefined);
    assert.deepEqual(patchWindowProblem("cron(0 4 ? * SUN *)", window), {
      kind: "clash",
      start: "SUN 04:00 UTC",
    });
    assert.equal(patchWindowProblem("cron(30 4 ? * SUN *)", window), undefined);
    assert.equal(patchWindowProblem("cron(0 4 ? * MON *)", window), undefined);
  });

  it("windows and runs that cross midnight or the week's end are compared on the week's circle", () => {
    assert.deepEqual(
      patchWindowProblem("cron(30 23 ? * SAT *)", "sun:00:10-sun:01:00")?.kind,
      "clash",
    );
    assert.deepEqual(
      patchWindowProblem("cron(0 0 ? * SUN *)", "sat:23:30-sun:00:30")?.kind,
      "clash",
    );
    assert.equal(patchWindowProblem("cron(0 22 ? * SAT *)", "sat:23:30-sun:00:30"), undefined);
  });

  it("names the earliest start that clashes, whatever order the schedule lists them in", () => {
    assert.deepEqual(patchWindowProblem("cron(0 4,3 ? * SUN *)", "sun:03:30-sun:04:30"), {
      kind: "clash",
      start: "SUN 03:00 UTC",
    });
  });

  it("a schedule of every day clashes on the window's day; a rate cannot be placed at all", () => {
    assert.deepEqual(patchWindowProblem("cron(0 3 ? * * *)", "wed:03:30-wed:04:30"), {
      kind: "clash",
      start: "WED 03:00 UTC",
    });
    assert.deepEqual(patchWindowProblem("rate(1 day)", "wed:03:30-wed:04:30"), {
      kind: "unplaceable",
    });
  });

  it("the sentence names the maintenance window's key, the clashing start and a schedule that works", () => {
    const key = "decision-control:database.maintenanceWindow";
    assert.match(
      patchWindowIssue("cron(0 3 ? * SUN *)", "sun:03:30-sun:04:30", key) ?? "",
      /SUN 03:00 UTC.*decision-control:database\.maintenanceWindow \("sun:03:30-sun:04:30"\).*e\.g\. cron\(0 2 \? \* SUN \*\)/,
    );
    assert.match(
      patchWindowIssue("cron(0 3 ? * MON#L *)", "sun:03:30-sun:04:30", key) ?? "",
      /no start time this check can read.*decision-control:database\.maintenanceWindow.*use plain minutes, hours and weekdays/,
    );
    assert.equal(patchWindowIssue("cron(0 2 ? * SUN *)", "sun:03:30-sun:04:30", key), undefined);
  });

  it("the default patch schedule clears the default maintenance window", () =>
    assert.equal(
      patchWindowProblem(COMMON_DEFAULTS.patchSchedule, COMMON_DEFAULTS.database.maintenanceWindow),
      undefined,
    ));
});

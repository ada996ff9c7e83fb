import { strict as assert } from "assert";
import {
  longestRotationGapDays,
  MAX_ROTATION_INTERVAL_DAYS,
  parseRotationSchedule,
  RotationSchedule,
  rotationIntervals,
  rotationProblem,
  rotationScheduleProblem,
  rotationWindowProblem,
} from "../../config/rotation-schedule";

function parsed(expression: string): RotationSchedule {
  const schedule = parseRotationSchedule(expression);
  assert.ok(typeof schedule !== "string", `${expression}: ${String(schedule)}`);
  return schedule;
}

describe("APP-1: Secrets Manager rotation schedules (config/rotation-schedule.ts)", () => {
  describe("longest gap between two rotations, the APP-1 measure", () => {
    const cases: [string, number][] = [
      ["cron(0 5 ? * SUN *)", 7],
      ["cron(0 5 ? * SUN#1 *)", 35],
      ["cron(0 5 ? * 6L *)", 35],
      ["cron(0 5 1 * ? *)", 31],
      ["cron(0 5 L * ? *)", 31],
      ["cron(0 5 31 * ? *)", 61],
      ["cron(0 5 ? * MON-FRI *)", 3],
      ["cron(0 5 1 */3 ? *)", 92],
      ["cron(0 5 1 1,7 ? *)", 184],
      ["cron(0 5 ? JAN,APR,JUL,OCT SUN#1 *)", 98],
      ["cron(0 5 ? * SUN#5 *)", 119],
    ];
    for (const [expression, days] of cases) {
      it(`${expression} leaves at most ${days} days`, () => {
        assert.equal(longestRotationGapDays(parsed(expression)), days);
        assert.equal(
          rotationScheduleProblem(expression) === undefined,
          days <= MAX_ROTATION_INTERVAL_DAYS,
        );
      });
    }

    it("a day that never comes is refused, not read as 'never too long'", () => {
      assert.equal(longestRotationGapDays(parsed("cron(0 5 30 2 ? *)")), undefined);
      assert.match(String(rotationScheduleProblem("cron(0 5 30 2 ? *)")), /never opens/);
    });
  });

  describe("what Secrets Manager accepts", () => {
    const refused: [string, RegExp][] = [
      ["rate(30 days)", /rate\(\) expression/],
      ["cron(0 5 ? * SUN)", /not a Secrets Manager cron/],
      ["cron(15 5 ? * SUN *)", /0 in the minutes field/],
      ["cron(0 5 ? * SUN 2030)", /\* in the year field/],
      ["cron(0 */6 ? * SUN *)", /one hour/],
      ["cron(0 24 ? * SUN *)", /one hour/],
      ["cron(0 5 1 * SUN *)", /exactly one/],
      ["cron(0 5 32 * ? *)", /1\.\.31/],
      ["cron(0 5 ? * FUNDAY *)", /SUN/],
    ];
    for (const [expression, pattern] of refused) {
      it(`refuses ${expression}`, () => {
        assert.match(String(parseRotationSchedule(expression)), pattern);
      });
    }

    it("the window runs whole hours and ends by midnight UTC", () => {
      const late = parsed("cron(0 22 ? * SUN *)");
      assert.equal(rotationWindowProblem(late, 2), undefined);
      assert.match(String(rotationWindowProblem(late, 3)), /midnight UTC/);
      assert.match(String(rotationWindowProblem(late, 0)), /1 or more/);
      assert.match(String(rotationWindowProblem(late, 1.5)), /whole hours/);
    });
  });

  it("rotationProblem: one answer covering format, the APP-1 interval and the window", () => {
    assert.equal(rotationProblem("cron(0 5 ? * SUN#1 *)", 1), undefined);
    assert.match(String(rotationProblem("rate(7 days)", 1)), /rate\(\)/);
    assert.match(String(rotationProblem("cron(0 5 1 1,7 ? *)", 1)), /184 days/);
    assert.match(String(rotationProblem("cron(0 23 ? * SUN *)", 2)), /midnight UTC/);
  });

  it("rotationIntervals: the weekly minutes the window occupies, one per weekday it opens on", () => {
    // Sunday 05:00-07:00 UTC; minute 0 is Sunday 00:00.
    assert.deepEqual(rotationIntervals(parsed("cron(0 5 ? * SUN#1 *)"), 2), [[300, 420]]);
    assert.deepEqual(rotationIntervals(parsed("cron(0 1 ? * MON,WED *)"), 1), [
      [1500, 1560],
      [4380, 4440],
    ]);
    assert.equal(
      rotationIntervals(parsed("cron(0 5 1 * ? *)"), 1).length,
      7,
      "a day of the month falls on any weekday",
    );
  });
});

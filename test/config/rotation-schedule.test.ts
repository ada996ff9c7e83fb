import { strict as assert } from "assert";
import {
  longestRotationGapDays,
  MAX_ROTATION_INTERVAL_DAYS,
  parseRotationSchedule,
  RotationSchedule,
  rotationDays,
  rotationIntervals,
  rotationProblem,
  rotationScheduleProblem,
  rotationWindowProblem,
} from "../../config/rotation-schedule";

const MONTH_NAMES = [
  "JAN",
  "FEB",
  "MAR",
  "APR",
  "MAY",
  "JUN",
  "JUL",
  "AUG",
  "SEP",
  "OCT",
  "NOV",
  "DEC",
];
const WEEKDAY_NAMES = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
const pad = (value: number): string => String(value).padStart(2, "0");

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
      // `a/s` runs from a to the end of the range: the 1st, 11th, 21st and 31st.
      ["cron(0 5 1/10 * ? *)", 10],
      // A leap day comes twice in the eight years measured: a gap, not "never".
      ["cron(0 5 29 2 ? *)", 1461],
      // The APP-1 bound itself: Jul 3 to Oct 1 is 90 days, allowed; Jul 2 to Oct 1 is 91.
      ["cron(0 5 1,3 JAN,APR,JUL,OCT ? *)", MAX_ROTATION_INTERVAL_DAYS],
      ["cron(0 5 1,2 JAN,APR,JUL,OCT ? *)", MAX_ROTATION_INTERVAL_DAYS + 1],
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
      ["cron(0 5 0 * ? *)", /"0" is not in 1\.\.31/],
      ["cron(0 5 +1 * ? *)", /"\+1" is not in 1\.\.31/],
      ["cron(0 5 1e1 * ? *)", /"1e1" is not in 1\.\.31/],
      ["cron(0 5 ? * FUNDAY *)", /SUN/],
      ["cron(0 5 ? * SUN#12 *)", /"SUN#12" is not in 1\.\.7/],
      ["cron(0 5 ? * 1SUN#1 *)", /"1SUN#1" is not in 1\.\.7/],
      ["cron(0 5 ? * XL *)", /"XL" is not in 1\.\.7/],
      ["cron(0 5 ? * LW *)", /"LW" is not in 1\.\.7/],
      ["0 5 ? * SUN *", /not a Secrets Manager cron/],
      ["xcron(0 5 ? * SUN *)", /not a Secrets Manager cron/],
      ["cron(0 5 ? * SUN *);", /not a Secrets Manager cron/],
      ["cron(0 5 ? * SUN *) or rate(7 days)", /not a Secrets Manager cron/],
      [" rate(30 days) ", /rate\(\) expression/],
    ];
    for (const [expression, pattern] of refused) {
      it(`refuses ${JSON.stringify(expression)}, with a schedule that works`, () => {
        const problem = String(parseRotationSchedule(expression));
        assert.match(problem, pattern);
        assert.match(problem, /e\.g\. cron\(0 5 \? \* SUN#1 \*\)/);
      });
    }

    it("reads a cron with spaces around it, inside its parentheses and between its fields", () => {
      for (const expression of [
        " cron(0 5 ? * SUN#1 *) ",
        "cron( 0 5 ? * SUN#1 * )",
        "cron(0  5 ?\t* SUN#1 *)",
      ]) {
        const schedule = parsed(expression);
        assert.equal(schedule.hour, 5, expression);
        assert.deepEqual(rotationIntervals(schedule, 1), [[300, 360]], expression);
      }
    });

    it("month names JAN..DEC are months 1..12", () => {
      MONTH_NAMES.forEach((name, index) => {
        const [first] = rotationDays(parsed(`cron(0 5 1 ${name} ? *)`));
        assert.equal(first.toISOString().slice(0, 10), `2024-${pad(index + 1)}-01`, name);
      });
    });

    it("weekday names SUN..SAT are days 1..7 of the week (1 = Sunday)", () => {
      WEEKDAY_NAMES.forEach((name, index) => {
        const start = (index * 24 + 5) * 60;
        assert.deepEqual(rotationIntervals(parsed(`cron(0 5 ? * ${name} *)`), 1), [
          [start, start + 60],
        ]);
        assert.deepEqual(rotationIntervals(parsed(`cron(0 5 ? * ${index + 1} *)`), 1), [
          [start, start + 60],
        ]);
      });
    });

    it("the window runs whole hours and ends by midnight UTC", () => {
      const late = parsed("cron(0 22 ? * SUN *)");
      assert.equal(rotationWindowProblem(late, 2), undefined);
      assert.match(String(rotationWindowProblem(late, 3)), /midnight UTC/);
      assert.match(String(rotationWindowProblem(late, 0)), /1 or more/);
      assert.match(String(rotationWindowProblem(late, 1.5)), /whole hours/);
    });
  });

  describe("day-of-week L and # forms", () => {
    const FRIDAY_05 = (5 * 24 + 5) * 60;
    const SATURDAY_05 = (6 * 24 + 5) * 60;

    it("DL opens on the last D of each month only, also when the month ends on a D (May 2024)", () => {
      const lastFridays2024 =
        "01-26 02-23 03-29 04-26 05-31 06-28 07-26 08-30 09-27 10-25 11-29 12-27"
          .split(" ")
          .map((day) => `2024-${day}`);
      for (const expression of ["cron(0 5 ? * 6L *)", "cron(0 5 ? * FRIL *)"]) {
        const days = rotationDays(parsed(expression))
          .map((day) => day.toISOString().slice(0, 10))
          .filter((day) => day.startsWith("2024-"));
        assert.deepEqual(days, lastFridays2024, expression);
        assert.deepEqual(rotationIntervals(parsed(expression), 1), [[FRIDAY_05, FRIDAY_05 + 60]]);
      }
    });

    it("L alone is the last Saturday of the month", () => {
      const schedule = parsed("cron(0 5 ? * L *)");
      assert.deepEqual(rotationIntervals(schedule, 1), [[SATURDAY_05, SATURDAY_05 + 60]]);
      assert.equal(longestRotationGapDays(schedule), 35);
    });

    it("D#n takes the weekday as a number too: 1#1 is SUN#1", () => {
      const schedule = parsed("cron(0 5 ? * 1#1 *)");
      assert.deepEqual(rotationIntervals(schedule, 1), [[300, 360]]);
      assert.equal(longestRotationGapDays(schedule), 35);
    });
  });

  it("the gaps are measured over eight whole years, 2024-01-01 to 2031-12-31 (two leap days)", () => {
    const days = rotationDays(parsed("cron(0 5 * * ? *)"));
    assert.equal(days.length, 8 * 365 + 2);
    assert.equal(days[0].toISOString(), "2024-01-01T00:00:00.000Z");
    assert.equal(days[days.length - 1].toISOString(), "2031-12-31T00:00:00.000Z");
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
    assert.deepEqual(
      rotationIntervals(parsed("cron(0 1 ? * SUN,SAT *)"), 1),
      [
        [60, 120],
        [8700, 8760],
      ],
      "in weekly order, Sunday first, though the eight years start on a Monday and meet Saturday first",
    );
    assert.equal(
      rotationIntervals(parsed("cron(0 5 1 * ? *)"), 1).length,
      7,
      "a day of the month falls on any weekday",
    );
  });
});

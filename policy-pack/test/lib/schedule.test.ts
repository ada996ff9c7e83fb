import * as assert from "assert";
import { awsWeekdayToCron, clearScheduleCache, scheduleMaxInterval } from "../../lib/schedule";

function days(expr: string): number | string {
  const v = scheduleMaxInterval(expr);
  return v.kind === "interval" ? Number(v.maxDays.toFixed(4)) : `invalid: ${v.reason}`;
}

describe("lib/schedule: APP-1 the longest interval a rotation schedule allows", () => {
  // The verdicts are memoized per process: each test judges its expressions afresh.
  beforeEach(clearScheduleCache);
  const cases: Array<[string, number]> = [
    ["rate(30 days)", 30],
    ["rate(1 day)", 1],
    ["RATE( 90 Days )", 90],
    ["rate(12 hours)", 0.5],
    ["rate(4 hours)", 0.1667],
    ["rate(1 hour)", 0.0417],
    // the 90- and 30-day limits and one day beyond them
    ["rate(90 days)", 90],
    ["rate(91 days)", 91],
    ["rate(31 days)", 31],
    ["rate(100 days)", 100],
    ["rate(30  days)", 30],
    ["  rate(30 days)  ", 30],
    ["cron(  0 0 1 * ? *  )", 31],
    ["cron(0  0 1 * ? *)", 31],
    // twice a day at 00:00 and 23:00: the longest gap is 23 hours
    ["cron(0 0,23 * * ? *)", 0.9583],
    // at 00:15 and 00:45 every day: 30 minutes, then 23.5 hours
    ["cron(15,45 0 * * ? *)", 0.9792],
    // 31 March only (April has 30 days): once a year
    ["cron(0 0 31 3,4 ? *)", 366],
    ["cron(0 0 31 5,6 ? *)", 366],
    ["cron(0 0 31 8,9 ? *)", 366],
    ["cron(0 0 31 10,11 ? *)", 366],
    // 30 January only (February never has a 30th)
    ["cron(0 0 30 1,2 ? *)", 366],
    // the last day of February: 28 or 29 February
    ["cron(0 0 L 2 ? *)", 366],
    // the last Sunday of February (AWS 1L): once a year, 52 or 53 weeks apart
    ["cron(0 0 ? 2 1L *)", 371],
    // the 5th Sunday of a month (AWS 1#5): only some months have one
    ["cron(0 0 ? * 1#5 *)", 119],
    // every day at 04:00 and 16:00 (hour steps reset each day)
    ["cron(0 4/12 * * ? *)", 0.5],
    ["cron(0 16 * * ? *)", 1],
    // every Sunday (AWS numbers 1 = SUN)
    ["cron(0 0 ? * 1 *)", 7],
    ["cron(0 0 ? * SUN *)", 7],
    ["cron(0 0 ? * MON-FRI *)", 3],
    ["cron(0 0 ? * 2-6 *)", 3],
    // the 1st and 15th of every month: at most 17 days (15 Jan -> 1 Feb)
    ["cron(0 0 1,15 * ? *)", 17],
    // the 1st of every month: at most 31 days
    ["cron(0 0 1 * ? *)", 31],
    // the last day of every month: at most 31 days (30 Apr -> 31 May)
    ["cron(0 0 L * ? *)", 31],
    // quarterly on the 1st: Jul 1 -> Oct 1 is 92 days
    ["cron(0 0 1 */3 ? *)", 92],
    ["cron(0 0 1 JAN,APR,JUL,OCT ? *)", 92],
    // the first Monday of each month (AWS MON = 2): at most 35 days
    ["cron(0 0 ? * 2#1 *)", 35],
    ["cron(0 0 ? * MON#1 *)", 35],
    // the last Friday of each month (AWS 6L): at most 35 days
    ["cron(0 0 ? * 6L *)", 35],
    // the last day of the week (AWS L = Saturday)
    ["cron(0 0 ? * L *)", 7],
    // 29 February: every leap year, and 8 years across 2100 (not a leap year)
    ["cron(0 0 29 2 ? *)", 2921],
    // once a year
    ["cron(0 0 1 1 ? *)", 366],
  ];
  for (const [expr, expected] of cases) {
    it(`APP-1: ${expr} rotates at most every ${expected} days`, () => {
      assert.strictEqual(days(expr), expected);
    });
  }
  const invalid: Array<[string, RegExp]> = [
    ["rate(0 days)", /positive/],
    ["rate(10 minutes)", /neither rate/],
    ["every 30 days", /neither rate/],
    ["xrate(30 days)", /neither rate/],
    ["rate(30 days)x", /neither rate/],
    ["rate(30 weeks)", /neither rate/],
    ["rate(-1 days)", /neither rate/],
    ["xcron(0 0 1 * ? *)", /neither rate/],
    ["cron(0 0 1 * ? *)x", /neither rate/],
    ["cron(0 0 1 * ? * *)", /six fields/],
    ["cron(0 0 1 * ?)", /six fields/],
    ["cron(0 0 1 * ? 2030)", /year field/],
    ["cron(0 0 1 * MON *)", /exactly one of day-of-month and day-of-week/],
    ["cron(0 0 ? * ? *)", /exactly one of day-of-month and day-of-week/],
    ["cron(0 0 ? * 0 *)", /day-of-week 0/],
    ["cron(0 0 ? * 8 *)", /day-of-week 8/],
    ["cron(0 0 31 2 ? *)", /./],
    ["cron(0 25 * * ? *)", /./],
  ];
  for (const [expr, reason] of invalid) {
    it(`APP-1: ${expr} cannot be judged`, () => {
      const v = scheduleMaxInterval(expr);
      assert.strictEqual(v.kind, "invalid");
      assert.match(v.kind === "invalid" ? v.reason : "", reason);
    });
  }
  const weekdays: Array<[string, string | undefined]> = [
    ["?", "*"],
    ["*", "*"],
    ["1", "0"],
    ["7", "6"],
    ["L", "6"],
    ["2#3", "1#3"],
    ["6L", "5L"],
    ["2-6", "1-5"],
    ["1,3,5", "0,2,4"],
    ["2/2", "1/2"],
    ["1-7/2", "0-6/2"],
    ["MON-FRI", "MON-FRI"],
    ["MON#2", "MON#2"],
    ["0", undefined],
    ["8", undefined],
    ["9#1", undefined],
    ["0L", undefined],
    ["0-3", undefined],
  ];
  for (const [aws, cron] of weekdays) {
    it(`APP-1: AWS day-of-week ${aws} is cron ${String(cron)}`, () => {
      assert.strictEqual(awsWeekdayToCron(aws), cron);
    });
  }
  it("APP-1: the verdict says how often the schedule fires", () => {
    const detail = (expr: string) => {
      const v = scheduleMaxInterval(expr);
      return v.kind === "interval" ? v.detail : v.reason;
    };
    assert.strictEqual(detail("rate(12 HOURS)"), "every 12 hours");
    assert.strictEqual(detail("rate(30 days)"), "every 30 days");
    assert.strictEqual(detail("cron(0 0 ? * 1 *)"), "at most 7 days apart");
    assert.strictEqual(detail("cron(0 0,23 * * ? *)"), "at most 0.96 days apart");
  });
  it("APP-1: verdicts are memoized (the same object for the same expression)", () => {
    assert.strictEqual(
      scheduleMaxInterval("cron(0 0 1 * ? *)"),
      scheduleMaxInterval(" cron(0 0 1 * ? *) "),
    );
  });
});

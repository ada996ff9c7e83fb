import { strict as assert } from "assert";
import { parseDailyWindow, parseWeeklyWindow, windowsOverlap } from "../../config/rules";

describe("config/rules: RDS windows (DATA-3)", () => {
  it("parses daily and weekly windows", () => {
    assert.deepEqual(parseDailyWindow("02:00-03:00"), [120, 180]);
    assert.deepEqual(parseWeeklyWindow("mon:01:00-mon:02:00"), [24 * 60 + 60, 24 * 60 + 120]);
    assert.equal(parseDailyWindow("24:00-01:00"), undefined);
    assert.equal(parseWeeklyWindow("xyz:01:00-mon:02:00"), undefined);
  });

  const cases: [string, string, boolean][] = [
    ["02:00-03:00", "sun:03:30-sun:04:30", false],
    ["02:00-03:00", "sun:03:00-sun:04:00", false],
    ["02:00-03:00", "sun:02:59-sun:04:00", true],
    ["02:00-03:00", "wed:01:00-wed:02:01", true],
    ["23:30-00:30", "tue:00:00-tue:01:00", true],
    ["23:30-00:30", "sat:23:00-sat:23:30", false],
    ["10:00-11:00", "sat:23:00-sun:10:30", true],
    ["05:00-06:00", "sat:23:30-sun:00:30", false],
  ];
  for (const [backup, maintenance, overlap] of cases) {
    it(`${backup} ${overlap ? "overlaps" : "does not overlap"} ${maintenance}`, () => {
      assert.equal(windowsOverlap(backup, maintenance), overlap);
    });
  }
});

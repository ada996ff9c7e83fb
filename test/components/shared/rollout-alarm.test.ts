/**
 * APP-3, IR-3: the rollback alarm on unhealthy targets tolerates a new instance's boot. ELB counts a
 * booting instance unhealthy after a few failed checks while the group gives it the grace period;
 * the alarm's window (one-minute datapoints, all breaching) is derived from that grace period.
 */
import { strict as assert } from "assert";
import {
  HEALTH_CHECK_GRACE_PERIOD_SECONDS,
  rolloutUnhealthyHostsEvaluation,
} from "../../../components/shared/rollout";

/** One-minute periods (by index) an unhealthy stretch [start, start + length) reports in. */
function breachingPeriods(startSecond: number, lengthSeconds: number, period: number): number[] {
  const first = Math.floor(startSecond / period);
  const last = Math.floor((startSecond + lengthSeconds - 1) / period);
  return Array.from({ length: last - first + 1 }, (_, index) => first + index);
}

/** Whether a stretch fills the alarm's window: `datapointsToAlarm` breaching of the last N. */
function fires(startSecond: number, lengthSeconds: number, grace: number): boolean {
  const { periodSeconds, evaluationPeriods, datapointsToAlarm } =
    rolloutUnhealthyHostsEvaluation(grace);
  const breaching = new Set(breachingPeriods(startSecond, lengthSeconds, periodSeconds));
  return [...breaching].some((end) => {
    let count = 0;
    for (let period = end - evaluationPeriods + 1; period <= end; period++) {
      count += breaching.has(period) ? 1 : 0;
    }
    return count >= datapointsToAlarm;
  });
}

describe("APP-3/IR-3: the rollout's unhealthy-host alarm and the grace period (components/shared/rollout.ts)", () => {
  it("APP-3: the shipped grace period (600 s) gives 12 of 12 one-minute datapoints", () => {
    assert.equal(HEALTH_CHECK_GRACE_PERIOD_SECONDS, 600);
    assert.deepEqual(rolloutUnhealthyHostsEvaluation(HEALTH_CHECK_GRACE_PERIOD_SECONDS), {
      periodSeconds: 60,
      evaluationPeriods: 12,
      datapointsToAlarm: 12,
    });
  });

  for (const grace of [0, 90, 300, HEALTH_CHECK_GRACE_PERIOD_SECONDS, 900]) {
    it(`APP-3: grace ${grace} s: a boot unhealthy for the whole grace period never fires, whatever second it starts in`, () => {
      for (let start = 0; start < 60; start++) {
        assert.equal(fires(start, grace, grace), false, `start ${start}`);
      }
    });

    it(`IR-3: grace ${grace} s: an instance unhealthy for two minutes longer than the grace period fires`, () => {
      for (let start = 0; start < 60; start++) {
        assert.equal(fires(start, grace + 120, grace), true, `start ${start}`);
      }
    });
  }

  it("the window stays within CloudWatch's limits (evaluation periods x period <= one day)", () => {
    const { periodSeconds, evaluationPeriods } = rolloutUnhealthyHostsEvaluation(
      HEALTH_CHECK_GRACE_PERIOD_SECONDS,
    );
    assert.ok(periodSeconds * evaluationPeriods <= 86_400);
    assert.throws(() => rolloutUnhealthyHostsEvaluation(-1), RangeError);
  });
});

import { strict as assert } from "assert";
import { dbInstanceClassRule } from "../../config/rules";
import {
  DB_INSTANCE_CLASS_MEMORY_GIB,
  isKnownDbInstanceClass,
  maxConnectionsFor,
  maxConnectionsParameterValue,
  supportsPerformanceInsights,
} from "../../config/db-instance-classes";

/**
 * Every class the config accepts, worked out by hand: its memory (RDS instance-class table), RDS
 * PostgreSQL's default `LEAST(DBInstanceClassMemory/9531392, 5000)` if `DBInstanceClassMemory` were
 * the nominal memory (an upper bound: RDS subtracts its reserve first), and the explicit
 * `max_connections` the parameter group sets, from the memory left after the larger of 384 MiB and
 * 12.5%. MON-1's connection alarm fires at 80% of the last column.
 */
const EXPECTED: Record<
  string,
  [memoryGiB: number, nominalDefault: number, explicitMaxConnections: number]
> = {
  "db.t3.micro": [1, 112, 70],
  "db.t3.small": [2, 225, 183],
  "db.t3.medium": [4, 450, 394],
  "db.t3.large": [8, 901, 788],
  "db.t3.xlarge": [16, 1802, 1577],
  "db.t3.2xlarge": [32, 3604, 3154],
  "db.t4g.micro": [1, 112, 70],
  "db.t4g.small": [2, 225, 183],
  "db.t4g.medium": [4, 450, 394],
  "db.t4g.large": [8, 901, 788],
  "db.t4g.xlarge": [16, 1802, 1577],
  "db.t4g.2xlarge": [32, 3604, 3154],
  "db.m5.large": [8, 901, 788],
  "db.m5.xlarge": [16, 1802, 1577],
  "db.m5.2xlarge": [32, 3604, 3154],
  "db.m5.4xlarge": [64, 5000, 5000],
  "db.m5.8xlarge": [128, 5000, 5000],
  "db.m5.12xlarge": [192, 5000, 5000],
  "db.m5.16xlarge": [256, 5000, 5000],
  "db.m5.24xlarge": [384, 5000, 5000],
  "db.m6g.large": [8, 901, 788],
  "db.m6g.xlarge": [16, 1802, 1577],
  "db.m6g.2xlarge": [32, 3604, 3154],
  "db.m6g.4xlarge": [64, 5000, 5000],
  "db.m6g.8xlarge": [128, 5000, 5000],
  "db.m6g.12xlarge": [192, 5000, 5000],
  "db.m6g.16xlarge": [256, 5000, 5000],
  "db.m6i.large": [8, 901, 788],
  "db.m6i.xlarge": [16, 1802, 1577],
  "db.m6i.2xlarge": [32, 3604, 3154],
  "db.m6i.4xlarge": [64, 5000, 5000],
  "db.m6i.8xlarge": [128, 5000, 5000],
  "db.m6i.12xlarge": [192, 5000, 5000],
  "db.m6i.16xlarge": [256, 5000, 5000],
  "db.m6i.24xlarge": [384, 5000, 5000],
  "db.m7g.large": [8, 901, 788],
  "db.m7g.xlarge": [16, 1802, 1577],
  "db.m7g.2xlarge": [32, 3604, 3154],
  "db.m7g.4xlarge": [64, 5000, 5000],
  "db.m7g.8xlarge": [128, 5000, 5000],
  "db.m7g.12xlarge": [192, 5000, 5000],
  "db.m7g.16xlarge": [256, 5000, 5000],
  "db.r5.large": [16, 1802, 1577],
  "db.r5.xlarge": [32, 3604, 3154],
  "db.r5.2xlarge": [64, 5000, 5000],
  "db.r5.4xlarge": [128, 5000, 5000],
  "db.r5.8xlarge": [256, 5000, 5000],
  "db.r5.12xlarge": [384, 5000, 5000],
  "db.r5.16xlarge": [512, 5000, 5000],
  "db.r5.24xlarge": [768, 5000, 5000],
  "db.r6g.large": [16, 1802, 1577],
  "db.r6g.xlarge": [32, 3604, 3154],
  "db.r6g.2xlarge": [64, 5000, 5000],
  "db.r6g.4xlarge": [128, 5000, 5000],
  "db.r6g.8xlarge": [256, 5000, 5000],
  "db.r6g.12xlarge": [384, 5000, 5000],
  "db.r6g.16xlarge": [512, 5000, 5000],
  "db.r6i.large": [16, 1802, 1577],
  "db.r6i.xlarge": [32, 3604, 3154],
  "db.r6i.2xlarge": [64, 5000, 5000],
  "db.r6i.4xlarge": [128, 5000, 5000],
  "db.r6i.8xlarge": [256, 5000, 5000],
  "db.r6i.12xlarge": [384, 5000, 5000],
  "db.r6i.16xlarge": [512, 5000, 5000],
  "db.r6i.24xlarge": [768, 5000, 5000],
  "db.r7g.large": [16, 1802, 1577],
  "db.r7g.xlarge": [32, 3604, 3154],
  "db.r7g.2xlarge": [64, 5000, 5000],
  "db.r7g.4xlarge": [128, 5000, 5000],
  "db.r7g.8xlarge": [256, 5000, 5000],
  "db.r7g.12xlarge": [384, 5000, 5000],
  "db.r7g.16xlarge": [512, 5000, 5000],
};

/**
 * `SHOW max_connections` on RDS PostgreSQL with the default parameter group, as published by
 * operators who measured it (app-sre/aws-resource-exporter `pkg/rds.go`; application code comments
 * for db.t4g.micro, which report 79 to 87). The explicit value must not exceed the lowest: with it,
 * PostgreSQL needs no more memory than RDS's own default gives it, so the instance always starts.
 */
const MEASURED_DEFAULTS: Record<string, number> = {
  "db.t4g.micro": 79,
  "db.m5.large": 823,
  "db.m5.xlarge": 1646,
  "db.m5.2xlarge": 3429,
  "db.m6g.xlarge": 1705,
  "db.m6g.2xlarge": 3410,
  "db.m6i.2xlarge": 3410,
  "db.m7g.xlarge": 1705,
  "db.m7g.2xlarge": 3410,
};

describe("max_connections table (config/db-instance-classes)", () => {
  it("MON-1: the table covers exactly the classes listed here (a new class needs a reviewed row)", () => {
    assert.deepEqual(
      Object.keys(DB_INSTANCE_CLASS_MEMORY_GIB).sort(),
      Object.keys(EXPECTED).sort(),
    );
  });

  for (const [instanceClass, [memoryGiB, nominalDefault, explicit]] of Object.entries(EXPECTED)) {
    it(`MON-1: ${instanceClass} has ${memoryGiB} GiB and an explicit max_connections of ${explicit}`, () => {
      assert.equal(DB_INSTANCE_CLASS_MEMORY_GIB[instanceClass], memoryGiB);
      assert.equal(maxConnectionsFor(instanceClass), explicit);
      assert.ok(explicit <= nominalDefault, `${explicit} <= nominal default ${nominalDefault}`);
      assert.equal(dbInstanceClassRule(instanceClass), undefined, "config accepts it");
    });
  }

  it("MON-1: no explicit value exceeds a measured RDS default for the class (the instance can start)", () => {
    for (const [instanceClass, measured] of Object.entries(MEASURED_DEFAULTS)) {
      assert.ok(
        maxConnectionsFor(instanceClass) <= measured,
        `${instanceClass}: ${maxConnectionsFor(instanceClass)} <= measured ${measured}`,
      );
    }
  });

  it("MON-1: the production and sandbox defaults alarm at 630 and 56 connections (80%)", () => {
    assert.equal(Math.floor(maxConnectionsFor("db.m6g.large") * 0.8), 630);
    assert.equal(Math.floor(maxConnectionsFor("db.t4g.micro") * 0.8), 56);
  });

  it("MON-1: classes outside the table are refused by config and by the lookup", () => {
    for (const unknown of ["db.x2g.large", "db.t2.micro", "db.m6g.32xlarge"]) {
      assert.equal(isKnownDbInstanceClass(unknown), false);
      assert.match(dbInstanceClassRule(unknown) ?? "", /not in the table/);
      assert.throws(() => maxConnectionsFor(unknown), /Unknown RDS instance class/);
    }
  });
});

describe("MON-1: the max_connections parameter value", () => {
  it("is LEAST(RDS's default formula, the limit), so a smaller class rebooted before a deferred class change keeps its own default", () => {
    assert.equal(maxConnectionsParameterValue(788), "LEAST({DBInstanceClassMemory/9531392},788)");
  });

  it("accepts a limit of 1, the smallest positive integer", () => {
    assert.equal(maxConnectionsParameterValue(1), "LEAST({DBInstanceClassMemory/9531392},1)");
  });

  it("refuses a limit that is not a positive integer", () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      assert.throws(() => maxConnectionsParameterValue(bad), /positive integer/);
    }
  });
});

describe("DATA-2: Performance Insights (encrypted with the stack's key) where RDS offers it", () => {
  it("is off on the four smallest burstable classes, which RDS does not offer it on", () => {
    for (const instanceClass of ["db.t3.micro", "db.t3.small", "db.t4g.micro", "db.t4g.small"]) {
      assert.equal(supportsPerformanceInsights(instanceClass), false, instanceClass);
    }
  });

  it("is on for every other class of the table", () => {
    const others = Object.keys(DB_INSTANCE_CLASS_MEMORY_GIB).filter(
      (instanceClass) => !/^db\.t(3|4g)\.(micro|small)$/.test(instanceClass),
    );
    assert.equal(others.length, Object.keys(DB_INSTANCE_CLASS_MEMORY_GIB).length - 4);
    for (const instanceClass of others) {
      assert.equal(supportsPerformanceInsights(instanceClass), true, instanceClass);
    }
  });

  it("is off for a class outside the table", () => {
    assert.equal(supportsPerformanceInsights("db.x2g.large"), false);
  });
});

import { strict as assert } from "assert";
import { dbInstanceClassRule } from "../../config/rules";
import {
  DB_INSTANCE_CLASS_MEMORY_GIB,
  defaultMaxConnections,
  isKnownDbInstanceClass,
} from "../../lib/db-instance-classes";

/**
 * Every class the config accepts, with its memory (RDS instance-class table) and the default
 * `max_connections` RDS PostgreSQL derives from it, LEAST(DBInstanceClassMemory/9531392, 5000),
 * worked out by hand from the nominal memory. MON-1's connection alarm fires at 80% of this.
 */
const EXPECTED: Record<string, [memoryGiB: number, maxConnections: number]> = {
  "db.t3.micro": [1, 112],
  "db.t3.small": [2, 225],
  "db.t3.medium": [4, 450],
  "db.t3.large": [8, 901],
  "db.t3.xlarge": [16, 1802],
  "db.t3.2xlarge": [32, 3604],
  "db.t4g.micro": [1, 112],
  "db.t4g.small": [2, 225],
  "db.t4g.medium": [4, 450],
  "db.t4g.large": [8, 901],
  "db.t4g.xlarge": [16, 1802],
  "db.t4g.2xlarge": [32, 3604],
  "db.m5.large": [8, 901],
  "db.m5.xlarge": [16, 1802],
  "db.m5.2xlarge": [32, 3604],
  "db.m5.4xlarge": [64, 5000],
  "db.m5.8xlarge": [128, 5000],
  "db.m5.12xlarge": [192, 5000],
  "db.m5.16xlarge": [256, 5000],
  "db.m5.24xlarge": [384, 5000],
  "db.m6g.large": [8, 901],
  "db.m6g.xlarge": [16, 1802],
  "db.m6g.2xlarge": [32, 3604],
  "db.m6g.4xlarge": [64, 5000],
  "db.m6g.8xlarge": [128, 5000],
  "db.m6g.12xlarge": [192, 5000],
  "db.m6g.16xlarge": [256, 5000],
  "db.m6i.large": [8, 901],
  "db.m6i.xlarge": [16, 1802],
  "db.m6i.2xlarge": [32, 3604],
  "db.m6i.4xlarge": [64, 5000],
  "db.m6i.8xlarge": [128, 5000],
  "db.m6i.12xlarge": [192, 5000],
  "db.m6i.16xlarge": [256, 5000],
  "db.m6i.24xlarge": [384, 5000],
  "db.m7g.large": [8, 901],
  "db.m7g.xlarge": [16, 1802],
  "db.m7g.2xlarge": [32, 3604],
  "db.m7g.4xlarge": [64, 5000],
  "db.m7g.8xlarge": [128, 5000],
  "db.m7g.12xlarge": [192, 5000],
  "db.m7g.16xlarge": [256, 5000],
  "db.r5.large": [16, 1802],
  "db.r5.xlarge": [32, 3604],
  "db.r5.2xlarge": [64, 5000],
  "db.r5.4xlarge": [128, 5000],
  "db.r5.8xlarge": [256, 5000],
  "db.r5.12xlarge": [384, 5000],
  "db.r5.16xlarge": [512, 5000],
  "db.r5.24xlarge": [768, 5000],
  "db.r6g.large": [16, 1802],
  "db.r6g.xlarge": [32, 3604],
  "db.r6g.2xlarge": [64, 5000],
  "db.r6g.4xlarge": [128, 5000],
  "db.r6g.8xlarge": [256, 5000],
  "db.r6g.12xlarge": [384, 5000],
  "db.r6g.16xlarge": [512, 5000],
  "db.r6i.large": [16, 1802],
  "db.r6i.xlarge": [32, 3604],
  "db.r6i.2xlarge": [64, 5000],
  "db.r6i.4xlarge": [128, 5000],
  "db.r6i.8xlarge": [256, 5000],
  "db.r6i.12xlarge": [384, 5000],
  "db.r6i.16xlarge": [512, 5000],
  "db.r6i.24xlarge": [768, 5000],
  "db.r7g.large": [16, 1802],
  "db.r7g.xlarge": [32, 3604],
  "db.r7g.2xlarge": [64, 5000],
  "db.r7g.4xlarge": [128, 5000],
  "db.r7g.8xlarge": [256, 5000],
  "db.r7g.12xlarge": [384, 5000],
  "db.r7g.16xlarge": [512, 5000],
};

describe("max_connections table (lib/db-instance-classes)", () => {
  it("MON-1: the table covers exactly the classes listed here (a new class needs a reviewed row)", () => {
    assert.deepEqual(
      Object.keys(DB_INSTANCE_CLASS_MEMORY_GIB).sort(),
      Object.keys(EXPECTED).sort(),
    );
  });

  for (const [instanceClass, [memoryGiB, maxConnections]] of Object.entries(EXPECTED)) {
    it(`MON-1: ${instanceClass} has ${memoryGiB} GiB and max_connections ${maxConnections}`, () => {
      assert.equal(DB_INSTANCE_CLASS_MEMORY_GIB[instanceClass], memoryGiB);
      assert.equal(defaultMaxConnections(instanceClass), maxConnections);
      assert.equal(dbInstanceClassRule(instanceClass), undefined, "config accepts it");
    });
  }

  it("MON-1: the production and sandbox defaults alarm at 720 and 89 connections (80%)", () => {
    assert.equal(Math.floor(defaultMaxConnections("db.m6g.large") * 0.8), 720);
    assert.equal(Math.floor(defaultMaxConnections("db.t4g.micro") * 0.8), 89);
  });

  it("MON-1: classes outside the table are refused by config and by the lookup", () => {
    for (const unknown of ["db.x2g.large", "db.t2.micro", "db.m6g.32xlarge"]) {
      assert.equal(isKnownDbInstanceClass(unknown), false);
      assert.match(dbInstanceClassRule(unknown) ?? "", /not in the table/);
      assert.throws(() => defaultMaxConnections(unknown), /Unknown RDS instance class/);
    }
  });
});

/**
 * RDS PostgreSQL instance classes this project accepts, with their memory, and the `max_connections`
 * the database's parameter group sets for each (MON-1: the connection alarm fires at 80% of it).
 * Config validation (`decision-control:database.instanceClass`) accepts only classes listed here.
 */

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

/** RDS's default parameter for PostgreSQL: `LEAST({DBInstanceClassMemory/9531392}, 5000)`. */
export const RDS_POSTGRES_MEMORY_PER_CONNECTION_BYTES = 9531392;
export const RDS_POSTGRES_MAX_CONNECTIONS_CAP = 5000;

/**
 * Memory we assume RDS keeps for the operating system and its own processes: the larger of these
 * two. `DBInstanceClassMemory` is the class's memory minus that reserve, which RDS does not publish
 * ("somewhat lower than the memory figures shown in the instance class tables", RDS User Guide,
 * "Specifying DB parameters"). Measured defaults (`SHOW max_connections`) put it near 300 MiB on
 * 1 GiB classes (db.t4g.micro reports 79 to 87 instead of 112) and 5-9% of memory on larger ones
 * (db.m5.large 823 instead of 901, db.m5.xlarge 1646 instead of 1802). Assuming more than that keeps
 * the explicit value at or below RDS's own default, so the instance always starts (RDS refuses a
 * memory-hungry setting with the `incompatible-parameters` status).
 */
const ASSUMED_RDS_RESERVE_MIN_BYTES = 384 * MIB;
const ASSUMED_RDS_RESERVE_FRACTION = 0.125;

const sizesGiB: Record<string, number> = {
  micro: 1,
  small: 2,
  medium: 4,
  large: 8,
  xlarge: 16,
  "2xlarge": 32,
  "4xlarge": 64,
  "8xlarge": 128,
  "12xlarge": 192,
  "16xlarge": 256,
  "24xlarge": 384,
};

/** Memory-optimised families have twice the memory of the general-purpose size of the same name. */
function family(sizes: string[], memoryFactor = 1): Record<string, number> {
  return Object.fromEntries(sizes.map((size) => [size, sizesGiB[size] * memoryFactor]));
}

const burstable = ["micro", "small", "medium", "large", "xlarge", "2xlarge"];
const general = ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"];

/** Memory in GiB per class, from the RDS instance-class documentation. */
export const DB_INSTANCE_CLASS_MEMORY_GIB: Readonly<Record<string, number>> = Object.freeze(
  Object.fromEntries(
    Object.entries({
      t3: family(burstable),
      t4g: family(burstable),
      m5: family([...general, "24xlarge"]),
      m6g: family(general),
      m6i: family([...general, "24xlarge"]),
      m7g: family(general),
      r5: family([...general, "24xlarge"], 2),
      r6g: family(general, 2),
      r6i: family([...general, "24xlarge"], 2),
      r7g: family(general, 2),
    }).flatMap(([familyName, sizes]) =>
      Object.entries(sizes).map(([size, gib]) => [`db.${familyName}.${size}`, gib]),
    ),
  ),
);

/** Classes on which RDS does not offer Performance Insights (the smallest burstable ones). */
const NO_PERFORMANCE_INSIGHTS = new Set([
  "db.t3.micro",
  "db.t3.small",
  "db.t4g.micro",
  "db.t4g.small",
]);

export function isKnownDbInstanceClass(instanceClass: string): boolean {
  return Object.prototype.hasOwnProperty.call(DB_INSTANCE_CLASS_MEMORY_GIB, instanceClass);
}

/** Memory in GiB of a class this project knows; throws for any other class. */
function memoryGiB(instanceClass: string): number {
  const gib = DB_INSTANCE_CLASS_MEMORY_GIB[instanceClass];
  if (gib === undefined) {
    throw new Error(`Unknown RDS instance class ${instanceClass}`);
  }
  return gib;
}

/**
 * The `max_connections` the parameter group sets explicitly for the class (MON-1): RDS's default
 * formula applied to the memory left after the assumed reserve above, capped like RDS caps it. Set
 * explicitly, the value the alarm divides by is the value PostgreSQL enforces, instead of a guess at
 * `DBInstanceClassMemory`.
 */
export function maxConnectionsFor(instanceClass: string): number {
  const memoryBytes = memoryGiB(instanceClass) * GIB;
  const reserve = Math.max(
    ASSUMED_RDS_RESERVE_MIN_BYTES,
    memoryBytes * ASSUMED_RDS_RESERVE_FRACTION,
  );
  return Math.min(
    Math.floor((memoryBytes - reserve) / RDS_POSTGRES_MEMORY_PER_CONNECTION_BYTES),
    RDS_POSTGRES_MAX_CONNECTIONS_CAP,
  );
}

export function supportsPerformanceInsights(instanceClass: string): boolean {
  return isKnownDbInstanceClass(instanceClass) && !NO_PERFORMANCE_INSIGHTS.has(instanceClass);
}

/**
 * RDS's own default for PostgreSQL's `max_connections` (RDS User Guide, "Specifying DB parameters":
 * formula variables and the LEAST function).
 */
const RDS_DEFAULT_MAX_CONNECTIONS_FORMULA = "{DBInstanceClassMemory/9531392}";

/**
 * The parameter value for a limit of `limit` (MON-1): `LEAST(<RDS default>, limit)`. On the class the
 * limit was computed for it is `limit` (never above the default, by construction); on a smaller
 * class still running before a deferred class change, it is that class's own default.
 */
export function maxConnectionsParameterValue(limit: number): string {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new Error(`max_connections ${limit} must be a positive integer (MON-1).`);
  }
  return `LEAST(${RDS_DEFAULT_MAX_CONNECTIONS_FORMULA},${limit})`;
}

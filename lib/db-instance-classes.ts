/**
 * RDS PostgreSQL instance classes this project accepts, with their memory. The alarm on database
 * connections (MON-1) needs `max_connections`, which RDS derives from memory; config validation
 * (`decision-control:database.instanceClass`) accepts only classes listed here.
 */

const GIB = 1024 ** 3;

/** RDS's default parameter for PostgreSQL: `LEAST({DBInstanceClassMemory/9531392}, 5000)`. */
export const RDS_POSTGRES_MEMORY_PER_CONNECTION_BYTES = 9531392;
export const RDS_POSTGRES_MAX_CONNECTIONS_CAP = 5000;

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

/**
 * The default `max_connections` RDS computes for the class. We use the nominal memory; RDS's
 * `DBInstanceClassMemory` is a little lower (the OS reserve), so the real value is a few percent
 * below this and an 80% alarm built on it fires at roughly 80-85% of the true limit.
 */
export function defaultMaxConnections(instanceClass: string): number {
  const gib = DB_INSTANCE_CLASS_MEMORY_GIB[instanceClass];
  if (gib === undefined) {
    throw new Error(`Unknown RDS instance class ${instanceClass}`);
  }
  return Math.min(
    Math.floor((gib * GIB) / RDS_POSTGRES_MEMORY_PER_CONNECTION_BYTES),
    RDS_POSTGRES_MAX_CONNECTIONS_CAP,
  );
}

export function supportsPerformanceInsights(instanceClass: string): boolean {
  return isKnownDbInstanceClass(instanceClass) && !NO_PERFORMANCE_INSIGHTS.has(instanceClass);
}

// ACC-1/CMP-2 data: which parameter makes each RDS engine refuse unencrypted connections, and from
// which version AWS's default parameter group already sets it. Engines not listed (Oracle, Db2:
// TLS through option groups or listeners) are not judged.
import { runChecks } from "./policy-kit";
import { asString, elementReaders, get } from "./values";

export type Version = readonly [number, number];

export interface EngineTls {
  /** The parameter that, set to 1/ON, makes the server refuse connections without TLS. */
  readonly parameter: "rds.force_ssl" | "require_secure_transport";
  /** First version whose default parameter group enforces TLS; undefined: no version does. */
  readonly defaultOnFrom?: Version;
  /**
   * Whether an instance that pins no engineVersion gets a version that enforces TLS by default
   * (AWS creates the engine's default version: PostgreSQL 16+ today, MySQL 8.x and MariaDB 11.4).
   */
  readonly unpinnedDefaultsOn: boolean;
  readonly source: string;
}

const PG =
  'Using SSL with a PostgreSQL DB instance: "The rds.force_ssl parameter default value is 1 (on) for RDS for PostgreSQL version 15 and later. For all other RDS for PostgreSQL major versions 14 and older, the default value of this parameter is 0 (off)." (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL.Concepts.General.SSL.html)';
const MYSQL =
  "Requiring SSL/TLS for all connections to a MySQL DB instance: require_secure_transport defaults to 1 (ON) for MySQL 9.7, 0 (OFF) for MySQL 8.4 and lower (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mysql-ssl-connections.require-ssl.html)";
const MARIADB =
  "Requiring SSL/TLS for all connections to a MariaDB DB instance: require_secure_transport is OFF by default for 11.4 and earlier, ON for 11.8 and later (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mariadb-ssl-connections.require-ssl.html)";
const SQLSERVER =
  "Using SSL with a Microsoft SQL Server DB instance: rds.force_ssl is 0 (off) by default (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/SQLServer.Concepts.General.SSL.Using.html)";
const AURORA =
  "Aurora: rds.force_ssl (PostgreSQL) and require_secure_transport (MySQL) are cluster parameters, off in the default cluster parameter group (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraPostgreSQL.Security.html, https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Security.html)";

/** Engine name (as `engine` spells it) to its TLS parameter; sqlserver-* by prefix. */
export function engineTls(engine: string): EngineTls | undefined {
  const e = engine.trim().toLowerCase();
  if (e === "postgres" || e === "custom-postgres") {
    return {
      parameter: "rds.force_ssl",
      defaultOnFrom: [15, 0],
      unpinnedDefaultsOn: true,
      source: PG,
    };
  }
  if (e === "mysql") {
    return {
      parameter: "require_secure_transport",
      defaultOnFrom: [9, 7],
      unpinnedDefaultsOn: false,
      source: MYSQL,
    };
  }
  if (e === "mariadb") {
    return {
      parameter: "require_secure_transport",
      defaultOnFrom: [11, 8],
      unpinnedDefaultsOn: false,
      source: MARIADB,
    };
  }
  if (e.startsWith("sqlserver-") || e.startsWith("custom-sqlserver-")) {
    return { parameter: "rds.force_ssl", unpinnedDefaultsOn: false, source: SQLSERVER };
  }
  if (e === "aurora-postgresql") {
    return { parameter: "rds.force_ssl", unpinnedDefaultsOn: false, source: AURORA };
  }
  if (e === "aurora-mysql" || e === "aurora") {
    return { parameter: "require_secure_transport", unpinnedDefaultsOn: false, source: AURORA };
  }
  return undefined;
}

/** `14.12` -> [14, 12]; `15` -> [15, 0]; `8.0.35` -> [8, 0]; undefined when it is not a version. */
export function parseVersion(v: string | undefined): Version | undefined {
  // Stryker disable next-line StringLiteral: any fallback without a digit parses to undefined (equivalent)
  const m = /^\s*(\d+)(?:\.(\d+))?/.exec(v ?? "");
  return m ? [Number(m[1]), Number(m[2] ?? 0)] : undefined;
}

/** The version in a parameter-group family or default group name: `postgres14`, `default.mysql8.0`. */
export function familyVersion(family: string | undefined): Version | undefined {
  // Stryker disable next-line StringLiteral: any fallback without a digit has no version (equivalent)
  const m = /(\d+(?:\.\d+)?)$/.exec((family ?? "").trim());
  return m ? parseVersion(m[1]) : undefined;
}

export function atLeast(v: Version, from: Version): boolean {
  return v[0] > from[0] || (v[0] === from[0] && v[1] >= from[1]);
}

/** Whether a parameter value turns enforcement on (1/ON/true) or off; undefined when it is neither. */
export function tlsValue(value: unknown): boolean | undefined {
  const s = (typeof value === "number" ? String(value) : typeof value === "string" ? value : "")
    .trim()
    .toLowerCase();
  if (s === "1" || s === "on" || s === "true") {
    return true;
  }
  if (s === "0" || s === "off" || s === "false") {
    return false;
  }
  return undefined;
}

/** Whether AWS's default parameter group of this engine at this version enforces TLS. */
export function defaultEnforces(tls: EngineTls, version: Version | undefined): boolean {
  if (!tls.defaultOnFrom) {
    return false;
  }
  return version === undefined ? tls.unpinnedDefaultsOn : atLeast(version, tls.defaultOnFrom);
}

/** AWS's default groups are named `default.<family>` and cannot be modified. */
export function isDefaultGroupName(name: string): boolean {
  return /^default\./i.test(name.trim());
}

/** A parameter group entry's name as RDS matches it: trimmed, lower case ("" when it has none). */
export function parameterName(parameter: unknown): string {
  return (asString(get(parameter, "name")) ?? "").trim().toLowerCase();
}

/** Every value a parameter group gives `name` (case-insensitive), in order; unknowns stay apart. */
export function parameterValues(props: Record<string, unknown>, name: string): unknown[] {
  const out: unknown[] = [];
  runChecks(
    ...elementReaders(get(props, "parameters")).map((read) => () => {
      const p = read();
      if (parameterName(p) === name) {
        out.push(get(p, "value"));
      }
    }),
  );
  return out;
}

import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { internetCidrs } from "../lib/cidr";
import {
  forTypes,
  peek,
  PolicyResource,
  RefIndex,
  runChecks,
  schema,
  settings,
  UNKNOWN_VALUE,
} from "../lib/policy-kit";
import { ruleGroupKey, ruleReaders, T as SG } from "../lib/sg-rules";
import { asBool, asList, asNumber, asString, asStrings, get, has, show } from "../lib/values";
import { POLICY_DEFAULTS } from "../controls/defaults";
import { CATALOGUE } from "../controls/catalogue";

export const DB_INSTANCE = "aws:rds/instance:Instance";
export const DB_CLUSTER = "aws:rds/cluster:Cluster";
export const DB_CLUSTER_INSTANCE = "aws:rds/clusterInstance:ClusterInstance";
const METRIC_ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";

// Stryker disable all: message wording only (the kind of database named in a violation)
function what(type: string): string {
  return type === DB_CLUSTER
    ? "RDS cluster"
    : type === DB_CLUSTER_INSTANCE
      ? "RDS cluster instance"
      : "RDS instance";
}
// Stryker restore all

/** Read replicas and snapshot restores inherit storage, backup and credential settings. */
function isDerived(props: Record<string, unknown>): boolean {
  return has(props, "replicateSourceDb") || has(props, "replicationSourceIdentifier");
}

const encDefaults = POLICY_DEFAULTS["rds-storage-encrypted"];

export const rdsStorageEncrypted: ResourceValidationPolicy = {
  name: "rds-storage-encrypted",
  description:
    "DATA-2, CMP-2: RDS instances and clusters encrypt storage; production requires a customer-managed KMS key (kmsKeyId).",
  enforcementLevel: "mandatory",
  configSchema: schema(
    {
      requireCustomerManagedKey: {
        type: "boolean",
        description:
          "Require kmsKeyId (a customer-managed key) rather than the aws/rds default key.",
      },
    },
    encDefaults,
  ),
  validateResource: forTypes([DB_INSTANCE, DB_CLUSTER], (props, args, report) => {
    if (isDerived(props)) {
      return;
    }
    const cfg = settings(args, encDefaults);
    runChecks(
      () => {
        const v = get(props, "storageEncrypted");
        const serverless =
          (asString(get(props, "engineMode")) ?? "").toLowerCase() === "serverless";
        if (asBool(v) !== true && !serverless) {
          report(
            `DATA-2: ${what(args.type)} '${args.name}' has storageEncrypted ${show(v)}; set storageEncrypted to true with a KMS key (kmsKeyId).`,
          );
        }
      },
      () => {
        if (cfg.requireCustomerManagedKey !== true) {
          return;
        }
        // Stryker disable next-line ConditionalExpression: an absent kmsKeyId reads as undefined below (equivalent)
        if (has(props, "kmsKeyId")) {
          const key = peek(() => asString(get(props, "kmsKeyId")));
          if (
            key === UNKNOWN_VALUE ||
            // Stryker disable next-line Regex: customers cannot create aliases under alias/aws/ (equivalent)
            (key !== undefined && key !== "" && !/alias\/aws\/rds$/.test(key))
          ) {
            return;
          }
        }
        report(
          `DATA-2: ${what(args.type)} '${args.name}' has no customer-managed kmsKeyId; set kmsKeyId to a customer-managed KMS key (the profile requires it).`,
        );
      },
    );
  }),
};

const backupDefaults = POLICY_DEFAULTS["rds-backup-retention"];
const MIN_BACKUP_DAYS = CATALOGUE.controls["DATA-3"].values.minBackupRetentionDays;

export const rdsBackupRetention: ResourceValidationPolicy = {
  name: "rds-backup-retention",
  description: `DATA-3, CMP-3: RDS automated backups are kept at least the profile's minimum days (production ${MIN_BACKUP_DAYS.production}, sandbox ${MIN_BACKUP_DAYS.sandbox}).`,
  enforcementLevel: "mandatory",
  configSchema: schema(
    {
      minBackupRetentionDays: {
        type: "number",
        minimum: 1,
        description: "Minimum backupRetentionPeriod in days.",
      },
    },
    backupDefaults,
  ),
  validateResource: forTypes([DB_INSTANCE, DB_CLUSTER], (props, args, report) => {
    if (isDerived(props)) {
      return;
    }
    const min =
      asNumber(settings(args, backupDefaults).minBackupRetentionDays) ??
      backupDefaults.minBackupRetentionDays;
    const v = get(props, "backupRetentionPeriod");
    const days = asNumber(v);
    if (days === undefined || days < min) {
      report(
        `DATA-3: ${what(args.type)} '${args.name}' has backupRetentionPeriod ${show(v)}; set it to at least ${min} days.`,
      );
    }
  }),
};

export const rdsFinalSnapshot: ResourceValidationPolicy = {
  name: "rds-final-snapshot",
  description:
    "DATA-3: Deleting an RDS instance or cluster takes a final snapshot (skipFinalSnapshot false with a finalSnapshotIdentifier); a read replica (replicateSourceDb) instead sets skipFinalSnapshot true, because RDS refuses a final snapshot of a replica (its source keeps the backups).",
  enforcementLevel: "mandatory",
  validateResource: forTypes([DB_INSTANCE, DB_CLUSTER], (props, args, report) => {
    const skip = get(props, "skipFinalSnapshot");
    if (args.type === DB_INSTANCE && has(props, "replicateSourceDb")) {
      // DeleteDBInstance: "If you delete a read replica ... you must enable" SkipFinalSnapshot, and
      // FinalDBSnapshotIdentifier "can't be specified when deleting a read replica".
      if (asBool(skip) !== true || has(props, "finalSnapshotIdentifier")) {
        report(
          `DATA-3: read replica '${args.name}' has skipFinalSnapshot ${show(skip)}${has(props, "finalSnapshotIdentifier") ? " and a finalSnapshotIdentifier" : ""}, but RDS cannot take a final snapshot of a replica, so its delete would fail; set skipFinalSnapshot to true and drop finalSnapshotIdentifier (the source instance keeps the backups).`,
        );
      }
      return;
    }
    if (asBool(skip) === true) {
      report(
        `DATA-3: ${what(args.type)} '${args.name}' has skipFinalSnapshot ${show(skip)}; set skipFinalSnapshot to false and give a finalSnapshotIdentifier.`,
      );
      return;
    }
    if (!has(props, "finalSnapshotIdentifier")) {
      report(
        `DATA-3: ${what(args.type)} '${args.name}' has no finalSnapshotIdentifier, so a delete cannot take its final snapshot; set finalSnapshotIdentifier.`,
      );
    }
  }),
};

export const rdsCopyTagsToSnapshot: ResourceValidationPolicy = {
  name: "rds-copy-tags-to-snapshot",
  description:
    "DATA-3: RDS instances and clusters copy their tags to snapshots, so backups stay attributable.",
  enforcementLevel: "advisory",
  validateResource: forTypes([DB_INSTANCE, DB_CLUSTER], (props, args, report) => {
    const v = get(props, "copyTagsToSnapshot");
    if (asBool(v) !== true) {
      report(
        `DATA-3: ${what(args.type)} '${args.name}' has copyTagsToSnapshot ${show(v)}; set copyTagsToSnapshot to true.`,
      );
    }
  }),
};

export const rdsDeletionProtection: ResourceValidationPolicy = {
  name: "rds-deletion-protection",
  description: "DATA-3: RDS instances and clusters have deletion protection on.",
  enforcementLevel: "mandatory",
  validateResource: forTypes([DB_INSTANCE, DB_CLUSTER], (props, args, report) => {
    const v = get(props, "deletionProtection");
    if (asBool(v) !== true) {
      report(
        `DATA-3: ${what(args.type)} '${args.name}' has deletionProtection ${show(v)}; set deletionProtection to true.`,
      );
    }
  }),
};

export const rdsMultiAz: ResourceValidationPolicy = {
  name: "rds-multi-az",
  description: "DATA-4: RDS instances run Multi-AZ (required in production, advisory in sandbox).",
  enforcementLevel: "mandatory",
  validateResource: forTypes(DB_INSTANCE, (props, args, report) => {
    if (isDerived(props)) {
      return;
    }
    const v = get(props, "multiAz");
    if (asBool(v) !== true) {
      report(
        `DATA-4: RDS instance '${args.name}' has multiAz ${show(v)}; set multiAz to true for automatic failover.`,
      );
    }
  }),
};

// Stryker disable next-line Regex: no RDS engine name extends one of these (equivalent)
const IAM_AUTH_ENGINES = /^(postgres|mysql|mariadb|aurora|aurora-mysql|aurora-postgresql)$/;

export const rdsIamAuthentication: ResourceValidationPolicy = {
  name: "rds-iam-authentication",
  description:
    "ACC-1: RDS instances and clusters of engines that support it (PostgreSQL, MySQL, MariaDB, Aurora) have IAM database authentication on.",
  enforcementLevel: "mandatory",
  validateResource: forTypes([DB_INSTANCE, DB_CLUSTER], (props, args, report) => {
    if (isDerived(props)) {
      return;
    }
    const engine = (asString(get(props, "engine")) ?? "").trim().toLowerCase();
    if (engine !== "" && !IAM_AUTH_ENGINES.test(engine)) {
      return;
    }
    const v = get(props, "iamDatabaseAuthenticationEnabled");
    if (asBool(v) !== true) {
      report(
        `ACC-1: ${what(args.type)} '${args.name}' has iamDatabaseAuthenticationEnabled ${show(v)}; set it to true.`,
      );
    }
  }),
};

interface CredentialFields {
  readonly what: string;
  /** Password inputs, write-only twins included: each is a password someone chose. */
  readonly fields: readonly string[];
  /** The switch that makes the service generate, store and rotate the password. */
  readonly managed: string;
}

/** Every @pulumi/aws v7 database type that takes a master password, and its managed alternative. */
const CREDENTIALS: Readonly<Record<string, CredentialFields>> = {
  [DB_INSTANCE]: {
    what: "RDS instance",
    fields: ["password", "passwordWo"],
    managed: "manageMasterUserPassword",
  },
  [DB_CLUSTER]: {
    what: "RDS cluster",
    fields: ["masterPassword", "masterPasswordWo"],
    managed: "manageMasterUserPassword",
  },
  "aws:docdb/cluster:Cluster": {
    what: "DocumentDB cluster",
    fields: ["masterPassword", "masterPasswordWo"],
    managed: "manageMasterUserPassword",
  },
  "aws:redshift/cluster:Cluster": {
    what: "Redshift cluster",
    fields: ["masterPassword", "masterPasswordWo"],
    managed: "manageMasterPassword",
  },
  "aws:redshiftserverless/namespace:Namespace": {
    what: "Redshift Serverless namespace",
    fields: ["adminUserPassword", "adminUserPasswordWo"],
    managed: "manageAdminPassword",
  },
};

export const rdsNoPlaintextPassword: ResourceValidationPolicy = {
  name: "rds-no-plaintext-password",
  description:
    "APP-1: No database takes a hand-typed master password (RDS instance password/passwordWo, cluster masterPassword/masterPasswordWo, DocumentDB, Redshift, Redshift Serverless): write-only fields keep it out of state but nothing rotates it; use the service-managed secret (manageMasterUserPassword, manageMasterPassword, manageAdminPassword).",
  enforcementLevel: "mandatory",
  validateResource: forTypes(Object.keys(CREDENTIALS), (props, args, report) => {
    const c = CREDENTIALS[args.type];
    // Presence decides: the value may be unknown (a generated password) or a secret.
    for (const key of c.fields) {
      // Stryker disable next-line ConditionalExpression,BlockStatement: fast path, an absent key reads as undefined below (equivalent)
      if (!has(props, key)) {
        continue;
      }
      const v = peek(() => get(props, key));
      // Stryker disable next-line ConditionalExpression,LogicalOperator: has() above excludes undefined and null (equivalent)
      if (v !== undefined && v !== null && v !== "") {
        // Stryker disable MethodExpression,StringLiteral: message wording only
        const where = key.endsWith("Wo")
          ? "a password someone chose and nothing rotates"
          : "a password that lands in state";
        // Stryker restore MethodExpression,StringLiteral
        report(
          `APP-1: ${c.what} '${args.name}' sets ${key} (value hidden), ${where}; remove it and set ${c.managed} to true (the service generates, stores and rotates the secret).`,
        );
      }
    }
  }),
};

// ---- Stack-level -----------------------------------------------------------------------------

/** ACC-1/NET-4: the database security groups admit only other security groups. */
export const rdsSecurityGroupOnlyFromAppTier: StackValidationPolicy = {
  name: "rds-sg-only-from-app-tier",
  description:
    "ACC-1, NET-4: A security group attached to an RDS instance or cluster admits traffic only from other security groups (the app tier), never from CIDRs or prefix lists; inline and separate rules of the group are judged together.",
  enforcementLevel: "mandatory",
  validateStack: (args, report) => {
    const dbs = args.resources.filter((r) => r.type === DB_INSTANCE || r.type === DB_CLUSTER);
    // Stryker disable next-line ConditionalExpression,BlockStatement: fast path, nothing below reports without a database (equivalent)
    if (dbs.length === 0) {
      return;
    }
    // Stryker disable next-line MethodExpression,ConditionalExpression: vpcSecurityGroupIds and securityGroupId name security groups only (equivalent)
    const groups = new RefIndex(args.resources.filter((r) => r.type === SG.securityGroup));
    const dbGroups = new Set<PolicyResource>();
    for (const db of dbs) {
      groups.lookup(db, "vpcSecurityGroupIds").found.forEach((g) => dbGroups.add(g));
    }
    // Stryker disable next-line ConditionalExpression,BlockStatement: fast path, no rule can belong to no group (equivalent)
    if (dbGroups.size === 0) {
      return;
    }
    const check = (r: PolicyResource, g: PolicyResource) => {
      for (const read of ruleReaders(r.type, r.props)) {
        const rule = peek(read);
        if (rule === UNKNOWN_VALUE || !rule || rule.direction !== "ingress") {
          continue;
        }
        const bad = [...rule.cidrs, ...rule.prefixLists];
        if (bad.length > 0) {
          // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: message wording only
          const world = internetCidrs(rule.cidrs).length > 0 ? " (the internet)" : "";
          report(
            `ACC-1: database security group '${g.name}' admits ${bad.join(", ")}${world} through ${r === g ? rule.where : `rule '${r.name}'`}; admit only the app tier's security group (referencedSecurityGroupId / securityGroups).`,
            r.urn,
          );
        }
      }
    };
    for (const g of dbGroups) {
      check(g, g);
    }
    for (const r of args.resources) {
      const key = ruleGroupKey(r.type);
      // Stryker disable next-line ConditionalExpression,BlockStatement: fast path, a lookup under no key finds nothing (equivalent)
      if (!key) {
        continue;
      }
      for (const g of groups.lookup(r, key).found) {
        if (dbGroups.has(g)) {
          check(r, g);
        }
      }
    }
  },
};

/** What an alarm watches: DB identifiers in its dimensions and in its metricQueries' metrics. */
function alarmTargets(a: PolicyResource): Array<{ key: string; read: () => unknown[] }> {
  const ids = (d: unknown) => [get(d, "DBInstanceIdentifier"), get(d, "DBClusterIdentifier")];
  return [
    { key: "dimensions", read: () => ids(get(a.props, "dimensions")) },
    {
      key: "metricQueries",
      read: () =>
        asList(get(a.props, "metricQueries")).flatMap((q) =>
          ids(get(get(q, "metric"), "dimensions")),
        ),
    },
  ];
}

/** An alarm that tells someone: alarmActions non-empty (or not known yet) and actions enabled. */
function alarmNotifies(a: PolicyResource): boolean {
  if (peek(() => asBool(get(a.props, "actionsEnabled"))) === false) {
    return false;
  }
  const actions = peek(() => asList(get(a.props, "alarmActions")));
  return (
    actions === UNKNOWN_VALUE || actions.some((x) => x !== undefined && x !== null && x !== "")
  );
}

/** MON-1: every RDS instance and cluster has a CloudWatch alarm that notifies someone. */
export const rdsHasAlarms: StackValidationPolicy = {
  name: "rds-has-alarms",
  description:
    "MON-1: Every RDS instance and cluster (Aurora included) in the stack has a CloudWatch alarm that notifies (alarmActions set, actionsEnabled not false) on its DBInstanceIdentifier or DBClusterIdentifier (a cluster instance's alarm counts for its cluster), in dimensions or metricQueries.",
  enforcementLevel: "mandatory",
  validateStack: (args, report) => {
    const watched = args.resources.filter((r) => r.type === DB_INSTANCE || r.type === DB_CLUSTER);
    // Stryker disable next-line ConditionalExpression,BlockStatement: fast path, nothing below reports without a database (equivalent)
    if (watched.length === 0) {
      return;
    }
    // Stryker disable next-line MethodExpression,ConditionalExpression: an alarm hit on any other resource credits no database (equivalent)
    const members = args.resources.filter((r) => r.type === DB_CLUSTER_INSTANCE);
    const index = new RefIndex([...watched, ...members]);
    // Stryker disable next-line MethodExpression,ConditionalExpression: a cluster instance's clusterIdentifier names a cluster only (equivalent)
    const clusters = new RefIndex(watched.filter((r) => r.type === DB_CLUSTER));
    const prefixed = watched
      .map((db) => ({
        db,
        prefixes: peek(() =>
          asStrings(
            get(db.props, db.type === DB_CLUSTER ? "clusterIdentifierPrefix" : "identifierPrefix"),
          ),
        ),
      }))
      .filter(
        (x): x is { db: PolicyResource; prefixes: string[] } =>
          Array.isArray(x.prefixes) && x.prefixes.length > 0,
      );
    const covered = new Set<PolicyResource>();
    const silent = new Set<PolicyResource>();
    for (const a of args.resources) {
      // Stryker disable next-line ConditionalExpression,BlockStatement: only a MetricAlarm has dimensions or metricQueries naming a DB (equivalent)
      if (a.type !== METRIC_ALARM) {
        continue;
      }
      const into = alarmNotifies(a) ? covered : silent;
      for (const { key, read } of alarmTargets(a)) {
        const { found, unknown } = index.lookup(a, key, read);
        if (unknown) {
          return; // an alarm on a database not known yet: decided at update
        }
        const ids = peek(() => read().map(asString));
        const byPrefix =
          ids === UNKNOWN_VALUE
            ? []
            : prefixed
                .filter((x) =>
                  ids.some((id) => id !== undefined && x.prefixes.some((p) => id.startsWith(p))),
                )
                .map((x) => x.db);
        for (const hit of [...found, ...byPrefix]) {
          const targets =
            hit.type === DB_CLUSTER_INSTANCE
              ? clusters.lookup(hit, "clusterIdentifier").found
              : [hit];
          targets.forEach((t) => into.add(t));
        }
      }
    }
    for (const db of watched) {
      if (!covered.has(db)) {
        // Stryker disable next-line ConditionalExpression,StringLiteral: message wording only
        const dim = db.type === DB_CLUSTER ? "DBClusterIdentifier" : "DBInstanceIdentifier";
        report(
          `MON-1: ${what(db.type)} '${db.name}' has no aws.cloudwatch.MetricAlarm that notifies on dimensions.${dim}${silent.has(db) ? " (its alarms have no alarmActions, or actionsEnabled false)" : ""}; add CPU, connections and free-storage alarms whose alarmActions name an SNS topic.`,
          db.urn,
        );
      }
    }
  },
};

export const databasePolicies = [
  rdsStorageEncrypted,
  rdsBackupRetention,
  rdsFinalSnapshot,
  rdsCopyTagsToSnapshot,
  rdsDeletionProtection,
  rdsMultiAz,
  rdsIamAuthentication,
  rdsNoPlaintextPassword,
  rdsSecurityGroupOnlyFromAppTier,
  rdsHasAlarms,
];

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
import {
  asBool,
  asNumber,
  asString,
  asStrings,
  elementReaders,
  get,
  has,
  show,
} from "../lib/values";

export const DB_INSTANCE = "aws:rds/instance:Instance";
export const DB_CLUSTER = "aws:rds/cluster:Cluster";
export const DB_CLUSTER_INSTANCE = "aws:rds/clusterInstance:ClusterInstance";
const PARAMETER_GROUP = "aws:rds/parameterGroup:ParameterGroup";
const CLUSTER_PARAMETER_GROUP = "aws:rds/clusterParameterGroup:ClusterParameterGroup";
const METRIC_ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";

function what(type: string): string {
  return type === DB_CLUSTER
    ? "RDS cluster"
    : type === DB_CLUSTER_INSTANCE
      ? "RDS cluster instance"
      : "RDS instance";
}

/** Read replicas and snapshot restores inherit storage, backup and credential settings. */
function isDerived(props: Record<string, unknown>): boolean {
  return has(props, "replicateSourceDb") || has(props, "replicationSourceIdentifier");
}

export const rdsNotPubliclyAccessible: ResourceValidationPolicy = {
  name: "rds-not-publicly-accessible",
  description: "ACC-1: RDS instances and Aurora cluster instances are not publicly accessible.",
  enforcementLevel: "mandatory",
  validateResource: forTypes([DB_INSTANCE, DB_CLUSTER_INSTANCE], (props, args, report) => {
    const v = get(props, "publiclyAccessible");
    if (asBool(v) === true) {
      report(
        `ACC-1: ${what(args.type)} '${args.name}' has publiclyAccessible ${show(v)}; set publiclyAccessible to false and reach it only from the app tier's security group.`,
      );
    }
  }),
};

const encDefaults = { requireCustomerManagedKey: true };

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
        if (has(props, "kmsKeyId")) {
          const key = peek(() => asString(get(props, "kmsKeyId")));
          if (
            key === UNKNOWN_VALUE ||
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

const backupDefaults = { minBackupRetentionDays: 14 };

export const rdsBackupRetention: ResourceValidationPolicy = {
  name: "rds-backup-retention",
  description:
    "DATA-3, CMP-3: RDS automated backups are kept at least the profile's minimum days (production 14, sandbox 7).",
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
    "DATA-3: Deleting an RDS instance or cluster takes a final snapshot (skipFinalSnapshot false with a finalSnapshotIdentifier).",
  enforcementLevel: "mandatory",
  validateResource: forTypes([DB_INSTANCE, DB_CLUSTER], (props, args, report) => {
    const skip = get(props, "skipFinalSnapshot");
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

export const rdsNoPlaintextPassword: ResourceValidationPolicy = {
  name: "rds-no-plaintext-password",
  description:
    "APP-1: RDS instances and clusters take no plain-text master password; use manageMasterUserPassword (an RDS-managed, rotated secret) or the write-only passwordWo/masterPasswordWo.",
  enforcementLevel: "mandatory",
  validateResource: forTypes([DB_INSTANCE, DB_CLUSTER], (props, args, report) => {
    // Presence decides: the value may be unknown (a generated password) or a secret.
    const key = args.type === DB_CLUSTER ? "masterPassword" : "password";
    if (has(props, key)) {
      const v = peek(() => get(props, key));
      if (v !== undefined && v !== null && v !== "") {
        report(
          `APP-1: ${what(args.type)} '${args.name}' sets ${key} (value hidden), which lands in state; remove it and set manageMasterUserPassword to true (RDS-managed, rotated secret) or use ${key}Wo.`,
        );
      }
    }
  }),
};

function parameterValue(props: Record<string, unknown>, name: string): unknown[] {
  const out: unknown[] = [];
  runChecks(
    ...elementReaders(get(props, "parameters")).map((read) => () => {
      const p = read();
      if ((asString(get(p, "name")) ?? "").trim().toLowerCase() === name) {
        out.push(get(p, "value"));
      }
    }),
  );
  return out;
}

export const rdsForceSsl: ResourceValidationPolicy = {
  name: "rds-force-ssl",
  description:
    "ACC-1, CMP-2: No RDS parameter group turns TLS enforcement off (rds.force_ssl is not 0).",
  enforcementLevel: "mandatory",
  validateResource: forTypes([PARAMETER_GROUP, CLUSTER_PARAMETER_GROUP], (props, args, report) => {
    for (const v of parameterValue(props, "rds.force_ssl")) {
      const s = (asString(v) ?? "").trim().toLowerCase();
      if (s === "0" || s === "false" || s === "off") {
        report(
          `ACC-1: parameter group '${args.name}' sets rds.force_ssl to ${show(v)}; set it to "1" so connections must use TLS.`,
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
    if (dbs.length === 0) {
      return;
    }
    const groups = new RefIndex(args.resources.filter((r) => r.type === SG.securityGroup));
    const dbGroups = new Set<PolicyResource>();
    for (const db of dbs) {
      groups.lookup(db, "vpcSecurityGroupIds").found.forEach((g) => dbGroups.add(g));
    }
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

/** MON-1: every RDS instance has at least one CloudWatch alarm on its DBInstanceIdentifier. */
export const rdsHasAlarms: StackValidationPolicy = {
  name: "rds-has-alarms",
  description:
    "MON-1: Every RDS instance in the stack has CloudWatch alarms (dimension DBInstanceIdentifier) to an SNS topic.",
  enforcementLevel: "mandatory",
  validateStack: (args, report) => {
    const dbs = args.resources.filter((r) => r.type === DB_INSTANCE);
    if (dbs.length === 0) {
      return;
    }
    const index = new RefIndex(dbs);
    const covered = new Set<PolicyResource>();
    const prefixed = dbs
      .map((db) => ({ db, prefixes: peek(() => asStrings(get(db.props, "identifierPrefix"))) }))
      .filter(
        (x): x is { db: PolicyResource; prefixes: string[] } =>
          Array.isArray(x.prefixes) && x.prefixes.length > 0,
      );
    for (const a of args.resources) {
      if (a.type !== METRIC_ALARM) {
        continue;
      }
      const read = () => get(get(a.props, "dimensions"), "DBInstanceIdentifier");
      const { found, unknown } = index.lookup(a, "dimensions", read);
      if (unknown) {
        return; // an alarm on a database not known yet: decided at update
      }
      found.forEach((db) => covered.add(db));
      const id = peek(() => asString(read()));
      if (typeof id === "string") {
        prefixed
          .filter((x) => x.prefixes.some((p) => id.startsWith(p)))
          .forEach((x) => covered.add(x.db));
      }
    }
    for (const db of dbs) {
      if (!covered.has(db)) {
        report(
          `MON-1: RDS instance '${db.name}' has no aws.cloudwatch.MetricAlarm with dimensions.DBInstanceIdentifier set to it; add CPU, connections and free-storage alarms that notify an SNS topic.`,
          db.urn,
        );
      }
    }
  },
};

/** ACC-1: PostgreSQL instances enforce TLS (rds.force_ssl 1; the default parameter group sets it only from 15). */
export const rdsPostgresTlsEnforced: StackValidationPolicy = {
  name: "rds-postgres-tls-enforced",
  description:
    "ACC-1, CMP-2: PostgreSQL RDS instances enforce TLS: their parameter group sets rds.force_ssl to 1, or they run PostgreSQL 15+ whose default is 1.",
  enforcementLevel: "mandatory",
  validateStack: (args, report) => {
    const dbs = args.resources.filter(
      (r) =>
        r.type === DB_INSTANCE &&
        peek(() => (asString(get(r.props, "engine")) ?? "").trim().toLowerCase()) === "postgres",
    );
    if (dbs.length === 0) {
      return;
    }
    const groups = new RefIndex(args.resources.filter((r) => r.type === PARAMETER_GROUP));
    for (const db of dbs) {
      const version = peek(() => asString(get(db.props, "engineVersion")));
      const major = typeof version === "string" ? Number.parseInt(version, 10) : undefined;
      const defaultsToTls =
        version === UNKNOWN_VALUE || major === undefined || Number.isNaN(major) || major >= 15;
      let forceSsl: string | undefined;
      if (has(db.props, "parameterGroupName")) {
        const { found, unknown } = groups.lookup(db, "parameterGroupName");
        if (unknown || found.length === 0) {
          continue; // a group managed elsewhere (or not known yet): judged where it is defined
        }
        const values = peek(() =>
          parameterValue(found[0].props as Record<string, unknown>, "rds.force_ssl"),
        );
        if (values === UNKNOWN_VALUE) {
          continue;
        }
        forceSsl =
          values.length > 0 ? (asString(values[values.length - 1]) ?? "").trim() : undefined;
      }
      const enforced = forceSsl !== undefined ? forceSsl === "1" : defaultsToTls;
      if (!enforced) {
        report(
          `ACC-1: PostgreSQL instance '${db.name}' (engineVersion ${show(version === UNKNOWN_VALUE ? undefined : version)}) does not enforce TLS (rds.force_ssl ${show(forceSsl)}); use a parameter group with rds.force_ssl "1".`,
          db.urn,
        );
      }
    }
  },
};

export const databasePolicies = [
  rdsNotPubliclyAccessible,
  rdsStorageEncrypted,
  rdsBackupRetention,
  rdsFinalSnapshot,
  rdsCopyTagsToSnapshot,
  rdsDeletionProtection,
  rdsMultiAz,
  rdsIamAuthentication,
  rdsNoPlaintextPassword,
  rdsForceSsl,
  rdsPostgresTlsEnforced,
  rdsSecurityGroupOnlyFromAppTier,
  rdsHasAlarms,
];

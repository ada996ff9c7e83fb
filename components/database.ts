import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  maxConnectionsFor,
  maxConnectionsParameterValue,
  supportsPerformanceInsights,
} from "../config/db-instance-classes";
import { serviceTrustPolicy } from "./shared/iam-documents";
import {
  DATABASE_NAME,
  DATABASE_USERNAME,
  databaseIdentifier,
  finalSnapshotIdentifier,
  rdsExportLogGroupName,
  stackPrefix,
} from "./shared/names";
import { POSTGRES_PORT } from "./shared/ports";
import { StackIdentity } from "./shared/stack-identity";
import { deletedOnTeardown, keptAfterTeardown } from "./shared/stateful";
import { rotationProblem } from "../config/rotation-schedule";

/**
 * Not enrolled in paid RDS Extended Support: CreateDBInstance's default,
 * `open-source-rds-extended-support`, would keep a major version running (and billed) past its end
 * of standard support instead of requiring the upgrade the runbook plans (README, Operations).
 */
export const ENGINE_LIFECYCLE_SUPPORT = "open-source-rds-extended-support-disabled";

/** PostgreSQL logs RDS exports to CloudWatch Logs. */
const EXPORTED_LOGS = ["postgresql", "upgrade"] as const;

/**
 * The CA that signs the server certificate; its root is in the global bundle the app host trusts
 * (`sslmode=verify-full`). Pinned so a CA change is a reviewed change, not a provider default.
 */
export const RDS_CA_CERTIFICATE = "rds-ca-rsa2048-g1";

/**
 * The engine, size, backup and rotation choices, as config validation produced them
 * (`decision-control:database.*`; DATA-2..4, APP-1, ACC-1).
 */
export interface DatabaseEngineArgs {
  readonly instanceClass: string;
  readonly allocatedStorageGb: number;
  /** Storage autoscaling's ceiling. */
  readonly maxAllocatedStorageGb: number;
  /** `16`, `17`, or a full `16.x`/`17.x`; a major alone lets RDS pick (and upgrade) the minor. */
  readonly engineVersion: string;
  /** Major version (`16`): names the parameter-group family (`postgres16`). */
  readonly engineMajorVersion: string;
  /** DATA-4. */
  readonly multiAz: boolean;
  /** DATA-3. */
  readonly backupRetentionDays: number;
  /** `hh24:mi-hh24:mi` UTC. */
  readonly backupWindow: string;
  /** `ddd:hh24:mi-ddd:hh24:mi` UTC. */
  readonly maintenanceWindow: string;
  /** DATA-3; `teardown` lifts it. */
  readonly deletionProtection: boolean;
  /** RDS applies minor versions in the maintenance window; only with a major-only `engineVersion`. */
  readonly autoMinorVersionUpgrade: boolean;
  /** Lets a change of the major version through (the one `up` of a major upgrade). */
  readonly allowMajorVersionUpgrade: boolean;
  /** Apply instance changes at this `up` instead of in the maintenance window. */
  readonly applyImmediately: boolean;
  /** APP-1: Secrets Manager `cron()` that opens the master secret's rotation window. */
  readonly secretRotationSchedule: string;
  /** Length of that window in hours (Secrets Manager `Duration`). */
  readonly secretRotationWindowHours: number;
}

/** The DB identifier derives from the identity (`databaseIdentifier`). */
export interface DatabaseArgs extends StackIdentity, DatabaseEngineArgs {
  /**
   * The stack key's ID (`StackKey.keyId`). The identifier ends with its first 8 characters, so each
   * creation of the stack has an instance name of its own, and so do the export log groups RDS
   * names after the instance, which a teardown keeps (components/shared/names.ts `creationTag`).
   */
  readonly stackKeyId: pulumi.Input<string>;
  /** The isolated subnets: no route to or from the internet (NET-2, ACC-1). At least two AZs. */
  readonly subnetIds: pulumi.Input<string>[];
  /** The database security group, the only one attached: 5432 from the app tier only (ACC-1). */
  readonly securityGroupId: pulumi.Input<string>;
  /** The stack's customer-managed key: storage, the managed master secret, Performance Insights (DATA-2). */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Retention of the exported PostgreSQL logs, the edition's log retention (MON-2, CMP-3). */
  readonly logRetentionDays: number;
  /**
   * Lifts RDS deletion protection and Pulumi `protect` so `pulumi destroy` deletes the instance
   * (taking the named final snapshot, keeping automated backups); the exported log groups stay.
   * Default false.
   */
  readonly teardown?: boolean;
  /** Enhanced monitoring granularity in seconds. Default 60. */
  readonly monitoringIntervalSeconds?: 1 | 5 | 10 | 15 | 30 | 60;
}

/**
 * APP-1: the same rotation rule the config validation applies, for callers that build the args by
 * hand. Pure: registers nothing.
 */
export function validateDatabaseArgs(
  name: string,
  args: Pick<DatabaseArgs, "secretRotationSchedule" | "secretRotationWindowHours">,
): void {
  const rotation = rotationProblem(args.secretRotationSchedule, args.secretRotationWindowHours);
  if (rotation) {
    throw new Error(`Database ${name}: secret rotation ${rotation}`);
  }
}

/**
 * RDS PostgreSQL for Decision Control (DATA-2, DATA-3, DATA-4, APP-1, ACC-1): encrypted with the
 * stack key, private in the isolated subnets behind the database security group, TLS enforced, IAM
 * authentication on, a master password RDS generates and keeps in Secrets Manager (encrypted with the
 * stack key, rotated in a fixed window), automated backups and a named final snapshot.
 * The instance is `protect`ed and deletion-protected until `teardown` lifts both through a reviewed
 * `pulumi up`. Engine upgrades follow the args (README, Operations, "Upgrade PostgreSQL").
 */

export class Database extends pulumi.ComponentResource {
  readonly instance: aws.rds.Instance;
  /** The DB instance identifier (`DBInstanceIdentifier` dimension of the RDS metrics). */
  readonly identifier: pulumi.Output<string>;
  /** The groups RDS exports the PostgreSQL logs to (MON-2), created first with key and retention. */
  readonly exportedLogGroups: readonly aws.cloudwatch.LogGroup[];
  readonly address: pulumi.Output<string>;
  readonly port: pulumi.Output<number>;
  /** ARN of the RDS-managed master user secret (not a secret value: the value stays in Secrets Manager). */
  readonly secretArn: pulumi.Output<string>;
  /** The `max_connections` the parameter group sets for the class (MON-1's connection alarm base). */
  readonly maxConnections: number;
  /** Provisioned storage in GiB (MON-1's free-storage alarm threshold base). */
  readonly allocatedStorageGb: number;

  constructor(name: string, args: DatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    validateDatabaseArgs(name, args);
    super("decision-control:database:Database", name, {}, opts);
    const teardown = args.teardown ?? false;
    const parent = { parent: this };
    // Descriptions and the Name tag keep the label-derived prefix they always had: a description
    // change would replace the parameter group, and the identifier itself may be an older one.
    const prefix = stackPrefix(args.project, args.stack);
    const identifier = pulumi
      .output(args.stackKeyId)
      .apply((keyId) => databaseIdentifier(args.project, args.stack, keyId));
    const performanceInsights = supportsPerformanceInsights(args.instanceClass);

    const subnetGroup = new aws.rds.SubnetGroup(
      `${name}-subnets`,
      {
        description: `${prefix}: isolated subnets only (NET-2, ACC-1)`,
        subnetIds: args.subnetIds,
      },
      parent,
    );
    const maxConnections = maxConnectionsFor(args.instanceClass);
    const parameterGroup = new aws.rds.ParameterGroup(
      `${name}-params`,
      {
        family: `postgres${args.engineMajorVersion}`,
        description: `${prefix}: TLS required for every connection (ACC-1, CMP-2)`,
        parameters: [
          { name: "rds.force_ssl", value: "1" },
          // MON-1: explicit, so the connection alarm divides by the limit PostgreSQL enforces rather
          // than a guess at DBInstanceClassMemory. Written as LEAST(RDS's default formula, N): the
          // parameter group changes at once while a class change may wait for the maintenance
          // window, and a reboot in between must not start the old, smaller class with the new
          // class's N (too many slots for its memory). Static parameter: ModifyDBParameterGroup
          // accepts only pending-reboot for it (see docs/monitoring-audit.md).
          {
            name: "max_connections",
            value: maxConnectionsParameterValue(maxConnections),
            applyMethod: "pending-reboot",
          },
        ],
      },
      // A major upgrade changes the family, which replaces the group: the new one must exist and be
      // in use before the old one goes, or RDS refuses the delete (InvalidDBParameterGroupState,
      // terraform-provider-aws #6448). pulumi-aws picks create-before-delete for an autonamed group
      // and delete-first for a named one; explicit false overrides the provider either way (a fixed
      // name must then include the major version, or the new group's name would already exist).
      { parent: this, deleteBeforeReplace: false },
    );
    const accountId = aws.getCallerIdentityOutput({}, parent).accountId;
    const monitoringRole = new aws.iam.Role(
      `${name}-monitoring`,
      {
        description: `${prefix}: lets RDS enhanced monitoring publish OS metrics to CloudWatch Logs`,
        // Confused-deputy guard: only enhanced monitoring acting for this account may assume it.
        assumeRolePolicy: serviceTrustPolicy("monitoring.rds.amazonaws.com", {
          StringEquals: { "aws:SourceAccount": accountId },
        }),
      },
      parent,
    );
    const partition = aws.getPartitionOutput({}, parent).partition;
    const monitoringPolicy = new aws.iam.RolePolicyAttachment(
      `${name}-monitoring`,
      {
        role: monitoringRole.name,
        policyArn: pulumi.interpolate`arn:${partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole`,
      },
      parent,
    );

    // RDS would create the export groups itself, unencrypted and never expiring; the PostgreSQL log
    // can hold SQL text. Created first, with the stack key and the edition's retention (MON-2, CMP-2).
    // RDS fixes their names after the identifier; the identifier's creation tag keeps a re-created
    // stack clear of the groups a teardown kept. `ignoreChanges`: a stack created before the tag
    // keeps its identifier and these names (a change would replace the protected instance).
    const exportedLogGroups = EXPORTED_LOGS.map(
      (log) =>
        new aws.cloudwatch.LogGroup(
          `${name}-${log}-log`,
          {
            name: identifier.apply((id) => rdsExportLogGroupName(id, log)),
            retentionInDays: args.logRetentionDays,
            kmsKeyId: args.kmsKeyArn,
          },
          { parent: this, ...keptAfterTeardown(teardown), ignoreChanges: ["name"] },
        ),
    );
    this.exportedLogGroups = exportedLogGroups;

    this.instance = new aws.rds.Instance(
      `${name}-instance`,
      {
        identifier,
        engine: "postgres",
        // A major alone while RDS upgrades minors (validated): the provider matches it as a prefix of
        // the running version (engineVersionActual), so a minor upgrade never plans a downgrade.
        engineVersion: args.engineVersion,
        autoMinorVersionUpgrade: args.autoMinorVersionUpgrade,
        allowMajorVersionUpgrade: args.allowMajorVersionUpgrade,
        engineLifecycleSupport: ENGINE_LIFECYCLE_SUPPORT,
        instanceClass: args.instanceClass,
        dbName: DATABASE_NAME,
        username: DATABASE_USERNAME,
        port: POSTGRES_PORT,
        // APP-1: RDS generates the password and keeps it only in Secrets Manager; none in config or state.
        manageMasterUserPassword: true,
        masterUserSecretKmsKeyId: args.kmsKeyArn,
        // DATA-2
        storageEncrypted: true,
        kmsKeyId: args.kmsKeyArn,
        storageType: "gp3",
        allocatedStorage: args.allocatedStorageGb,
        maxAllocatedStorage: args.maxAllocatedStorageGb,
        // ACC-1
        dbSubnetGroupName: subnetGroup.name,
        vpcSecurityGroupIds: [args.securityGroupId],
        publiclyAccessible: false,
        iamDatabaseAuthenticationEnabled: true,
        parameterGroupName: parameterGroup.name,
        caCertIdentifier: RDS_CA_CERTIFICATE,
        // DATA-4
        multiAz: args.multiAz,
        // DATA-3
        backupRetentionPeriod: args.backupRetentionDays,
        backupWindow: args.backupWindow,
        maintenanceWindow: args.maintenanceWindow,
        copyTagsToSnapshot: true,
        deleteAutomatedBackups: false,
        skipFinalSnapshot: false,
        finalSnapshotIdentifier: identifier.apply((id) => finalSnapshotIdentifier(id, new Date())),
        // RDS applies a deletion-protection change at once, whatever applyImmediately says.
        deletionProtection: args.deletionProtection && !teardown,
        // Changes wait for the maintenance window (and show in every preview until then) unless the
        // one-shot database.applyImmediately asks for now; a major upgrade requires it (validated).
        applyImmediately: args.applyImmediately,
        enabledCloudwatchLogsExports: [...EXPORTED_LOGS],
        performanceInsightsEnabled: performanceInsights,
        ...(performanceInsights
          ? { performanceInsightsKmsKeyId: args.kmsKeyArn, performanceInsightsRetentionPeriod: 7 }
          : {}),
        monitoringInterval: args.monitoringIntervalSeconds ?? 60,
        monitoringRoleArn: monitoringRole.arn,
        tags: { Name: prefix },
      },
      {
        parent: this,
        ...deletedOnTeardown(teardown),
        dependsOn: [monitoringPolicy, ...exportedLogGroups],
        ignoreChanges: [
          // Set once, at create: an instance created before the identifier carried the creation tag
          // keeps its identifier (a change would replace it); a new one's never changes anyway.
          "identifier",
          // The creation time in the final snapshot's name is set once, at create (components/shared/names.ts).
          "finalSnapshotIdentifier",
          // RDS sets the Extended Support enrollment only at create or restore and ignores a change
          // (terraform-provider-aws #40870, #44552): an instance created before this setting keeps
          // its enrollment; without this every up would plan the same no-op change (README,
          // Operations).
          "engineLifecycleSupport",
        ],
      },
    );

    this.identifier = this.instance.identifier;
    this.address = this.instance.address;
    this.port = this.instance.port;
    this.secretArn = this.instance.masterUserSecrets.apply((secrets) => {
      const arn = secrets?.[0]?.secretArn;
      if (!arn) {
        throw new Error(`Database ${name}: RDS returned no managed master user secret`);
      }
      return arn;
    });

    // APP-1: the managed secret's schedule made explicit (RDS would otherwise rotate every 7 days at
    // any hour, unseen in review): a cron window at a fixed hour clear of the backup and maintenance
    // windows, so the app restarts it causes happen when planned (README, Operations, "Rotate the
    // database secret"). Secrets Manager keeps the rotation managed by RDS: no Lambda.
    new aws.secretsmanager.SecretRotation(
      `${name}-secret-rotation`,
      {
        secretId: this.secretArn,
        rotationRules: {
          scheduleExpression: args.secretRotationSchedule,
          duration: `${args.secretRotationWindowHours}h`,
        },
        rotateImmediately: false,
      },
      // RDS deletes its managed secret with the instance. Deleting the rotation on its own first
      // (CancelRotateSecret on a secret RDS manages) is undocumented and reported to fail a destroy;
      // with deletedWith, Pulumi skips that delete when the instance goes too.
      { parent: this, deletedWith: this.instance },
    );

    this.maxConnections = maxConnections;
    this.allocatedStorageGb = args.allocatedStorageGb;
    this.registerOutputs({
      identifier: this.identifier,
      address: this.address,
      port: this.port,
      secretArn: this.secretArn,
    });
  }
}

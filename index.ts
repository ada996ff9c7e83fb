/**
 * Aletyx Decision Control on AWS: reads the validated stack config and wires the components.
 * Config is validated (and every problem reported) before the first resource is registered.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { loadSettings } from "./config";
import { EDITIONS } from "./config/editions";
import { launchSettings } from "./components/app/launch-settings";
import { ProductionCluster } from "./components/app/production-cluster";
import { SandboxInstance } from "./components/app/sandbox-instance";
import { Database } from "./components/database";
import { InstanceRole } from "./components/instance-role";
import { Network } from "./components/network";
import { AccountBaseline } from "./components/account-baseline";
import { Audit } from "./components/audit";
import { AppLogGroups, Monitoring } from "./components/monitoring";
import { Patching, patchGroupTags } from "./components/patching";
import { SecurityGroups } from "./components/security-groups";
import { StackKey } from "./components/stack-key";
import { databaseSecretReadStatements } from "./components/shared/db-secret-access";
import { loadBalancerBase, stackPrefix } from "./components/shared/names";
import { StackIdentity } from "./components/shared/stack-identity";
import { stackTags } from "./components/shared/stack-tags";
import { skipSdkPromiseTraces } from "./sdk-traces";

skipSdkPromiseTraces();
const { settings } = loadSettings();
/**
 * Every name derives from the stack's label, never from the stack name itself: the label is the
 * stack name unless `stackLabel` pins an earlier one, so a renamed stack keeps every logical and
 * physical name (README, Operations, "Rename a stack").
 */
const label = settings.stackLabel;
const prefix = stackPrefix(settings.project, label);
/** Where a component is deployed: the names and ARNs it builds derive from these. */
const identity: StackIdentity = {
  project: settings.project,
  stack: label,
  region: settings.region,
};
/** Project/Stack/Edition/ManagedBy: the provider's default tags, and what it cannot reach. */
const identityTags = stackTags(identity, settings.edition);

// CMP-1: one explicit provider pinned to the validated region; every component uses it.
const provider = new aws.Provider(prefix, {
  region: settings.region as aws.Region,
  defaultTags: { tags: identityTags },
});
const inStack = { providers: [provider] };
/** `teardown` lifts every protection at once (README, Operations, "Tear down"); kept data stays. */
const protection = { teardown: settings.teardown };

// IR-2: the key's export grant names the audit bucket, which is built later (it needs the key for
// its encryption configuration, the bucket itself does not): resolved once Audit exists.
const [auditBucketArn, resolveAuditBucketArn] = pulumi.deferredOutput<string>();
const stackKey = new StackKey(
  `${prefix}-kms`,
  { ...identity, ...protection, logExportBucketArn: auditBucketArn },
  inStack,
);

const network = new Network(
  `${prefix}-net`,
  {
    ...identity,
    ...protection,
    vpcCidr: settings.vpcCidr,
    availabilityZones: settings.availabilityZones,
    natGateways: settings.natGateways,
    logRetentionDays: settings.logRetentionDays,
    logKmsKeyArn: stackKey.keyArn,
  },
  inStack,
);

const securityGroups = new SecurityGroups(
  `${prefix}-sg`,
  {
    vpcId: network.vpcId,
    edition: settings.edition,
    allowedCidr: settings.allowedCidr,
    allowedCidrKind: settings.allowedCidrKind,
    letsEncryptHttpChallenge: settings.domain !== undefined,
    sshEnabled: settings.ssh.enabled,
  },
  inStack,
);

const database = new Database(
  `${prefix}-db`,
  {
    ...identity,
    ...settings.database,
    stackKeyId: stackKey.keyId,
    subnetIds: network.isolatedSubnetIds,
    securityGroupId: securityGroups.database.id,
    kmsKeyArn: stackKey.keyArn,
    logRetentionDays: settings.logRetentionDays,
    ...protection,
  },
  inStack,
);

// MON-2: the app hosts' log groups exist (encrypted, with retention) before any host ships to them.
const appLogGroups = new AppLogGroups(
  `${prefix}-logs`,
  {
    ...identity,
    retentionInDays: settings.logRetentionDays,
    kmsKeyArn: stackKey.keyArn,
    ...protection,
  },
  inStack,
);

// IAM-2: the app hosts may write only to their own log groups and read exactly their own secret.
const instanceRole = new InstanceRole(
  `${prefix}-instance`,
  {
    appLogGroupArns: appLogGroups.arns,
    scopedStatements: databaseSecretReadStatements(
      database.secretArn,
      stackKey.keyArn,
      settings.region,
    ),
  },
  inStack,
);

const launch = launchSettings({
  amiId: settings.amiId,
  instanceType: settings.instanceType,
  instanceProfileName: instanceRole.instanceProfile.name,
  instanceProfileArn: instanceRole.instanceProfile.arn,
  keyName: settings.ssh.enabled ? settings.ssh.keyName : undefined,
});
const appTier = {
  region: identity.region,
  databaseAddress: database.address,
  databaseSecretArn: database.secretArn,
  appSecurityGroupId: securityGroups.app.id,
  tags: patchGroupTags(settings.project, label),
  logGroups: pulumi.output({
    application: appLogGroups.applicationLogGroupName,
    system: appLogGroups.systemLogGroupName,
  }),
};
/** Validation guarantees these in production; a missing one here is a program bug, not a config issue. */
function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) {
    throw new Error(`${what} is missing in the ${settings.edition} edition`);
  }
  return value;
}
const production =
  settings.edition === "production"
    ? new ProductionCluster(
        `${prefix}-app`,
        {
          ...appTier,
          launch,
          loadBalancerBase: loadBalancerBase(settings.project, label),
          stackTags: identityTags,
          vpcId: network.vpcId,
          albScheme: settings.albScheme,
          healthCheck: required(
            settings.loadBalancerHealthCheck,
            "decision-control:loadBalancerHealthCheck",
          ),
          publicSubnetIds: network.publicSubnetIds,
          privateSubnetIds: network.privateSubnetIds,
          loadBalancerSecurityGroupId: required(
            securityGroups.loadBalancer,
            "the load balancer security group",
          ).id,
          domain: required(settings.domain, "decision-control:domain"),
          instanceCount: settings.appInstanceCount,
          logRetentionDays: settings.logRetentionDays,
          instanceRoleName: instanceRole.roleName,
          replaceLoadBalancer: settings.replaceLoadBalancer,
          ...protection,
        },
        inStack,
      )
    : undefined;
const sandbox =
  settings.edition === "sandbox"
    ? new SandboxInstance(
        `${prefix}-app`,
        {
          ...appTier,
          launch,
          subnetId: network.publicSubnetIds[0],
          quarantineSecurityGroupId: securityGroups.quarantine.id,
          quarantine: settings.quarantine,
          domain: settings.domain,
          acmeContactEmail: settings.alarmEmail,
          kmsKeyArn: stackKey.keyArn,
          instanceRoleName: instanceRole.roleName,
        },
        inStack,
      )
    : undefined;

const monitoring = new Monitoring(
  `${prefix}-mon`,
  {
    ...identity,
    kmsKeyArn: stackKey.keyArn,
    alarmEmail: settings.alarmEmail,
    appTarget: production
      ? {
          kind: "autoScalingGroup",
          autoScalingGroupName: production.autoScalingGroupName,
          loadBalancerArnSuffix: production.loadBalancerArnSuffix,
          targetGroupArnSuffix: production.targetGroupArnSuffix,
          healthCheckGracePeriodSeconds: production.healthCheckGracePeriodSeconds,
        }
      : { kind: "instance", instanceId: required(sandbox, "the sandbox instance").instanceId },
    applicationLogGroupName: appLogGroups.applicationLogGroupName,
    dbInstanceIdentifier: database.identifier,
    dbMaxConnections: database.maxConnections,
    dbAllocatedStorageGb: database.allocatedStorageGb,
  },
  inStack,
);

const audit = new Audit(
  `${prefix}-audit`,
  {
    ...identity,
    kmsKeyArn: stackKey.keyArn,
    retentionDays: settings.logRetentionDays,
    alarmTopicArn: monitoring.alarmTopicArn,
    logExportGroupArns: appLogGroups.arns,
    ...protection,
    createTrail: settings.cloudTrail === "create",
  },
  inStack,
);
resolveAuditBucketArn(audit.bucketArn);

// APP-4: patch output lands in the audit bucket next to the trail and Config history (CMP-3).
const patching = new Patching(
  `${prefix}-patching`,
  {
    ...identity,
    schedule: settings.patchSchedule,
    rebootOption: EDITIONS[settings.edition].patchRebootOption,
    outputLocation: {
      bucketName: audit.bucketName,
      bucketArn: audit.bucketArn,
      kmsKeyArn: stackKey.keyArn,
      instanceRoleName: instanceRole.roleName,
    },
  },
  inStack,
);

// One per account and region (EBS default encryption, AWS Config); global types in one region only
// (README, Operations, "A second region or account").
if (settings.accountBaseline) {
  new AccountBaseline(
    `${prefix}-baseline`,
    {
      ...identity,
      auditBucketName: audit.bucketName,
      auditBucketArn: audit.bucketArn,
      auditBucketReady: audit.bucketReady,
      kmsKeyArn: stackKey.keyArn,
      includeGlobalResourceTypes: settings.recordGlobalResourceTypes,
      requireMultiAz: settings.edition === "production",
      backupRetentionMinimum: settings.database.backupRetentionDays,
    },
    inStack,
  );
}

export const edition = settings.edition;
export const region = settings.region;
export const kmsKeyArn = stackKey.keyArn;
/** Named per creation: the alias a teardown keeps with the key (README, Operations, "Tear down"). */
export const kmsKeyAlias = stackKey.aliasName;
export const vpcId = network.vpcId;
/** The set-once layout (NET-2), for the runbook "Change the network layout". */
export const vpcCidr = settings.vpcCidr;
export const availabilityZones = network.availabilityZones;
export const publicSubnetIds = network.publicSubnetIds;
export const privateSubnetIds = network.privateSubnetIds;
/** Where a VPN or Direct Connect route back to the clients goes, for an internal ALB (README). */
export const privateRouteTableIds = network.privateRouteTableIds;
export const isolatedSubnetIds = network.isolatedSubnetIds;
/** Log groups are named per creation; these outputs are where their names are found (MON-2, NET-3). */
export const flowLogGroupName = network.flowLogGroup.name;
export const applicationLogGroupName = appLogGroups.applicationLogGroupName;
export const systemLogGroupName = appLogGroups.systemLogGroupName;
export const appSecurityGroupId = securityGroups.app.id;
export const databaseSecurityGroupId = securityGroups.database.id;
export const loadBalancerSecurityGroupId = securityGroups.loadBalancer?.id;
/** IR-1: move an instance here to isolate it (see README, incident runbook). */
export const quarantineSecurityGroupId = securityGroups.quarantine.id;
export const instanceRoleArn = instanceRole.roleArn;
export const instanceProfileName = instanceRole.instanceProfile.name;

export const databaseIdentifier = database.identifier;
/** The PostgreSQL log groups RDS exports to, named by RDS after `databaseIdentifier`. */
export const databaseLogGroupNames = database.exportedLogGroups.map((group) => group.name);
export const databaseEndpoint = database.address;
/** ARN only (APP-1): the password stays in Secrets Manager. */
export const databaseSecretArn = database.secretArn;
export const appUrl = production?.url ?? sandbox?.url;
export const loadBalancerDnsName = production?.loadBalancerDnsName;
export const loadBalancerArnSuffix = production?.loadBalancerArnSuffix;
export const targetGroupArn = production?.targetGroupArn;
export const targetGroupArnSuffix = production?.targetGroupArnSuffix;
export const autoScalingGroupName = production?.autoScalingGroupName;
/** APP-3, IR-3: what `npm run roll-instances` rolls out after `pulumi up` (components/shared/rollout.ts). */
export const instanceRollout = production
  ? pulumi
      .all([production.rollout, pulumi.all(monitoring.rolloutAlarmNames)])
      .apply(([rollout, alarmNames]) => ({ ...rollout, alarmNames }))
  : undefined;
export const accessLogBucketName = production?.accessLogBucket.bucket;
export const instanceId = sandbox?.instanceId;
export const instancePublicIp = sandbox?.publicIp;
export const instanceVolumeIds = sandbox?.volumeIds;
export const patchGroup = patching.patchGroup;
export const alarmTopicArn = monitoring.alarmTopicArn;
export const auditBucketName = audit.bucketName;
/** Absent with `cloudTrail: existing`. */
export const trailArn = audit.trailArn;
export const trailLogGroupName = audit.trailLogGroup?.name;
export const patchAssociationId = patching.associationId;

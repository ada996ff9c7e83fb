/**
 * The checklist against the deployed account, the way the guide's "Verify" commands look: one
 * async check per item, reading AWS through the SDK with the stack's outputs. A check that cannot
 * look (permission, missing output) reports "cannot verify", never PASS.
 */
import { DescribeAlarmsCommand, MetricAlarm } from "@aws-sdk/client-cloudwatch";
import { DescribeTrailsCommand, GetTrailStatusCommand } from "@aws-sdk/client-cloudtrail";
import { DescribeConfigurationRecorderStatusCommand } from "@aws-sdk/client-config-service";
import {
  DescribeFlowLogsCommand,
  DescribeSecurityGroupsCommand,
  DescribeVolumesCommand,
  GetEbsEncryptionByDefaultCommand,
  SecurityGroupRule,
} from "@aws-sdk/client-ec2";
import {
  DescribeListenersCommand,
  DescribeTargetGroupsCommand,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import {
  DescribeInstanceInformationCommand,
  DescribeInstancePatchStatesCommand,
} from "@aws-sdk/client-ssm";
import { EDITIONS } from "../../config/editions";
import { backupRetentionRange, CATALOGUE } from "../../policy-pack/controls";
import { stackPrefix, trailName } from "../names";
import { parseCidr } from "../cidr";
import { Findings, ItemEvidence } from "../checklist/evidence/findings";
import { runbooks } from "../checklist/evidence/operations";
import { appInstances, call, database, groupRules, LiveContext, stackGroups } from "./context";
import { CannotVerify } from "./retry";

export type LiveCheck = (ctx: LiveContext) => Promise<ItemEvidence>;

/** A rule reduced to comparable text: `<group role> <direction> <protocol> <ports> <peer>`. */
export type PlannedRule = string;

const WORLD_PORT = CATALOGUE.controls["NET-1"].values.worldPort;
const SSH_PORT = CATALOGUE.controls["ACC-2"].values.sshPort;
const TLS_POLICIES = CATALOGUE.controls["APP-2"].values.allowedSslPolicies;
/** An alarm may sit in INSUFFICIENT_DATA after creation; longer than this means it watches nothing. */
const INSUFFICIENT_DATA_GRACE_MS = 24 * 60 * 60 * 1000;

/** Runs `body`; a CannotVerify anywhere in it becomes an unverified note on the item. */
function check(body: (found: Findings, ctx: LiveContext) => Promise<void>): LiveCheck {
  return async (ctx) => {
    const found = new Findings();
    try {
      await body(found, ctx);
    } catch (error) {
      if (!(error instanceof CannotVerify)) {
        throw error;
      }
      found.cannotVerify(error.message);
    }
    return found;
  };
}

function roleOf(ctx: LiveContext, groupId: string | undefined): string {
  const entry = Object.entries(stackGroups(ctx)).find(([, id]) => id === groupId);
  return entry ? entry[0] : (groupId ?? "?");
}

function peerOf(ctx: LiveContext, rule: SecurityGroupRule): string {
  if (rule.ReferencedGroupInfo?.GroupId) {
    return `sg:${roleOf(ctx, rule.ReferencedGroupInfo.GroupId)}`;
  }
  const cidr = rule.CidrIpv4 ?? rule.CidrIpv6 ?? rule.PrefixListId ?? "?";
  return `cidr:${parseCidr(cidr)?.text ?? cidr}`;
}

export function describeLiveRule(ctx: LiveContext, rule: SecurityGroupRule): PlannedRule {
  const protocol = rule.IpProtocol === "-1" ? "-1" : (rule.IpProtocol ?? "?");
  const ports =
    protocol === "-1" || rule.FromPort === -1 ? "all" : `${rule.FromPort}-${rule.ToPort}`;
  return `${roleOf(ctx, rule.GroupId)} ${rule.IsEgress ? "egress" : "ingress"} ${protocol} ${ports} ${peerOf(ctx, rule)}`;
}

const isWorld = (rule: SecurityGroupRule): boolean =>
  parseCidr(rule.CidrIpv4 ?? rule.CidrIpv6 ?? "")?.prefixLength === 0;
const covers = (rule: SecurityGroupRule, port: number): boolean =>
  rule.IpProtocol === "-1" ||
  ((rule.IpProtocol === "tcp" || rule.IpProtocol === "6") &&
    (rule.FromPort ?? -1) <= port &&
    port <= (rule.ToPort ?? -1));

async function instancesOrNeed(
  ctx: LiveContext,
  found: Findings,
): Promise<Awaited<ReturnType<typeof appInstances>>> {
  const instances = await appInstances(ctx);
  found.require(instances, "running app instance");
  return instances;
}

/** Item 1, NET-1. */
export const liveIpRestrictions = check(async (found, ctx) => {
  const rules = (await groupRules(ctx)).filter((rule) => !rule.IsEgress);
  const trusted = parseCidr(ctx.settings.allowedCidr)?.text;
  const fromTrusted = rules.filter(
    (rule) => parseCidr(rule.CidrIpv4 ?? rule.CidrIpv6 ?? "")?.text === trusted,
  );
  if (found.require(fromTrusted, `ingress rule from allowedCidr ${ctx.settings.allowedCidr}`)) {
    fromTrusted.forEach((rule) =>
      found.fact(`${rule.SecurityGroupRuleId}: ${describeLiveRule(ctx, rule)}`),
    );
  }
  rules
    .filter(isWorld)
    .forEach((rule) =>
      rule.IpProtocol === "tcp" && rule.FromPort === WORLD_PORT && rule.ToPort === WORLD_PORT
        ? found.fact(`${rule.SecurityGroupRuleId}: ${describeLiveRule(ctx, rule)} (HTTP only)`)
        : found.need(
            `${rule.SecurityGroupRuleId}: ${describeLiveRule(ctx, rule)}: the internet may reach port ${WORLD_PORT} only`,
          ),
    );
});

/** Item 2, APP-2: the ALB's listeners (production) and a verified TLS handshake with the app's host. */
export const liveHttps = check(async (found, ctx) => {
  if (ctx.outputs.targetGroupArn) {
    const arn = ctx.outputs.targetGroupArn;
    const groups = await call(ctx, "elasticloadbalancing:DescribeTargetGroups", () =>
      ctx.clients.elbv2.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [arn] })),
    );
    const lbArn = groups.TargetGroups?.[0]?.LoadBalancerArns?.[0];
    if (!lbArn) {
      throw new CannotVerify(`target group ${arn} is attached to no load balancer`);
    }
    const listeners =
      (
        await call(ctx, "elasticloadbalancing:DescribeListeners", () =>
          ctx.clients.elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: lbArn })),
        )
      ).Listeners ?? [];
    const https = listeners.filter((listener) => listener.Protocol === "HTTPS");
    if (found.require(https, "HTTPS listener")) {
      https.forEach((listener) =>
        found.check(
          (listener.Certificates ?? []).length > 0 &&
            TLS_POLICIES.includes(listener.SslPolicy ?? ""),
          {
            type: "aws:lb/listener:Listener",
            name: listener.ListenerArn ?? "listener",
            urn: "",
            custom: true,
            props: {},
          },
          `HTTPS :${listener.Port} ${listener.SslPolicy}`,
          `HTTPS :${listener.Port} has policy ${listener.SslPolicy} or no certificate`,
        ),
      );
    }
    listeners
      .filter((listener) => listener.Protocol === "HTTP")
      .forEach((listener) => {
        const redirect = (listener.DefaultActions ?? []).every(
          (action) => action.Type === "redirect" && action.RedirectConfig?.Protocol === "HTTPS",
        );
        if (redirect) {
          found.fact(`HTTP :${listener.Port} redirects to HTTPS`);
        } else {
          found.need(`HTTP :${listener.Port} does not only redirect to HTTPS`);
        }
      });
  }
  const url = ctx.outputs.appUrl;
  if (!url || !url.startsWith("https://")) {
    throw new CannotVerify("the stack outputs have no https appUrl to connect to");
  }
  const host = new URL(url).hostname;
  const probe = await ctx.probeTls(host);
  if (probe.authorized) {
    found.fact(`TLS handshake with ${host}: certificate valid (${probe.detail})`);
  } else {
    found.need(`TLS handshake with ${host}: ${probe.detail}`);
  }
});

/** Item 3, APP-1: the master password is an RDS-managed secret. */
export const liveDatabasePassword = check(async (found, ctx) => {
  const db = await database(ctx);
  const secret = db.MasterUserSecret;
  if (secret?.SecretArn) {
    found.fact(`master password managed by RDS in ${secret.SecretArn} (${secret.SecretStatus})`);
  } else {
    found.need(`${db.DBInstanceIdentifier}: no RDS-managed master user secret`);
  }
});

/** Item 4, DATA-1: the app's volumes and the account default. */
export const liveEbsEncryption = check(async (found, ctx) => {
  const defaults = await call(ctx, "ec2:GetEbsEncryptionByDefault", () =>
    ctx.clients.ec2.send(new GetEbsEncryptionByDefaultCommand({})),
  );
  if (defaults.EbsEncryptionByDefault === true) {
    found.fact("account default EBS encryption on");
  } else {
    found.need("account default EBS encryption is off");
  }
  const ids = (await instancesOrNeed(ctx, found))
    .map((instance) => instance.InstanceId)
    .filter((id): id is string => id !== undefined);
  if (ids.length === 0) {
    return;
  }
  const volumes =
    (
      await call(ctx, "ec2:DescribeVolumes", () =>
        ctx.clients.ec2.send(
          new DescribeVolumesCommand({
            Filters: [{ Name: "attachment.instance-id", Values: ids }],
          }),
        ),
      )
    ).Volumes ?? [];
  if (found.require(volumes, "volume attached to the app instances")) {
    volumes.forEach((volume) =>
      volume.Encrypted
        ? found.fact(`${volume.VolumeId} encrypted with ${volume.KmsKeyId}`)
        : found.need(`${volume.VolumeId} is not encrypted`),
    );
  }
});

/** Items 5-7 and 12 read the same DescribeDBInstances answer. */
export const liveDatabaseEncryption = check(async (found, ctx) => {
  const db = await database(ctx);
  if (db.StorageEncrypted === true) {
    found.fact(`${db.DBInstanceIdentifier}: StorageEncrypted true with ${db.KmsKeyId}`);
  } else {
    found.need(`${db.DBInstanceIdentifier}: StorageEncrypted is false`);
  }
});

export const liveMultiAz = check(async (found, ctx) => {
  const db = await database(ctx);
  if (db.MultiAZ === true || !EDITIONS[ctx.settings.edition].database.multiAzRequired) {
    found.fact(
      `${db.DBInstanceIdentifier}: MultiAZ ${db.MultiAZ}${db.MultiAZ ? "" : ` (optional in ${ctx.settings.edition})`}`,
    );
  } else {
    found.need(`${db.DBInstanceIdentifier}: MultiAZ is false; ${ctx.settings.edition} requires it`);
  }
});

export const liveBackups = check(async (found, ctx) => {
  const db = await database(ctx);
  const { floor, ceiling } = backupRetentionRange(
    CATALOGUE,
    ctx.settings.edition,
    ctx.settings.complianceProfile,
  );
  const days = db.BackupRetentionPeriod ?? 0;
  if (days >= floor && days <= ceiling) {
    found.fact(
      `${db.DBInstanceIdentifier}: BackupRetentionPeriod ${days} days, window ${db.PreferredBackupWindow}`,
    );
  } else {
    found.need(
      `${db.DBInstanceIdentifier}: BackupRetentionPeriod ${days} days; needs ${floor}-${ceiling}`,
    );
  }
  if (db.CopyTagsToSnapshot !== true) {
    found.need(`${db.DBInstanceIdentifier}: CopyTagsToSnapshot is false`);
  }
});

export const liveDatabaseNotPublic = check(async (found, ctx) => {
  const db = await database(ctx);
  if (db.PubliclyAccessible === false) {
    found.fact(`${db.DBInstanceIdentifier}: PubliclyAccessible false`);
  } else {
    found.need(`${db.DBInstanceIdentifier}: PubliclyAccessible is true`);
  }
  if (db.IAMDatabaseAuthenticationEnabled !== true) {
    found.need(`${db.DBInstanceIdentifier}: IAM database authentication is off`);
  }
  const groups = (db.VpcSecurityGroups ?? []).map((group) => group.VpcSecurityGroupId);
  if (groups.length === 1 && groups[0] === ctx.outputs.databaseSecurityGroupId) {
    found.fact(`${db.DBInstanceIdentifier}: only security group ${groups[0]}`);
  } else {
    found.need(
      `${db.DBInstanceIdentifier}: security groups ${groups.join(", ")}, expected only ${ctx.outputs.databaseSecurityGroupId}`,
    );
  }
});

/** Item 8, MON-1: the stack's alarms exist, notify, and are not stuck without data. */
export const liveAlarms = check(async (found, ctx) => {
  const prefix = `${stackPrefix(ctx.settings.project, ctx.settings.stackLabel)}-`;
  const alarms: MetricAlarm[] = [];
  let token: string | undefined;
  do {
    const page = await call(ctx, "cloudwatch:DescribeAlarms", () =>
      ctx.clients.cloudwatch.send(
        new DescribeAlarmsCommand({
          AlarmNamePrefix: prefix,
          AlarmTypes: ["MetricAlarm"],
          NextToken: token,
        }),
      ),
    );
    alarms.push(...(page.MetricAlarms ?? []));
    token = page.NextToken;
  } while (token);
  for (const [namespace, metric] of [
    ["AWS/EC2", "CPUUtilization"],
    ["AWS/RDS", "DatabaseConnections"],
    ["AWS/RDS", "FreeStorageSpace"],
  ]) {
    if (!alarms.some((alarm) => alarm.Namespace === namespace && alarm.MetricName === metric)) {
      found.need(`no alarm ${prefix}* on ${namespace}/${metric}`);
    }
  }
  if (
    !alarms.some(
      (alarm) => !alarm.Namespace?.startsWith("AWS/") && /login|auth/i.test(alarm.MetricName ?? ""),
    )
  ) {
    found.need(`no failed-login alarm ${prefix}* on the application log's metric filter`);
  }
  for (const alarm of alarms) {
    const since = alarm.StateUpdatedTimestamp
      ? ctx.now.getTime() - alarm.StateUpdatedTimestamp.getTime()
      : Number.POSITIVE_INFINITY;
    if ((alarm.AlarmActions ?? []).length === 0) {
      found.need(`${alarm.AlarmName}: no alarm action`);
    } else if (alarm.StateValue === "INSUFFICIENT_DATA" && since > INSUFFICIENT_DATA_GRACE_MS) {
      found.need(
        `${alarm.AlarmName}: INSUFFICIENT_DATA since ${alarm.StateUpdatedTimestamp?.toISOString() ?? "ever"}: it watches a metric nobody publishes`,
      );
    } else {
      found.fact(
        `${alarm.AlarmName}: ${alarm.Namespace}/${alarm.MetricName} ${alarm.StateValue} -> ${(alarm.AlarmActions ?? []).join(", ")}`,
      );
    }
  }
});

/** Item 9, IAM-3 (and MON-3's recorder, the audit trail's companion): the trail logs; Config records. */
export const liveCloudTrail = check(async (found, ctx) => {
  const name =
    ctx.outputs.trailArn ??
    ctx.outputs.trailName ??
    trailName(ctx.settings.project, ctx.settings.stackLabel);
  const status = await call(ctx, "cloudtrail:GetTrailStatus", () =>
    ctx.clients.cloudtrail.send(new GetTrailStatusCommand({ Name: name })),
  );
  if (status.IsLogging === true) {
    found.fact(`trail ${name}: IsLogging true`);
  } else {
    found.need(`trail ${name}: IsLogging is false`);
  }
  const trail = (
    await call(ctx, "cloudtrail:DescribeTrails", () =>
      ctx.clients.cloudtrail.send(new DescribeTrailsCommand({ trailNameList: [name] })),
    )
  ).trailList?.[0];
  if (trail?.IsMultiRegionTrail !== true || trail.LogFileValidationEnabled !== true) {
    found.need(
      `trail ${name}: multi-region ${trail?.IsMultiRegionTrail}, log-file validation ${trail?.LogFileValidationEnabled}`,
    );
  }
  const recorders =
    (
      await call(ctx, "config:DescribeConfigurationRecorderStatus", () =>
        ctx.clients.config.send(new DescribeConfigurationRecorderStatusCommand({})),
      )
    ).ConfigurationRecordersStatus ?? [];
  const recording = recorders.filter((recorder) => recorder.recording === true);
  if (recording.length > 0) {
    recording.forEach((recorder) =>
      found.fact(
        `AWS Config recorder ${recorder.name} recording (last status ${recorder.lastStatus}) (MON-3)`,
      ),
    );
  } else {
    found.need("no AWS Config recorder is recording in this region (MON-3)");
  }
});

/** Item 10, NET-3. */
export const liveFlowLogs = check(async (found, ctx) => {
  const logs =
    (
      await call(ctx, "ec2:DescribeFlowLogs", () =>
        ctx.clients.ec2.send(
          new DescribeFlowLogsCommand({
            Filter: [{ Name: "resource-id", Values: [ctx.outputs.vpcId] }],
          }),
        ),
      )
    ).FlowLogs ?? [];
  const active = logs.filter((log) => log.FlowLogStatus === "ACTIVE" && log.TrafficType === "ALL");
  if (active.length === 0) {
    found.need(`VPC ${ctx.outputs.vpcId}: no ACTIVE flow log of ALL traffic`);
  }
  active.forEach((log) =>
    log.DeliverLogsStatus === "FAILED"
      ? found.need(`${log.FlowLogId}: delivery FAILED (${log.DeliverLogsErrorMessage})`)
      : found.fact(
          `${log.FlowLogId}: ACTIVE, ALL traffic to ${log.LogDestination ?? log.LogGroupName}`,
        ),
  );
});

/** Item 11, NET-4/NET-5: the deployed rules are exactly the planned ones; the default group is empty. */
export function liveSecurityGroups(planned: readonly PlannedRule[]): LiveCheck {
  return check(async (found, ctx) => {
    const actual = (await groupRules(ctx)).map((rule) => describeLiveRule(ctx, rule));
    planned
      .filter((rule) => !actual.includes(rule))
      .forEach((rule) => found.need(`planned rule not deployed: ${rule}`));
    actual
      .filter((rule) => !planned.includes(rule))
      .forEach((rule) => found.need(`rule not in the plan: ${rule}`));
    actual
      .filter((rule) => planned.includes(rule))
      .forEach((rule) => found.fact(`as planned: ${rule}`));
    const defaults =
      (
        await call(ctx, "ec2:DescribeSecurityGroups", () =>
          ctx.clients.ec2.send(
            new DescribeSecurityGroupsCommand({
              Filters: [
                { Name: "vpc-id", Values: [ctx.outputs.vpcId] },
                { Name: "group-name", Values: ["default"] },
              ],
            }),
          ),
        )
      ).SecurityGroups ?? [];
    defaults.forEach((group) =>
      (group.IpPermissions ?? []).length + (group.IpPermissionsEgress ?? []).length === 0
        ? found.fact(`default group ${group.GroupId}: no rules`)
        : found.need(`default group ${group.GroupId} has rules`),
    );
  });
}

/** Item 13, IAM-1: every app instance is an online SSM managed instance. */
export const liveSessionManager = check(async (found, ctx) => {
  const ids = (await instancesOrNeed(ctx, found))
    .map((instance) => instance.InstanceId)
    .filter((id): id is string => id !== undefined);
  if (ids.length === 0) {
    return;
  }
  const info =
    (
      await call(ctx, "ssm:DescribeInstanceInformation", () =>
        ctx.clients.ssm.send(
          new DescribeInstanceInformationCommand({
            Filters: [{ Key: "InstanceIds", Values: ids }],
          }),
        ),
      )
    ).InstanceInformationList ?? [];
  for (const id of ids) {
    const managed = info.find((entry) => entry.InstanceId === id);
    if (managed?.PingStatus === "Online") {
      found.fact(`${id}: SSM managed instance Online (agent ${managed.AgentVersion})`);
    } else {
      found.need(`${id}: SSM ping status ${managed?.PingStatus ?? "not registered"}`);
    }
  }
});

/** Item 14, ACC-2. */
export const liveSshKeys = check(async (found, ctx) => {
  for (const instance of await instancesOrNeed(ctx, found)) {
    if (!instance.KeyName) {
      found.fact(`${instance.InstanceId}: no key pair`);
    } else if (!ctx.settings.ssh.enabled) {
      found.need(`${instance.InstanceId}: key pair ${instance.KeyName} while SSH is disabled`);
    } else {
      found.fact(`${instance.InstanceId}: key pair ${instance.KeyName} (SSH enabled)`);
    }
  }
  const port22 = (await groupRules(ctx)).filter((rule) => !rule.IsEgress && covers(rule, SSH_PORT));
  if (port22.length === 0) {
    found.fact(`no rule admits port ${SSH_PORT}`);
  }
  const trusted = parseCidr(ctx.settings.allowedCidr)?.text;
  port22.forEach((rule) =>
    ctx.settings.ssh.enabled && parseCidr(rule.CidrIpv4 ?? rule.CidrIpv6 ?? "")?.text === trusted
      ? found.fact(`${describeLiveRule(ctx, rule)} (SSH enabled)`)
      : found.need(`${describeLiveRule(ctx, rule)}: port ${SSH_PORT} open`),
  );
});

/** Item 15, APP-3/APP-4: hosts boot the pinned AMI and Patch Manager has patched them without failures. */
export const liveAmi = check(async (found, ctx) => {
  const instances = await instancesOrNeed(ctx, found);
  instances.forEach((instance) =>
    instance.ImageId === ctx.settings.amiId
      ? found.fact(`${instance.InstanceId}: boots ${instance.ImageId}`)
      : found.need(
          `${instance.InstanceId}: boots ${instance.ImageId}, not the configured ${ctx.settings.amiId}`,
        ),
  );
  const ids = instances
    .map((instance) => instance.InstanceId)
    .filter((id): id is string => id !== undefined);
  if (ids.length === 0) {
    return;
  }
  const states =
    (
      await call(ctx, "ssm:DescribeInstancePatchStates", () =>
        ctx.clients.ssm.send(new DescribeInstancePatchStatesCommand({ InstanceIds: ids })),
      )
    ).InstancePatchStates ?? [];
  for (const id of ids) {
    const state = states.find((entry) => entry.InstanceId === id);
    if (!state) {
      found.need(`${id}: never patched by Patch Manager`);
    } else if ((state.FailedCount ?? 0) > 0) {
      found.need(
        `${id}: ${state.FailedCount} patches failed (${state.Operation} ended ${state.OperationEndTime?.toISOString()})`,
      );
    } else {
      found.fact(
        `${id}: ${state.Operation} ended ${state.OperationEndTime?.toISOString()}, ${state.MissingCount ?? 0} missing, ${state.FailedCount ?? 0} failed`,
      );
    }
  }
});

/** Item 16, IR-1..3: the quarantine group exists and is empty; the runbook is written down. */
export const liveIncidentResponse = check(async (found, ctx) => {
  const id = ctx.outputs.quarantineSecurityGroupId;
  const group = (
    await call(ctx, "ec2:DescribeSecurityGroups", () =>
      ctx.clients.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [id] })),
    )
  ).SecurityGroups?.[0];
  if (!group) {
    found.need(`quarantine group ${id} not found`);
  } else if ((group.IpPermissions ?? []).length + (group.IpPermissionsEgress ?? []).length === 0) {
    found.fact(`quarantine group ${id}: no rules`);
  } else {
    found.need(`quarantine group ${id} has rules`);
  }
  const documents = runbooks(ctx.root);
  if (documents.length === 0) {
    found.need("no incident runbook in README.md or docs/*.md");
  } else {
    found.fact(`incident runbook documented in ${documents.join(", ")}`);
  }
});

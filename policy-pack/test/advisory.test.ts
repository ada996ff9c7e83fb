// Every policy that is advisory in a stack profile is seen raising its finding at that level: an
// advisory never blocks, so a test that only checks the mandatory list would stay green if the
// policy were deleted or stopped reporting.
import * as assert from "assert";
import { loadPackConfig, ResourceUnderTest } from "../harness/evaluate";
import { allPolicies } from "../policies";
import { hits, res, run } from "./helpers";

const PROFILES = ["sandbox", "production"] as const;

/** The level a profile gives a policy: its config entry, else the policy's own. */
function levelIn(profile: string, name: string): string | undefined {
  const entry = loadPackConfig(profile)[name];
  const level =
    typeof entry === "string"
      ? entry
      : (entry as { enforcementLevel?: string } | undefined)?.enforcementLevel;
  return level ?? allPolicies.find((p) => p.name === name)?.enforcementLevel;
}

const rdsInstance = (props: Record<string, unknown>) =>
  res("aws:rds/instance:Instance", {
    engine: "postgres",
    instanceClass: "db.t4g.micro",
    storageEncrypted: true,
    dbSubnetGroupName: "private",
    ...props,
  });

/** One violating stack per advisory policy, and the text its finding must contain. */
const FIXTURES: Record<string, { stack: ResourceUnderTest[]; message: RegExp }> = {
  "sg-prefix-list-outside-stack": {
    stack: [
      res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", {
        securityGroupId: "sg-1",
        ipProtocol: "tcp",
        fromPort: 22,
        toPort: 22,
        prefixListId: "pl-0abcdef",
      }),
    ],
    message: /^NET-1: .*pl-0abcdef \(not defined in this stack\)/,
  },
  "vpc-default-sg-adopted": {
    stack: [res("aws:ec2/vpc:Vpc", { cidrBlock: "10.0.0.0/16" }, "vpc")],
    message: /^NET-5: VPC 'vpc' leaves its default security group/,
  },
  "rds-copy-tags-to-snapshot": {
    stack: [rdsInstance({ copyTagsToSnapshot: false })],
    message: /^DATA-3: .*copyTagsToSnapshot/,
  },
  "rds-multi-az": {
    stack: [rdsInstance({ multiAz: false })],
    message: /^DATA-4: .*multiAz false/,
  },
  "db-not-in-default-vpc": {
    stack: [rdsInstance({ dbSubnetGroupName: undefined })],
    message: /^ACC-1: 'subject' has no dbSubnetGroupName/,
  },
  "iam-managed-policy-unverified": {
    stack: [
      res("aws:iam/rolePolicyAttachment:RolePolicyAttachment", {
        role: "r",
        policyArn: "arn:aws:iam::aws:policy/FutureAccess",
      }),
    ],
    message: /^IAM-2: .*FutureAccess.*not judged/,
  },
  "ssm-parameter-credential-hint": {
    stack: [
      res("aws:ssm/parameter:Parameter", {
        name: "/app/password-policy",
        type: "String",
        value: "x",
      }),
    ],
    message:
      /^APP-1: SSM parameter 'subject' is type "String" but its name or description mentions a credential/,
  },
};

describe("advisory policies: each raises its finding at advisory level (issue 11)", () => {
  const advisory = PROFILES.flatMap((profile) =>
    allPolicies
      .filter((p) => levelIn(profile, p.name) === "advisory")
      .map((p) => ({ profile, name: p.name })),
  );

  it("ALL: every policy advisory in a profile has a fixture here, and every fixture names one", () => {
    const names = new Set(advisory.map((a) => a.name));
    assert.deepStrictEqual(Object.keys(FIXTURES).sort(), [...names].sort());
  });

  for (const { profile, name } of advisory) {
    it(`ALL: ${name} is raised as an advisory under the ${profile} profile, never as a block`, () => {
      const fixture = FIXTURES[name];
      assert.ok(fixture, `no violating fixture for ${name}`);
      const r = run(fixture.stack, loadPackConfig(profile));
      const found = hits(r, name);
      assert.ok(found.length > 0, `${name} raised nothing under ${profile}`);
      assert.deepStrictEqual(
        found.map((v) => v.enforcementLevel),
        found.map(() => "advisory"),
      );
      assert.ok(
        found.some((v) => fixture.message.test(v.message)),
        `${name}: ${found.map((v) => v.message).join(" | ")}`,
      );
    });
  }
});

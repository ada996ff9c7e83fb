import * as assert from "assert";
import { UNKNOWN } from "../../harness/evaluate";
import { assertBlocks, assertPasses, hits, res, run } from "../helpers";

const P = "iam-no-privileged-managed-policies";
const U = "iam-managed-policy-unverified";
const W = "iam-no-wildcard-actions";
const E = "iam-no-privilege-escalation";
const T = "iam-trust-policy-not-public";
const ROLE = "aws:iam/role:Role";
const arn = (name: string) => `arn:aws:iam::aws:policy/${name}`;

/** Every attachment type and the property @pulumi/aws v7 names its ARN(s) with. */
const ATTACHMENTS: Readonly<Record<string, string>> = {
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": "policyArn",
  "aws:iam/policyAttachment:PolicyAttachment": "policyArn",
  "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": "policyArn",
  "aws:iam/userPolicyAttachment:UserPolicyAttachment": "policyArn",
  "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive": "policyArns",
  "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive": "policyArns",
  "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive": "policyArns",
  [ROLE]: "managedPolicyArns",
};

/** One attachment of `policy` through each type, in the shape the type takes. */
function attach(type: string, policy: string): Record<string, unknown> {
  const key = ATTACHMENTS[type];
  return { [key]: key === "policyArn" ? policy : [policy], assumeRolePolicy: "{}" };
}

describe("policies/identity: AWS managed policies by content (IAM-2)", () => {
  for (const type of Object.keys(ATTACHMENTS)) {
    const short = type.split(":").pop();
    it(`IAM-2: ${short} blocks AdministratorAccess and passes AmazonSSMManagedInstanceCore`, () => {
      assertBlocks(
        run(res(type, attach(type, arn("AdministratorAccess")))),
        P,
        /every action of every service/,
      );
      assertPasses(run(res(type, attach(type, arn("AmazonSSMManagedInstanceCore")))), P);
    });
  }
  it("IAM-2: blocks managed policies outside the old name list by content (write-all, NotAction, escalation)", () => {
    const type = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
    assertBlocks(
      run(res(type, { role: "r", policyArn: arn("CloudWatchLogsFullAccess") })),
      P,
      /logs:\*/,
    );
    assertBlocks(
      run(res(type, { role: "r", policyArn: arn("job-function/PowerUserAccess") })),
      P,
      /NotAction/,
    );
    assertBlocks(
      run(res(type, { role: "r", policyArn: arn("AdministratorAccess-Amplify") })),
      P,
      /privilege escalation/,
    );
  });
  it("IAM-2: judges ARNs in any partition; customer-managed ARNs are judged on their aws.iam.Policy", () => {
    const type = "aws:iam/userPolicyAttachment:UserPolicyAttachment";
    assertBlocks(
      run(res(type, { user: "u", policyArn: "arn:aws-cn:iam::aws:policy/AmazonS3FullAccess" })),
      P,
    );
    assertPasses(
      run(res(type, { user: "u", policyArn: "arn:aws:iam::123456789012:policy/Mine" })),
      P,
    );
  });
  it("IAM-2: AWS service-role policies pass unless they grant administrator access", () => {
    const type = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
    for (const name of [
      "service-role/AWS_ConfigRole",
      "service-role/AmazonRDSEnhancedMonitoringRole",
      "service-role/AmazonSSMMaintenanceWindowRole",
      "CloudWatchAgentServerPolicy",
      "AWSMarketplaceMeteringFullAccess",
    ]) {
      assertPasses(run(res(type, { role: "r", policyArn: arn(name) })), P);
    }
  });
  it("IAM-2: the deny list still blocks by name, whatever the content", () => {
    const r = run(
      res("aws:iam/rolePolicyAttachment:RolePolicyAttachment", {
        role: "r",
        policyArn: arn("ReadOnlyAccess"),
      }),
      { [P]: { deniedManagedPolicies: ["ReadOnlyAccess"] } },
    );
    assertBlocks(r, P, /in deniedManagedPolicies/);
    assertPasses(
      run(
        res("aws:iam/rolePolicyAttachment:RolePolicyAttachment", {
          role: "r",
          policyArn: arn("ReadOnlyAccess"),
        }),
      ),
      P,
    );
  });
  it("IAM-2: an AWS managed policy the snapshot does not know is an advisory, never a block", () => {
    const r = run(
      res("aws:iam/rolePolicyAttachment:RolePolicyAttachment", {
        role: "r",
        policyArn: arn("FutureAccess"),
      }),
    );
    assertPasses(r, P);
    assert.match(hits(r, U, "advisory")[0]?.message ?? "", /^IAM-2: .*FutureAccess.*not judged/);
    assert.strictEqual(hits(run(res(ROLE, attach(ROLE, arn("AdministratorAccess")))), U).length, 0);
  });
  it("IAM-2: at preview an unknown ARN is the engine's advisory and does not hide a known one beside it", () => {
    const r = run(
      res(ROLE, { managedPolicyArns: [UNKNOWN.string, arn("IAMFullAccess")] }),
      {},
      true,
    );
    assert.strictEqual(hits(r, P, "mandatory").length, 1);
    assert.match(hits(r, P, "advisory")[0]?.message ?? "", /can't run policy/);
  });
});

describe("policies/identity: identity documents (IAM-2)", () => {
  const docTypes = [
    "aws:iam/policy:Policy",
    "aws:iam/rolePolicy:RolePolicy",
    "aws:iam/userPolicy:UserPolicy",
    "aws:iam/groupPolicy:GroupPolicy",
  ];
  const doc = (...statements: Array<Record<string, unknown>>) =>
    JSON.stringify({
      Version: "2012-10-17",
      Statement: statements.map((s) => ({ Effect: "Allow", ...s })),
    });
  for (const type of docTypes) {
    const short = type.split(":").pop();
    it(`IAM-2: ${short} blocks Action "*" (JSON string) and passes a narrow read`, () => {
      assertBlocks(
        run(res(type, { policy: doc({ Action: "*", Resource: "*" }) })),
        W,
        /statement 0/,
      );
      assertPasses(
        run(res(type, { policy: doc({ Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }) })),
        W,
      );
    });
    it(`IAM-2: ${short} blocks escalation on all resources and passes it on one role`, () => {
      assertBlocks(
        run(res(type, { policy: doc({ Action: "iam:Put*", Resource: "*" }) })),
        E,
        /iam:PutRolePolicy/,
      );
      assertPasses(
        run(
          res(type, {
            policy: doc({ Action: "iam:PutRolePolicy", Resource: "arn:aws:iam::1:role/x" }),
          }),
        ),
        E,
      );
    });
  }
  it("IAM-2: each policy reports only its own kinds of finding", () => {
    const everything = run(
      res("aws:iam/policy:Policy", { policy: doc({ Action: "*", Resource: "*" }) }),
    );
    assertBlocks(everything, W);
    assertPasses(everything, E);
    const escalation = run(
      res("aws:iam/policy:Policy", {
        policy: doc({ Action: "iam:CreateAccessKey", Resource: "*" }),
      }),
    );
    assertBlocks(escalation, E);
    assertPasses(escalation, W);
  });
  it("IAM-2: object documents, iam:?*, s3:*Object on everything and NotAction are blocked", () => {
    const type = "aws:iam/policy:Policy";
    assertBlocks(
      run(
        res(type, {
          policy: { Statement: [{ Effect: "Allow", Action: ["ec2:*"], Resource: "*" }] },
        }),
      ),
      W,
      /ec2:\*/,
    );
    assertBlocks(
      run(res(type, { policy: doc({ Action: "iam:?*", Resource: "arn:aws:iam::1:role/x" }) })),
      W,
      /iam:\?\*/,
    );
    assertBlocks(
      run(res(type, { policy: doc({ Action: "s3:*Object", Resource: "arn:*:*:*:*:*" }) })),
      W,
      /s3:PutObject/,
    );
    assertPasses(
      run(res(type, { policy: doc({ Action: "s3:*Object", Resource: "arn:aws:s3:::b/*" }) })),
      W,
    );
    assertBlocks(
      run(res(type, { policy: doc({ NotAction: "iam:*", Resource: "arn:aws:s3:::b" }) })),
      W,
      /NotAction/,
    );
  });
  it("IAM-2: PassRole with a launch, and admin-level actions on all resources, are escalation findings", () => {
    const type = "aws:iam/rolePolicy:RolePolicy";
    assertBlocks(
      run(
        res(type, {
          role: "r",
          policy: doc({ Action: ["iam:PassRole", "ec2:RunInstances"], Resource: "*" }),
        }),
      ),
      E,
      /iam:PassRole \+ ec2:RunInstances/,
    );
    assertBlocks(
      run(
        res(type, {
          role: "r",
          policy: doc({ Action: "secretsmanager:GetSecretValue", Resource: "*" }),
        }),
      ),
      E,
      /reads every secret/,
    );
    assertPasses(
      run(
        res(type, {
          role: "r",
          policy: doc({
            Action: "secretsmanager:GetSecretValue",
            Resource: "arn:aws:secretsmanager:eu-west-1:1:secret:db-*",
          }),
        }),
      ),
      E,
    );
  });
  it("IAM-2: a role's inlinePolicies are judged one by one", () => {
    const r = run(
      res(ROLE, {
        assumeRolePolicy: "{}",
        inlinePolicies: [
          { name: "ok", policy: doc({ Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }) },
          { name: "bad", policy: doc({ Action: "s3:*", Resource: "*" }) },
        ],
      }),
    );
    assertBlocks(r, W, /inlinePolicies\[1\]/);
  });
  it("IAM-2: an unknown document is the engine's advisory; a known bad inline policy beside an unknown one blocks", () => {
    const r = run(res("aws:iam/policy:Policy", { policy: UNKNOWN.string }), {}, true);
    assert.strictEqual(hits(r, W, "advisory").length, 1);
    assert.strictEqual(hits(r, W, "mandatory").length, 0);
    const r2 = run(
      res(ROLE, {
        inlinePolicies: [
          { name: "x", policy: UNKNOWN.string },
          { name: "y", policy: doc({ Action: "*", Resource: "*" }) },
        ],
      }),
      {},
      true,
    );
    assert.strictEqual(hits(r2, W, "mandatory").length, 1);
  });
});

describe("policies/identity: trust policies (IAM-2)", () => {
  const trust = (statement: Record<string, unknown>) =>
    JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", ...statement }],
    });
  it('IAM-2: blocks Principal "*" and {"AWS": "*"} without a restricting condition', () => {
    assertBlocks(
      run(res(ROLE, { assumeRolePolicy: trust({ Principal: "*" }) })),
      T,
      /^IAM-2: role 'subject' assumeRolePolicy statement 0/,
    );
    assertBlocks(run(res(ROLE, { assumeRolePolicy: trust({ Principal: { AWS: "*" } }) })), T);
    assertBlocks(
      run(
        res(ROLE, {
          assumeRolePolicy: trust({
            Principal: { AWS: "*" },
            Condition: { Bool: { "aws:SecureTransport": "true" } },
          }),
        }),
      ),
      T,
      /does not restrict the caller/,
    );
    assertBlocks(
      run(res(ROLE, { assumeRolePolicy: trust({ NotPrincipal: { AWS: "arn:aws:iam::1:root" } }) })),
      T,
      /NotPrincipal/,
    );
  });
  it('IAM-2: passes a service principal, an account, and "*" restricted to the organization', () => {
    assertPasses(
      run(res(ROLE, { assumeRolePolicy: trust({ Principal: { Service: "ec2.amazonaws.com" } }) })),
      T,
    );
    assertPasses(
      run(
        res(ROLE, {
          assumeRolePolicy: trust({ Principal: { AWS: "arn:aws:iam::123456789012:root" } }),
        }),
      ),
      T,
    );
    assertPasses(
      run(
        res(ROLE, {
          assumeRolePolicy: trust({
            Principal: { AWS: "*" },
            Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc" } },
          }),
        }),
      ),
      T,
    );
  });
  it("IAM-2: an assumeRolePolicy unknown at preview is the engine's advisory", () => {
    const r = run(res(ROLE, { assumeRolePolicy: UNKNOWN.string }), {}, true);
    assert.strictEqual(hits(r, T, "mandatory").length, 0);
    assert.strictEqual(hits(r, T, "advisory").length, 1);
  });
});

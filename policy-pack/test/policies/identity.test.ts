import { assertBlocks, assertPasses, res, run } from "../helpers";

const P = "iam-no-privileged-managed-policies";
const W = "iam-no-wildcard-actions";

describe("policies/identity", () => {
  const attachmentTypes: Array<[string, Record<string, unknown>]> = [
    ["aws:iam/rolePolicyAttachment:RolePolicyAttachment", { role: "r" }],
    ["aws:iam/policyAttachment:PolicyAttachment", { roles: ["r"] }],
    ["aws:iam/groupPolicyAttachment:GroupPolicyAttachment", { group: "g" }],
    ["aws:iam/userPolicyAttachment:UserPolicyAttachment", { user: "u" }],
  ];
  for (const [type, extra] of attachmentTypes) {
    it(`IAM-2: blocks AdministratorAccess through ${type.split(":").pop()}`, () => {
      assertBlocks(
        run(res(type, { ...extra, policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" })),
        P,
        /AdministratorAccess/,
      );
    });
  }
  it("IAM-2: blocks denied policies in aws-cn and aws-us-gov partitions", () => {
    assertBlocks(
      run(
        res("aws:iam/rolePolicyAttachment:RolePolicyAttachment", {
          role: "r",
          policyArn: "arn:aws-cn:iam::aws:policy/AmazonS3FullAccess",
        }),
      ),
      P,
    );
    assertBlocks(
      run(
        res("aws:iam/rolePolicyAttachment:RolePolicyAttachment", {
          role: "r",
          policyArn: "arn:aws-us-gov:iam::aws:policy/IAMFullAccess",
        }),
      ),
      P,
    );
  });
  it("IAM-2: blocks a denied ARN in role managedPolicyArns and in RolePolicyAttachmentsExclusive", () => {
    assertBlocks(
      run(
        res("aws:iam/role:Role", {
          assumeRolePolicy: "{}",
          managedPolicyArns: [
            "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
            "arn:aws:iam::aws:policy/PowerUserAccess",
          ],
        }),
      ),
      P,
      /PowerUserAccess/,
    );
    assertBlocks(
      run(
        res("aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive", {
          roleName: "r",
          policyArns: ["arn:aws:iam::aws:policy/AmazonEC2FullAccess"],
        }),
      ),
      P,
    );
  });
  it("IAM-2: AWSMarketplaceMeteringFullAccess, SSM core and CloudWatch agent policies pass", () => {
    for (const n of [
      "AWSMarketplaceMeteringFullAccess",
      "AmazonSSMManagedInstanceCore",
      "CloudWatchAgentServerPolicy",
    ]) {
      assertPasses(
        run(
          res("aws:iam/rolePolicyAttachment:RolePolicyAttachment", {
            role: "r",
            policyArn: `arn:aws:iam::aws:policy/${n}`,
          }),
        ),
        P,
      );
    }
  });
  it("IAM-2: the deny list is configurable", () => {
    const r = run(
      res("aws:iam/rolePolicyAttachment:RolePolicyAttachment", {
        role: "r",
        policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess",
      }),
      { [P]: { deniedManagedPolicies: ["ReadOnlyAccess"] } },
    );
    assertBlocks(r, P);
  });

  const docTypes = [
    "aws:iam/policy:Policy",
    "aws:iam/rolePolicy:RolePolicy",
    "aws:iam/userPolicy:UserPolicy",
    "aws:iam/groupPolicy:GroupPolicy",
  ];
  for (const type of docTypes) {
    it(`IAM-2: blocks Action "*" in a JSON-string document on ${type.split(":").pop()}`, () => {
      assertBlocks(
        run(
          res(type, {
            policy: JSON.stringify({
              Version: "2012-10-17",
              Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
            }),
          }),
        ),
        W,
        /"\*"/,
      );
    });
  }
  it("IAM-2: blocks service:* in an object document and NotAction+Allow on *", () => {
    assertBlocks(
      run(
        res("aws:iam/policy:Policy", {
          policy: {
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: ["ec2:*"], Resource: "*" }],
          },
        }),
      ),
      W,
      /ec2:\*/,
    );
    assertBlocks(
      run(
        res("aws:iam/rolePolicy:RolePolicy", {
          role: "r",
          policy: { Statement: [{ Effect: "Allow", NotAction: ["iam:*"], Resource: "*" }] },
        }),
      ),
      W,
      /NotAction/,
    );
  });
  it("IAM-2: blocks a wildcard in a role's inlinePolicies", () => {
    assertBlocks(
      run(
        res("aws:iam/role:Role", {
          assumeRolePolicy: "{}",
          inlinePolicies: [
            {
              name: "x",
              policy: JSON.stringify({
                Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }],
              }),
            },
          ],
        }),
      ),
      W,
      /inlinePolicies\[0\]/,
    );
  });
  it("IAM-2: passes our narrow secret read and a trust policy", () => {
    assertPasses(
      run(
        res("aws:iam/rolePolicy:RolePolicy", {
          role: "r",
          policy: JSON.stringify({
            Statement: [
              {
                Effect: "Allow",
                Action: "secretsmanager:GetSecretValue",
                Resource: "arn:aws:secretsmanager:eu-west-1:1:secret:x",
              },
            ],
          }),
        }),
      ),
      W,
    );
    assertPasses(
      run(
        res("aws:iam/role:Role", {
          assumeRolePolicy: JSON.stringify({
            Statement: [
              {
                Effect: "Allow",
                Principal: { Service: "ec2.amazonaws.com" },
                Action: "sts:AssumeRole",
              },
            ],
          }),
        }),
      ),
      W,
    );
  });
});

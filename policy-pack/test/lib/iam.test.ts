import * as assert from "assert";
import {
  deniedPolicyName,
  isWildcardAction,
  parsePolicyArn,
  parsePolicyDocument,
  wildcardFindings,
} from "../../lib/iam";

const DENIED = [
  "AdministratorAccess",
  "PowerUserAccess",
  "IAMFullAccess",
  "AmazonS3FullAccess",
  "AmazonEC2FullAccess",
];

describe("lib/iam: IAM-2 managed-policy ARNs and policy documents", () => {
  const arns: Array<[unknown, string | undefined]> = [
    ["arn:aws:iam::aws:policy/AdministratorAccess", "AdministratorAccess"],
    ["arn:aws-cn:iam::aws:policy/AdministratorAccess", "AdministratorAccess"],
    ["arn:aws-us-gov:iam::aws:policy/AmazonS3FullAccess", "AmazonS3FullAccess"],
    ["arn:aws:iam::aws:policy/job-function/PowerUserAccess", "PowerUserAccess"],
    ["arn:aws:iam::123456789012:policy/IAMFullAccess", "IAMFullAccess"],
    ["arn:aws:iam::aws:policy/AWSMarketplaceMeteringFullAccess", undefined],
    ["arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore", undefined],
    ["arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy", undefined],
    ["arn:aws:iam::aws:policy/AmazonEC2FullAccessX", undefined],
    ["AdministratorAccess", undefined],
    [undefined, undefined],
    [7, undefined],
  ];
  for (const [arn, expected] of arns) {
    it(`IAM-2: ${JSON.stringify(arn)} ${expected ? `is denied (${expected})` : "passes"}`, () => {
      assert.strictEqual(deniedPolicyName(arn, DENIED), expected);
    });
  }
  it("IAM-2: parses partition, account, path and name", () => {
    assert.deepStrictEqual(
      parsePolicyArn("arn:aws-cn:iam::aws:policy/service-role/AmazonSSMRole"),
      {
        partition: "aws-cn",
        account: "aws",
        path: "/service-role/",
        name: "AmazonSSMRole",
      },
    );
  });

  const actions: Array<[string, boolean]> = [
    ["*", true],
    ["*:*", true],
    ["s3:*", true],
    ["IAM:*", true],
    ["ec2:**", true],
    ["s3:GetObject", false],
    ["s3:Get*", false],
    ["secretsmanager:GetSecretValue", false],
  ];
  for (const [a, expected] of actions) {
    it(`IAM-2: action ${JSON.stringify(a)} is ${expected ? "" : "not "}a wildcard`, () => {
      assert.strictEqual(isWildcardAction(a), expected);
    });
  }

  const docs: Array<[string, unknown, number]> = [
    [
      "JSON string, Action '*'",
      JSON.stringify({ Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }),
      1,
    ],
    [
      "object, Action list with s3:*",
      {
        Statement: [
          { Effect: "Allow", Action: ["s3:GetObject", "s3:*"], Resource: "arn:aws:s3:::b/*" },
        ],
      },
      1,
    ],
    [
      "single Statement object",
      { Statement: { Effect: "Allow", Action: "iam:*", Resource: "*" } },
      1,
    ],
    [
      "Allow NotAction on *",
      { Statement: [{ Effect: "Allow", NotAction: "iam:*", Resource: "*" }] },
      1,
    ],
    [
      "Allow NotAction with NotResource",
      {
        Statement: [
          { Effect: "Allow", NotAction: ["s3:DeleteBucket"], NotResource: "arn:aws:s3:::x" },
        ],
      },
      1,
    ],
    [
      "Allow NotAction on one resource",
      {
        Statement: [
          { Effect: "Allow", NotAction: "s3:DeleteObject", Resource: "arn:aws:s3:::x/*" },
        ],
      },
      0,
    ],
    ["Deny '*'", { Statement: [{ Effect: "Deny", Action: "*", Resource: "*" }] }, 0],
    [
      "narrow secret read",
      {
        Statement: [
          {
            Effect: "Allow",
            Action: ["secretsmanager:GetSecretValue"],
            Resource: ["arn:aws:secretsmanager:eu-west-1:1:secret:x"],
          },
        ],
      },
      0,
    ],
    ["unparseable JSON", "{not json", 0],
    ["null", null, 0],
    ["Statement of junk", { Statement: [1, "x", null] }, 0],
  ];
  for (const [label, doc, n] of docs) {
    it(`IAM-2: ${label} -> ${n} finding(s)`, () => {
      assert.strictEqual(wildcardFindings(doc).length, n);
    });
  }
  it("IAM-2: parses string and list forms alike", () => {
    const [a] = parsePolicyDocument({
      Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: ["a", "b"] }],
    });
    assert.deepStrictEqual(a.actions, ["s3:GetObject"]);
    assert.deepStrictEqual(a.resources, ["a", "b"]);
  });
});

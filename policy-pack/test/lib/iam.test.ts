import * as assert from "assert";
import {
  deniedPolicyName,
  FindingKind,
  identityDocumentFindings,
  isAllow,
  isPositiveOperator,
  onAllResources,
  parsePolicyArn,
  parsePolicyDocument,
  resourceCoversEverything,
} from "../../lib/iam";

const DENIED = [
  "AdministratorAccess",
  "PowerUserAccess",
  "IAMFullAccess",
  "AmazonS3FullAccess",
  "AmazonEC2FullAccess",
];

const allow = (st: Record<string, unknown>) => ({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", ...st }],
});
const kinds = (doc: unknown, options?: { wildcardWrites?: boolean }): FindingKind[] =>
  identityDocumentFindings(doc, options).map((f) => f.kind);

describe("lib/iam: IAM-2 managed-policy ARNs", () => {
  const arns: Array<[unknown, string | undefined]> = [
    ["arn:aws:iam::aws:policy/AdministratorAccess", "AdministratorAccess"],
    ["arn:aws-cn:iam::aws:policy/AdministratorAccess", "AdministratorAccess"],
    ["arn:aws-us-gov:iam::aws:policy/AmazonS3FullAccess", "AmazonS3FullAccess"],
    ["arn:aws:iam::aws:policy/job-function/PowerUserAccess", "PowerUserAccess"],
    ["arn:aws:iam::123456789012:policy/IAMFullAccess", "IAMFullAccess"],
    ["arn:aws:iam::aws:policy/AWSMarketplaceMeteringFullAccess", undefined],
    ["arn:aws:iam::aws:policy/AmazonEC2FullAccessX", undefined],
    ["AdministratorAccess", undefined],
    [undefined, undefined],
    [7, undefined],
  ];
  for (const [arn, expected] of arns) {
    it(`IAM-2: ${JSON.stringify(arn)} ${expected ? `is denied (${expected})` : "passes the name list"}`, () => {
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
    assert.strictEqual(parsePolicyArn("arn:aws:iam::aws:role/x"), undefined);
    assert.deepStrictEqual(parsePolicyArn(" arn:aws:iam::aws:policy/AdministratorAccess "), {
      partition: "aws",
      account: "aws",
      path: "/",
      name: "AdministratorAccess",
    });
    assert.strictEqual(parsePolicyArn("x-arn:aws:iam::aws:policy/AdministratorAccess"), undefined);
  });
  it("IAM-2: a deny-list entry matches whatever the spacing and case", () => {
    assert.strictEqual(
      deniedPolicyName("arn:aws:iam::aws:policy/administratoraccess", [" AdministratorAccess "]),
      " AdministratorAccess ",
    );
  });
});

describe("lib/iam: parsing policy documents", () => {
  it("IAM-2: parses string and list forms, principals and conditions alike", () => {
    const [a, b] = parsePolicyDocument(
      JSON.stringify({
        Statement: [
          { Effect: "Allow", Action: "s3:GetObject", Resource: ["a", "b"], Principal: "*" },
          {
            Effect: "Allow",
            NotAction: ["iam:*"],
            NotResource: "x",
            NotPrincipal: { AWS: "arn:aws:iam::1:root" },
            Principal: { AWS: ["arn:aws:iam::1:root", "*"] },
            Condition: { StringEquals: { "aws:SourceVpce": ["vpce-1", "vpce-2"], "aws:x": 1 } },
          },
        ],
      }),
    );
    assert.deepStrictEqual(a.actions, ["s3:GetObject"]);
    assert.deepStrictEqual(a.resources, ["a", "b"]);
    assert.strictEqual(a.publicPrincipal, true);
    assert.strictEqual(a.hasCondition, false);
    assert.strictEqual(b.hasCondition, true);
    assert.deepStrictEqual(b.notActions, ["iam:*"]);
    assert.strictEqual(b.hasNotResource, true);
    assert.strictEqual(b.hasNotPrincipal, true);
    assert.strictEqual(b.publicPrincipal, true);
    assert.deepStrictEqual(b.conditions, [
      { operator: "StringEquals", key: "aws:SourceVpce", values: ["vpce-1", "vpce-2"] },
      { operator: "StringEquals", key: "aws:x", values: ["1"] },
    ]);
  });
  it("IAM-2: spaces around names, effects and principals are ignored; non-text entries are dropped", () => {
    const [st] = parsePolicyDocument({
      Statement: {
        Effect: " Allow ",
        Action: [" s3:GetObject ", null, {}],
        Resource: " * ",
        Principal: " * ",
        Condition: {
          " StringEquals ": { " aws:SourceVpce ": "vpce-1" },
          Bool: "not a block",
        },
      },
    });
    assert.strictEqual(isAllow(st), true);
    assert.deepStrictEqual(st.actions, ["s3:GetObject"]);
    assert.deepStrictEqual(st.resources, ["*"]);
    assert.strictEqual(st.publicPrincipal, true);
    assert.deepStrictEqual(st.conditions, [
      { operator: "StringEquals", key: "aws:SourceVpce", values: ["vpce-1"] },
    ]);
  });
  it("IAM-2: junk yields no statements and never throws", () => {
    for (const doc of ["{not json", null, 7, [], { Statement: [1, "x", null] }, { Statement: 5 }]) {
      assert.deepStrictEqual(parsePolicyDocument(doc), []);
    }
  });
  it("IAM-2: a service or account principal is not everyone", () => {
    for (const p of [{ Service: "ec2.amazonaws.com" }, { AWS: "arn:aws:iam::1:root" }, "x"]) {
      assert.strictEqual(parsePolicyDocument(allow({ Principal: p }))[0].publicPrincipal, false);
    }
  });
  const operators: Array<[string, boolean]> = [
    ["StringEquals", true],
    ["ForAnyValue:StringLike", true],
    ["ArnLike", true],
    ["IpAddress", true],
    ["StringEqualsIfExists", false],
    ["ForAllValues:StringEquals", false],
    ["StringNotEquals", false],
    ["NotIpAddress", false],
    ["Null", false],
    [" StringEqualsIfExists ", false],
    [" ForAllValues:StringEquals", false],
  ];
  for (const [op, positive] of operators) {
    it(`IAM-2: condition operator ${op} ${positive ? "requires" : "does not require"} the key`, () => {
      assert.strictEqual(isPositiveOperator(op), positive);
    });
  }
});

describe("lib/iam: resources that cover everything", () => {
  const cases: Array<[string, boolean]> = [
    ["*", true],
    ["arn:aws:*:*:*:*", true],
    ["arn:*:*:*:*:*", true],
    ["arn:aws:*", true],
    ["arn:*", true],
    ["arn:aws-cn:*:*:*:*", true],
    ["arn:aws:*:*:*:*/*", false],
    ["arn:aws:s3:::*", false],
    ["arn:aws:iam::*:role/*", false],
    ["arn:aws:*:eu-west-1:*:*", false],
    ["arn:aws:*:*:123456789012:*", false],
    ["", false],
    [" * ", true],
    ["arn:aws-us-gov:*", true],
    ["arn:aws-iso:*", true],
    ["arn:aws-iso-b:*", true],
    ["arn:aws-eusc:*", true],
    ["arn:aws-iso-x:*", false],
  ];
  for (const [pattern, all] of cases) {
    it(`IAM-2: Resource ${JSON.stringify(pattern)} ${all ? "covers" : "does not cover"} every resource`, () => {
      assert.strictEqual(resourceCoversEverything(pattern), all);
    });
  }
  it("IAM-2: a NotResource list counts as all resources", () => {
    assert.strictEqual(onAllResources(parsePolicyDocument(allow({ NotResource: "a" }))[0]), true);
    assert.strictEqual(onAllResources(parsePolicyDocument(allow({ Resource: "a" }))[0]), false);
    assert.strictEqual(
      onAllResources(parsePolicyDocument(allow({ Resource: ["arn:aws:s3:::b", "*"] }))[0]),
      true,
    );
  });
});

describe("lib/iam: IAM-2 findings of identity documents", () => {
  const docs: Array<[string, unknown, FindingKind[]]> = [
    [
      "Action '*' (JSON string)",
      JSON.stringify(allow({ Action: "*", Resource: "*" })),
      ["every-action"],
    ],
    [
      "Action '*:*' on one bucket",
      allow({ Action: "*:*", Resource: "arn:aws:s3:::b" }),
      ["every-action"],
    ],
    [
      "s3:* on one bucket",
      allow({ Action: ["s3:GetObject", "s3:*"], Resource: "arn:aws:s3:::b/*" }),
      ["whole-service"],
    ],
    [
      "IAM:* in any case",
      allow({ Action: "IAM:*", Resource: "arn:aws:iam::1:role/x" }),
      ["whole-service"],
    ],
    [
      "iam:?* covers all of IAM",
      allow({ Action: "iam:?*", Resource: "arn:aws:iam::1:role/x" }),
      ["whole-service"],
    ],
    [
      "single Statement object",
      { Statement: { Effect: "Allow", Action: "ec2:**", Resource: "x" } },
      ["whole-service"],
    ],
    [
      "an unknown service with :*",
      allow({ Action: "nosuchservice:*", Resource: "x" }),
      ["whole-service"],
    ],
    [
      "an explicit action of a one-action service",
      allow({ Action: "action-recommendations:ListRecommendedActions", Resource: "*" }),
      [],
    ],
    [
      "NotAction on one resource",
      allow({ NotAction: "s3:DeleteObject", Resource: "arn:aws:s3:::x/*" }),
      ["not-action"],
    ],
    [
      "NotAction with NotResource",
      allow({ NotAction: ["s3:DeleteBucket"], NotResource: "arn:aws:s3:::x" }),
      ["not-action"],
    ],
    [
      "s3:*Object on everything",
      allow({ Action: "s3:*Object", Resource: "arn:aws:*:*:*:*" }),
      ["wildcard-write"],
    ],
    ["s3:*Object on one bucket", allow({ Action: "s3:*Object", Resource: "arn:aws:s3:::b/*" }), []],
    [
      "s3:Get* and ec2:Describe* on *",
      allow({ Action: ["s3:Get*", "ec2:Describe*"], Resource: "*" }),
      [],
    ],
    [
      "iam:Put* on *",
      allow({ Action: "iam:Put*", Resource: "*" }),
      ["wildcard-write", "escalation"],
    ],
    [
      "iam:PutRolePolicy on one role",
      allow({ Action: "iam:PutRolePolicy", Resource: "arn:aws:iam::1:role/x" }),
      [],
    ],
    [
      "iam:CreateAccessKey on *",
      allow({ Action: "iam:CreateAccessKey", Resource: "*" }),
      ["escalation"],
    ],
    [
      "iam:UpdateAssumeRolePolicy on arn:*",
      allow({ Action: "iam:UpdateAssumeRolePolicy", Resource: "arn:*" }),
      ["escalation"],
    ],
    [
      "PassRole on * with RunInstances in another statement",
      {
        Statement: [
          { Effect: "Allow", Action: "iam:PassRole", Resource: "*" },
          { Effect: "Allow", Action: "ec2:RunInstances", Resource: "arn:aws:ec2:*:1:instance/*" },
        ],
      },
      ["escalation"],
    ],
    ["PassRole on * alone", allow({ Action: "iam:PassRole", Resource: "*" }), []],
    [
      "PassRole on one role with RunInstances",
      allow({ Action: ["iam:PassRole", "ec2:RunInstances"], Resource: "arn:aws:iam::1:role/app" }),
      [],
    ],
    [
      "secretsmanager:GetSecretValue on *",
      allow({ Action: "secretsmanager:GetSecretValue", Resource: "*" }),
      ["admin-action"],
    ],
    ["kms:Decrypt on *", allow({ Action: "kms:Decrypt", Resource: "*" }), ["admin-action"]],
    [
      "kms:Decrypt on * scoped by kms:ViaService",
      allow({
        Action: "kms:Decrypt",
        Resource: "*",
        Condition: { StringEquals: { "kms:ViaService": "secretsmanager.eu-west-1.amazonaws.com" } },
      }),
      [],
    ],
    [
      "kms:Decrypt on * with a negated tag condition",
      allow({
        Action: "kms:Decrypt",
        Resource: "*",
        Condition: { StringNotEquals: { "aws:ResourceTag/env": "prod" } },
      }),
      ["admin-action"],
    ],
    [
      "kms:Decrypt on one key",
      allow({ Action: "kms:Decrypt", Resource: "arn:aws:kms:eu-west-1:1:key/k" }),
      [],
    ],
    [
      "ec2:TerminateInstances on *",
      allow({ Action: "ec2:TerminateInstances", Resource: "*" }),
      ["admin-action"],
    ],
    [
      "kms:Decrypt on * scoped by a resource tag",
      allow({
        Action: "kms:Decrypt",
        Resource: "*",
        Condition: { StringEquals: { "aws:ResourceTag/env": "prod" } },
      }),
      [],
    ],
    [
      "kms:Decrypt on * scoped by an encryption context",
      allow({
        Action: "kms:Decrypt",
        Resource: "*",
        Condition: { StringEquals: { "kms:EncryptionContext:purpose": "app" } },
      }),
      [],
    ],
    [
      "kms:Decrypt on * with a scoping key but no value",
      allow({
        Action: "kms:Decrypt",
        Resource: "*",
        Condition: { StringEquals: { "kms:ViaService": [] } },
      }),
      ["admin-action"],
    ],
    [
      "kms:Decrypt on * with a key that only starts like kms:ViaService",
      allow({
        Action: "kms:Decrypt",
        Resource: "*",
        Condition: { StringEquals: { "kms:ViaServiceName": "x" } },
      }),
      ["admin-action"],
    ],
    [
      "kms:Decrypt on * with a condition that scopes the request, not the resource",
      allow({
        Action: "kms:Decrypt",
        Resource: "*",
        Condition: { StringEquals: { "aws:RequestedRegion": "eu-west-1" } },
      }),
      ["admin-action"],
    ],
    ["Deny '*'", { Statement: [{ Effect: "Deny", Action: "*", Resource: "*" }] }, []],
    [
      "narrow secret read",
      allow({
        Action: ["secretsmanager:GetSecretValue"],
        Resource: ["arn:aws:secretsmanager:eu-west-1:1:secret:x"],
      }),
      [],
    ],
    ["unparseable JSON", "{not json", []],
  ];
  for (const [label, doc, expected] of docs) {
    it(`IAM-2: ${label} -> ${expected.join(", ") || "no finding"}`, () => {
      assert.deepStrictEqual(kinds(doc), expected);
    });
  }
  it("IAM-2: a whole-service grant is not repeated as escalation or admin-action findings", () => {
    assert.deepStrictEqual(kinds(allow({ Action: ["iam:*", "kms:*"], Resource: "*" })), [
      "whole-service",
    ]);
  });
  it("IAM-2: wildcardWrites false keeps admin and escalation findings but not wildcard writes", () => {
    assert.deepStrictEqual(
      kinds(allow({ Action: "s3:*Object", Resource: "*" }), { wildcardWrites: false }),
      [],
    );
    assert.deepStrictEqual(
      kinds(allow({ Action: "iam:Put*", Resource: "*" }), { wildcardWrites: false }),
      ["escalation"],
    );
  });
  it("IAM-2: findings come in statement order", () => {
    const findings = identityDocumentFindings({
      Statement: [
        { Effect: "Allow", Action: "kms:Decrypt", Resource: "*" },
        { Effect: "Allow", Action: "s3:*Object", Resource: "*" },
      ],
    });
    assert.deepStrictEqual(
      findings.map((f) => [f.statementIndex, f.kind]),
      [
        [0, "admin-action"],
        [1, "wildcard-write"],
      ],
    );
  });
  it("IAM-2: a finding lists every whole-service pattern, and at most four NotActions", () => {
    const [every] = identityDocumentFindings(allow({ Action: "*", Resource: "x" }));
    assert.strictEqual(every.reason, 'Allow of "*" (every action of every service)');
    const [two] = identityDocumentFindings(allow({ Action: ["s3:*", "iam:*"], Resource: "x" }));
    assert.strictEqual(
      two.reason,
      'Allow of "s3:*" (every action of s3), "iam:*" (every action of iam)',
    );
    const notActions = ["s3:A", "s3:B", "s3:C", "s3:D", "s3:E"];
    const reason = (n: number) =>
      identityDocumentFindings(allow({ NotAction: notActions.slice(0, n), Resource: "x" }))[0]
        .reason;
    assert.match(reason(4), /NotAction s3:A, s3:B, s3:C, s3:D \(/);
    assert.match(reason(5), /NotAction s3:A, s3:B, s3:C, s3:D and 1 more \(/);
  });
  it("IAM-2: findings name the statement, the pattern and what it covers", () => {
    const [f] = identityDocumentFindings({
      Statement: [
        { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" },
        { Effect: "Allow", Action: "iam:Put*", Resource: "*" },
      ],
    });
    assert.strictEqual(f.statementIndex, 1);
    assert.match(
      f.reason,
      /"iam:Put\*" on all resources, which grants write actions \(.*iam:PutRolePolicy/,
    );
    const esc = identityDocumentFindings(allow({ Action: "iam:Put*", Resource: "*" })).find(
      (x) => x.kind === "escalation",
    );
    assert.match(esc?.reason ?? "", /iam:PutUserPolicy .*iam:PutGroupPolicy .*iam:PutRolePolicy/);
  });
});

import * as assert from "assert";
import { Condition } from "../../lib/iam";
import {
  CALLER_RESTRICTING_KEYS,
  publicStatementFindings,
  restrictsCaller,
} from "../../lib/resource-policy";

const c = (operator: string, key: string, ...values: string[]): Condition => ({
  operator,
  key,
  values,
});

// Spelled out rather than read from CALLER_RESTRICTING_KEYS, so that a key dropped or misspelt in
// the table fails here.
const KEYS = [
  "aws:SourceVpce",
  "aws:SourceVpc",
  "aws:SourceVpcArn",
  "aws:PrincipalOrgID",
  "aws:PrincipalOrgPaths",
  "aws:PrincipalAccount",
  "aws:PrincipalArn",
  "aws:SourceAccount",
  "aws:SourceArn",
  "aws:SourceOwner",
  "aws:SourceOrgID",
  "aws:SourceOrgPaths",
  "aws:userid",
  "kms:CallerAccount",
  "s3:DataAccessPointAccount",
  "s3:DataAccessPointArn",
];

describe("lib/resource-policy: conditions that restrict the caller", () => {
  it("IAM-2: the table lists exactly the restricting keys", () => {
    assert.deepStrictEqual([...CALLER_RESTRICTING_KEYS], KEYS);
  });
  for (const key of KEYS) {
    it(`IAM-2: StringEquals ${key} with a fixed value restricts the caller`, () => {
      assert.strictEqual(restrictsCaller(c("StringEquals", key, "o-abc123")), true);
    });
  }
  const cases: Array<[string, Condition, boolean]> = [
    ["a lower-case key", c("StringEquals", "aws:sourcevpce", "vpce-1"), true],
    [
      "ArnLike aws:SourceArn with an account",
      c("ArnLike", "aws:SourceArn", "arn:aws:sns:*:1:*"),
      true,
    ],
    [
      "ForAnyValue:StringLike aws:PrincipalOrgPaths",
      c("ForAnyValue:StringLike", "aws:PrincipalOrgPaths", "o-1/r-1/*"),
      true,
    ],
    ["StringLike with a leading wildcard", c("StringLike", "aws:PrincipalOrgID", "*"), false],
    ["StringLike with a leading ?", c("StringLike", "aws:SourceAccount", "?23456789012"), false],
    ["an empty value", c("StringEquals", "aws:SourceVpce", " "), false],
    ["no value", c("StringEquals", "aws:SourceVpce"), false],
    ["StringEqualsIfExists", c("StringEqualsIfExists", "aws:SourceVpce", "vpce-1"), false],
    [
      "ForAllValues:StringEquals",
      c("ForAllValues:StringEquals", "aws:PrincipalOrgPaths", "o-1/"),
      false,
    ],
    ["StringNotEquals", c("StringNotEquals", "aws:PrincipalOrgID", "o-1"), false],
    ["NumericEquals on a restricting key", c("NumericEquals", "aws:SourceAccount", "1"), false],
    ["Bool aws:SecureTransport", c("Bool", "aws:SecureTransport", "true"), false],
    ["StringEquals on another key", c("StringEquals", "s3:x-amz-acl", "private"), false],
    ["StringEquals on an empty key", c("StringEquals", "", "o-1"), false],
    ["StringEqualsIgnoreCase", c("StringEqualsIgnoreCase", "aws:PrincipalOrgID", "O-1"), true],
    ["ArnEquals", c("ArnEquals", "aws:SourceArn", "arn:aws:sns:eu-west-1:1:t"), true],
    ["a padded key and operator", c(" StringEquals ", " aws:SourceAccount ", "1"), true],
    ["one fixed value and one wildcard", c("StringLike", "aws:SourceAccount", "1", "*"), false],
    ["a value with a padded wildcard", c("StringLike", "aws:SourceAccount", " *1"), false],
    ["a value with a wildcard inside", c("StringLike", "aws:SourceArn", "arn:aws:sns:*"), true],
    ["Null aws:SourceVpce", c("Null", "aws:SourceVpce", "false"), false],
    ["StringEqualsX (not an operator)", c("StringEqualsX", "aws:SourceVpce", "vpce-1"), false],
    ["XStringEquals (not an operator)", c("XStringEquals", "aws:SourceVpce", "vpce-1"), false],
    [
      "ForAnyValue:IpAddress aws:SourceIp of a /24",
      c("ForAnyValue:IpAddress", "aws:SourceIp", "203.0.113.0/24"),
      true,
    ],
    ["IpAddressX aws:SourceIp", c("IpAddressX", "aws:SourceIp", "203.0.113.0/24"), false],
    ["XIpAddress aws:SourceIp", c("XIpAddress", "aws:SourceIp", "203.0.113.0/24"), false],
    ["IpAddress aws:SourceIp with no value", c("IpAddress", "aws:SourceIp"), false],
    ["IpAddress on a padded AWS:SOURCEIP", c("IpAddress", " AWS:SOURCEIP ", "10.0.0.0/8"), true],
    ["IpAddress aws:SourceIp of a /24", c("IpAddress", "aws:SourceIp", "203.0.113.0/24"), true],
    [
      "IpAddress aws:SourceIp of an address and an IPv6 /48",
      c("IpAddress", "aws:SourceIp", "203.0.113.7", "2001:db8:1::/48"),
      true,
    ],
    ["IpAddress aws:SourceIp of 0.0.0.0/0", c("IpAddress", "aws:SourceIp", "0.0.0.0/0"), false],
    [
      "IpAddress aws:SourceIp of a /4 beside a /24",
      c("IpAddress", "aws:SourceIp", "203.0.113.0/24", "0.0.0.0/4"),
      false,
    ],
    ["IpAddress aws:SourceIp of ::/0", c("IpAddress", "aws:SourceIp", "::/0"), false],
    ["IpAddress aws:SourceIp of junk", c("IpAddress", "aws:SourceIp", "everywhere"), false],
    [
      "IpAddress aws:SourceIp of a /24 and junk",
      c("IpAddress", "aws:SourceIp", "203.0.113.0/24", "everywhere"),
      false,
    ],
    ["NotIpAddress aws:SourceIp", c("NotIpAddress", "aws:SourceIp", "203.0.113.0/24"), false],
    ["StringEquals aws:SourceIp", c("StringEquals", "aws:SourceIp", "203.0.113.0/24"), false],
  ];
  for (const [label, cond, expected] of cases) {
    it(`IAM-2: ${label} ${expected ? "restricts" : "does not restrict"} the caller`, () => {
      assert.strictEqual(restrictsCaller(cond), expected);
    });
  }
});

describe("lib/resource-policy: statements open to everyone", () => {
  const st = (s: Record<string, unknown>) => ({
    Statement: [{ Effect: "Allow", Action: "sqs:SendMessage", Resource: "*", ...s }],
  });
  const cases: Array<[string, unknown, number, RegExp?]> = [
    ['Principal "*"', st({ Principal: "*" }), 1, /without a condition/],
    ['Principal {"AWS": "*"}', st({ Principal: { AWS: "*" } }), 1],
    [
      'Principal {"AWS": ["*"]} (JSON string)',
      JSON.stringify(st({ Principal: { AWS: ["*"] } })),
      1,
    ],
    [
      'Principal "*" with aws:SecureTransport only',
      st({ Principal: "*", Condition: { Bool: { "aws:SecureTransport": "true" } } }),
      1,
      /condition \(aws:SecureTransport\) does not restrict the caller/,
    ],
    [
      'Principal "*" with aws:PrincipalOrgID',
      st({ Principal: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-1" } } }),
      0,
    ],
    [
      'Principal "*" with SecureTransport and aws:SourceVpce',
      st({
        Principal: "*",
        Condition: {
          Bool: { "aws:SecureTransport": "true" },
          StringEquals: { "aws:SourceVpce": "vpce-1" },
        },
      }),
      0,
    ],
    [
      "NotPrincipal with Allow",
      st({ NotPrincipal: { AWS: "arn:aws:iam::1:root" } }),
      1,
      /NotPrincipal/,
    ],
    [
      "NotPrincipal with Allow and a restricting condition",
      st({
        NotPrincipal: { AWS: "arn:aws:iam::1:root" },
        Condition: { StringEquals: { "aws:PrincipalOrgID": "o-1" } },
      }),
      1,
    ],
    ["an account principal", st({ Principal: { AWS: "arn:aws:iam::123456789012:root" } }), 0],
    ["a service principal", st({ Principal: { Service: "sns.amazonaws.com" } }), 0],
    [
      'Deny to "*"',
      { Statement: [{ Effect: "Deny", Principal: "*", Action: "*", Resource: "*" }] },
      0,
    ],
    [
      'NotAction to "*"',
      st({ Action: undefined, NotAction: "sqs:DeleteQueue", Principal: "*" }),
      1,
      /NotAction sqs:DeleteQueue/,
    ],
    ["junk", "{nope", 0],
    [
      "two actions and two conditions that do not restrict",
      st({
        Principal: "*",
        Action: ["sqs:SendMessage", "sqs:ReceiveMessage"],
        Condition: {
          Bool: { "aws:SecureTransport": "true" },
          StringEquals: { "aws:RequestedRegion": "eu-west-1" },
        },
      }),
      1,
      /^Allow to Principal "\*" \(actions sqs:SendMessage, sqs:ReceiveMessage\) whose condition \(aws:SecureTransport, aws:RequestedRegion\) does not restrict the caller$/,
    ],
    [
      "NotAction with two actions",
      st({ Action: undefined, NotAction: ["sqs:DeleteQueue", "sqs:PurgeQueue"], Principal: "*" }),
      1,
      /\(actions NotAction sqs:DeleteQueue, sqs:PurgeQueue\) without a condition$/,
    ],
  ];
  for (const [label, doc, n, pattern] of cases) {
    it(`IAM-2: ${label} -> ${n} public statement(s)`, () => {
      const f = publicStatementFindings(doc);
      assert.strictEqual(f.length, n);
      if (pattern) {
        assert.match(f[0].reason, pattern);
      }
    });
  }
});

import * as assert from "assert";
import { isUnknownError, UNKNOWN, unknownCheckingProxy } from "../../lib/policy-kit";
import { ruleGroupKey, ruleReaders, SgRule, T, worldCidrs } from "../../lib/sg-rules";

function rules(type: string, props: unknown): SgRule[] {
  return ruleReaders(type, unknownCheckingProxy(props)).map((read) => read() as SgRule);
}

describe("lib/sg-rules: every spelling of a security-group rule, one shape (NET-1, NET-5)", () => {
  it("NET-5: inline rules read both cidrBlocks and ipv6CidrBlocks, in both directions", () => {
    const [ingress, egress] = rules(T.securityGroup, {
      ingress: [
        {
          protocol: "tcp",
          fromPort: 22,
          toPort: 22,
          cidrBlocks: ["10.0.0.0/8"],
          ipv6CidrBlocks: ["::/0"],
        },
      ],
      egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
    });
    assert.deepStrictEqual(ingress.cidrs, ["10.0.0.0/8", "::/0"]);
    assert.deepStrictEqual(worldCidrs(ingress), ["::/0"]);
    assert.strictEqual(ingress.direction, "ingress");
    assert.strictEqual(ingress.where, "ingress[0]");
    assert.strictEqual(egress.direction, "egress");
    assert.strictEqual(egress.where, "egress[0]");
    assert.strictEqual(egress.range.protocol, "all");
  });
  it("NET-5: aws.ec2.SecurityGroupRule reads its type in any case, and skips an unknown type", () => {
    const [rule] = rules(T.securityGroupRule, {
      type: " Ingress ",
      protocol: "6",
      fromPort: -1,
      toPort: -1,
      ipv6CidrBlocks: ["::/0"],
      sourceSecurityGroupId: "sg-2",
      self: "true",
    });
    assert.strictEqual(rule.direction, "ingress");
    assert.deepStrictEqual(rule.range, { protocol: "tcp", from: 0, to: 65535 });
    assert.deepStrictEqual(rule.groupRefs, ["sg-2"]);
    assert.strictEqual(rule.self, true);
    assert.strictEqual(rule.prefixListKey, "prefixListIds");
    assert.strictEqual(rules(T.securityGroupRule, { type: "both" })[0], undefined);
  });
  it("NET-5: aws.vpc rules read cidrIpv4, cidrIpv6 and prefixListId", () => {
    const [rule] = rules(T.ingressRule, {
      ipProtocol: "tcp",
      fromPort: 5432,
      toPort: 5432,
      cidrIpv4: "0.0.0.0/0",
      cidrIpv6: "::/0",
      prefixListId: "pl-1",
    });
    assert.deepStrictEqual(rule.cidrs, ["0.0.0.0/0", "::/0"]);
    assert.deepStrictEqual(rule.prefixLists, ["pl-1"]);
    assert.strictEqual(rule.prefixListKey, "prefixListId");
    assert.strictEqual(rules(T.egressRule, { ipProtocol: "-1" })[0].direction, "egress");
  });
  it("NET-1: prefix-list IDs unknown at preview do not hide the rule's CIDRs and ports", () => {
    const [rule] = rules(T.securityGroup, {
      ingress: [
        {
          protocol: "tcp",
          fromPort: 22,
          toPort: 22,
          cidrBlocks: ["0.0.0.0/0"],
          prefixListIds: UNKNOWN.array,
        },
      ],
    });
    assert.strictEqual(rule.prefixListsUnknown, true);
    assert.deepStrictEqual(rule.prefixLists, []);
    assert.deepStrictEqual(rule.cidrs, ["0.0.0.0/0"]);
    assert.strictEqual(rule.prefixListKey, "ingress");
  });
  it("NET-5: separate rules belong to their securityGroupId; groups have no such key", () => {
    assert.strictEqual(ruleGroupKey(T.securityGroupRule), "securityGroupId");
    assert.strictEqual(ruleGroupKey(T.ingressRule), "securityGroupId");
    assert.strictEqual(ruleGroupKey(T.egressRule), "securityGroupId");
    assert.strictEqual(ruleGroupKey(T.securityGroup), undefined);
    assert.deepStrictEqual(ruleReaders("aws:ec2/vpc:Vpc", {}), []);
  });

  // The whole shape, for every spelling: a field read from the wrong key, a reference dropped or a
  // `self` flag inverted changes which rules the NET-1/NET-5/ACC-1 policies judge.
  const base = {
    prefixLists: [],
    prefixListsUnknown: false,
  };
  const shapes: Array<[string, string, unknown, SgRule[]]> = [
    [
      "an inline ingress rule from a security group and itself",
      T.securityGroup,
      {
        ingress: [
          { protocol: "tcp", fromPort: 5432, toPort: 5432, securityGroups: ["sg-app"], self: true },
        ],
      },
      [
        {
          ...base,
          direction: "ingress",
          where: "ingress[0]",
          range: { protocol: "tcp", from: 5432, to: 5432 },
          cidrs: [],
          groupRefs: ["sg-app"],
          prefixListKey: "ingress",
          self: true,
        },
      ],
    ],
    [
      "inline rules of a default group, the second without self",
      T.defaultSecurityGroup,
      {
        egress: [
          { protocol: "udp", fromPort: 53, toPort: 53, cidrBlocks: ["10.0.0.0/16"], self: false },
          { protocol: "tcp", fromPort: 443, toPort: 443, prefixListIds: ["pl-s3"] },
        ],
      },
      [
        {
          ...base,
          direction: "egress",
          where: "egress[0]",
          range: { protocol: "udp", from: 53, to: 53 },
          cidrs: ["10.0.0.0/16"],
          groupRefs: [],
          prefixListKey: "egress",
          self: false,
        },
        {
          direction: "egress",
          where: "egress[1]",
          range: { protocol: "tcp", from: 443, to: 443 },
          cidrs: [],
          groupRefs: [],
          prefixLists: ["pl-s3"],
          prefixListsUnknown: false,
          prefixListKey: "egress",
          self: false,
        },
      ],
    ],
    [
      "aws.ec2.SecurityGroupRule egress on one port, without source or self",
      T.securityGroupRule,
      {
        type: "egress",
        protocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrBlocks: ["0.0.0.0/0"],
        prefixListIds: ["pl-1"],
      },
      [
        {
          direction: "egress",
          where: "rule",
          range: { protocol: "tcp", from: 443, to: 443 },
          cidrs: ["0.0.0.0/0"],
          groupRefs: [],
          prefixLists: ["pl-1"],
          prefixListsUnknown: false,
          prefixListKey: "prefixListIds",
          self: false,
        },
      ],
    ],
    [
      "aws.vpc ingress from a referenced group",
      T.ingressRule,
      { ipProtocol: "tcp", fromPort: 8080, toPort: 8080, referencedSecurityGroupId: "sg-alb" },
      [
        {
          ...base,
          direction: "ingress",
          where: "rule",
          range: { protocol: "tcp", from: 8080, to: 8080 },
          cidrs: [],
          groupRefs: ["sg-alb"],
          prefixListKey: "prefixListId",
          self: false,
        },
      ],
    ],
    [
      "aws.vpc egress to a CIDR",
      T.egressRule,
      { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" },
      [
        {
          ...base,
          direction: "egress",
          where: "rule",
          range: { protocol: "tcp", from: 443, to: 443 },
          cidrs: ["0.0.0.0/0"],
          groupRefs: [],
          prefixListKey: "prefixListId",
          self: false,
        },
      ],
    ],
  ];
  for (const [what, type, props, expected] of shapes) {
    it(`NET-5: reads ${what} as one SgRule shape`, () => {
      assert.deepStrictEqual(rules(type, props), expected);
    });
  }

  it("NET-5: an inline rule list unknown at preview throws from its own reader; the other direction is still read", () => {
    const readers = ruleReaders(
      T.securityGroup,
      unknownCheckingProxy({
        ingress: UNKNOWN.array,
        egress: [{ protocol: "-1", cidrBlocks: ["0.0.0.0/0"] }],
      }),
    );
    assert.strictEqual(readers.length, 2);
    assert.throws(() => readers[0](), isUnknownError);
    assert.deepStrictEqual(readers[1]()?.cidrs, ["0.0.0.0/0"]);
  });
});

import * as assert from "assert";
import { UNKNOWN } from "../../harness/evaluate";
import { T } from "../../lib/sg-rules";
import { assertBlocks, assertPasses, hits, res, run } from "../helpers";

const SEPARATE = "default-sg-no-separate-rules";
const ADOPTED = "vpc-default-sg-adopted";
const vpc = res("aws:ec2/vpc:Vpc", { cidrBlock: "10.0.0.0/16" }, "vpc");
const defaultVpc = res("aws:ec2/defaultVpc:DefaultVpc", {}, "dvpc");

/** A rule whose securityGroupId the engine says was computed from `deps`. */
function ruleOn(type: string, deps: string[], name = "rule") {
  const props: Record<string, unknown> =
    type === T.securityGroupRule
      ? { type: "ingress", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/8"] }
      : { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.0.0.0/8" };
  return {
    ...res(type, { ...props, securityGroupId: "sg-0123456789abcdef0" }, name),
    propertyDependencies: { securityGroupId: deps },
  };
}

describe("policies/network: the VPC's default security group (NET-5)", () => {
  for (const type of [T.ingressRule, T.egressRule, T.securityGroupRule]) {
    it(`NET-5: blocks a ${type.split(":").pop()} on vpc.defaultSecurityGroupId (no aws.ec2.DefaultSecurityGroup in the stack)`, () => {
      assertBlocks(
        run([vpc, ruleOn(type, ["vpc"])]),
        SEPARATE,
        /rule 'rule' adds a rule to the default security group of VPC 'vpc' \(its securityGroupId is the VPC's defaultSecurityGroupId\)/,
      );
      assertBlocks(run([defaultVpc, ruleOn(type, ["dvpc"])]), SEPARATE, /VPC 'dvpc'/);
    });
  }
  it("NET-5: passes a rule on a dedicated group, even one that also depends on the VPC", () => {
    const sg = res(T.securityGroup, { vpcId: "vpc-id" }, "app");
    assertPasses(run([vpc, sg, ruleOn(T.ingressRule, ["app"])]), SEPARATE);
    assertPasses(run([vpc, sg, ruleOn(T.ingressRule, ["vpc", "app"])]), SEPARATE);
  });
  it("NET-5: also at preview, when the group ID is unknown", () => {
    const r = run(
      [
        vpc,
        {
          ...res(
            T.ingressRule,
            { securityGroupId: UNKNOWN.string, ipProtocol: "-1", cidrIpv4: "10.0.0.0/8" },
            "r",
          ),
          propertyDependencies: { securityGroupId: ["vpc"] },
        },
      ],
      {},
      true,
    );
    assertBlocks(r, SEPARATE);
  });

  describe("vpc-default-sg-adopted (advisory)", () => {
    it("NET-5: raises an advisory for a VPC whose default group is never adopted", () => {
      const r = run([vpc]);
      const found = hits(r, ADOPTED, "advisory");
      assert.strictEqual(found.length, 1);
      assert.match(
        found[0].message,
        /^NET-5: VPC 'vpc' leaves its default security group.*add an aws\.ec2\.DefaultSecurityGroup with vpcId set to it and no ingress or egress/,
      );
      assert.strictEqual(found[0].resourceName, "vpc");
    });
    it("NET-5: passes a VPC adopted by reference or through dependencies, and the default VPC adopted without vpcId", () => {
      assertPasses(
        run([vpc, res(T.defaultSecurityGroup, { vpcId: "vpc-id", ingress: [], egress: [] }, "d")]),
        ADOPTED,
      );
      assertPasses(
        run([
          vpc,
          {
            ...res(T.defaultSecurityGroup, { vpcId: "vpc-0123456789abcdef0" }, "d"),
            propertyDependencies: { vpcId: ["vpc"] },
          },
        ]),
        ADOPTED,
      );
      assertPasses(run([defaultVpc, res(T.defaultSecurityGroup, {}, "d")]), ADOPTED);
      // A DefaultSecurityGroup without vpcId adopts the default VPC's group, not another VPC's.
      assert.strictEqual(hits(run([vpc, res(T.defaultSecurityGroup, {}, "d")]), ADOPTED).length, 1);
    });
    it("NET-5: a default group whose VPC is unknown at preview raises nothing", () => {
      assertPasses(
        run([vpc, res(T.defaultSecurityGroup, { vpcId: UNKNOWN.string }, "d")], {}, true),
        ADOPTED,
      );
    });
  });
});

import * as assert from "assert";
import { T } from "../../lib/sg-rules";
import { assertBlocks, assertPasses, hits, res, run } from "../helpers";

const WORLD = "sg-world-ingress-only-port-80";
const ADMIN = "sg-no-admin-ports-from-internet";
const EGRESS = "sg-no-world-all-protocol-egress";

function inline(ingress: unknown[], egress: unknown[] = []) {
  return res(T.securityGroup, { vpcId: "vpc-1", ingress, egress });
}

describe("policies/network", () => {
  describe("NET-1/NET-5 ingress from the internet", () => {
    it("NET-5: blocks 22 from 0.0.0.0/0 on an inline ingress rule", () => {
      const r = run(
        inline([{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }]),
      );
      assertBlocks(r, ADMIN, /ingress\[0\].*port 22.*0\.0\.0\.0\/0/);
      assertBlocks(r, WORLD);
    });
    it("NET-5: blocks a port range covering 3389 from ::/0 on aws.ec2.SecurityGroupRule", () => {
      assertBlocks(
        run(
          res(T.securityGroupRule, {
            type: "ingress",
            protocol: "6",
            fromPort: "3000",
            toPort: "4000",
            ipv6CidrBlocks: ["::/0"],
            securityGroupId: "sg-1",
          }),
        ),
        ADMIN,
        /3389/,
      );
    });
    it("NET-5: blocks protocol -1 from a /1 on aws.vpc.SecurityGroupIngressRule (numbers as strings)", () => {
      assertBlocks(
        run(
          res(T.ingressRule, {
            ipProtocol: "-1",
            cidrIpv4: "128.0.0.0/1",
            securityGroupId: "sg-1",
          }),
        ),
        ADMIN,
        /22, 3389, 3306, 5432/,
      );
    });
    it("NET-5: blocks 5432 from an IPv4-mapped IPv6 world range", () => {
      assertBlocks(
        run(
          res(T.ingressRule, {
            ipProtocol: "tcp",
            fromPort: 5432,
            toPort: 5432,
            cidrIpv6: "::ffff:0.0.0.0/96",
            securityGroupId: "sg-1",
          }),
        ),
        ADMIN,
      );
    });
    it("NET-5: blocks 'ALL' protocol written in capitals on a DefaultSecurityGroup", () => {
      assertBlocks(
        run(
          res(T.defaultSecurityGroup, {
            ingress: [{ protocol: "ALL", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
          }),
        ),
        ADMIN,
      );
    });
    it("NET-5: judges a set of CIDRs in one rule (one world entry is enough)", () => {
      assertBlocks(
        run(
          inline([
            { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.0/8", "0.0.0.0/0"] },
          ]),
        ),
        ADMIN,
      );
    });
    it("NET-5: the admin-port list is configurable", () => {
      const r = run(
        inline([{ protocol: "tcp", fromPort: 8443, toPort: 8443, cidrBlocks: ["0.0.0.0/0"] }]),
        { [ADMIN]: { adminPorts: [8443] } },
      );
      assertBlocks(r, ADMIN, /8443/);
    });
    it("NET-1: passes 80 from the internet (Let's Encrypt / redirect)", () => {
      const r = run(
        res(T.ingressRule, {
          ipProtocol: "tcp",
          fromPort: 80,
          toPort: 80,
          cidrIpv4: "0.0.0.0/0",
          securityGroupId: "sg-1",
        }),
      );
      assertPasses(r, WORLD);
      assertPasses(r, ADMIN);
    });
    it("NET-1: blocks 443 from the internet by default", () => {
      assertBlocks(
        run(
          res(T.ingressRule, {
            ipProtocol: "tcp",
            fromPort: 443,
            toPort: 443,
            cidrIpv4: "0.0.0.0/0",
            securityGroupId: "sg-1",
          }),
        ),
        WORLD,
        /443/,
      );
    });
    it("NET-1: passes 443 from the internet when the profile sets publicHttps", () => {
      assertPasses(
        run(
          res(T.ingressRule, {
            ipProtocol: "tcp",
            fromPort: 443,
            toPort: 443,
            cidrIpv4: "0.0.0.0/0",
            securityGroupId: "sg-1",
          }),
          { [WORLD]: { publicHttps: true } },
        ),
        WORLD,
      );
    });
    it("NET-1: blocks 80-81 and UDP 80 from the internet (only TCP 80 exactly)", () => {
      assertBlocks(
        run(inline([{ protocol: "tcp", fromPort: 80, toPort: 81, cidrBlocks: ["0.0.0.0/0"] }])),
        WORLD,
      );
      assertBlocks(
        run(inline([{ protocol: "udp", fromPort: 80, toPort: 80, cidrBlocks: ["0.0.0.0/0"] }])),
        WORLD,
      );
    });
    it("NET-1: blocks ICMP from the internet", () => {
      assertBlocks(
        run(inline([{ protocol: "icmp", fromPort: -1, toPort: -1, cidrBlocks: ["0.0.0.0/0"] }])),
        WORLD,
      );
    });
    it("NET-1: passes 22 from a /32 and from a security group", () => {
      const r = run([
        res(
          T.ingressRule,
          {
            ipProtocol: "tcp",
            fromPort: 22,
            toPort: 22,
            cidrIpv4: "203.0.113.45/32",
            securityGroupId: "sg-1",
          },
          "a",
        ),
        res(
          T.securityGroupRule,
          {
            type: "ingress",
            protocol: "tcp",
            fromPort: 22,
            toPort: 22,
            sourceSecurityGroupId: "sg-2",
            securityGroupId: "sg-1",
          },
          "b",
        ),
      ]);
      assertPasses(r, WORLD);
      assertPasses(r, ADMIN);
    });
    it("NET-1: egress rules are not judged as ingress", () => {
      assertPasses(
        run(
          res(T.egressRule, {
            ipProtocol: "tcp",
            fromPort: 22,
            toPort: 22,
            cidrIpv4: "0.0.0.0/0",
            securityGroupId: "sg-1",
          }),
        ),
        ADMIN,
      );
    });
  });

  describe("NET-5 egress and default security group", () => {
    it("NET-5: blocks all-protocol egress to 0.0.0.0/0 inline", () => {
      assertBlocks(
        run(inline([], [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }])),
        EGRESS,
      );
    });
    it("NET-5: blocks all-protocol egress to ::/0 on aws.vpc.SecurityGroupEgressRule and SecurityGroupRule", () => {
      assertBlocks(
        run(res(T.egressRule, { ipProtocol: -1, cidrIpv6: "::/0", securityGroupId: "sg-1" })),
        EGRESS,
      );
      assertBlocks(
        run(
          res(T.securityGroupRule, {
            type: "egress",
            protocol: "all",
            fromPort: 0,
            toPort: 0,
            cidrBlocks: ["0.0.0.0/0"],
            securityGroupId: "sg-1",
          }),
        ),
        EGRESS,
      );
    });
    it("NET-5: passes TCP 443 egress to the internet and all-protocol egress inside the VPC", () => {
      const r = run(
        inline(
          [],
          [
            { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] },
            { protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/16"] },
          ],
        ),
      );
      assertPasses(r, EGRESS);
    });
    it("NET-5: blocks a default security group with rules and passes an empty one", () => {
      assertBlocks(
        run(
          res(T.defaultSecurityGroup, {
            vpcId: "v",
            egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/8"] }],
          }),
        ),
        "default-sg-no-rules",
        /egress/,
      );
      assertPasses(
        run(res(T.defaultSecurityGroup, { vpcId: "v", ingress: [], egress: [] })),
        "default-sg-no-rules",
      );
    });
    it("NET-5: blocks a separate rule resource attached to the default security group (stack level)", () => {
      const r = run([
        res(T.defaultSecurityGroup, { vpcId: "v", ingress: [], egress: [] }, "default"),
        res(
          T.ingressRule,
          {
            securityGroupId: "default-id",
            ipProtocol: "tcp",
            fromPort: 443,
            toPort: 443,
            cidrIpv4: "10.0.0.0/8",
          },
          "sneaky",
        ),
      ]);
      assertBlocks(r, "default-sg-no-separate-rules", /sneaky/);
    });
  });

  describe("NET-3 flow logs", () => {
    const vpc = res("aws:ec2/vpc:Vpc", { cidrBlock: "10.0.0.0/16" }, "vpc");
    it("NET-3: blocks a flow log with trafficType REJECT and passes ALL", () => {
      assertBlocks(
        run(res("aws:ec2/flowLog:FlowLog", { vpcId: "vpc-id", trafficType: "REJECT" })),
        "vpc-flow-log-traffic-all",
        /REJECT/,
      );
      assertPasses(
        run(res("aws:ec2/flowLog:FlowLog", { vpcId: "vpc-id", trafficType: "ALL" })),
        "vpc-flow-log-traffic-all",
      );
    });
    it("NET-3: remediation rewrites trafficType to ALL when enforcement is 'remediate'", () => {
      const r = run(res("aws:ec2/flowLog:FlowLog", { vpcId: "vpc-id", trafficType: "ACCEPT" }), {
        "vpc-flow-log-traffic-all": "remediate",
      });
      assert.strictEqual(r.remediations[0]?.props.trafficType, "ALL");
      assertPasses(r, "vpc-flow-log-traffic-all");
    });
    it("NET-3: blocks a VPC with no flow log, and one whose only flow log is ACCEPT (stack level)", () => {
      assertBlocks(run(vpc), "vpc-has-flow-log", /'vpc'/);
      assertBlocks(
        run([
          vpc,
          res("aws:ec2/flowLog:FlowLog", { vpcId: "vpc-id", trafficType: "ACCEPT" }, "fl"),
        ]),
        "vpc-has-flow-log",
      );
    });
    it("NET-3: passes a VPC with an ALL flow log matched by id, by name or through property dependencies", () => {
      assertPasses(
        run([vpc, res("aws:ec2/flowLog:FlowLog", { vpcId: "vpc-id", trafficType: "ALL" }, "fl")]),
        "vpc-has-flow-log",
      );
      assertPasses(
        run([vpc, res("aws:ec2/flowLog:FlowLog", { vpcId: "vpc", trafficType: "ALL" }, "fl")]),
        "vpc-has-flow-log",
      );
      const dep = {
        ...res("aws:ec2/flowLog:FlowLog", { vpcId: "vpc-0abc", trafficType: "ALL" }, "fl"),
        propertyDependencies: { vpcId: ["vpc"] },
      };
      assertPasses(run([vpc, dep]), "vpc-has-flow-log");
    });
    it("NET-3: does not count a flow log of another VPC", () => {
      const other = res("aws:ec2/vpc:Vpc", {}, "other");
      const r = run([
        vpc,
        other,
        res("aws:ec2/flowLog:FlowLog", { vpcId: "vpc-id", trafficType: "ALL" }, "fl"),
      ]);
      assert.strictEqual(hits(r, "vpc-has-flow-log").length, 1);
    });
  });
});

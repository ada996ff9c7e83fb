import * as assert from "assert";
import { UNKNOWN } from "../../harness/evaluate";
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

  describe("stack-has-quarantine-security-group (IR-1)", () => {
    const Q = "stack-has-quarantine-security-group";
    const instance = res("aws:ec2/instance:Instance", { ami: "ami-0123456789abcdef0" }, "web");
    const asg = res("aws:autoscaling/group:Group", { minSize: 1, maxSize: 2 }, "web-asg");
    const group = (name: string, props: Record<string, unknown> = {}) =>
      res(T.securityGroup, { vpcId: "vpc-1", description: name, ...props }, name);
    const app = group("app");
    const appIn = res(
      T.ingressRule,
      {
        securityGroupId: "app-id",
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrIpv4: "10.0.0.0/8",
      },
      "app-in",
    );

    it("IR-1: passes an instance or an Auto Scaling group with an empty security group beside the app's", () => {
      assertPasses(run([instance, app, appIn, group("quarantine")]), Q);
      assertPasses(run([asg, group("quarantine", { ingress: [], egress: [] })]), Q);
    });
    it("IR-1: blocks when the only security groups have inline rules, naming the workload and the fix", () => {
      assertBlocks(
        run([
          instance,
          group("a", {
            ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/8"] }],
          }),
          group("b", {
            egress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }],
          }),
        ]),
        Q,
        /^IR-1: the stack has aws:ec2\/instance:Instance 'web' but none of its 2 security group\(s\) is empty.*add an aws\.ec2\.SecurityGroup with no ingress, no egress and no rule resources/,
      );
      assertBlocks(run([asg]), Q, /none of its 0 security group/);
    });
    it("IR-1: a separate rule of any kind, matched by reference, makes a group non-empty", () => {
      const rules = [
        appIn,
        res(
          T.egressRule,
          { securityGroupId: "app", ipProtocol: "-1", cidrIpv4: "10.0.0.0/8" },
          "r2",
        ),
        res(
          T.securityGroupRule,
          {
            type: "ingress",
            securityGroupId: "app-1a2b3c4d",
            protocol: "tcp",
            fromPort: 22,
            toPort: 22,
            cidrBlocks: ["10.0.0.0/8"],
          },
          "r3",
        ),
      ];
      for (const rule of rules) {
        assertBlocks(run([instance, app, rule]), Q, /none of its 1 security group/);
      }
      // A rule that only references the quarantine group as its source does not attach to it.
      assertPasses(
        run([
          instance,
          group("quarantine"),
          res(
            T.ingressRule,
            {
              securityGroupId: "other-id",
              referencedSecurityGroupId: "quarantine-id",
              ipProtocol: "tcp",
              fromPort: 22,
              toPort: 22,
            },
            "r4",
          ),
        ]),
        Q,
      );
      // Matched through the engine's property dependencies when the id is not known yet.
      const r = run(
        [
          instance,
          app,
          {
            ...res(
              T.ingressRule,
              { securityGroupId: UNKNOWN.string, ipProtocol: "tcp", fromPort: 443, toPort: 443 },
              "r5",
            ),
            propertyDependencies: { securityGroupId: ["app"] },
          },
        ],
        {},
        true,
      );
      assertBlocks(r, Q);
    });
    it("IR-1: malformed inline ingress/egress (a single object, a string, a number) is not an empty group; nothing throws", () => {
      for (const ingress of [{ protocol: "-1" }, "x", 5, [null]]) {
        assertBlocks(run([instance, group("q", { ingress })]), Q);
      }
      // A group declared without any props is an empty group.
      assertPasses(
        run([instance, res(T.securityGroup, null as unknown as Record<string, unknown>, "n")]),
        Q,
      );
    });
    it("IR-1: at preview, unknown inline rules or an unknown rule target never block (decided at update)", () => {
      const unknownInline = run([instance, group("q", { ingress: UNKNOWN.array })], {}, true);
      assert.strictEqual(hits(unknownInline, Q, "mandatory").length, 0);
      assert.strictEqual(
        hits(unknownInline, Q).length,
        0,
        "its rules may be empty: no advisory either",
      );
      // The same group with known rules blocks: the policy ran on it.
      assertBlocks(
        run([instance, group("q", { ingress: [{ protocol: "-1", self: true }] })], {}, true),
        Q,
      );
      const unknownTarget = run(
        [
          instance,
          group("q"),
          res(
            T.egressRule,
            { securityGroupId: UNKNOWN.string, ipProtocol: "tcp", fromPort: 443, toPort: 443 },
            "r",
          ),
        ],
        {},
        true,
      );
      assert.strictEqual(hits(unknownTarget, Q, "mandatory").length, 0);
      assert.strictEqual(hits(unknownTarget, Q).length, 0, "q may still be empty");
      const knownTarget = run(
        [
          instance,
          group("q"),
          res(
            T.egressRule,
            { securityGroupId: "q-id", ipProtocol: "tcp", fromPort: 443, toPort: 443 },
            "r",
          ),
        ],
        {},
        true,
      );
      assertBlocks(knownTarget, Q);
    });
    it("IR-1: a stack without instances or Auto Scaling groups, or with requireQuarantineGroup false, passes", () => {
      assertPasses(run([app, appIn]), Q);
      assertPasses(run([instance, app, appIn], { [Q]: { requireQuarantineGroup: false } }), Q);
    });
  });
});

describe("policies/network: edges the mutation run found untested", () => {
  const vpc = res("aws:ec2/vpc:Vpc", { cidrBlock: "10.0.0.0/16" }, "vpc");
  const FLOW = "aws:ec2/flowLog:FlowLog";

  it("NET-5: adminPorts given as text count; entries that are not port numbers are ignored", () => {
    const world = (protocol: string, port: number) =>
      inline([{ protocol, fromPort: port, toPort: port, cidrBlocks: ["0.0.0.0/0"] }]);
    const cfg = { [ADMIN]: { adminPorts: ["2222", "ssh"] } };
    assertBlocks(run(world("tcp", 2222), cfg), ADMIN, /\(covering 2222\)/);
    const all = assertBlocks(run(world("-1", 0), cfg), ADMIN);
    assert.match(all[0], /\(covering 2222\) to 0\.0\.0\.0\/0/);
    assertPasses(run(world("-1", 0), { [ADMIN]: { adminPorts: ["ssh"] } }), ADMIN);
  });
  it("NET-5: all-protocol INGRESS from the internet is the admin-port policy's, not the egress policy's", () => {
    const r = run(inline([{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }]));
    assertBlocks(r, ADMIN);
    assertPasses(r, EGRESS);
  });

  it("NET-5: a rule whose securityGroupId comes from another kind of resource is not on a default group", () => {
    const eni = res("aws:ec2/networkInterface:NetworkInterface", { subnetId: "s" }, "eni");
    const rule = {
      ...res(
        T.ingressRule,
        { securityGroupId: "sg-0abc", ipProtocol: "tcp", fromPort: 443, toPort: 443 },
        "r",
      ),
      propertyDependencies: { securityGroupId: ["eni"] },
    };
    assertPasses(run([vpc, eni, rule]), "default-sg-no-separate-rules");
  });

  describe("vpc-default-sg-adopted (advisory, NET-5)", () => {
    const ADOPTED = "vpc-default-sg-adopted";
    const dvpc = res("aws:ec2/defaultVpc:DefaultVpc", {}, "dvpc");
    const adopted = (r: ReturnType<typeof run>) =>
      hits(r, ADOPTED, "advisory")
        .map((v) => v.resourceName)
        .sort();
    it("NET-5: a plain security group in the VPC does not adopt its default group", () => {
      assert.deepStrictEqual(
        adopted(run([vpc, res(T.securityGroup, { vpcId: "vpc-id" }, "app")])),
        ["vpc"],
      );
    });
    it("NET-5: a DefaultSecurityGroup with vpcId null adopts the default VPC's group", () => {
      assert.deepStrictEqual(
        adopted(run([dvpc, res(T.defaultSecurityGroup, { vpcId: null }, "d")])),
        [],
      );
    });
    it("NET-5: adopting one VPC's group leaves the other VPC reported", () => {
      const other = res("aws:ec2/vpc:Vpc", { cidrBlock: "10.1.0.0/16" }, "other");
      assert.deepStrictEqual(
        adopted(run([vpc, other, res(T.defaultSecurityGroup, { vpcId: "vpc-id" }, "d")])),
        ["other"],
      );
    });
  });

  describe("flow logs (NET-3)", () => {
    it("NET-3: trafficType is read in any case and with surrounding spaces", () => {
      for (const trafficType of ["all", " ALL ", "All"]) {
        assertPasses(run(res(FLOW, { vpcId: "vpc-id", trafficType })), "vpc-flow-log-traffic-all");
      }
    });
    it("NET-3: remediation leaves a flow log that already records ALL (any case) untouched", () => {
      for (const trafficType of ["ALL", "all"]) {
        const r = run(res(FLOW, { vpcId: "vpc-id", trafficType }), {
          "vpc-flow-log-traffic-all": "remediate",
        });
        assert.deepStrictEqual(r.remediations, [], trafficType);
      }
      const fixed = run(res(FLOW, { vpcId: "vpc-id" }), {
        "vpc-flow-log-traffic-all": "remediate",
      });
      assert.deepStrictEqual(fixed.remediations[0]?.props, { vpcId: "vpc-id", trafficType: "ALL" });
    });
    it("NET-3: a flow log whose trafficType is unknown at preview still covers its VPC (its type is judged per resource)", () => {
      const r = run(
        [vpc, res(FLOW, { vpcId: "vpc-id", trafficType: UNKNOWN.string }, "fl")],
        {},
        true,
      );
      assertPasses(r, "vpc-has-flow-log");
    });
  });

  describe("quarantine group (IR-1)", () => {
    const Q = "stack-has-quarantine-security-group";
    const instance = res("aws:ec2/instance:Instance", { ami: "ami-0123456789abcdef0" }, "web");
    it("IR-1: a group whose ingress and egress are null is empty", () => {
      assertPasses(
        run([instance, res(T.securityGroup, { vpcId: "v", ingress: null, egress: null }, "q")]),
        Q,
      );
    });
  });
});

import * as assert from "assert";
import { ResourceUnderTest, UNKNOWN } from "../../harness/evaluate";
import { NACL } from "../../lib/nacl-rules";
import { naclNoAdminPortsFromInternet } from "../../policies/network-acl";
import { assertBlocks, assertPasses, hits, res, run } from "../helpers";

const P = "nacl-no-admin-ports-from-internet";

interface Entry {
  /** Text too: a program may write anything, an unreadable number sorts last. */
  ruleNo: number | string;
  action: string;
  protocol: string | number;
  fromPort?: number;
  toPort?: number;
  cidrBlock?: string;
  ipv6CidrBlock?: string;
}

function acl(ingress: Entry[], type: string = NACL.acl, name = "acl"): ResourceUnderTest {
  return res(type, { vpcId: "vpc-1", ingress, egress: [] }, name);
}

const allowWorld = (protocol: string | number, fromPort: number, toPort: number, ruleNo = 100) => ({
  ruleNo,
  action: "allow",
  protocol,
  fromPort,
  toPort,
  cidrBlock: "0.0.0.0/0",
});

/** An aws.ec2.NetworkAclRule: `ruleNumber`/`ruleAction` instead of `ruleNo`/`action`. */
function aclRule(name: string, props: Record<string, unknown>, deps?: Record<string, string[]>) {
  const r = res(NACL.rule, { networkAclId: "acl-id", egress: false, ...props }, name);
  return deps ? { ...r, propertyDependencies: deps } : r;
}

describe("policies/network-acl (NET-5, CIS 5.1, Security Hub EC2.21)", () => {
  it("NET-5: blocks TCP 22 and UDP/TCP 3389 allowed from 0.0.0.0/0 inline on aws.ec2.NetworkAcl", () => {
    assertBlocks(
      run(acl([allowWorld("tcp", 22, 22)])),
      P,
      /ingress\[0\] of 'acl'.*rule number 100.*exposing 22 to the internet/,
    );
    assertBlocks(run(acl([allowWorld("udp", 3389, 3389)])), P, /3389/);
    assertBlocks(run(acl([allowWorld("6", 3389, 3389)])), P, /3389/);
  });
  it("NET-5: blocks protocol -1 (and 'all') from the world, whatever its ports say", () => {
    const r = run(acl([allowWorld("-1", 0, 0)]));
    assertBlocks(
      r,
      P,
      /all protocols and ports, exposing 22, 3389, 3306, 5432, 1433, 27017, 6379, 9200/,
    );
    assertBlocks(run(acl([allowWorld("all", 0, 0)])), P);
  });
  it("NET-5: blocks a range covering a database port (the ephemeral range 1024-65535 covers 3306 and 5432)", () => {
    assertBlocks(
      run(acl([allowWorld("tcp", 1024, 65535)])),
      P,
      /3389, 3306, 5432, 1433, 27017, 6379, 9200/,
    );
    assertBlocks(run(acl([allowWorld("tcp", 0, 65535)])), P, /22, /);
  });
  it("NET-5: blocks ::/0 on ipv6CidrBlock, and a /1 half of the internet", () => {
    assertBlocks(
      run(
        acl([
          {
            ruleNo: 100,
            action: "allow",
            protocol: "tcp",
            fromPort: 22,
            toPort: 22,
            ipv6CidrBlock: "::/0",
          },
        ]),
      ),
      P,
      /::\/0/,
    );
    assertBlocks(run(acl([{ ...allowWorld("tcp", 22, 22), cidrBlock: "128.0.0.0/1" }])), P);
  });
  it("NET-5: passes 443/80 from the world, 22 from a corporate /8, and any deny", () => {
    const r = run(
      acl([
        allowWorld("tcp", 443, 443, 100),
        allowWorld("tcp", 80, 80, 110),
        { ...allowWorld("tcp", 22, 22, 120), cidrBlock: "10.0.0.0/8" },
        { ...allowWorld("-1", 0, 0, 130), action: "deny" },
      ]),
    );
    assertPasses(r, P);
  });
  it("NET-5: ports 21 and 23 (around 22) pass; 22-22 blocks (boundaries)", () => {
    assertPasses(run(acl([allowWorld("tcp", 21, 21), allowWorld("tcp", 23, 23, 110)])), P);
    assertBlocks(run(acl([allowWorld("tcp", 21, 22)])), P, /exposing 22\b/);
  });
  it("NET-5: egress entries are not judged", () => {
    assertPasses(
      run(res(NACL.acl, { vpcId: "v", ingress: [], egress: [allowWorld("-1", 0, 0)] })),
      P,
    );
  });
  it("NET-5: a lower-numbered deny for the same traffic shadows the allow; a higher-numbered one does not", () => {
    const deny = (
      ruleNo: number,
      from: number,
      to: number,
      protocol = "tcp",
      cidrBlock = "0.0.0.0/0",
    ) => ({
      ruleNo,
      action: "deny",
      protocol,
      fromPort: from,
      toPort: to,
      cidrBlock,
    });
    // Ephemeral ports from the world with denies for every admin/DB port in front: passes.
    const hardened = [
      deny(10, 3389, 3389),
      deny(11, 3306, 3306),
      deny(12, 5432, 5432),
      deny(13, 1433, 1433),
      deny(14, 27017, 27017),
      deny(15, 6379, 6379),
      deny(16, 9200, 9200),
      allowWorld("tcp", 1024, 65535, 100),
    ];
    assertPasses(run(acl(hardened)), P);
    // One deny missing: only that port is reported.
    assertBlocks(run(acl(hardened.filter((e) => e.ruleNo !== 12))), P, /exposing 5432 to/);
    // Protocol -1 means every port, whatever fromPort/toPort say.
    assertPasses(run(acl([deny(10, 3389, 3389, "-1"), allowWorld("tcp", 0, 65535, 100)])), P);
    // A deny numbered after the allow is never reached.
    assertBlocks(run(acl([allowWorld("tcp", 22, 22, 100), deny(200, 22, 22)])), P);
    // A deny for UDP does not drop TCP; a deny from a narrower source does not cover the world.
    assertBlocks(run(acl([deny(10, 22, 22, "udp"), allowWorld("tcp", 22, 22, 100)])), P);
    assertBlocks(
      run(acl([deny(10, 22, 22, "tcp", "10.0.0.0/8"), allowWorld("tcp", 22, 22, 100)])),
      P,
    );
    // An all-protocol allow needs both TCP and UDP denied (or a -1 deny).
    assertBlocks(run(acl([deny(10, 0, 65535, "tcp"), allowWorld("-1", 0, 0, 100)])), P, /22, 3389/);
    assertPasses(
      run(acl([deny(10, 0, 65535, "tcp"), deny(11, 0, 65535, "udp"), allowWorld("-1", 0, 0, 100)])),
      P,
    );
  });
  it("NET-5: aws.ec2.DefaultNetworkAcl inline entries are judged the same way", () => {
    assertBlocks(
      run(
        res(
          NACL.defaultAcl,
          { defaultNetworkAclId: "acl-0def", ingress: [allowWorld("-1", 0, 0)] },
          "d",
        ),
      ),
      P,
      /network ACL 'd'/,
    );
  });

  describe("separate aws.ec2.NetworkAclRule resources", () => {
    const rule = (props: Record<string, unknown>) => ({
      protocol: "tcp",
      ruleAction: "allow",
      cidrBlock: "0.0.0.0/0",
      ...props,
    });
    it("NET-5: blocks a world allow of 22 (egress false or unset), passes it as egress", () => {
      assertBlocks(
        run(aclRule("r", rule({ ruleNumber: 100, fromPort: 22, toPort: 22 }))),
        P,
        /rule 'r' \(network ACL acl-id/,
      );
      assertPasses(
        run(aclRule("r", rule({ ruleNumber: 100, fromPort: 22, toPort: 22, egress: true }))),
        P,
      );
      assertBlocks(
        run(
          aclRule(
            "r",
            rule({ ruleNumber: 100, protocol: "-1", ipv6CidrBlock: "::/0", cidrBlock: undefined }),
          ),
        ),
        P,
      );
    });
    it("NET-5: a separate deny shadows an inline or separate allow of the same ACL (joined by reference)", () => {
      const denyRule = aclRule("deny22", {
        ruleNumber: 50,
        ruleAction: "deny",
        protocol: "tcp",
        fromPort: 22,
        toPort: 22,
        cidrBlock: "0.0.0.0/0",
      });
      const allowRule = aclRule("allow22", rule({ ruleNumber: 100, fromPort: 22, toPort: 22 }));
      assertPasses(run([denyRule, allowRule]), P);
      assertPasses(
        run([res(NACL.acl, { vpcId: "v", ingress: [allowWorld("tcp", 22, 22)] }, "acl"), denyRule]),
        P,
      );
      // Rules of two different ACLs never shadow each other.
      assertBlocks(
        run([aclRule("deny22", { ...denyRule.props, networkAclId: "acl-other" }), allowRule]),
        P,
      );
    });
    it("NET-5: rules on vpc.defaultNetworkAclId meet the aws.ec2.DefaultNetworkAcl of that VPC", () => {
      const vpc = res("aws:ec2/vpc:Vpc", { cidrBlock: "10.0.0.0/16" }, "vpc");
      const d = {
        ...res(
          NACL.defaultAcl,
          {
            defaultNetworkAclId: "acl-0def",
            ingress: [
              {
                ruleNo: 10,
                action: "deny",
                protocol: "-1",
                fromPort: 0,
                toPort: 0,
                cidrBlock: "0.0.0.0/0",
              },
            ],
          },
          "dacl",
        ),
        propertyDependencies: { defaultNetworkAclId: ["vpc"] },
      };
      const allow = aclRule(
        "open",
        rule({ networkAclId: "acl-0def", ruleNumber: 100, fromPort: 22, toPort: 22 }),
        { networkAclId: ["vpc"] },
      );
      assertPasses(run([vpc, d, allow]), P);
      const alone = run([vpc, allow]);
      assertBlocks(alone, P, /the default network ACL of VPC 'vpc'/);
    });
    it("NET-5: at preview, an entry or an ACL not known yet is the engine's advisory, never a block", () => {
      const unknownAcl = run(
        aclRule(
          "r",
          rule({ networkAclId: UNKNOWN.string, ruleNumber: 100, fromPort: 22, toPort: 22 }),
        ),
        {},
        true,
      );
      assert.strictEqual(hits(unknownAcl, P, "mandatory").length, 0);
      assert.match(hits(unknownAcl, P, "advisory")[0]?.message ?? "", /can't run policy/);
      const unknownEntry = run(
        acl([
          {
            ruleNo: 10,
            action: "deny",
            protocol: "tcp",
            fromPort: 22,
            toPort: 22,
            cidrBlock: UNKNOWN.string,
          },
          allowWorld("tcp", 22, 22, 100),
        ]),
        {},
        true,
      );
      assert.strictEqual(hits(unknownEntry, P, "mandatory").length, 0);
      assert.strictEqual(hits(unknownEntry, P, "advisory").length, 1);
      // Matched through dependencies, an allow in a fully known ACL still blocks at preview.
      const known = run(
        [
          acl([]),
          aclRule(
            "r",
            rule({ networkAclId: UNKNOWN.string, ruleNumber: 100, fromPort: 22, toPort: 22 }),
            { networkAclId: ["acl"] },
          ),
        ],
        {},
        true,
      );
      assertBlocks(known, P, /network ACL 'acl'/);
    });
    it("NET-5: the port list is configurable", () => {
      assertBlocks(
        run(acl([allowWorld("tcp", 8443, 8443)]), { [P]: { adminPorts: [8443] } }),
        P,
        /8443/,
      );
      assertPasses(run(acl([allowWorld("tcp", 22, 22)]), { [P]: { adminPorts: [8443] } }), P);
    });
  });

  describe("edges the mutation run found", () => {
    const denyWorld = (ruleNo: number | string, extra: Record<string, unknown> = {}) => ({
      ruleNo,
      action: "deny",
      protocol: "tcp",
      fromPort: 22,
      toPort: 22,
      cidrBlock: "0.0.0.0/0",
      ...extra,
    });
    const rule = (props: Record<string, unknown>) => ({
      protocol: "tcp",
      ruleAction: "allow",
      cidrBlock: "0.0.0.0/0",
      fromPort: 22,
      toPort: 22,
      ruleNumber: 100,
      ...props,
    });

    it("NET-5: only a deny shadows: two world allows of 22 are both reported", () => {
      const r = run(acl([allowWorld("tcp", 22, 22, 10), allowWorld("tcp", 22, 22, 100)]));
      const found = assertBlocks(r, P);
      assert.strictEqual(found.length, 2);
      assert.ok(found.some((m) => /rule number 100/.test(m)));
    });
    it("NET-5: an egress deny numbered lower does not shadow an ingress allow", () => {
      const r = run(
        res(NACL.acl, {
          vpcId: "v",
          ingress: [allowWorld("tcp", 22, 22, 100)],
          egress: [denyWorld(10)],
        }),
      );
      assertBlocks(r, P, /rule number 100/);
    });
    it("NET-5: a deny with an unreadable rule number shadows nothing, even an allow numbered the same way", () => {
      assertBlocks(run(acl([denyWorld("x"), allowWorld("tcp", 22, 22, Number.NaN)])), P);
      assertPasses(run(acl([denyWorld(99), allowWorld("tcp", 22, 22, 100)])), P);
    });
    it("NET-5: a rule naming the default ACL by its literal ID meets that aws.ec2.DefaultNetworkAcl", () => {
      const dacl = res(
        NACL.defaultAcl,
        { defaultNetworkAclId: "acl-0def", ingress: [denyWorld(10)] },
        "dacl",
      );
      const open = aclRule("open", rule({ networkAclId: "acl-0def" }));
      assertPasses(run([dacl, open]), P);
      assertBlocks(run([open]), P, /rule 'open' \(network ACL acl-0def,/);
      // Another literal ID is another ACL.
      assertBlocks(run([dacl, aclRule("open", rule({ networkAclId: "acl-0other" }))]), P);
    });
    it("NET-5: a default ACL whose ID is unknown at preview is still judged on its own entries", () => {
      const dacl = res(
        NACL.defaultAcl,
        { defaultNetworkAclId: UNKNOWN.string, ingress: [allowWorld("tcp", 22, 22)] },
        "dacl",
      );
      assertBlocks(run([dacl], {}, true), P, /network ACL 'dacl'/);
    });
    it("NET-5: the default ACLs of two VPCs are two ACLs; aws.ec2.DefaultVpc counts as a VPC", () => {
      const vpcA = res("aws:ec2/vpc:Vpc", {}, "a");
      const vpcB = res("aws:ec2/vpc:Vpc", {}, "b");
      const deny = aclRule(
        "deny",
        { ...denyWorld(10), ruleNumber: 10, ruleAction: "deny" },
        {
          networkAclId: ["a"],
        },
      );
      const allowB = aclRule("open", rule({ networkAclId: UNKNOWN.string }), {
        networkAclId: ["b"],
      });
      assertBlocks(run([vpcA, vpcB, deny, allowB]), P, /default network ACL of VPC 'b'/);
      const dvpc = res("aws:ec2/defaultVpc:DefaultVpc", {}, "dv");
      const allowDefault = aclRule("open", rule({ networkAclId: "acl-x" }), {
        networkAclId: ["dv"],
      });
      assertBlocks(run([dvpc, allowDefault]), P, /default network ACL of VPC 'dv'/);
    });
    it("NET-5: a rule with no readable networkAclId is not judged against a partial ACL: the advisory", () => {
      for (const networkAclId of [undefined, ""]) {
        const r = run(aclRule("open", rule({ networkAclId })));
        assert.strictEqual(hits(r, P, "mandatory").length, 0, String(networkAclId));
        assert.match(hits(r, P, "advisory")[0]?.message ?? "", /can't run policy.*\.open\.rule/);
      }
    });
    it("NET-5: adminPorts written as text count; entries that are not ports are ignored", () => {
      const r = run(acl([allowWorld("-1", 0, 0)]), { [P]: { adminPorts: ["22", "ssh", null] } });
      assertBlocks(r, P, /exposing 22 to the internet/);
    });
    it("NET-5: the engine validates adminPorts as a list of numbers (config schema)", () => {
      const s = naclNoAdminPortsFromInternet.configSchema?.properties?.adminPorts as
        { type?: string; items?: { type?: string }; default?: unknown } | undefined;
      assert.strictEqual(s?.type, "array");
      assert.deepStrictEqual(s?.items, { type: "number" });
      assert.ok(Array.isArray(s?.default) && s.default.includes(22));
    });
  });
});

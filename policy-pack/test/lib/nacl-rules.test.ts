import * as assert from "assert";
import { NACL, naclEntryReaders } from "../../lib/nacl-rules";
import { unknownCheckingProxy, UNKNOWN } from "../../lib/policy-kit";

const read = (type: string, props: unknown) =>
  naclEntryReaders(type, unknownCheckingProxy(props)).map((r) => r());

describe("lib/nacl-rules: every spelling of a network ACL entry, one shape (NET-5)", () => {
  it("NET-5: inline entries (ruleNo/action) of NetworkAcl and DefaultNetworkAcl, both directions", () => {
    for (const type of [NACL.acl, NACL.defaultAcl]) {
      const [i, e] = read(type, {
        ingress: [
          {
            ruleNo: 100,
            action: " ALLOW ",
            protocol: "6",
            fromPort: 22,
            toPort: 22,
            cidrBlock: "0.0.0.0/0",
          },
        ],
        egress: [
          {
            ruleNo: "200",
            action: "deny",
            protocol: "-1",
            fromPort: 0,
            toPort: 0,
            ipv6CidrBlock: "::/0",
          },
        ],
      });
      assert.deepStrictEqual(i, {
        direction: "ingress",
        where: "ingress[0]",
        ruleNumber: 100,
        action: "allow",
        cidr: "0.0.0.0/0",
        range: { protocol: "tcp", from: 22, to: 22 },
      });
      assert.deepStrictEqual(e, {
        direction: "egress",
        where: "egress[0]",
        ruleNumber: 200,
        action: "deny",
        cidr: "::/0",
        range: { protocol: "all", from: 0, to: 65535 },
      });
    }
  });
  it("NET-5: aws.ec2.NetworkAclRule (ruleNumber/ruleAction); egress defaults to false", () => {
    const [r] = read(NACL.rule, {
      ruleNumber: 10,
      ruleAction: "allow",
      protocol: "udp",
      fromPort: 3389,
      toPort: 3389,
      cidrBlock: "0.0.0.0/0",
    });
    assert.strictEqual(r.direction, "ingress");
    assert.strictEqual(r.where, "rule");
    assert.strictEqual(read(NACL.rule, { egress: true })[0].direction, "egress");
    assert.strictEqual(read(NACL.rule, { egress: "true" })[0].direction, "egress");
  });
  it("NET-5: odd values never throw: an unreadable number sorts last, an odd action is neither", () => {
    const [r] = read(NACL.acl, { ingress: [{ ruleNo: "x", action: "maybe", protocol: "tcp" }] });
    assert.strictEqual(r.ruleNumber, Number.POSITIVE_INFINITY);
    assert.strictEqual(r.action, "");
    assert.strictEqual(r.cidr, undefined);
    assert.deepStrictEqual(read("aws:ec2/vpc:Vpc", {}), []);
  });
  it("NET-5: an unknown entry throws only when read, so the others stay readable", () => {
    const readers = naclEntryReaders(
      NACL.acl,
      unknownCheckingProxy({
        ingress: [
          UNKNOWN.object,
          { ruleNo: 1, action: "deny", protocol: "-1", cidrBlock: "0.0.0.0/0" },
        ],
      }),
    );
    assert.throws(() => readers[0]());
    assert.strictEqual(readers[1]().action, "deny");
    assert.throws(() =>
      naclEntryReaders(NACL.acl, unknownCheckingProxy({ ingress: UNKNOWN.array }))[0](),
    );
  });
});

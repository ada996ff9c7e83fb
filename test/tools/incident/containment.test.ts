import { strict as assert } from "assert";
import { NetworkAcl, NetworkAclEntry, SecurityGroup } from "@aws-sdk/client-ec2";
import { hostCidr, NoFreeRuleNumberError, planDenyEntries } from "../../../tools/incident/nacl";
import {
  missingUntrackRules,
  untrackGroupDescription,
  untrackGroupName,
} from "../../../tools/incident/untrack";

const OWN = "subnet-own";
const OTHER = "subnet-nat";

function entry(
  ruleNumber: number,
  egress: boolean,
  action: "allow" | "deny",
  cidr = "0.0.0.0/0",
): NetworkAclEntry {
  return {
    RuleNumber: ruleNumber,
    Egress: egress,
    RuleAction: action,
    Protocol: "-1",
    ...(cidr.includes(":") ? { Ipv6CidrBlock: cidr } : { CidrBlock: cidr }),
  };
}

/** A valid baseline: an ACL serving the instance's subnet and another one, allow all at 100. */
function acl(overrides: Partial<NetworkAcl> = {}): NetworkAcl {
  return {
    NetworkAclId: "acl-1",
    Associations: [{ SubnetId: OWN }, { SubnetId: OTHER }],
    Entries: [
      entry(100, false, "allow"),
      entry(32767, false, "deny"),
      entry(100, true, "allow"),
      entry(32767, true, "deny"),
    ],
    ...overrides,
  };
}

describe("IR-1: network ACL deny entries for a quarantined instance", () => {
  it("IR-1: one inbound and one outbound deny for the host, all protocols, at the lowest free number below the allow rule", () => {
    const plan = planDenyEntries([acl()], [OWN], ["10.0.64.10"]);
    assert.deepEqual(plan.create, [
      { networkAclId: "acl-1", egress: false, ruleNumber: 1, cidr: "10.0.64.10/32" },
      { networkAclId: "acl-1", egress: true, ruleNumber: 1, cidr: "10.0.64.10/32" },
    ]);
    assert.deepEqual(plan.aclIds, ["acl-1"]);
  });

  it("IR-1: rule numbers taken by another incident's entries are skipped, per direction", () => {
    const busy = acl();
    busy.Entries = [
      ...(busy.Entries ?? []),
      entry(1, false, "deny", "10.0.64.99/32"),
      entry(2, false, "deny", "10.0.64.98/32"),
    ];
    assert.deepEqual(
      planDenyEntries([busy], [OWN], ["10.0.64.10"]).create.map((e) => [e.egress, e.ruleNumber]),
      [
        [false, 3],
        [true, 1],
      ],
    );
  });

  it("IR-1: an ACL that serves only the instance's own subnet is left alone (its entries would match nothing)", () => {
    const ownOnly = acl({ NetworkAclId: "acl-own", Associations: [{ SubnetId: OWN }] });
    const plan = planDenyEntries([ownOnly, acl()], [OWN], ["10.0.64.10"]);
    assert.deepEqual(plan.aclIds, ["acl-1"]);
    assert.ok(plan.create.every((e) => e.networkAclId === "acl-1"));
  });

  it("IR-1: an ACL associated with no subnet is left alone", () => {
    const unused = acl({ NetworkAclId: "acl-unused", Associations: [] });
    assert.deepEqual(planDenyEntries([unused], [OWN], ["10.0.64.10"]).aclIds, []);
  });

  it("IR-1: an equivalent deny already before the allow rule is reported present, not duplicated (re-runs)", () => {
    const done = acl();
    done.Entries = [
      ...(done.Entries ?? []),
      entry(5, false, "deny", "10.0.64.10/32"),
      entry(5, true, "deny", "10.0.64.10/32"),
    ];
    const plan = planDenyEntries([done], [OWN], ["10.0.64.10"]);
    assert.deepEqual(plan.create, []);
    assert.deepEqual(
      plan.present.map((e) => [e.egress, e.ruleNumber]),
      [
        [false, 5],
        [true, 5],
      ],
    );
  });

  it("IR-1: an IPv6 deny spelled as the IPv4-mapped host is not the IPv4 host's deny (it never matches IPv4 packets)", () => {
    const mapped = acl();
    mapped.Entries = [
      ...(mapped.Entries ?? []),
      entry(5, false, "deny", "::ffff:10.0.64.10/128"),
      entry(5, true, "deny", "::ffff:10.0.64.10/128"),
    ];
    const plan = planDenyEntries([mapped], [OWN], ["10.0.64.10"]);
    assert.deepEqual(plan.present, []);
    assert.deepEqual(
      plan.create.map((e) => [e.egress, e.cidr]),
      [
        [false, "10.0.64.10/32"],
        [true, "10.0.64.10/32"],
      ],
    );
  });

  it("IR-1: a deny placed after the allow rule does not count (the allow matches first)", () => {
    const late = acl();
    late.Entries = [...(late.Entries ?? []), entry(200, false, "deny", "10.0.64.10/32")];
    assert.deepEqual(
      planDenyEntries([late], [OWN], ["10.0.64.10"]).create.map((e) => [e.egress, e.ruleNumber]),
      [
        [false, 1],
        [true, 1],
      ],
    );
  });

  it("IR-1: no free number below the first allow rule is an error that says how to fix it, never a late deny", () => {
    const tight = acl();
    tight.Entries = [entry(1, false, "allow"), entry(100, true, "allow")];
    assert.throws(
      () => planDenyEntries([tight], [OWN], ["10.0.64.10"]),
      (error: unknown) =>
        error instanceof NoFreeRuleNumberError &&
        /acl-1 has no free inbound rule number below its first allow rule \(1\)/.test(
          error.message,
        ),
    );
  });

  it("IR-1: IPv6 addresses get /128 entries placed before the IPv6 allow rule", () => {
    const dual = acl();
    dual.Entries = [
      ...(dual.Entries ?? []),
      entry(101, false, "allow", "::/0"),
      entry(101, true, "allow", "::/0"),
    ];
    const plan = planDenyEntries([dual], [OWN], ["10.0.64.10", "2001:db8::10"]);
    assert.deepEqual(
      plan.create.map((e) => [e.egress, e.ruleNumber, e.cidr]),
      [
        [false, 1, "10.0.64.10/32"],
        [false, 2, "2001:db8::10/128"],
        [true, 1, "10.0.64.10/32"],
        [true, 2, "2001:db8::10/128"],
      ],
    );
  });

  it("IR-1: a family the ACL allows nowhere needs no entry (its * rule drops it already)", () => {
    const plan = planDenyEntries([acl()], [OWN], ["2001:db8::10"]);
    assert.deepEqual(plan.create, []);
  });

  it("IR-1: an equivalent deny is recognised however its range and protocol are spelled", () => {
    const done = acl();
    done.Entries = [
      ...(done.Entries ?? []),
      entry(101, false, "allow", "::/0"),
      entry(101, true, "allow", "::/0"),
      { ...entry(5, false, "deny", "2001:DB8:0:0::10/128"), Protocol: "all" },
      entry(5, true, "deny", "2001:db8::10/128"),
    ];
    const plan = planDenyEntries([done], [OWN], ["2001:db8::10"]);
    assert.deepEqual(plan.create, []);
    assert.deepEqual(
      plan.present.map((e) => [e.egress, e.ruleNumber]),
      [
        [false, 5],
        [true, 5],
      ],
    );
  });

  it("host CIDRs: /32 for IPv4, /128 for IPv6", () => {
    assert.equal(hostCidr("10.0.0.1"), "10.0.0.1/32");
    assert.equal(hostCidr("2001:db8::1"), "2001:db8::1/128");
  });
});

describe("IR-1: the transient untrack security group", () => {
  const anywhere = {
    IpProtocol: "-1",
    IpRanges: [{ CidrIp: "0.0.0.0/0" }],
    Ipv6Ranges: [{ CidrIpv6: "::/0" }],
  };

  it("IR-1: a new group (allow-all IPv4 egress only) still needs all-protocol ingress from 0.0.0.0/0 and ::/0 and egress to ::/0", () => {
    const fresh: SecurityGroup = {
      IpPermissions: [],
      IpPermissionsEgress: [{ IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }] }],
    };
    const missing = missingUntrackRules(fresh);
    assert.deepEqual(
      missing.ingress.map((p) => [
        p.IpProtocol,
        p.IpRanges?.map((r) => r.CidrIp),
        p.Ipv6Ranges?.map((r) => r.CidrIpv6),
      ]),
      [["-1", ["0.0.0.0/0"], ["::/0"]]],
    );
    assert.deepEqual(
      missing.egress.map((p) => [p.IpProtocol, p.IpRanges, p.Ipv6Ranges?.map((r) => r.CidrIpv6)]),
      [["-1", undefined, ["::/0"]]],
    );
  });

  it("IR-1: a complete group needs nothing more", () => {
    assert.deepEqual(
      missingUntrackRules({ IpPermissions: [anywhere], IpPermissionsEgress: [anywhere] }),
      { ingress: [], egress: [] },
    );
  });

  it("IR-1: all protocols from anywhere counts however it is spelled, but IPv4-mapped IPv6 space is not all of IPv6", () => {
    const spelled = {
      IpProtocol: "ALL",
      IpRanges: [{ CidrIp: "0.0.0.0/0 " }],
      Ipv6Ranges: [{ CidrIpv6: "0:0:0:0:0:0:0:0/0" }],
    };
    assert.deepEqual(
      missingUntrackRules({ IpPermissions: [spelled], IpPermissionsEgress: [anywhere] }),
      { ingress: [], egress: [] },
    );
    const mapped = { IpProtocol: "-1", Ipv6Ranges: [{ CidrIpv6: "::ffff:0.0.0.0/96" }] };
    assert.equal(
      missingUntrackRules({ IpPermissions: [mapped], IpPermissionsEgress: [anywhere] }).ingress
        .length,
      1,
    );
  });

  it("IR-1: a port-limited or narrower rule does not count: only all protocols from anywhere makes flows untracked", () => {
    const narrow: SecurityGroup = {
      IpPermissions: [
        { IpProtocol: "tcp", FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: "0.0.0.0/0" }] },
        { IpProtocol: "-1", IpRanges: [{ CidrIp: "10.0.0.0/8" }] },
      ],
      IpPermissionsEgress: [anywhere],
    };
    assert.equal(missingUntrackRules(narrow).ingress.length, 1);
  });

  it("IR-1: the group's name identifies stack and instance; its rules and description use only EC2's description characters", () => {
    assert.equal(
      untrackGroupName("production", "i-0123456789abcdef0"),
      "ir-untrack-production-i-0123456789abcdef0",
    );
    const ec2Description = /^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]{1,255}$/;
    assert.match(untrackGroupDescription("i-0123456789abcdef0"), ec2Description);
    const rule = missingUntrackRules({}).ingress[0];
    assert.match(rule.IpRanges?.[0].Description ?? "", ec2Description);
    assert.match(rule.Ipv6Ranges?.[0].Description ?? "", ec2Description);
  });
});

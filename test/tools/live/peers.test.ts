// How the live checks name a rule's network peer: one spelling per range, and never an IPv6 rule
// read as the IPv4 range it embeds (SecurityGroupRule keeps cidrIpv4 and cidrIpv6 apart).
import { strict as assert } from "assert";
import { ruleRange } from "../../../policy-pack/lib/semantics";
import { cidrText, networkPeer, ruleText } from "../../../tools/live/checks/check";

describe("NET-1, ACC-2: live rule peers", () => {
  it("NET-1: a range is named in one spelling, whatever case or host bits AWS returns", () => {
    assert.equal(networkPeer("2001:DB8::/32"), networkPeer("2001:db8::/32"));
    assert.equal(cidrText("203.0.113.0/24"), "203.0.113.0/24");
  });

  it("NET-1: an IPv4-mapped IPv6 range keeps its own text, so it never passes for the IPv4 allowedCidr", () => {
    assert.equal(cidrText("::ffff:203.0.113.0/120"), "::ffff:203.0.113.0/120");
    assert.notEqual(networkPeer("::ffff:203.0.113.0/120"), networkPeer("203.0.113.0/24"));
  });

  it("NET-1: a prefix-list id is named as it is", () => {
    assert.equal(networkPeer("pl-0123456789abcdef0"), "cidr:pl-0123456789abcdef0");
  });

  it("NET-4: an ICMP rule is compared by its type and code, which EC2 keeps in FromPort/ToPort", () => {
    const peer = networkPeer("10.0.0.0/8");
    assert.equal(
      ruleText("app", "ingress", ruleRange("icmp", 3, 4), peer),
      "app ingress icmp type 3 code 4 cidr:10.0.0.0/8",
    );
    assert.notEqual(
      ruleText("app", "ingress", ruleRange("icmp", 3, 4), peer),
      ruleText("app", "ingress", ruleRange("icmp", 4, 3), peer),
    );
    assert.equal(
      ruleText("app", "egress", ruleRange("58", -1, -1), peer),
      "app egress icmpv6 type any code any cidr:10.0.0.0/8",
    );
    assert.equal(
      ruleText("app", "ingress", ruleRange("tcp", 443, 443), peer),
      "app ingress tcp 443-443 cidr:10.0.0.0/8",
    );
  });
});

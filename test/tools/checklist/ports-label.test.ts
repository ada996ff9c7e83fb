// The checklist's and the diagram's label for what a security-group rule opens.
import { strict as assert } from "assert";
import { ruleRange } from "../../../policy-pack/lib/semantics";
import { portsLabel } from "../../../tools/checklist/resources";

describe("checklist: a rule's ports label", () => {
  it("ports for TCP/UDP, all for every protocol", () => {
    assert.equal(portsLabel(ruleRange("tcp", 443, 443)), "tcp 443");
    assert.equal(portsLabel(ruleRange("udp", 1024, 65535)), "udp 1024-65535");
    assert.equal(portsLabel(ruleRange("-1", 0, 0)), "all");
  });

  it("ICMP by type and code, as EC2 keeps them in FromPort/ToPort (-1: any)", () => {
    assert.equal(portsLabel(ruleRange("icmp", 8, 0)), "icmp type 8 code 0");
    assert.equal(portsLabel(ruleRange("icmpv6", -1, -1)), "icmpv6 type any code any");
  });
});

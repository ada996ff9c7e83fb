import { strict as assert } from "assert";
import {
  albSchemeFor,
  clientNetwork,
  clientNetworkIssue,
  NON_CLIENT_RANGES,
  PRIVATE_CLIENT_RANGES,
} from "../../config/client-network";
import { ParsedCidr, parseCidr } from "../../policy-pack/lib/semantics";

const cidr = (text: string): ParsedCidr => {
  const parsed = parseCidr(text);
  assert.ok(parsed, `${text} should parse`);
  return parsed;
};

describe("config/client-network: who can reach the app from allowedCidr (NET-1, NET-2)", () => {
  const cases: [string, ReturnType<typeof clientNetwork>["kind"]][] = [
    ["10.0.0.0/8", "private"],
    ["10.42.7.0/24", "private"],
    ["172.16.0.0/12", "private"],
    ["172.31.255.255/32", "private"],
    ["192.168.1.0/24", "private"],
    ["100.64.0.0/10", "private"],
    ["100.100.3.0/24", "private"],
    ["203.0.113.45/32", "public"],
    ["198.51.100.0/24", "public"],
    ["172.32.0.0/16", "public"],
    ["100.128.0.0/16", "public"],
    ["11.0.0.0/8", "public"],
    ["172.0.0.0/8", "mixed"],
    ["172.0.0.0/11", "mixed"],
    ["192.0.0.0/8", "mixed"],
    ["100.0.0.0/8", "mixed"],
    ["127.0.0.0/8", "unusable"],
    ["169.254.10.0/24", "unusable"],
    ["0.0.0.0/8", "unusable"],
  ];
  for (const [text, kind] of cases) {
    it(`${text} is ${kind}`, () => assert.equal(clientNetwork(cidr(text)).kind, kind));
  }

  it("the range tables parse and do not overlap each other", () => {
    for (const range of [...PRIVATE_CLIENT_RANGES, ...NON_CLIENT_RANGES]) {
      assert.equal(cidr(range).text, range, `${range} is canonical`);
    }
    for (const range of NON_CLIENT_RANGES) {
      assert.equal(clientNetwork(cidr(range)).kind, "unusable");
    }
  });

  it("a mixed range names the private part it contains", () => {
    const network = clientNetwork(cidr("172.0.0.0/8"));
    assert.deepEqual(network, { kind: "mixed", privateRanges: ["172.16.0.0/12"] });
  });

  it("production: private clients get an internal ALB, public clients an internet-facing one", () => {
    assert.equal(albSchemeFor(clientNetwork(cidr("10.0.0.0/8"))), "internal");
    assert.equal(albSchemeFor(clientNetwork(cidr("100.64.0.0/10"))), "internal");
    assert.equal(albSchemeFor(clientNetwork(cidr("203.0.113.0/24"))), "internet-facing");
  });

  it("production accepts private and public ranges, refuses mixed and unusable ones", () => {
    assert.equal(clientNetworkIssue(cidr("10.0.0.0/8"), "production"), undefined);
    assert.equal(clientNetworkIssue(cidr("203.0.113.0/24"), "production"), undefined);
    assert.match(
      clientNetworkIssue(cidr("172.0.0.0/8"), "production") ?? "",
      /mixes private addresses \(172\.16\.0\.0\/12\) with public ones.*wholly inside 10\.0\.0\.0\/8, 172\.16\.0\.0\/12, 192\.168\.0\.0\/16, 100\.64\.0\.0\/10 or wholly outside them/,
    );
    assert.match(clientNetworkIssue(cidr("127.0.0.0/8"), "production") ?? "", /no client/);
  });

  it("sandbox refuses private ranges: its public Elastic IP never sees a private source address", () => {
    assert.equal(clientNetworkIssue(cidr("203.0.113.45/32"), "sandbox"), undefined);
    for (const text of ["10.0.0.0/8", "192.168.1.10/32", "100.64.0.0/10"]) {
      assert.match(
        clientNetworkIssue(cidr(text), "sandbox") ?? "",
        /sandbox edition serves from a public Elastic IP.*production edition/,
        text,
      );
    }
    assert.match(clientNetworkIssue(cidr("192.0.0.0/8"), "sandbox") ?? "", /mixes/);
  });
});

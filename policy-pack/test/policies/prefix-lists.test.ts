import * as assert from "assert";
import { ResourceUnderTest, UNKNOWN } from "../../harness/evaluate";
import { PREFIX_LIST, PREFIX_LIST_ENTRY } from "../../lib/prefix-lists";
import { T } from "../../lib/sg-rules";
import { assertBlocks, assertPasses, hits, res, run } from "../helpers";

const WORLD = "sg-world-ingress-only-port-80";
const ADMIN = "sg-no-admin-ports-from-internet";
const EGRESS = "sg-no-world-all-protocol-egress";
const OUTSIDE = "sg-prefix-list-outside-stack";

function list(name: string, cidrs: unknown, extra: Record<string, unknown> = {}) {
  return res(
    PREFIX_LIST,
    {
      addressFamily: "IPv4",
      maxEntries: 5,
      entries: Array.isArray(cidrs) ? cidrs.map((cidr) => ({ cidr })) : cidrs,
      ...extra,
    },
    name,
  );
}

function withDeps(r: ResourceUnderTest, deps: Record<string, string[]>): ResourceUnderTest {
  return { ...r, propertyDependencies: deps };
}

/** A vpc.SecurityGroupIngressRule from a prefix list (its ID as mocks return it). */
function ingressFrom(prefixListId: unknown, port = 22, name = "rule") {
  return res(
    T.ingressRule,
    { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: port, toPort: port, prefixListId },
    name,
  );
}

describe("policies/network: prefix lists (NET-1, NET-5)", () => {
  it("NET-5: blocks 22 from a prefix list whose inline entries hold 0.0.0.0/0 (vpc.SecurityGroupIngressRule)", () => {
    const r = run([list("corp", ["10.0.0.0/8", "0.0.0.0/0"]), ingressFrom("corp-id")]);
    assertBlocks(
      r,
      ADMIN,
      /'rule' opens tcp port 22.*0\.0\.0\.0\/0 \(entries of prefix list 'corp'\)/,
    );
    assertBlocks(r, WORLD, /in the prefix list/);
  });
  it("NET-5: passes 22 from a prefix list of corporate ranges only", () => {
    const r = run([list("corp", ["10.0.0.0/8", "203.0.113.0/24"]), ingressFrom("corp-id")]);
    assertPasses(r, ADMIN);
    assertPasses(r, WORLD);
    assertPasses(r, OUTSIDE);
  });
  it("NET-5: both halves of the internet (/1) are the internet; a /8 is not", () => {
    assertBlocks(run([list("halves", ["0.0.0.0/1", "128.0.0.0/1"]), ingressFrom("halves")]), ADMIN);
    assertPasses(run([list("big", ["11.0.0.0/8"]), ingressFrom("big")]), ADMIN);
  });
  it("NET-5: an IPv6 list with ::/0 blocks", () => {
    assertBlocks(
      run([list("v6", ["::/0"], { addressFamily: "IPv6" }), ingressFrom("v6-id", 3389)]),
      ADMIN,
      /3389/,
    );
  });
  it("NET-5: entries added by separate aws.ec2.ManagedPrefixListEntry resources count", () => {
    const entry = res(PREFIX_LIST_ENTRY, { prefixListId: "corp-id", cidr: "0.0.0.0/0" }, "e1");
    const r = run([list("corp", ["10.0.0.0/8"]), entry, ingressFrom("corp-id")]);
    assertBlocks(r, ADMIN, /prefix list 'corp'/);
    // The same entry on a list outside the stack is still a known world entry of that list.
    const outside = res(PREFIX_LIST_ENTRY, { prefixListId: "pl-0abc", cidr: "::/0" }, "e2");
    assertBlocks(
      run([outside, ingressFrom("pl-0abc")]),
      ADMIN,
      /pl-0abc \(not defined in this stack\)/,
    );
  });
  it("NET-5: inline rules (prefixListIds) and aws.ec2.SecurityGroupRule are judged the same way", () => {
    const pl = list("corp", ["0.0.0.0/0"]);
    assertBlocks(
      run([
        pl,
        res(T.securityGroup, {
          ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, prefixListIds: ["corp-id"] }],
        }),
      ]),
      ADMIN,
      /ingress\[0\] of 'subject'.*5432/,
    );
    assertBlocks(
      run([
        pl,
        res(T.securityGroupRule, {
          type: "ingress",
          protocol: "-1",
          fromPort: 0,
          toPort: 0,
          prefixListIds: ["corp"],
          securityGroupId: "sg-1",
        }),
      ]),
      ADMIN,
      /all protocols and ports/,
    );
  });
  it("NET-5: all-protocol egress to a world prefix list blocks; TCP 443 egress to it passes", () => {
    const pl = list("any", ["0.0.0.0/0"]);
    assertBlocks(
      run([
        pl,
        res(T.egressRule, { ipProtocol: "-1", prefixListId: "any-id", securityGroupId: "s" }),
      ]),
      EGRESS,
      /entries of prefix list 'any'/,
    );
    const ok = run([
      pl,
      res(T.egressRule, {
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        prefixListId: "any-id",
        securityGroupId: "s",
      }),
    ]);
    assertPasses(ok, EGRESS);
    assertPasses(ok, WORLD);
  });
  it("NET-1: 80 from a world prefix list passes (the Let's Encrypt exception), 8080 blocks", () => {
    const pl = list("any", ["0.0.0.0/0"]);
    assertPasses(run([pl, ingressFrom("any-id", 80)]), WORLD);
    assertBlocks(run([pl, ingressFrom("any-id", 8080)]), WORLD, /tcp port 8080/);
  });
  it("NET-5: matched through property dependencies when the ID is a real pl- ID (pulumi up)", () => {
    const r = run([
      list("corp", ["0.0.0.0/0"]),
      withDeps(ingressFrom("pl-0123456789abcdef0"), { prefixListId: ["corp"] }),
    ]);
    assertBlocks(r, ADMIN, /prefix list 'corp'/);
    assertPasses(r, OUTSIDE);
  });
  it("NET-5: a rule depending on an entry resource is judged on that entry's list", () => {
    const entry = res(PREFIX_LIST_ENTRY, { prefixListId: "corp-id", cidr: "0.0.0.0/0" }, "e1");
    const r = run([
      list("corp", []),
      entry,
      withDeps(ingressFrom("pl-0123"), { prefixListId: ["e1"] }),
    ]);
    assertBlocks(r, ADMIN, /prefix list 'corp'/);
  });
  it("NET-5: an inline rule whose dependencies name several lists is judged on all of them", () => {
    const r = run([
      list("a", ["10.0.0.0/8"]),
      list("b", ["0.0.0.0/0"]),
      withDeps(
        res(T.securityGroup, {
          ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, prefixListIds: ["pl-0aaa"] }],
        }),
        { ingress: ["a", "b"] },
      ),
    ]);
    assertBlocks(r, ADMIN, /prefix list 'b'/);
  });

  describe("preview and lists outside the stack", () => {
    it("NET-5: entries unknown at preview are the engine's advisory, never a block; known world entries beside them still block", () => {
      const unknownEntries = run([list("corp", UNKNOWN.array), ingressFrom("corp-id")], {}, true);
      assert.strictEqual(hits(unknownEntries, ADMIN, "mandatory").length, 0);
      assert.match(
        hits(unknownEntries, ADMIN, "advisory")[0]?.message ?? "",
        /can't run policy 'sg-no-admin-ports-from-internet' during preview.*rule\.prefixListId/,
      );
      const oneUnknown = run(
        [
          list(
            "corp",
            [{ cidr: UNKNOWN.string }, { cidr: "0.0.0.0/0" }].map((e) => e.cidr),
          ),
          ingressFrom("corp-id"),
        ],
        {},
        true,
      );
      assertBlocks(oneUnknown, ADMIN);
      assert.strictEqual(hits(oneUnknown, ADMIN, "advisory").length, 1);
    });
    it("NET-5: a rule whose prefix-list ID is unknown is resolved through its dependencies at preview", () => {
      const r = run(
        [
          list("corp", ["0.0.0.0/0"]),
          withDeps(ingressFrom(UNKNOWN.string), { prefixListId: ["corp"] }),
        ],
        {},
        true,
      );
      assertBlocks(r, ADMIN, /prefix list 'corp'/);
      const clean = run(
        [
          list("corp", ["10.0.0.0/8"]),
          withDeps(ingressFrom(UNKNOWN.string), { prefixListId: ["corp"] }),
        ],
        {},
        true,
      );
      assertPasses(clean, ADMIN);
    });
    it("NET-5: an unknown ID with no dependency, or an entry whose list is unknown, is advisory at preview", () => {
      const r = run([ingressFrom(UNKNOWN.string)], {}, true);
      assert.strictEqual(hits(r, ADMIN, "mandatory").length, 0);
      assert.strictEqual(hits(r, ADMIN, "advisory").length, 1);
      const floating = run(
        [
          list("corp", ["10.0.0.0/8"]),
          res(PREFIX_LIST_ENTRY, { prefixListId: UNKNOWN.string, cidr: "0.0.0.0/0" }, "e"),
          ingressFrom("corp-id"),
        ],
        {},
        true,
      );
      assert.strictEqual(hits(floating, ADMIN, "mandatory").length, 0);
      assert.strictEqual(hits(floating, ADMIN, "advisory").length, 1);
    });
    it("NET-1: a list outside the stack is the advisory sg-prefix-list-outside-stack (ingress, all-protocol egress), not a block", () => {
      const r = run([ingressFrom("pl-0abcdef")]);
      assertPasses(r, ADMIN);
      const adv = hits(r, OUTSIDE, "advisory");
      assert.strictEqual(adv.length, 1);
      assert.match(
        adv[0].message,
        /^NET-1: the ingress rule of 'rule' admits prefix list pl-0abcdef \(not defined in this stack\) on tcp port 22/,
      );
      assert.strictEqual(
        hits(
          run([
            res(T.egressRule, { ipProtocol: "-1", prefixListId: "pl-1", securityGroupId: "s" }),
          ]),
          OUTSIDE,
        ).length,
        1,
      );
      // TCP egress to an AWS service list (an S3 gateway endpoint) is the normal case: not reported.
      assertPasses(
        run([
          res(T.egressRule, {
            ipProtocol: "tcp",
            fromPort: 443,
            toPort: 443,
            prefixListId: "pl-63a5400a",
            securityGroupId: "s",
          }),
        ]),
        OUTSIDE,
      );
    });
  });
});

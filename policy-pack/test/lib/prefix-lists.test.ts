import * as assert from "assert";
import {
  PREFIX_LIST,
  PREFIX_LIST_ENTRY,
  PrefixListIndex,
  scanPrefixLists,
} from "../../lib/prefix-lists";
import { PolicyResource, UNKNOWN, UnknownValueError } from "../../lib/policy-kit";
import { policyResource } from "../helpers";
import { SgRule, T } from "../../lib/sg-rules";

const resource = policyResource;

const list = (name: string, cidrs: unknown[]) =>
  resource(PREFIX_LIST, name, { entries: cidrs.map((cidr) => ({ cidr })) });
const entry = (name: string, prefixListId: unknown, cidr: unknown, deps = {}) =>
  resource(PREFIX_LIST_ENTRY, name, { prefixListId, cidr }, deps);

function rule(prefixLists: string[], extra: Partial<SgRule> = {}): SgRule {
  return {
    direction: "ingress",
    where: "rule",
    range: { protocol: "tcp", from: 22, to: 22 },
    cidrs: [],
    groupRefs: [],
    prefixLists,
    prefixListsUnknown: false,
    prefixListKey: "prefixListId",
    self: false,
    ...extra,
  };
}

const owner = (deps: PolicyResource[] = []) =>
  resource(T.ingressRule, "r", {}, { prefixListId: deps });

describe("lib/prefix-lists: the CIDRs a rule reaches through prefix lists (NET-1, NET-5)", () => {
  it("NET-5: inline entries and separate entries count; an entry without a cidr adds nothing", () => {
    const corp = list("corp", ["10.0.0.0/8", undefined]);
    const index = new PrefixListIndex([
      corp,
      entry("e", "corp-id", "0.0.0.0/0"),
      entry("x", "corp-id", null),
    ]);
    const { lists, unresolved } = index.resolve(owner(), rule(["corp-id"]));
    assert.strictEqual(unresolved, false);
    assert.deepStrictEqual(lists, [
      {
        label: "prefix list 'corp'",
        cidrs: ["10.0.0.0/8", "0.0.0.0/0"],
        unknown: false,
        external: false,
      },
    ]);
  });
  it("NET-1: a list outside the stack has the entries the stack adds to it (ID trimmed), else none", () => {
    const index = new PrefixListIndex([
      entry("e", " pl-0abc ", "::/0"),
      entry("none", undefined, "0.0.0.0/0"),
    ]);
    assert.deepStrictEqual(index.resolve(owner(), rule(["pl-0abc"])).lists, [
      {
        label: "prefix list pl-0abc (not defined in this stack)",
        cidrs: ["::/0"],
        unknown: false,
        external: true,
      },
    ]);
    assert.deepStrictEqual(index.resolve(owner(), rule([" pl-0other "])).lists, [
      {
        label: "prefix list pl-0other (not defined in this stack)",
        cidrs: [],
        unknown: false,
        external: true,
      },
    ]);
    // A blank ID names no list.
    assert.deepStrictEqual(index.resolve(owner(), rule([" "])).lists, []);
  });
  it("NET-5: an entry whose list is unknown at preview may belong to any list, in the stack or not", () => {
    const index = new PrefixListIndex([
      list("corp", ["10.0.0.0/8"]),
      entry("e", UNKNOWN.string, "0.0.0.0/0"),
    ]);
    const [inStack] = index.resolve(owner(), rule(["corp"])).lists;
    const [outside] = index.resolve(owner(), rule(["pl-0abc"])).lists;
    assert.strictEqual(inStack.unknown, true);
    assert.strictEqual(outside.unknown, true);
    const known = new PrefixListIndex([list("corp", ["10.0.0.0/8"])]);
    assert.strictEqual(known.resolve(owner(), rule(["pl-0abc"])).lists[0].unknown, false);
  });
  it("NET-5: dependencies name the list when the written ID is a real pl- ID; named lists are not repeated", () => {
    const corp = list("corp", ["0.0.0.0/0"]);
    const other = list("other", ["10.0.0.0/8"]);
    const index = new PrefixListIndex([corp, other]);
    const labels = (deps: PolicyResource[], ids: string[]) =>
      index.resolve(owner(deps), rule(ids)).lists.map((l) => l.label);
    assert.deepStrictEqual(labels([corp], ["pl-0real"]), ["prefix list 'corp'"]);
    // Named by value and depended on: judged once; an unmatched ID beside it is outside the stack.
    assert.deepStrictEqual(labels([corp], ["corp", "pl-0real"]), [
      "prefix list 'corp'",
      "prefix list pl-0real (not defined in this stack)",
    ]);
    // Every ID matched: the other dependencies (shared by an inline rule's siblings) are not added.
    assert.deepStrictEqual(labels([corp, other], ["corp"]), ["prefix list 'corp'"]);
  });
  it("NET-5: IDs unknown at preview: the lists the rule depends on (directly or through an entry), else unresolved", () => {
    const corp = list("corp", ["10.0.0.0/8"]);
    const e = entry("e", "corp", "0.0.0.0/0");
    const group = resource(T.securityGroup, "sg", {});
    const index = new PrefixListIndex([corp, e, group]);
    const unknownIds = rule([], { prefixListsUnknown: true });
    const viaEntry = index.resolve(owner([e]), unknownIds);
    assert.deepStrictEqual(
      viaEntry.lists.map((l) => l.cidrs),
      [["10.0.0.0/8", "0.0.0.0/0"]],
    );
    assert.strictEqual(viaEntry.unresolved, false);
    assert.deepStrictEqual(index.resolve(owner([group]), unknownIds), {
      lists: [],
      unresolved: true,
    });
  });

  describe("scanPrefixLists", () => {
    const readers =
      (byName: Record<string, Array<() => SgRule | undefined>>) =>
      (_type: string, props: unknown) =>
        byName[String((props as { tag?: string }).tag)] ?? [];
    const ruleResource = (name: string, type: string = T.ingressRule, props = {}) =>
      resource(type, name, { tag: name, ...props });

    it("NET-5: reports world entries and outside lists, only for the rule types asked for", () => {
      const resources = [
        list("corp", ["0.0.0.0/0"]),
        ruleResource("a"),
        ruleResource("b", T.securityGroup),
      ];
      const scan = scanPrefixLists(
        resources,
        [T.ingressRule],
        readers({
          a: [() => rule(["corp", "pl-0abc"])],
          b: [() => rule(["corp"])],
        }),
      );
      assert.deepStrictEqual(
        scan.exposures.map((x) => [x.resource.name, x.world, x.via]),
        [["a", ["0.0.0.0/0"], "prefix list 'corp'"]],
      );
      assert.deepStrictEqual(
        scan.external.map((x) => [x.resource.name, x.via]),
        [["a", "prefix list pl-0abc (not defined in this stack)"]],
      );
      assert.deepStrictEqual(scan.unknown, []);
      // One scan per stack: the policies that share it do not redo it.
      assert.strictEqual(scanPrefixLists(resources, [T.ingressRule], readers({})), scan);
    });
    it("NET-5: a rule that cannot be read, reads as no rule, or names no list is skipped; unknown lists are recorded", () => {
      const resources = [
        list("corp", ["10.0.0.0/8"]),
        entry("floating", UNKNOWN.string, "0.0.0.0/0"),
        ruleResource("a"),
        ruleResource("b"),
      ];
      const scan = scanPrefixLists(
        resources,
        [T.ingressRule],
        readers({
          a: [
            () => {
              throw new UnknownValueError(UNKNOWN.string, ["a"]);
            },
            () => undefined,
            () => rule([]),
          ],
          b: [() => rule(["corp"], { prefixListKey: "prefixListIds" })],
        }),
      );
      assert.deepStrictEqual(scan.unknown, [["b", "prefixListIds"]]);
      assert.deepStrictEqual(scan.exposures, []);
    });
    it("NET-5: a known list beside a rule whose IDs are unresolved is not marked unknown", () => {
      // b's own prefixListId is unknown: a rule is not an entry that may grow any list.
      const resources = [
        list("corp", ["10.0.0.0/8"]),
        ruleResource("a"),
        ruleResource("b", T.ingressRule, { prefixListId: UNKNOWN.string }),
      ];
      const scan = scanPrefixLists(
        resources,
        [T.ingressRule],
        readers({
          a: [() => rule(["corp"])],
          b: [() => rule([], { prefixListsUnknown: true })],
        }),
      );
      assert.deepStrictEqual(scan.unknown, [["b", "prefixListId"]]);
    });
  });
});

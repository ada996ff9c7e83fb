import * as assert from "assert";
import { unknownCheckingProxy, UNKNOWN } from "../../lib/policy-kit";
import {
  asBool,
  asList,
  asNumber,
  asString,
  asStrings,
  elementReaders,
  get,
  has,
  inlineRuleReaders,
  isBag,
  show,
} from "../../lib/values";

describe("lib/values: tolerant readers of resource properties (ALL)", () => {
  it("ALL: isBag is a plain object, not null or a list", () => {
    assert.strictEqual(isBag({}), true);
    assert.strictEqual(isBag([]), false);
    assert.strictEqual(isBag(null), false);
    assert.strictEqual(isBag("x"), false);
  });
  it("ALL: get reads a key of an object only", () => {
    assert.strictEqual(get({ a: 1 }, "a"), 1);
    assert.strictEqual(get(null, "a"), undefined);
    assert.strictEqual(get("abc", "length"), undefined);
  });
  it("ALL: has: set and not null; an unknown value at preview is present", () => {
    assert.strictEqual(has({ a: 0 }, "a"), true);
    assert.strictEqual(has({ a: null }, "a"), false);
    assert.strictEqual(has({ a: undefined }, "a"), false);
    assert.strictEqual(has({}, "a"), false);
    assert.strictEqual(has(null, "a"), false);
    assert.strictEqual(has("abc", "length"), false);
    assert.strictEqual(has(unknownCheckingProxy({ a: UNKNOWN.string }), "a"), true);
  });
  it("ALL: asList: a list copied, a single value as one element, nothing as empty", () => {
    const list = [1, 2];
    const copy = asList(list);
    assert.deepStrictEqual(copy, [1, 2]);
    assert.notStrictEqual(copy, list);
    assert.deepStrictEqual(asList("x"), ["x"]);
    assert.deepStrictEqual(asList(0), [0]);
    assert.deepStrictEqual(asList(undefined), []);
    assert.deepStrictEqual(asList(null), []);
    assert.throws(() => asList(unknownCheckingProxy({ l: ["a", UNKNOWN.string] }).l));
  });
  it("ALL: elementReaders: one reader per element, so an unknown element hides no other", () => {
    assert.deepStrictEqual(
      elementReaders([1, 2]).map((r) => r()),
      [1, 2],
    );
    assert.deepStrictEqual(
      elementReaders("x").map((r) => r()),
      ["x"],
    );
    assert.deepStrictEqual(elementReaders(undefined), []);
    assert.deepStrictEqual(elementReaders(null), []);
    const readers = elementReaders(unknownCheckingProxy({ l: [UNKNOWN.object, "b"] }).l);
    assert.strictEqual(readers.length, 2);
    assert.throws(() => readers[0]());
    assert.strictEqual(readers[1](), "b");
  });
  it("ALL: inlineRuleReaders: ingress then egress, each element built with its place", () => {
    const built = inlineRuleReaders(
      { ingress: ["a", "b"], egress: "c" },
      (e, d, w) => `${d}:${w}:${String(e)}`,
    ).map((r) => r());
    assert.deepStrictEqual(built, [
      "ingress:ingress[0]:a",
      "ingress:ingress[1]:b",
      "egress:egress[0]:c",
    ]);
    assert.deepStrictEqual(
      inlineRuleReaders(undefined, () => 1),
      [],
    );
    // A whole list unknown at preview is one reader that throws; the other direction still reads.
    const readers = inlineRuleReaders(
      unknownCheckingProxy({ ingress: UNKNOWN.array, egress: ["e"] }),
      (e, d) => `${d}:${String(e)}`,
    );
    assert.strictEqual(readers.length, 2);
    assert.throws(() => readers[0](), /can't be known during preview/);
    assert.strictEqual(readers[1](), "egress:e");
  });
  it("ALL: asString: text, finite numbers as text, nothing else", () => {
    assert.strictEqual(asString("a"), "a");
    assert.strictEqual(asString(""), "");
    assert.strictEqual(asString(443), "443");
    assert.strictEqual(asString(Number.NaN), undefined);
    assert.strictEqual(asString(Number.POSITIVE_INFINITY), undefined);
    assert.strictEqual(asString(true), undefined);
    assert.strictEqual(asString(undefined), undefined);
  });
  it("ALL: asStrings keeps the readable elements", () => {
    assert.deepStrictEqual(asStrings(["a", 1, null, true, "b"]), ["a", "1", "b"]);
    assert.deepStrictEqual(asStrings("a"), ["a"]);
    assert.deepStrictEqual(asStrings(undefined), []);
  });
  it("ALL: asBool: booleans and the strings true/false in any case and spacing", () => {
    assert.strictEqual(asBool(true), true);
    assert.strictEqual(asBool(false), false);
    assert.strictEqual(asBool(" TRUE "), true);
    assert.strictEqual(asBool(" False "), false);
    assert.strictEqual(asBool("yes"), undefined);
    assert.strictEqual(asBool(1), undefined);
    assert.strictEqual(asBool(undefined), undefined);
  });
  it("ALL: asNumber: finite numbers and numeric text; blanks and words are not numbers", () => {
    assert.strictEqual(asNumber(22), 22);
    assert.strictEqual(asNumber(0), 0);
    assert.strictEqual(asNumber(Number.NaN), undefined);
    assert.strictEqual(asNumber(Number.NEGATIVE_INFINITY), undefined);
    assert.strictEqual(asNumber(" 22 "), 22);
    assert.strictEqual(asNumber("-1"), -1);
    assert.strictEqual(asNumber(""), undefined);
    assert.strictEqual(asNumber("  "), undefined);
    assert.strictEqual(asNumber("22x"), undefined);
    assert.strictEqual(asNumber("Infinity"), undefined);
    assert.strictEqual(asNumber(true), undefined);
    assert.strictEqual(asNumber(null), undefined);
  });
  it("ALL: show renders any value short, never throwing", () => {
    assert.strictEqual(show(undefined), "unset");
    assert.strictEqual(show(null), "null");
    assert.strictEqual(show("tcp"), '"tcp"');
    assert.strictEqual(show([1, "a"]), '[1,"a"]');
    assert.strictEqual(
      show(() => 1),
      "() => 1",
    );
    assert.strictEqual(show(Symbol("s")), "Symbol(s)");
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    assert.strictEqual(show(cyclic), "{an object with values not known yet}");
    const cyclicList: unknown[] = [];
    cyclicList.push(cyclicList);
    assert.strictEqual(show(cyclicList), "[a list with values not known yet]");
    assert.strictEqual(show(BigInt(10)), "10"); // JSON cannot render it, String can
    const long = "x".repeat(100);
    const shown = show(long);
    assert.strictEqual(shown.length, 80);
    assert.ok(shown.endsWith("..."));
    assert.strictEqual(show("y".repeat(78)).length, 80); // 78 characters and two quotes: kept whole
    assert.ok(!show("y".repeat(78)).endsWith("..."));
    const unprintable = Object.create(null) as object;
    assert.strictEqual(show([unprintable]), "[{}]");
    const noString = {
      toJSON() {
        return undefined;
      },
      toString() {
        throw new Error("no");
      },
    };
    assert.strictEqual(show(noString), "(object)");
  });
});

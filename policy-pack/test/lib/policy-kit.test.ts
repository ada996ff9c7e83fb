import * as assert from "assert";
import type { ResourceValidationArgs } from "@pulumi/policy";
import {
  controlIdsOf,
  dependenciesOf,
  forTypes,
  handlesOf,
  isUnknownError,
  isUnknownSentinel,
  notKnownYet,
  peek,
  PolicyResource,
  RefIndex,
  remediateType,
  runChecks,
  schema,
  settings,
  unknownCheckingProxy,
  UNKNOWN,
  UNKNOWN_VALUE,
  UnknownValueError,
} from "../../lib/policy-kit";

const unknownError = () => new UnknownValueError(UNKNOWN.string, ["r", "p"]);

function resource(
  name: string,
  props: Record<string, unknown> = {},
  deps: Record<string, unknown> = {},
  type = "aws:ec2/vpc:Vpc",
): PolicyResource {
  return {
    type,
    name,
    urn: `urn:pulumi:s::p::${type}::${name}`,
    props: unknownCheckingProxy(props),
    propertyDependencies: deps,
  } as unknown as PolicyResource;
}

const args = (type: string, props: Record<string, unknown> = {}) =>
  ({ type, name: "n", props }) as unknown as ResourceValidationArgs;

describe("lib/policy-kit: building blocks of every policy (ALL)", () => {
  it("ALL: notKnownYet is the engine's unknown-value error, naming the path", () => {
    const e = notKnownYet(["web", "ingress"]);
    assert.strictEqual(isUnknownError(e), true);
    assert.match(e.message, /\.web\.ingress can't be known during preview/);
    assert.strictEqual(isUnknownError(new Error("x")), false);
    assert.strictEqual(isUnknownError(undefined), false);
  });
  it("ALL: every unknown sentinel is recognised, plain values are not", () => {
    for (const s of Object.values(UNKNOWN)) {
      assert.strictEqual(isUnknownSentinel(s), true);
    }
    assert.strictEqual(isUnknownSentinel("x"), false);
    assert.strictEqual(isUnknownSentinel(undefined), false);
  });
  it("ALL: runChecks runs every check, then rethrows the first unknown; other errors escape at once", () => {
    const ran: number[] = [];
    const first = unknownError();
    assert.throws(
      () =>
        runChecks(
          () => ran.push(1),
          () => {
            ran.push(2);
            throw first;
          },
          () => {
            ran.push(3);
            throw unknownError();
          },
          () => ran.push(4),
        ),
      (e) => e === first,
    );
    assert.deepStrictEqual(ran, [1, 2, 3, 4]);
    assert.doesNotThrow(() => runChecks(() => undefined));
    const later: number[] = [];
    assert.throws(
      () =>
        runChecks(
          () => {
            throw new TypeError("bug");
          },
          () => later.push(1),
        ),
      TypeError,
    );
    assert.deepStrictEqual(later, []);
  });
  it("ALL: peek returns UNKNOWN_VALUE for an unknown value and rethrows anything else", () => {
    assert.strictEqual(
      peek(() => 5),
      5,
    );
    assert.strictEqual(
      peek(() => {
        throw unknownError();
      }),
      UNKNOWN_VALUE,
    );
    assert.throws(() =>
      peek(() => {
        throw new RangeError("bug");
      }),
    );
  });
  it("ALL: forTypes calls the check only for its types; one type is attached as the engine expects", () => {
    const seen: string[] = [];
    const one = forTypes("aws:s3/bucket:Bucket", (props, a) =>
      seen.push(`${a.type}:${String(props.x)}`),
    );
    assert.strictEqual(one.__pulumiType, "aws:s3/bucket:Bucket");
    assert.deepStrictEqual(one.types, ["aws:s3/bucket:Bucket"]);
    const report = () => undefined;
    one(args("aws:s3/bucket:Bucket", { x: 1 }), report);
    one(args("aws:s3/bucketV2:BucketV2", { x: 2 }), report);
    assert.deepStrictEqual(seen, ["aws:s3/bucket:Bucket:1"]);
    const two = forTypes(["a:b:C", "a:b:D"], (_props, a) => seen.push(a.type));
    assert.strictEqual(two.__pulumiType, undefined);
    assert.deepStrictEqual(two.types, ["a:b:C", "a:b:D"]);
    two(args("a:b:D"), report);
    two(args("a:b:E"), report);
    assert.deepStrictEqual(seen.slice(1), ["a:b:D"]);
  });
  it("ALL: remediateType remediates its type only", () => {
    const fn = remediateType("a:b:C", (props) => ({ ...props, fixed: true }));
    assert.strictEqual(fn.__pulumiType, "a:b:C");
    assert.deepStrictEqual(fn(args("a:b:C", { x: 1 })), { x: 1, fixed: true });
    assert.strictEqual(fn(args("a:b:D", { x: 1 })), undefined);
  });
  it("ALL: settings: defaults overridden by the config, never by null, undefined or enforcementLevel", () => {
    const defaults = { a: 1, b: [22], c: "x" };
    const given = { a: 2, b: null, c: undefined, enforcementLevel: "advisory", extra: true };
    assert.deepStrictEqual(settings({ getConfig: <C>() => given as unknown as C }, defaults), {
      a: 2,
      b: [22],
      c: "x",
      extra: true,
    });
    assert.deepStrictEqual(
      settings({ getConfig: <C>() => undefined as unknown as C }, defaults),
      defaults,
    );
    const throwing = {
      getConfig: <C>(): C => {
        throw new Error("no config");
      },
    };
    assert.deepStrictEqual(settings(throwing, defaults), defaults);
    assert.notStrictEqual(settings(throwing, defaults), defaults);
  });
  it("ALL: schema gives each property its default", () => {
    assert.deepStrictEqual(
      schema(
        { ports: { type: "array", items: { type: "number" }, description: "d" } },
        { ports: [22] },
      ),
      {
        properties: {
          ports: { type: "array", items: { type: "number" }, description: "d", default: [22] },
        },
      },
    );
  });
  it("ALL: controlIdsOf reads the IDs before the first colon", () => {
    assert.deepStrictEqual(controlIdsOf("NET-1, NET-5: text: more"), ["NET-1", "NET-5"]);
    assert.deepStrictEqual(controlIdsOf("NET-1/IAM-2 DATA-3: x"), ["NET-1", "IAM-2", "DATA-3"]);
    assert.deepStrictEqual(controlIdsOf("no colon NET-1"), []);
    assert.deepStrictEqual(controlIdsOf("net-1, X1, NET-: x"), []);
  });
  it("ALL: handlesOf: the name, the ids mocks return and the identifying props that are known", () => {
    const r = resource("db", {
      id: "db-0abc",
      arn: "arn:aws:rds:db",
      name: "",
      identifier: UNKNOWN.string,
      bucket: "b",
      clusterIdentifier: "c",
    });
    assert.deepStrictEqual(
      [...handlesOf(r)].sort(),
      ["arn:aws:rds:db", "b", "c", "db", "db-0abc", "db-arn", "db-id", "db_id"].sort(),
    );
  });
  it("ALL: dependenciesOf keeps the resources the engine lists under the key", () => {
    const vpc = resource("vpc");
    const r = resource("sg", {}, { vpcId: [vpc, null, {}], tags: "not a list" });
    assert.deepStrictEqual(dependenciesOf(r, "vpcId"), [vpc]);
    assert.deepStrictEqual(dependenciesOf(r, "tags"), []);
    assert.deepStrictEqual(dependenciesOf(r, "other"), []);
  });

  describe("RefIndex", () => {
    const a = resource("a", { id: "vpc-0a" });
    const b = resource("b");
    const index = new RefIndex([a, b]);
    it("ALL: byValue finds a target by any handle or Pulumi autoname, else nothing", () => {
      assert.deepStrictEqual(index.byValue("vpc-0a"), [a]);
      assert.deepStrictEqual(index.byValue("b-id"), [b]);
      assert.deepStrictEqual(index.byValue("a-1234abc"), [a]);
      assert.deepStrictEqual(index.byValue("a-1234abcd"), [a]);
      assert.deepStrictEqual(index.byValue("a-123456"), []);
      assert.deepStrictEqual(index.byValue("c"), []);
      const twins = new RefIndex([resource("x", { id: "same" }), resource("y", { id: "same" })]);
      assert.deepStrictEqual(
        twins.byValue("same").map((t) => t.name),
        ["x", "y"],
      );
    });
    it("ALL: has knows a target by object or URN", () => {
      assert.strictEqual(index.has(a), true);
      assert.strictEqual(index.has({ ...b } as PolicyResource), true);
      assert.strictEqual(index.has(resource("c")), false);
    });
    it("ALL: lookup joins values and dependencies; an unknown value without dependencies is unknown", () => {
      const from = (props: Record<string, unknown>, deps: Record<string, unknown> = {}) =>
        resource("from", props, deps, "aws:ec2/subnet:Subnet");
      assert.deepStrictEqual(index.lookup(from({ vpcId: "a-id" }), "vpcId"), {
        found: [a],
        unknown: false,
      });
      assert.deepStrictEqual(
        index.lookup(from({ vpcId: ["vpc-0a", "b-9f8e7d6c", 5, null] }), "vpcId"),
        {
          found: [a, b],
          unknown: false,
        },
      );
      assert.deepStrictEqual(index.lookup(from({ vpcId: "other" }), "vpcId"), {
        found: [],
        unknown: false,
      });
      assert.deepStrictEqual(index.lookup(from({ vpcId: UNKNOWN.string }), "vpcId"), {
        found: [],
        unknown: true,
      });
      // A dependency on a target (the object or a copy with its URN) is found even when the value is unknown.
      assert.deepStrictEqual(
        index.lookup(
          from({ vpcId: UNKNOWN.string }, { vpcId: [{ ...b }, null, resource("c")] }),
          "vpcId",
        ),
        { found: [b], unknown: false },
      );
      assert.deepStrictEqual(index.lookup(from({ vpcId: "a-id" }, { vpcId: [a] }), "vpcId"), {
        found: [a],
        unknown: false,
      });
      assert.deepStrictEqual(index.lookup(from({}, { vpcId: "a" }), "vpcId"), {
        found: [],
        unknown: false,
      });
      // A reader replaces the property.
      assert.deepStrictEqual(
        index.lookup(from({}), "vpcId", () => ["b"]),
        { found: [b], unknown: false },
      );
    });
  });
});

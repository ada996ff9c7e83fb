import * as assert from "assert";
import { readPath } from "../../lib/paths";
import { unknownCheckingProxy, UNKNOWN } from "../../lib/policy-kit";

const props = (p: Record<string, unknown>) => unknownCheckingProxy(p);

describe("lib/paths: the values at a dotted path with list steps (CMP-1)", () => {
  it("CMP-1: a plain path reads one value, named by its path", () => {
    assert.deepStrictEqual(readPath(props({ replicaRegion: "eu-west-1" }), "replicaRegion"), {
      values: [{ where: "replicaRegion", value: "eu-west-1" }],
    });
    assert.deepStrictEqual(
      readPath(props({ destination: { region: "us-east-1", bucket: "b" } }), "destination.region"),
      { values: [{ where: "destination.region", value: "us-east-1" }] },
    );
  });

  it("CMP-1: list steps read every element, with its index", () => {
    const plan = {
      rules: [
        { copyActions: [{ destinationVaultArn: "arn:a" }, { destinationVaultArn: "arn:b" }] },
        { copyActions: [] },
        { copyActions: [{ destinationVaultArn: "arn:c" }] },
      ],
    };
    assert.deepStrictEqual(readPath(props(plan), "rules[].copyActions[].destinationVaultArn"), {
      values: [
        { where: "rules[0].copyActions[0].destinationVaultArn", value: "arn:a" },
        { where: "rules[0].copyActions[1].destinationVaultArn", value: "arn:b" },
        { where: "rules[2].copyActions[0].destinationVaultArn", value: "arn:c" },
      ],
    });
    // A single object where a list is expected is read as a list of one.
    assert.deepStrictEqual(
      readPath(props({ replicas: { regionName: "eu-west-1" } }), "replicas[].regionName"),
      {
        values: [{ where: "replicas[0].regionName", value: "eu-west-1" }],
      },
    );
    // A list read as a plain step has no field of that name.
    assert.deepStrictEqual(
      readPath(props({ replicas: [{ regionName: "x" }] }), "replicas.regionName"),
      {
        values: [],
      },
    );
  });

  it("CMP-1: missing and null values are skipped, at the leaf and on the way", () => {
    for (const p of [
      {},
      { replicas: null },
      { replicas: [{}] },
      { replicas: [{ regionName: null }] },
    ]) {
      assert.deepStrictEqual(
        readPath(props(p), "replicas[].regionName"),
        { values: [] },
        JSON.stringify(p),
      );
    }
    assert.deepStrictEqual(readPath(props({ region: null }), "region"), { values: [] });
  });

  it("CMP-1: an unknown value (preview) is recorded where first met, and does not hide the others", () => {
    assert.deepStrictEqual(
      readPath(
        props({
          replicas: [
            { regionName: UNKNOWN.string },
            { regionName: "eu-west-1" },
            { regionName: UNKNOWN.string },
          ],
        }),
        "replicas[].regionName",
      ),
      {
        values: [{ where: "replicas[1].regionName", value: "eu-west-1" }],
        unknownAt: "replicas[0].regionName",
      },
    );
    assert.deepStrictEqual(
      readPath(
        props({ replicas: [UNKNOWN.object, { regionName: "eu-west-1" }, UNKNOWN.object] }),
        "replicas[].regionName",
      ),
      {
        values: [{ where: "replicas[1].regionName", value: "eu-west-1" }],
        unknownAt: "replicas[0]",
      },
    );
    assert.deepStrictEqual(readPath(props({ replicas: UNKNOWN.array }), "replicas[].regionName"), {
      values: [],
      unknownAt: "replicas",
    });
  });

  it("CMP-1: only a trailing [] makes a list step; other brackets belong to the field name", () => {
    assert.deepStrictEqual(readPath(props({ "a[]b": { c: 1 } }), "a[]b.c"), {
      values: [{ where: "a[]b.c", value: 1 }],
    });
  });
});

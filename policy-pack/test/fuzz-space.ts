// The random inputs of the fuzz tests (fuzz.test.ts, fuzz-iam-data.test.ts): property bags built
// from a test's property names and leaf values, nested a few levels, and resources holding them.
import * as fc from "fast-check";
import { PackConfigFile, ResourceUnderTest, UNKNOWN } from "../harness/evaluate";
import { allPolicies } from "../policies";

/** Every policy at mandatory, so none is skipped. */
export const EVERY_POLICY_MANDATORY: PackConfigFile = Object.fromEntries(
  allPolicies.map((p) => [p.name, "mandatory"]),
);

export interface FuzzSpace {
  /** Property names the bags (and nested objects) use. */
  readonly keys: readonly string[];
  /**
   * Values worth hitting besides random strings, integers and booleans; the engine's unknown
   * sentinels follow them always (the proxy throws on those by design, which must surface as an
   * advisory, never as an error).
   */
  readonly leaves: readonly unknown[];
  /** Random doubles among the leaves too. */
  readonly doubles?: boolean;
}

export interface FuzzArbitraries {
  readonly bag: fc.Arbitrary<Record<string, unknown>>;
  /**
   * A resource of one of `types` named from `names`; with `dependencies`, it also carries property
   * dependencies as the engine reports them, so stack checks follow references by them too.
   */
  resource(
    types: readonly string[],
    names: readonly string[],
    dependencies: boolean,
  ): fc.Arbitrary<ResourceUnderTest>;
}

export function fuzzArbitraries(space: FuzzSpace): FuzzArbitraries {
  const leaf = fc.oneof(
    fc.constantFrom<unknown>(
      ...space.leaves,
      UNKNOWN.string,
      UNKNOWN.number,
      UNKNOWN.boolean,
      UNKNOWN.array,
      UNKNOWN.object,
    ),
    fc.string(),
    fc.integer(),
    ...(space.doubles ? [fc.double()] : []),
    fc.boolean(),
    fc.constant(undefined),
  );
  const value: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
    v: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      leaf,
      fc.array(tie("v"), { maxLength: 4 }),
      fc.dictionary(fc.constantFrom(...space.keys), tie("v"), { maxKeys: 5 }),
    ),
  })).v;
  const bag = fc.dictionary(fc.constantFrom(...space.keys), value, {
    maxKeys: 10,
  }) as fc.Arbitrary<Record<string, unknown>>;
  return {
    bag,
    resource: (types, names, dependencies) =>
      dependencies
        ? fc.record(
            {
              type: fc.constantFrom(...types),
              name: fc.constantFrom(...names),
              props: bag,
              propertyDependencies: fc.dictionary(
                fc.constantFrom(...space.keys),
                fc.array(fc.constantFrom(...names), { maxLength: 3 }),
                { maxKeys: 3 },
              ),
            },
            { requiredKeys: ["type", "name", "props"] },
          )
        : fc.record({
            type: fc.constantFrom(...types),
            name: fc.constantFrom(...names),
            props: bag,
          }),
  };
}

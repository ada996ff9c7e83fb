/**
 * The policy pack on configurations of the program that its own tests do not see: the pack judges
 * policy-pack/test/fixtures/stacks.ts, generated from the shipped sandbox and production stacks
 * (fixtures.test.ts keeps it current), and checks single-resource changes there. Here the program
 * runs with config overrides, and the verdict is `pulumi preview --policy-pack policy-pack
 * --policy-pack-config policy-pack/config/<stack>.json`'s: every registered custom resource (the
 * provider included) with that stack's pack profile.
 */
import { strict as assert } from "assert";
import { ResourceView, T } from "../../tools/checklist/resources";
import { packVerdict, toResourceViews } from "../../tools/checklist/run";
import { runProgramOnce, StackName } from "../harness/program";

const STACKS: readonly StackName[] = ["sandbox", "production"];

function mandatoryOf(
  stack: StackName,
  resources: readonly ResourceView[],
): { policyName: string; message: string }[] {
  return packVerdict(stack, resources).violations.filter(
    (violation) => violation.enforcementLevel === "mandatory",
  );
}

describe("policy pack on config variants of the program (beyond the pack's fixtures)", () => {
  it("production with a public allowedCidr (internet-facing ALB): zero mandatory violations and zero policy errors", async () => {
    const run = await runProgramOnce("production", { allowedCidr: "203.0.113.0/24" });
    assert.equal(run.error, undefined, run.error?.message);
    const views = toResourceViews(run);
    assert.ok(views.some((view) => view.type === T.loadBalancer && view.props.internal === false));
    const verdict = packVerdict("production", views);
    assert.deepEqual(verdict.errors, []);
    assert.deepEqual(
      mandatoryOf("production", views).map((v) => `${v.policyName}: ${v.message}`),
      [],
    );
  });

  for (const stack of STACKS) {
    it(`${stack}: DATA-3 the teardown up is refused by rds-deletion-protection alone, so an enforced pack needs its owner for a teardown (README, Tear down)`, async () => {
      const run = await runProgramOnce(stack, { teardown: true });
      assert.equal(run.error, undefined, run.error?.message);
      assert.deepEqual(
        [...new Set(mandatoryOf(stack, toResourceViews(run)).map((v) => v.policyName))],
        ["rds-deletion-protection"],
      );
    });
  }
});

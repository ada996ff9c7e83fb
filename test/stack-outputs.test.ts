/**
 * The stack outputs' schema (stack-outputs.ts) against what index.ts exports, run under mocks for
 * both stacks, and the operator tools reading those outputs through it.
 */
import { strict as assert } from "assert";
import { stackOutputsSchema } from "../stack-outputs";
import { parseStackOutputs as parseIsolationTargets } from "../tools/incident/outputs";
import { parseStackOutputs as parseLiveOutputs } from "../tools/live/outputs";
import { parseRolloutOutputs } from "../tools/rollout/cli";
import { runProgramOnce, StackName } from "./harness/program";

/** The outputs as `pulumi stack output --json` prints them: resolved, undefined ones left out. */
async function printedOutputs(stack: StackName): Promise<Record<string, unknown>> {
  const run = await runProgramOnce(stack);
  assert.equal(run.error, undefined);
  return JSON.parse(JSON.stringify(run.outputs)) as Record<string, unknown>;
}

const issuesOf = (outputs: Record<string, unknown>): string[] => {
  const parsed = stackOutputsSchema.safeParse(outputs);
  assert.ok(!parsed.success, "the changed outputs still parse");
  return parsed.error.issues.map((issue) => `${issue.code} ${issue.path.join(".")}`);
};

for (const stack of ["sandbox", "production"] as const) {
  describe(`stack outputs of ${stack} (stack-outputs.ts)`, () => {
    it("parse with the schema, as the edition they declare", async () => {
      const outputs = await printedOutputs(stack);
      const parsed = stackOutputsSchema.safeParse(outputs);
      assert.ok(parsed.success, JSON.stringify(!parsed.success && parsed.error.issues));
      assert.equal(parsed.data.edition, stack);
    });

    it("fail when an output is removed", async () => {
      const { vpcId: _removed, ...outputs } = await printedOutputs(stack);
      assert.deepEqual(issuesOf(outputs), ["invalid_type vpcId"]);
    });

    it("fail when an output is renamed", async () => {
      const { quarantineSecurityGroupId, ...rest } = await printedOutputs(stack);
      const issues = issuesOf({ ...rest, quarantineGroupId: quarantineSecurityGroupId });
      assert.ok(issues.includes("invalid_type quarantineSecurityGroupId"), issues.join("; "));
      assert.ok(issues.includes("unrecognized_keys "), issues.join("; "));
    });

    it("fail when the other edition's output appears", async () => {
      const outputs = await printedOutputs(stack);
      const other = stack === "sandbox" ? { targetGroupArn: "arn" } : { instanceId: "i-1" };
      assert.deepEqual(issuesOf({ ...outputs, ...other }), ["unrecognized_keys "]);
    });

    it("are what the live checks and the incident command read", async () => {
      const json = JSON.stringify(await printedOutputs(stack));
      assert.equal(parseLiveOutputs(json).vpcId, (await printedOutputs(stack)).vpcId);
      assert.equal(parseIsolationTargets(json, stack).edition, stack);
    });
  });
}

describe("stack outputs of production: the rollout command", () => {
  it("reads the region and the rollout spec the program exports", async () => {
    const outputs = await printedOutputs("production");
    const target = parseRolloutOutputs(JSON.stringify(outputs), "production");
    assert.equal(target.region, outputs.region);
    assert.deepEqual(target.spec, outputs.instanceRollout);
  });
});

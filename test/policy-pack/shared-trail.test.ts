/**
 * IAM-3 at preview for a stack that relies on the account's trail (`cloudTrail: existing`): the
 * shipped profiles require a trail in every stack with EC2/RDS, so such a stack needs a policy
 * group whose pack config sets stack-has-cloudtrail's requireTrailInStack to false (README,
 * Operations, "A second region or account"); nothing else in the pack changes.
 */
import { strict as assert } from "assert";
import { packVerdict, toResourceViews } from "../../tools/checklist/run";
import { loadPackConfig } from "../../policy-pack/harness/evaluate";
import { runProgramOnce, StackName } from "../harness/program";

for (const stack of ["sandbox", "production"] as StackName[]) {
  describe(`policy pack on a ${stack} stack with cloudTrail: existing`, () => {
    const mandatory = async (config = loadPackConfig(stack)): Promise<string[]> => {
      const run = await runProgramOnce(stack, { cloudTrail: "existing" });
      assert.equal(run.error, undefined, run.error?.message);
      return packVerdict(stack, toResourceViews(run), config)
        .violations.filter((violation) => violation.enforcementLevel === "mandatory")
        .map((violation) => violation.policyName);
    };

    it("IAM-3: the shipped profile blocks it with stack-has-cloudtrail, and only with that", async () =>
      assert.deepEqual(await mandatory(), ["stack-has-cloudtrail"]));

    it("IAM-3: a profile with requireTrailInStack false admits it with zero mandatory violations", async () => {
      const shared = {
        ...loadPackConfig(stack),
        "stack-has-cloudtrail": { enforcementLevel: "mandatory", requireTrailInStack: false },
      };
      assert.deepEqual(await mandatory(shared), []);
    });
  });
}

import * as assert from "assert";
import { UNKNOWN } from "../../harness/evaluate";
import { assertBlocks, assertPasses, hits, res, run } from "../helpers";

const PATCHING = "stack-has-os-patching";
const INSTANCE = "aws:ec2/instance:Instance";
const ASG = "aws:autoscaling/group:Group";
const ASSOCIATION = "aws:ssm/association:Association";
const WINDOW_TASK = "aws:ssm/maintenanceWindowTask:MaintenanceWindowTask";

const instance = res(INSTANCE, { ami: "ami-0123456789abcdef0" }, "web");
const asg = res(ASG, { minSize: 2, maxSize: 4 }, "web-asg");
const association = (props: Record<string, unknown>) => res(ASSOCIATION, props, "patch");
const goodAssociation = () =>
  association({
    name: "AWS-RunPatchBaseline",
    scheduleExpression: "cron(0 3 ? * SUN *)",
    targets: [{ key: "tag:Patch Group", values: ["app"] }],
  });

describe("policies/operations", () => {
  describe("stack-has-os-patching (APP-4)", () => {
    it("APP-4: passes an instance or an Auto Scaling group with a scheduled AWS-RunPatchBaseline association", () => {
      assertPasses(run([instance, goodAssociation()]), PATCHING);
      assertPasses(run([asg, goodAssociation()]), PATCHING);
    });
    it("APP-4: passes the document given by ARN, and a maintenance-window task running it", () => {
      assertPasses(
        run([
          instance,
          association({
            name: "arn:aws:ssm:eu-west-1::document/AWS-RunPatchBaseline",
            scheduleExpression: "rate(7 days)",
          }),
        ]),
        PATCHING,
      );
      assertPasses(
        run([
          asg,
          res(WINDOW_TASK, { taskArn: "AWS-RunPatchBaseline", taskType: "RUN_COMMAND" }, "t"),
        ]),
        PATCHING,
      );
    });
    it("APP-4: blocks an instance or an Auto Scaling group with no patching, naming the workload and the fix", () => {
      assertBlocks(
        run([instance]),
        PATCHING,
        /^APP-4: the stack has aws:ec2\/instance:Instance 'web' but no scheduled OS patching; add an aws\.ssm\.Association with name "AWS-RunPatchBaseline"/,
      );
      assertBlocks(run([asg]), PATCHING, /'web-asg'/);
    });
    it("APP-4: blocks an association without a schedule, of another document, or a task running another document", () => {
      for (const other of [
        association({ name: "AWS-RunPatchBaseline" }),
        association({ name: "AWS-RunPatchBaseline", scheduleExpression: "  " }),
        association({ name: "AWS-UpdateSSMAgent", scheduleExpression: "rate(1 day)" }),
        res(WINDOW_TASK, { taskArn: "AWS-RestartEC2Instance" }, "t"),
      ]) {
        assertBlocks(run([instance, other]), PATCHING);
      }
    });
    it("APP-4: malformed association props (numbers, lists, objects, null) block without throwing", () => {
      for (const props of [
        { name: 42, scheduleExpression: "rate(1 day)" },
        { name: ["AWS-RunPatchBaseline"], scheduleExpression: "rate(1 day)" },
        { name: "AWS-RunPatchBaseline", scheduleExpression: { cron: "x" } },
        { name: null, scheduleExpression: null },
      ]) {
        assertBlocks(run([instance, association(props)]), PATCHING);
      }
      assertBlocks(
        run([instance, res(ASSOCIATION, null as unknown as Record<string, unknown>, "x")]),
        PATCHING,
      );
    });
    it("APP-4: the document name may carry spaces around it", () => {
      const padded = association({
        name: " AWS-RunPatchBaseline ",
        scheduleExpression: "rate(7 days)",
      });
      assertPasses(run([instance, padded]), PATCHING);
      assertBlocks(
        run([instance, association({ name: " AWS-RunPatchBaseline ", scheduleExpression: " " })]),
        PATCHING,
      );
    });
    it("APP-4: a stack without instances or Auto Scaling groups, or with requirePatchingInStack false, passes", () => {
      assertPasses(run([res("aws:s3/bucket:Bucket", {}, "b")]), PATCHING);
      assertPasses(run([instance], { [PATCHING]: { requirePatchingInStack: false } }), PATCHING);
    });
    it("APP-4: an association whose name or schedule is unknown at preview does not block (decided at update)", () => {
      for (const props of [
        { name: UNKNOWN.string, scheduleExpression: "rate(1 day)" },
        { name: "AWS-RunPatchBaseline", scheduleExpression: UNKNOWN.string },
      ]) {
        const r = run([instance, association(props)], {}, true);
        assert.strictEqual(hits(r, PATCHING, "mandatory").length, 0);
      }
      const task = res(WINDOW_TASK, { taskType: "RUN_COMMAND", taskArn: UNKNOWN.string }, "t");
      assert.strictEqual(hits(run([instance, task], {}, true), PATCHING, "mandatory").length, 0);
      // Another document never counts, whatever its schedule.
      assertBlocks(
        run(
          [
            instance,
            association({ name: "AWS-UpdateSSMAgent", scheduleExpression: UNKNOWN.string }),
          ],
          {},
          true,
        ),
        PATCHING,
      );
    });
  });
});

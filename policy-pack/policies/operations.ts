import { StackValidationPolicy } from "@pulumi/policy";
import { peek, PolicyResource, schema, settings, UNKNOWN_VALUE } from "../lib/policy-kit";
import { asString, get } from "../lib/values";
import { WORKLOAD_TYPES } from "./compute";
import { POLICY_DEFAULTS } from "../controls/defaults";

const ASSOCIATION = "aws:ssm/association:Association";
const MAINTENANCE_WINDOW_TASK = "aws:ssm/maintenanceWindowTask:MaintenanceWindowTask";
const PATCH_DOCUMENT = "AWS-RunPatchBaseline";

/** The document by name or by ARN (`arn:aws:ssm:<region>::document/AWS-RunPatchBaseline`). */
function isPatchDocument(v: string | undefined): boolean {
  const text = (v ?? "").trim();
  return text === PATCH_DOCUMENT || text.endsWith(`:document/${PATCH_DOCUMENT}`);
}

type Verdict = "patches" | "no" | "unknown";

/** Whether `r` schedules Patch Manager; `unknown` when a value it hinges on is not known (preview). */
function patchingOf(r: PolicyResource): Verdict {
  if (r.type === ASSOCIATION) {
    const name = peek(() => asString(get(r.props, "name")));
    if (name === UNKNOWN_VALUE) {
      return "unknown";
    }
    if (!isPatchDocument(name)) {
      return "no";
    }
    const schedule = peek(() => asString(get(r.props, "scheduleExpression")));
    if (schedule === UNKNOWN_VALUE) {
      return "unknown";
    }
    return (schedule ?? "").trim() !== "" ? "patches" : "no";
  }
  if (r.type === MAINTENANCE_WINDOW_TASK) {
    // The window the task belongs to carries the schedule.
    const task = peek(() => asString(get(r.props, "taskArn")));
    return task === UNKNOWN_VALUE ? "unknown" : isPatchDocument(task) ? "patches" : "no";
  }
  return "no";
}

const patchingDefaults = POLICY_DEFAULTS["stack-has-os-patching"];

export const stackHasOsPatching: StackValidationPolicy = {
  name: "stack-has-os-patching",
  description:
    'APP-4: A stack with EC2 instances, Spot instance requests or Auto Scaling groups also schedules OS patching with SSM Patch Manager: an aws.ssm.Association of "AWS-RunPatchBaseline" with a scheduleExpression, or an aws.ssm.MaintenanceWindowTask running it (unless the profile says patching is central: requirePatchingInStack false).',
  enforcementLevel: "mandatory",
  configSchema: schema(
    {
      requirePatchingInStack: {
        type: "boolean",
        description:
          "Require a scheduled AWS-RunPatchBaseline association or maintenance-window task in any stack with EC2 instances or Auto Scaling groups.",
      },
    },
    patchingDefaults,
  ),
  validateStack: (args, report) => {
    if (settings(args, patchingDefaults).requirePatchingInStack !== true) {
      return;
    }
    const workload = args.resources.find((r) => WORKLOAD_TYPES.includes(r.type));
    if (!workload) {
      return;
    }
    let unknown = false;
    for (const r of args.resources) {
      const verdict = patchingOf(r);
      if (verdict === "patches") {
        return;
      }
      unknown = unknown || verdict === "unknown";
    }
    if (unknown) {
      return; // an association or task not known yet may be the patch run: decided at update
    }
    report(
      `APP-4: the stack has ${workload.type} '${workload.name}' but no scheduled OS patching; add an aws.ssm.Association with name "${PATCH_DOCUMENT}", targets selecting the instances and a scheduleExpression (e.g. "cron(0 3 ? * SUN *)"), or an aws.ssm.MaintenanceWindowTask with taskArn "${PATCH_DOCUMENT}" (or set requirePatchingInStack false where patching is run centrally).`,
    );
  },
};

export const operationsPolicies = [stackHasOsPatching];

import { ResourceValidationPolicy } from "@pulumi/policy";
import { forTypes, schema, settings } from "../lib/policy-kit";
import { asBool, asNumber, asString, get, show } from "../lib/values";

const ROTATION = "aws:secretsmanager/secretRotation:SecretRotation";
const rotationDefaults = { maxRotationDays: 90 };

/** Days between rotations a schedule expression implies; undefined when it cannot be told. */
export function scheduleDays(expr: string): number | undefined {
  const m = /^rate\(\s*(\d+)\s+(hours?|days?)\s*\)$/i.exec(expr.trim());
  if (!m) {
    return undefined;
  }
  const n = Number(m[1]);
  return /^hour/i.test(m[2]) ? n / 24 : n;
}

export const secretsRotation: ResourceValidationPolicy = {
  name: "secrets-rotation-max-days",
  description:
    "APP-1: Secrets Manager rotations run at least every 90 days (configurable); RDS-managed master passwords (manageMasterUserPassword) are rotated by RDS and need no SecretRotation.",
  enforcementLevel: "mandatory",
  configSchema: schema(
    {
      maxRotationDays: {
        type: "number",
        minimum: 1,
        description: "Longest allowed rotation interval in days.",
      },
    },
    rotationDefaults,
  ),
  validateResource: forTypes(ROTATION, (props, args, report) => {
    const max =
      asNumber(settings(args, rotationDefaults).maxRotationDays) ??
      rotationDefaults.maxRotationDays;
    const enabled = get(props, "rotationEnabled");
    if (asBool(enabled) === false) {
      report(
        `APP-1: secret rotation '${args.name}' has rotationEnabled false; enable rotation at least every ${max} days.`,
      );
      return;
    }
    const rules = get(props, "rotationRules");
    const after = get(rules, "automaticallyAfterDays");
    const days = asNumber(after);
    if (days !== undefined) {
      if (days > max) {
        report(
          `APP-1: secret rotation '${args.name}' has rotationRules.automaticallyAfterDays ${show(after)}; set it to ${max} or fewer.`,
        );
      }
      return;
    }
    const expr = asString(get(rules, "scheduleExpression"));
    if (expr !== undefined && expr.trim() !== "") {
      const d = scheduleDays(expr);
      if (d !== undefined && d > max) {
        report(
          `APP-1: secret rotation '${args.name}' has rotationRules.scheduleExpression ${show(expr)}; rotate at least every ${max} days.`,
        );
      }
      return;
    }
    report(
      `APP-1: secret rotation '${args.name}' has no rotationRules.automaticallyAfterDays or scheduleExpression; set automaticallyAfterDays to ${max} or fewer.`,
    );
  }),
};

export const secretsPolicies = [secretsRotation];

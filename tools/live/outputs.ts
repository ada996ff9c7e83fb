/**
 * The stack outputs live verification reads (`pulumi stack output --json`), validated. Secret
 * outputs print as "[secret]" without --show-secrets; none of the fields used here is secret.
 */
import { z } from "zod";

const id = z.string().min(1);

export const stackOutputsSchema = z.looseObject({
  region: id,
  vpcId: id,
  appSecurityGroupId: id,
  databaseSecurityGroupId: id,
  loadBalancerSecurityGroupId: id.optional(),
  quarantineSecurityGroupId: id,
  databaseIdentifier: id.optional(),
  /** Sandbox: the one instance. */
  instanceId: id.optional(),
  /** Production: the app's Auto Scaling group and target group. */
  autoScalingGroupName: id.optional(),
  targetGroupArn: id.optional(),
  appUrl: z.string().optional(),
  flowLogGroupName: z.string().optional(),
  /** The audit trail; default: the name components/shared/names.ts gives it. */
  trailName: z.string().optional(),
  trailArn: z.string().optional(),
});
export type StackOutputs = z.infer<typeof stackOutputsSchema>;

export class OutputsError extends Error {}

export function parseStackOutputs(json: string): StackOutputs {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new OutputsError(
      "the stack outputs are not JSON: pipe `pulumi stack output --json` or pass --outputs <file>",
    );
  }
  const parsed = stackOutputsSchema.safeParse(raw);
  if (!parsed.success) {
    throw new OutputsError(
      `the stack outputs lack what live verification needs: ${parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}`,
    );
  }
  return parsed.data;
}

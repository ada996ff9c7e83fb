/**
 * The stack outputs live verification reads (`pulumi stack output --json`), validated with the
 * program's output schema. Secret outputs print as "[secret]" without --show-secrets; none of the
 * fields used here is secret.
 */
import { z } from "zod";
import { stackOutputFields } from "../../stack-outputs";

/** The outputs the live checks read; the per-edition ones and the trail's are optional here. */
export const stackOutputsSchema = stackOutputFields
  .pick({
    region: true,
    vpcId: true,
    appSecurityGroupId: true,
    databaseSecurityGroupId: true,
    loadBalancerSecurityGroupId: true,
    quarantineSecurityGroupId: true,
    databaseIdentifier: true,
    instanceId: true,
    autoScalingGroupName: true,
    targetGroupArn: true,
    appUrl: true,
    flowLogGroupName: true,
    trailName: true,
    trailArn: true,
  })
  .partial({
    loadBalancerSecurityGroupId: true,
    databaseIdentifier: true,
    instanceId: true,
    autoScalingGroupName: true,
    targetGroupArn: true,
    appUrl: true,
    flowLogGroupName: true,
  })
  .loose();
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

/**
 * The instance role's only Elastic Load Balancing rights (IAM-2, APP-1): a host takes itself out of,
 * and back into, this stack's target group around the app restart a database-secret rotation needs
 * (`components/app/assets/host/restart-drained.sh`). Both actions support the `targetgroup` resource type, so the grant
 * names the one target group; no Describe* (those allow only `*`): the host waits out the
 * deregistration delay instead of polling target health.
 */
import * as pulumi from "@pulumi/pulumi";
import { PolicyStatement } from "./iam-documents";

export function targetDrainStatements(targetGroupArn: pulumi.Input<string>): PolicyStatement[] {
  return [
    {
      Sid: "DrainOwnTargetGroupAroundRestart",
      Effect: "Allow",
      Action: ["elasticloadbalancing:DeregisterTargets", "elasticloadbalancing:RegisterTargets"],
      Resource: targetGroupArn,
    },
  ];
}

/**
 * The program's stack outputs (index.ts), as `pulumi stack output --json` prints them: one schema
 * per edition. The operator tools read their inputs through it (the checklist's --live, incident,
 * roll-instances), each picking the outputs it needs from `stackOutputFields`, so an output renamed
 * in index.ts without its schema fails the tests instead of a command in an incident.
 */
import { z } from "zod";
import { InstanceRolloutSpec } from "./components/shared/rollout";

const id = z.string().min(1);
const ids = z.array(id);

/** What `instanceRollout` holds: the numbered launch template version AWS can roll back to. */
export const instanceRolloutSchema = z.object({
  autoScalingGroupName: id,
  launchTemplateId: id,
  launchTemplateVersion: id.regex(/^[1-9]\d*$/),
  instanceWarmupSeconds: z.number().int().nonnegative(),
  alarmNames: ids,
}) satisfies z.ZodType<InstanceRolloutSpec>;

/** Outputs of every stack. */
const common = {
  region: id,
  kmsKeyArn: id,
  kmsKeyAlias: id,
  vpcId: id,
  vpcCidr: id,
  availabilityZones: ids,
  publicSubnetIds: ids,
  /** Empty in a sandbox, which has no private tier. */
  privateSubnetIds: ids,
  privateRouteTableIds: ids,
  isolatedSubnetIds: ids,
  flowLogGroupName: id,
  applicationLogGroupName: id,
  systemLogGroupName: id,
  appSecurityGroupId: id,
  databaseSecurityGroupId: id,
  quarantineSecurityGroupId: id,
  instanceRoleArn: id,
  instanceProfileName: id,
  databaseIdentifier: id,
  databaseLogGroupNames: ids,
  databaseEndpoint: id,
  databaseSecretArn: id,
  appUrl: id,
  patchGroup: id,
  alarmTopicArn: id,
  auditBucketName: id,
  patchAssociationId: id,
  /** Absent with `cloudTrail: existing`: the trail belongs to another stack. */
  trailArn: id.optional(),
  trailLogGroupName: id.optional(),
  /**
   * Never exported: an operator may add it to a saved outputs file to name a trail the program
   * does not own (the live check otherwise looks for the program's own trail name).
   */
  trailName: id.optional(),
};

/** Sandbox: one instance with an Elastic IP, no load balancer. */
const sandboxOnly = {
  instanceId: id,
  instancePublicIp: id,
  instanceVolumeIds: ids,
};

/** Production: the load balancer, its target group and the Auto Scaling group behind it. */
const productionOnly = {
  loadBalancerSecurityGroupId: id,
  loadBalancerDnsName: id,
  loadBalancerArnSuffix: id,
  targetGroupArn: id,
  targetGroupArnSuffix: id,
  autoScalingGroupName: id,
  instanceRollout: instanceRolloutSchema,
  accessLogBucketName: id,
};

/** Every output with its type, whatever the edition: the tools pick from it what they read. */
export const stackOutputFields = z.object({
  edition: z.enum(["sandbox", "production"]),
  ...common,
  ...sandboxOnly,
  ...productionOnly,
});

/** Exactly the outputs of a stack of each edition: none missing, none unknown. */
export const stackOutputsSchema = z.discriminatedUnion("edition", [
  z.strictObject({ edition: z.literal("sandbox"), ...common, ...sandboxOnly }),
  z.strictObject({ edition: z.literal("production"), ...common, ...productionOnly }),
]);
export type StackOutputs = z.infer<typeof stackOutputsSchema>;
export type StackOutputName = keyof typeof stackOutputFields.shape;

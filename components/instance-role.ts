import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyDocument, PolicyStatement, serviceTrustPolicy } from "../lib/iam-documents";

/**
 * The only AWS-managed policies the app instances get (IAM-1, IAM-2): Session Manager, the
 * CloudWatch agent, and Marketplace metering (`AWSMarketplaceMeteringFullAccess` grants only
 * `aws-marketplace:MeterUsage` despite its name).
 */
export const INSTANCE_MANAGED_POLICIES = [
  "AmazonSSMManagedInstanceCore",
  "CloudWatchAgentServerPolicy",
  "AWSMarketplaceMeteringFullAccess",
] as const;

export interface InstanceRoleArgs {
  /**
   * Narrowly scoped statements beyond the managed policies, e.g. reading exactly this stack's
   * database secret (IAM-2). Never `*` actions or resources. Default none.
   */
  readonly scopedStatements?: pulumi.Input<PolicyStatement>[];
}

/**
 * The app instances' role and instance profile (IAM-1, IAM-2): trusted only by EC2, the three
 * managed policies above, and the caller's scoped statements as one inline policy.
 */
export class InstanceRole extends pulumi.ComponentResource {
  readonly role: aws.iam.Role;
  readonly instanceProfile: aws.iam.InstanceProfile;
  readonly roleName: pulumi.Output<string>;
  readonly roleArn: pulumi.Output<string>;

  constructor(name: string, args: InstanceRoleArgs, opts?: pulumi.ComponentResourceOptions) {
    super("decision-control:iam:InstanceRole", name, {}, opts);
    const partition = aws.getPartitionOutput({}, { parent: this }).partition;
    this.role = new aws.iam.Role(
      `${name}-role`,
      {
        description:
          "Decision Control app instances: SSM, CloudWatch agent, Marketplace metering, own DB secret (IAM-2)",
        assumeRolePolicy: serviceTrustPolicy("ec2.amazonaws.com"),
        maxSessionDuration: 3600,
      },
      { parent: this },
    );
    INSTANCE_MANAGED_POLICIES.forEach(
      (policy) =>
        new aws.iam.RolePolicyAttachment(
          `${name}-${policy}`,
          {
            role: this.role.name,
            policyArn: pulumi.interpolate`arn:${partition}:iam::aws:policy/${policy}`,
          },
          { parent: this },
        ),
    );
    if (args.scopedStatements && args.scopedStatements.length > 0) {
      new aws.iam.RolePolicy(
        `${name}-scoped`,
        { role: this.role.id, policy: policyDocument(args.scopedStatements) },
        { parent: this },
      );
    }
    this.instanceProfile = new aws.iam.InstanceProfile(
      `${name}-profile`,
      { role: this.role.name },
      { parent: this },
    );
    this.roleName = this.role.name;
    this.roleArn = this.role.arn;
    this.registerOutputs({ roleArn: this.roleArn, instanceProfileArn: this.instanceProfile.arn });
  }
}

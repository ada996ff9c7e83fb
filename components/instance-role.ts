import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyDocument, PolicyStatement, serviceTrustPolicy } from "./shared/iam-documents";
import { logShippingStatements } from "./shared/log-shipping-access";

/**
 * The only AWS-managed policies the app instances get (IAM-1, IAM-2): Session Manager and
 * Marketplace metering (`AWSMarketplaceMeteringFullAccess` grants only `aws-marketplace:MeterUsage`
 * despite its name). Not `CloudWatchAgentServerPolicy`: it lets a host change the retention of, and
 * write to, every log group in the account, audit groups included; `components/shared/log-shipping-access.ts`
 * grants the agent what it needs on the app's own groups instead.
 */
export const INSTANCE_MANAGED_POLICIES = [
  "AmazonSSMManagedInstanceCore",
  "AWSMarketplaceMeteringFullAccess",
] as const;

export interface InstanceRoleArgs {
  /**
   * ARNs (without `:*`) of the app's own log groups (`AppLogGroups`): the only groups the hosts'
   * CloudWatch agent and container log driver may write to (IAM-2, MON-2). Required, non-empty.
   */
  readonly appLogGroupArns: pulumi.Input<string>[];
  /**
   * Narrowly scoped statements beyond the log shipping, e.g. reading exactly this stack's database
   * secret (IAM-2). Never `*` actions or resources. Default none.
   */
  readonly scopedStatements?: pulumi.Input<PolicyStatement>[];
}

/**
 * The app instances' role and instance profile (IAM-1, IAM-2): trusted only by EC2, the two managed
 * policies above, log shipping to the app's own groups as one inline policy, and the caller's
 * scoped statements as another.
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
    const grants: pulumi.Resource[] = INSTANCE_MANAGED_POLICIES.map(
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
    grants.push(
      new aws.iam.RolePolicy(
        `${name}-log-shipping`,
        { role: this.role.id, policy: policyDocument(logShippingStatements(args.appLogGroupArns)) },
        { parent: this },
      ),
    );
    if (args.scopedStatements && args.scopedStatements.length > 0) {
      grants.push(
        new aws.iam.RolePolicy(
          `${name}-scoped`,
          { role: this.role.id, policy: policyDocument(args.scopedStatements) },
          { parent: this },
        ),
      );
    }
    this.instanceProfile = new aws.iam.InstanceProfile(
      `${name}-profile`,
      { role: this.role.name },
      // A host launched with the profile must find every grant in place (agent, secret, SSM); the
      // profile waits for them so nothing races the first boot.
      { parent: this, dependsOn: grants },
    );
    this.roleName = this.role.name;
    this.roleArn = this.role.arn;
    this.registerOutputs({ roleArn: this.roleArn, instanceProfileArn: this.instanceProfile.arn });
  }
}

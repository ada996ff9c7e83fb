import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** Account and partition of the deploying credentials, looked up through the parent's provider. */
export interface AwsContext {
  readonly accountId: pulumi.Output<string>;
  readonly partition: pulumi.Output<string>;
  readonly region: string;
}

export function awsContext(region: string, parent: pulumi.Resource): AwsContext {
  const opts = { parent };
  return {
    accountId: aws.getCallerIdentityOutput({}, opts).accountId,
    partition: aws.getPartitionOutput({}, opts).partition,
    region,
  };
}

/**
 * Who writes Application Load Balancer access logs into a bucket, per region. AWS documents two
 * mechanisms (ELB user guide, "Enable access logs for your Application Load Balancer", step 2):
 * regions available before August 2022 grant the regional Elastic Load Balancing account; regions
 * launched since grant the `logdelivery.elasticloadbalancing.amazonaws.com` service principal.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/**
 * Regions that have a regional ELB log-delivery account: exactly the regions the provider's
 * `aws.elb.getServiceAccount` knows (terraform-provider-aws `internal/service/elb`), which answers
 * "unsupported AWS Region" for every other region.
 */
export const LEGACY_ELB_LOG_REGIONS: ReadonlySet<string> = new Set([
  "af-south-1",
  "ap-east-1",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-south-1",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ca-central-1",
  "cn-north-1",
  "cn-northwest-1",
  "eu-central-1",
  "eu-north-1",
  "eu-south-1",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "me-south-1",
  "sa-east-1",
  "us-east-1",
  "us-east-2",
  "us-gov-east-1",
  "us-gov-west-1",
  "us-west-1",
  "us-west-2",
]);

export const ELB_LOG_DELIVERY_SERVICE = "logdelivery.elasticloadbalancing.amazonaws.com";

/** The bucket-policy principal that must be allowed `s3:PutObject` for ALB access logs in `region`. */
export function elbLogDeliveryPrincipal(
  region: string,
  opts: pulumi.InvokeOutputOptions,
): Record<string, pulumi.Input<string>> {
  return LEGACY_ELB_LOG_REGIONS.has(region)
    ? { AWS: aws.elb.getServiceAccountOutput({ region }, opts).arn }
    : { Service: ELB_LOG_DELIVERY_SERVICE };
}

/**
 * IAM policy documents as typed data, serialised with `pulumi.jsonStringify` so Outputs (ARNs) can be
 * embedded without an invoke. Shared by every component that writes a trust or permission policy.
 */
import * as pulumi from "@pulumi/pulumi";

export type Condition = Record<string, Record<string, pulumi.Input<string | string[]>>>;

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: pulumi.Input<Record<string, pulumi.Input<string | string[]>> | "*">;
  readonly Action: pulumi.Input<string | string[]>;
  readonly Resource?: pulumi.Input<pulumi.Input<string>[] | pulumi.Input<string>>;
  readonly Condition?: Condition;
}

export function policyDocument(statements: pulumi.Input<PolicyStatement>[]): pulumi.Output<string> {
  return pulumi.jsonStringify({ Version: "2012-10-17", Statement: statements });
}

/** A trust policy that lets exactly one AWS service assume the role, optionally narrowed by conditions. */
export function serviceTrustPolicy(service: string, condition?: Condition): pulumi.Output<string> {
  return policyDocument([
    {
      Effect: "Allow",
      Principal: { Service: service },
      Action: "sts:AssumeRole",
      ...(condition ? { Condition: condition } : {}),
    },
  ]);
}

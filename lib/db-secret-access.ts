/**
 * The instance role's only reads beyond its managed policies (IAM-2, APP-1): exactly this stack's
 * RDS-managed database secret, and decrypting it with the stack key only when Secrets Manager asks.
 */
import * as pulumi from "@pulumi/pulumi";
import { PolicyStatement } from "./iam-documents";

export function databaseSecretReadStatements(
  secretArn: pulumi.Input<string>,
  keyArn: pulumi.Input<string>,
  region: string,
): PolicyStatement[] {
  return [
    {
      Sid: "ReadOwnDatabaseSecret",
      Effect: "Allow",
      // DescribeSecret lets the host notice a rotation (new AWSCURRENT version) without reading the value.
      Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
      Resource: secretArn,
    },
    {
      Sid: "DecryptOwnDatabaseSecretViaSecretsManager",
      Effect: "Allow",
      Action: "kms:Decrypt",
      Resource: keyArn,
      // Decrypt only on behalf of Secrets Manager in this region, never directly on other data under the key.
      Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${region}.amazonaws.com` } },
    },
  ];
}

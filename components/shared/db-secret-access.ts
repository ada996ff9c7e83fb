/**
 * The instance role's only reads beyond its managed policies (IAM-2, APP-1): exactly this stack's
 * RDS-managed database secret, and decrypting with the stack key only when Secrets Manager asks and
 * only for that secret. Secrets Manager decrypts a secret's data key with the encryption context
 * `SecretARN` (Secrets Manager User Guide, "Secret encryption and decryption"), so the condition
 * pins the key's use to this one secret, as components/shared/certificate-store-access.ts does for its secret.
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
      // Only on behalf of Secrets Manager in this region and only for this secret: never directly on
      // other data under the stack key, nor for another secret it encrypts (the certificate's).
      Condition: {
        StringEquals: {
          "kms:ViaService": `secretsmanager.${region}.amazonaws.com`,
          "kms:EncryptionContext:SecretARN": secretArn,
        },
      },
    },
  ];
}

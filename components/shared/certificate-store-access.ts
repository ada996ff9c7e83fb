/**
 * What the sandbox host may do with its stored Let's Encrypt certificate (IAM-2, APP-2): read and
 * write exactly that one secret, and use the stack key only through Secrets Manager and only for
 * that secret. Secrets Manager encrypts each new value under a new data key (PutSecretValue ->
 * kms:GenerateDataKey) and decrypts it for GetSecretValue (kms:Decrypt), in both cases on behalf of
 * the caller and with the encryption context `SecretARN` (Secrets Manager User Guide, "Secret
 * encryption and decryption": "Permissions for the KMS key", "Secrets Manager encryption context").
 * No DescribeSecret, ListSecrets, DeleteSecret or UpdateSecret: the host cannot find other secrets,
 * re-key this one or remove it.
 */
import * as pulumi from "@pulumi/pulumi";
import { PolicyStatement } from "./iam-documents";

/** The only Secrets Manager actions the host gets on the certificate secret. */
export const CERTIFICATE_STORE_ACTIONS = [
  "secretsmanager:GetSecretValue",
  "secretsmanager:PutSecretValue",
] as const;

export function certificateStoreStatements(
  secretArn: pulumi.Input<string>,
  keyArn: pulumi.Input<string>,
  region: string,
): PolicyStatement[] {
  return [
    {
      Sid: "ReadAndWriteOwnCertificateSecret",
      Effect: "Allow",
      Action: [...CERTIFICATE_STORE_ACTIONS],
      Resource: secretArn,
    },
    {
      Sid: "EncryptOwnCertificateSecretViaSecretsManager",
      Effect: "Allow",
      Action: ["kms:GenerateDataKey", "kms:Decrypt"],
      Resource: keyArn,
      Condition: {
        StringEquals: {
          "kms:ViaService": `secretsmanager.${region}.amazonaws.com`,
          "kms:EncryptionContext:SecretARN": secretArn,
        },
      },
    },
  ];
}

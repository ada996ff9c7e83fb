import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { certificateStoreStatements } from "../shared/certificate-store-access";
import { policyDocument } from "../shared/iam-documents";
import { StackIdentity } from "../shared/stack-identity";

/** The region: the key may be used only through Secrets Manager of this region. */
export interface CertificateStoreArgs extends Pick<StackIdentity, "region"> {
  /** The host name the stored certificate is for (APP-2); only in the description. */
  readonly fqdn: string;
  /** The stack key: the stored value (the private key among it) is encrypted with it (CMP-2). */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** The app instances' role: granted get and put on this one secret (IAM-2). */
  readonly instanceRoleName: pulumi.Input<string>;
}

/**
 * APP-2 on the sandbox: a Secrets Manager secret the host keeps its Let's Encrypt certificate and
 * key in, so a replacement instance (new AMI, user data, SSH setting) restores it at boot instead
 * of serving a self-signed certificate until a new one is issued, and replacements stay clear of
 * Let's Encrypt's 5 certificates per exact set of names every 7 days. The program creates the
 * secret without a value: the host writes the value after each issuance or renewal, so no
 * certificate or key ever passes through Pulumi's state.
 */
export class CertificateStore extends pulumi.ComponentResource {
  readonly secret: aws.secretsmanager.Secret;
  readonly secretArn: pulumi.Output<string>;
  /** The instance role's policy on the secret; a host must not boot before it exists. */
  readonly access: aws.iam.RolePolicy;

  constructor(name: string, args: CertificateStoreArgs, opts?: pulumi.ComponentResourceOptions) {
    super("decision-control:app:CertificateStore", name, {}, opts);
    this.secret = new aws.secretsmanager.Secret(
      `${name}-secret`,
      {
        description: `Let's Encrypt certificate and key for ${args.fqdn}, written by the sandbox host (APP-2)`,
        kmsKeyId: args.kmsKeyArn,
      },
      { parent: this },
    );
    this.secretArn = this.secret.arn;
    this.access = new aws.iam.RolePolicy(
      `${name}-access`,
      {
        role: args.instanceRoleName,
        policy: policyDocument(
          certificateStoreStatements(this.secret.arn, args.kmsKeyArn, args.region),
        ),
      },
      { parent: this },
    );
    this.registerOutputs({ secretArn: this.secretArn });
  }
}

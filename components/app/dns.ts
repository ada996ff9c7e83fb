/**
 * Route 53 and ACM helpers for the app's public name (APP-2): the hosted zone lookup and a
 * certificate validated by DNS records in that zone.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** The app's public host name and the Route 53 public hosted zone it lives in (APP-2). */
export interface PublicName {
  /** Lowercase, no trailing dot (`example.com`). */
  readonly zoneName: string;
  /** The host name clients use, inside `zoneName` (`decisions.example.com`). */
  readonly fqdn: string;
}

/** The public hosted zone's ID, looked up by name through the parent's provider. */
export function publicZoneId(zoneName: string, parent: pulumi.Resource): pulumi.Output<string> {
  return aws.route53.getZoneOutput({ name: zoneName, privateZone: false }, { parent }).zoneId;
}

export interface ValidatedCertificate {
  readonly certificate: aws.acm.Certificate;
  /** The certificate's ARN, resolved only once ACM reports it issued (use this on listeners). */
  readonly certificateArn: pulumi.Output<string>;
}

/**
 * An ACM certificate for exactly `fqdn`, validated through the CNAME record ACM asks for
 * (`domainValidationOptions`), created in the zone, and awaited by `CertificateValidation`.
 */
export function dnsValidatedCertificate(
  name: string,
  args: { readonly fqdn: string; readonly zoneId: pulumi.Input<string> },
  parent: pulumi.Resource,
): ValidatedCertificate {
  const certificate = new aws.acm.Certificate(
    `${name}-cert`,
    {
      domainName: args.fqdn,
      validationMethod: "DNS",
      keyAlgorithm: "RSA_2048",
      tags: { Name: args.fqdn },
    },
    { parent },
  );
  const option = certificate.domainValidationOptions.apply((options) => {
    const found = options.find((candidate) => candidate.domainName === args.fqdn) ?? options[0];
    if (!found) {
      throw new Error(`${name}: ACM returned no DNS validation record for ${args.fqdn}`);
    }
    return found;
  });
  const record = new aws.route53.Record(
    `${name}-cert-validation`,
    {
      zoneId: args.zoneId,
      name: option.resourceRecordName,
      type: option.resourceRecordType,
      records: [option.resourceRecordValue],
      ttl: 300,
      // ACM uses the same record for a re-issued certificate of the same name.
      allowOverwrite: true,
    },
    { parent },
  );
  const validation = new aws.acm.CertificateValidation(
    `${name}-cert-validation`,
    { certificateArn: certificate.arn, validationRecordFqdns: [record.fqdn] },
    { parent },
  );
  return { certificate, certificateArn: validation.certificateArn };
}

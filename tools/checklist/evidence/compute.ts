/** Items 2 (APP-2), 4 (DATA-1), 13 (IAM-1) and 15 (APP-3, APP-4): the app hosts and their front. */
import { CATALOGUE } from "../../../policy-pack/controls";
import { coversPort } from "../../../policy-pack/lib/semantics";
import { computeResources } from "../compute";
import {
  asBoolean,
  describeRule,
  idOf,
  isReferencedBy,
  list,
  ofType,
  prop,
  securityGroupRules,
  strings,
  T,
} from "../resources";
import { EvidenceGatherer, Findings, StackFacts } from "./findings";

const AMI_ID = /^ami-[0-9a-f]{8}([0-9a-f]{9})?$/;
const HTTPS_PORT = CATALOGUE.controls["NET-4"].values.httpsPort;
const SSM_CORE_POLICY = "/AmazonSSMManagedInstanceCore";
const PATCH_DOCUMENT = "AWS-RunPatchBaseline";
/** A host-side ACME client in the instance's user data (sandbox TLS on the box). */
const ACME_CLIENT = /certbot|acme\.sh|lets-?encrypt/i;

function loadBalancerHttps(facts: StackFacts, found: Findings): void {
  const listeners = ofType(facts.resources, T.listener);
  const https = listeners.filter((listener) => prop(listener, "protocol") === "HTTPS");
  if (found.require(https, "HTTPS listener")) {
    https.forEach((listener) =>
      found.fact(
        `HTTPS on ${String(prop(listener, "port"))} with ${String(prop(listener, "sslPolicy"))} and certificate ${String(prop(listener, "certificateArn"))}`,
        listener,
        {
          sslPolicy: prop(listener, "sslPolicy"),
          certificateArn: prop(listener, "certificateArn"),
        },
      ),
    );
  }
  for (const listener of listeners.filter((candidate) => prop(candidate, "protocol") === "HTTP")) {
    const actions = list(prop(listener, "defaultActions")) as Record<string, unknown>[];
    const redirects =
      actions.length > 0 &&
      actions.every(
        (action) =>
          action.type === "redirect" &&
          (action.redirect as Record<string, unknown> | undefined)?.protocol === "HTTPS",
      );
    found.check(
      redirects,
      listener,
      `HTTP on ${String(prop(listener, "port"))} only redirects to HTTPS`,
      "an HTTP listener that does not only redirect to HTTPS",
    );
  }
  const certificates = ofType(facts.resources, T.certificate);
  if (found.require(certificates, "ACM certificate")) {
    for (const certificate of certificates) {
      const validated = ofType(facts.resources, T.certificateValidation).some(
        (validation) => prop(validation, "certificateArn") === certificate.arn,
      );
      found.check(
        prop(certificate, "validationMethod") === "DNS" && validated,
        certificate,
        `ACM certificate for ${String(prop(certificate, "domainName"))}, DNS-validated`,
        "the certificate is not DNS-validated in the stack (no CertificateValidation)",
      );
    }
  }
}

function instanceHttps(facts: StackFacts, found: Findings): void {
  const { domain } = facts.settings;
  if (!domain) {
    found.need(
      "no decision-control:domain: without a domain the instance can only serve a self-signed certificate",
    );
    return;
  }
  found.fact(`decision-control:domain = ${domain.fqdn}`, undefined, { fqdn: domain.fqdn });
  const records = ofType(facts.resources, T.dnsRecord).filter((record) =>
    [domain.fqdn, domain.subdomain].includes(String(prop(record, "name"))),
  );
  if (found.require(records, `DNS record for ${domain.fqdn}`)) {
    records.forEach((record) =>
      found.fact(
        `${String(prop(record, "type"))} ${domain.fqdn} -> ${strings(prop(record, "records")).join(", ") || "alias"}`,
        record,
      ),
    );
  }
  const hosts = computeResources(facts.resources);
  if (found.require(hosts, "instance")) {
    hosts.forEach((host) =>
      found.check(
        ACME_CLIENT.test(host.userData),
        host.resource,
        `user data obtains a Let's Encrypt certificate (certbot) and terminates TLS on ${HTTPS_PORT}`,
        "user data sets up no Let's Encrypt certificate",
      ),
    );
  }
  const https = securityGroupRules(facts.resources).filter(
    (rule) => rule.direction === "ingress" && coversPort(rule.range, HTTPS_PORT),
  );
  if (found.require(https, `ingress rule for ${HTTPS_PORT}`)) {
    https.forEach((rule) => found.fact(describeRule(rule), rule.resource));
  }
}

/** Item 2, APP-2: HTTPS with a publicly trusted certificate; HTTP only redirects. */
export const httpsCertificate: EvidenceGatherer = (facts) => {
  const found = new Findings();
  if (ofType(facts.resources, T.loadBalancer).length > 0) {
    loadBalancerHttps(facts, found);
  } else {
    instanceHttps(facts, found);
  }
  return found;
};

/** Item 4, DATA-1: every volume of every host encrypted, and the account default on. */
export const ebsEncryption: EvidenceGatherer = (facts) => {
  const found = new Findings();
  const hosts = computeResources(facts.resources);
  found.require(hosts, "instance or launch template");
  for (const host of hosts) {
    if (host.volumes.length === 0) {
      found.need(
        "no block device declared, so encryption is left to the account default",
        host.resource,
      );
    }
    for (const volume of host.volumes) {
      found.check(
        volume.encrypted,
        host.resource,
        `${volume.device} volume encrypted = true${volume.kmsKeyId ? ` with ${volume.kmsKeyId}` : " (aws/ebs key)"}`,
        `${volume.device} volume is not explicitly encrypted`,
        { encrypted: volume.encrypted },
      );
    }
  }
  ofType(facts.resources, T.ebsVolume).forEach((volume) =>
    found.check(
      asBoolean(prop(volume, "encrypted")) === true,
      volume,
      "encrypted = true",
      "volume is not encrypted",
    ),
  );
  const defaults = ofType(facts.resources, T.ebsDefaultEncryption);
  if (defaults.length === 0) {
    if (facts.settings.accountBaseline) {
      found.need(
        "no aws.ebs.EncryptionByDefault although decision-control:accountBaseline is true",
      );
    } else {
      found.fact(
        "account default EBS encryption is managed by another stack (accountBaseline = false)",
      );
    }
  }
  defaults.forEach((resource) =>
    found.check(
      asBoolean(prop(resource, "enabled")) !== false,
      resource,
      "account default EBS encryption enabled",
      "account default EBS encryption disabled",
    ),
  );
  return found;
};

/** Item 13, IAM-1: the hosts' instance profile carries AmazonSSMManagedInstanceCore. */
export const sessionManager: EvidenceGatherer = (facts) => {
  const found = new Findings();
  const attachments = ofType(facts.resources, T.rolePolicyAttachment).filter((attachment) =>
    String(prop(attachment, "policyArn")).endsWith(SSM_CORE_POLICY),
  );
  const ssmRoles = new Set(attachments.map((attachment) => prop(attachment, "role")));
  attachments.forEach((attachment) =>
    found.fact(
      `${String(prop(attachment, "policyArn"))} attached to role ${String(prop(attachment, "role"))}`,
      attachment,
    ),
  );
  const profiles = ofType(facts.resources, T.instanceProfile).filter((profile) => {
    const role = prop(profile, "role");
    const roleResource = ofType(facts.resources, T.role).find((candidate) =>
      isReferencedBy(candidate, role),
    );
    return (
      ssmRoles.has(role) ||
      (roleResource !== undefined &&
        [idOf(roleResource), roleResource.arn, roleResource.physicalName].some((ref) =>
          ssmRoles.has(ref),
        ))
    );
  });
  if (found.require(profiles, "instance profile whose role has AmazonSSMManagedInstanceCore")) {
    profiles.forEach((profile) =>
      found.fact(`instance profile of role ${String(prop(profile, "role"))}`, profile),
    );
  }
  const hosts = computeResources(facts.resources);
  found.require(hosts, "instance or launch template");
  hosts.forEach((host) =>
    found.check(
      profiles.some((profile) => isReferencedBy(profile, host.instanceProfile)),
      host.resource,
      `runs with instance profile ${host.instanceProfile}: reachable with aws ssm start-session`,
      "does not run with the SSM-enabled instance profile",
    ),
  );
  return found;
};

function patching(facts: StackFacts, found: Findings): void {
  const associations = ofType(facts.resources, T.ssmAssociation).filter(
    (association) => prop(association, "name") === PATCH_DOCUMENT,
  );
  const tasks = ofType(facts.resources, T.maintenanceWindowTask).filter(
    (task) => prop(task, "taskArn") === PATCH_DOCUMENT,
  );
  associations.forEach((association) =>
    found.check(
      typeof prop(association, "scheduleExpression") === "string",
      association,
      `${PATCH_DOCUMENT} on ${String(prop(association, "scheduleExpression"))} (${JSON.stringify(prop(association, "parameters") ?? {})})`,
      `${PATCH_DOCUMENT} has no schedule`,
    ),
  );
  tasks.forEach((task) =>
    found.fact(`${PATCH_DOCUMENT} in maintenance window ${String(prop(task, "windowId"))}`, task),
  );
  if (associations.length + tasks.length === 0) {
    found.need(`no scheduled ${PATCH_DOCUMENT} (SSM association or maintenance-window task)`);
  }
  ofType(facts.resources, T.patchBaseline).forEach((baseline) =>
    found.fact(`patch baseline for ${String(prop(baseline, "operatingSystem"))}`, baseline),
  );
}

/** Item 15, APP-3 and APP-4: a pinned, reviewable AMI on every host, and scheduled patching. */
export const amiUpToDate: EvidenceGatherer = (facts) => {
  const found = new Findings();
  const { amiId } = facts.settings;
  if (AMI_ID.test(amiId)) {
    found.fact(
      `decision-control:amiId = ${amiId} (pinned: an AMI change is a previewed change)`,
      undefined,
      { amiId },
    );
  } else {
    found.need(`decision-control:amiId ${amiId} is not a pinned AMI ID`);
  }
  const hosts = computeResources(facts.resources);
  found.require(hosts, "instance or launch template");
  hosts.forEach((host) =>
    found.check(
      host.imageId === amiId,
      host.resource,
      `boots ${host.imageId}`,
      `boots ${host.imageId ?? "an unpinned image"}, not the configured ${amiId}`,
      { imageId: host.imageId },
    ),
  );
  patching(facts, found);
  return found;
};

/** The app tier: its image (APP-3), instances, domain (APP-2), SSH (ACC-2) and quarantine (IR-1). */
import { RawConfig } from "./raw-config";
import { ConfigReport, configKey as key, EditionScope } from "./report";
import * as rules from "./rules";
import { DomainSettings, Settings, SshSettings } from "./types";

type AppSettings = Pick<
  Settings,
  "amiId" | "quarantine" | "instanceType" | "appInstanceCount" | "domain" | "ssh"
>;

/** The keys' own rules, whatever the edition. */
export function validateApp(
  input: RawConfig,
  scope: EditionScope,
  report: ConfigReport,
): AppSettings {
  if (input.amiId === undefined) {
    report.issue(
      ["amiId"],
      `is required; pin the Aletyx Decision Control AMI ID for ${scope.region ?? "the region"}, e.g. ami-0123456789abcdef0 (APP-3).`,
    );
  }
  report.check(["amiId"], input.amiId, rules.amiIdRule);
  report.check(["instanceType"], input.instanceType, rules.instanceTypeRule);
  return {
    amiId: input.amiId as string,
    quarantine: input.quarantine ?? false,
    instanceType: input.instanceType ?? scope.profile.instanceType,
    appInstanceCount: input.appInstanceCount ?? scope.profile.appInstanceCount,
    domain: validateDomain(input.domain, report),
    ssh: validateSsh(input.ssh, report),
  };
}

/** What the edition asks of the app keys. */
export function appEditionRules(
  input: RawConfig,
  app: AppSettings,
  scope: EditionScope,
  report: ConfigReport,
): void {
  const { edition, profile } = scope;
  if (input.quarantine !== undefined && !profile.quarantineAccepted) {
    report.issue(
      ["quarantine"],
      `is not accepted in the ${edition} edition: its instances belong to an Auto Scaling group; remove the key and isolate with "npm run incident -- isolate" (IR-1).`,
    );
  }
  const [minInstances, maxInstances] = profile.appInstanceCountRange;
  const count = app.appInstanceCount;
  if (count < minInstances || count > maxInstances) {
    report.issue(
      ["appInstanceCount"],
      minInstances === maxInstances
        ? `${count} is not allowed in the ${edition} edition, which runs exactly ${minInstances} instance; remove the key.`
        : `${count} is outside ${minInstances}..${maxInstances} for the ${edition} edition; set a count in that range.`,
    );
  }
  if (input.domain === undefined && profile.domainRequired) {
    report.issue(
      ["domain"],
      `is required in the ${edition} edition for HTTPS with an ACM certificate (APP-2); set {zoneName: example.com, subdomain: decisions}.`,
    );
  }
}

function validateDomain(
  domain: RawConfig["domain"],
  report: ConfigReport,
): DomainSettings | undefined {
  if (domain === undefined) {
    return undefined;
  }
  for (const field of ["zoneName", "subdomain"] as const) {
    if (domain[field] === undefined) {
      report.issue(
        ["domain", field],
        `is required when ${key(["domain"])} is set; e.g. ${field === "zoneName" ? "example.com" : "decisions"}.`,
      );
    }
  }
  report.check(["domain", "zoneName"], domain.zoneName, rules.zoneNameRule);
  report.check(["domain", "subdomain"], domain.subdomain, rules.subdomainRule);
  // Stryker disable StringLiteral: a missing zoneName or subdomain is refused above (equivalent)
  const zoneName = (domain.zoneName ?? "").toLowerCase().replace(/\.$/, "");
  const subdomain = domain.subdomain ?? "";
  // Stryker restore StringLiteral
  const fqdn = `${subdomain}.${zoneName}`;
  if (
    domain.zoneName !== undefined &&
    domain.subdomain !== undefined &&
    !rules.zoneNameRule(domain.zoneName) &&
    !rules.subdomainRule(domain.subdomain)
  ) {
    report.check(["domain"], fqdn, rules.certificateNameRule);
  }
  return { zoneName, subdomain, fqdn };
}

function validateSsh(ssh: RawConfig["ssh"], report: ConfigReport): SshSettings {
  const enabled = ssh?.enabled ?? false;
  // Stryker disable next-line OptionalChaining: enabled implies ssh is set (equivalent)
  if (enabled && ssh?.keyName === undefined) {
    report.issue(
      ["ssh", "keyName"],
      `is required when ${key(["ssh", "enabled"])} is true; set the EC2 key pair name, or prefer SSM Session Manager and set enabled: false (ACC-2).`,
    );
  }
  report.check(["ssh", "keyName"], ssh?.keyName, rules.keyNameRule);
  if (!enabled && ssh?.keyName !== undefined) {
    report.warn(
      `${key(["ssh", "keyName"])}: ignored because ${key(["ssh", "enabled"])} is false; no key pair is attached (ACC-2).`,
    );
    return { enabled };
  }
  // Stryker disable next-line OptionalChaining: enabled implies ssh is set (equivalent)
  return enabled ? { enabled, keyName: ssh?.keyName } : { enabled };
}

/**
 * Turns the raw stack configuration into validated, frozen `Settings`, or throws a `ConfigError`
 * listing every problem at once, each starting with its full key. Pure: no Pulumi runtime calls,
 * so it runs before any resource is registered and is unit-tested without mocks.
 *
 * Each concern has its own module: the keys' own rules run whatever the edition; what an edition
 * asks (required keys, floors, ranges) runs only once the edition is known.
 */
import { COMMON_DEFAULTS, COMPLIANCE_FLOORS, EDITIONS } from "./editions";
import { validateLoadBalancer } from "./load-balancer";
import { RawConfig, readRawConfig } from "./raw-config";
import { ConfigError, ConfigReport, EditionScope, PROJECT_NAME } from "./report";
import * as rules from "./rules";
import { Edition, Settings } from "./types";
import { validateAccountScope, validateRegions } from "./validate-account";
import { appEditionRules, validateApp } from "./validate-app";
import { databaseEditionRules, validateDatabase } from "./validate-database";
import { monitoringEditionRules, validateMonitoring } from "./validate-monitoring";
import { networkEditionRules, validateNetwork } from "./validate-network";
import { validateOperations } from "./validate-operations";

export { CONFIG_KEYS, STRUCTURED_KEYS } from "./raw-config";
export { ConfigError, PROJECT_NAME };

export interface ValidationContext {
  /** `aws:region` from the stack config (or AWS_REGION); CMP-1 needs it. */
  readonly region?: string;
  readonly stack: string;
  readonly project?: string;
}

export interface ValidationResult {
  readonly settings: Settings;
  readonly warnings: readonly string[];
}

/** Validates and merges over the edition defaults. Throws `ConfigError` with every problem found. */
export function validateConfig(
  raw: Readonly<Record<string, string>>,
  context: ValidationContext,
): ValidationResult {
  const report = new ConfigReport();
  const input = readRawConfig(raw, report.issues);
  validateStackName(input, context.stack, report);
  const edition = validateEdition(input, report);
  // An unknown edition is refused below; until then its keys are read with the sandbox defaults.
  const scope = editionScope(edition ?? "sandbox", input, context, report);

  const network = validateNetwork(input, scope, report);
  const app = validateApp(input, scope, report);
  const monitoring = validateMonitoring(input, scope, report);
  const database = validateDatabase(input.database, scope, report);
  const regions = validateRegions(input, context.region, report);
  const operations = validateOperations(input, database, report);
  const accountScope = validateAccountScope(input, report);
  if (edition === undefined) {
    // No edition's rules judge the rest: the edition is reported, with the keys' own problems.
    throw new ConfigError(report.issues);
  }
  networkEditionRules(input, network, scope, report);
  appEditionRules(input, app, scope, report);
  const loadBalancer = validateLoadBalancer(input, edition, scope.profile);
  report.issues.push(...loadBalancer.issues);
  report.warnings.push(...loadBalancer.warnings);
  monitoringEditionRules(monitoring, scope, report);
  databaseEditionRules(database, scope, report);
  report.throwIfAny();

  const settings: Settings = deepFreeze({
    project: context.project ?? PROJECT_NAME,
    stack: context.stack,
    stackLabel: input.stackLabel ?? context.stack,
    region: regions.region,
    edition,
    complianceProfile: scope.complianceProfile as Settings["complianceProfile"],
    allowedCidr: network.allowedCidr,
    allowedCidrKind: "ipv4",
    albScheme: network.albScheme,
    vpcCidr: network.vpcCidr,
    availabilityZones: network.availabilityZones,
    natGateways: network.natGateways,
    amiId: app.amiId,
    loadBalancerHealthCheck: loadBalancer.loadBalancerHealthCheck,
    replaceLoadBalancer: loadBalancer.replaceLoadBalancer,
    quarantine: app.quarantine,
    instanceType: app.instanceType,
    appInstanceCount: app.appInstanceCount,
    domain: app.domain,
    ssh: app.ssh,
    database,
    alarmEmail: monitoring.alarmEmail,
    logRetentionDays: monitoring.logRetentionDays,
    ...accountScope,
    allowedRegions: regions.allowedRegions,
    ...operations,
  });
  return { settings, warnings: report.warnings };
}

/** Names derive from the pinned label when there is one, so only the label must fit the budgets. */
function validateStackName(input: RawConfig, stack: string, report: ConfigReport): void {
  if (input.stackLabel === undefined) {
    const stackProblem = rules.stackNameRule(stack);
    if (stackProblem) {
      report.issueAt("stack name", stackProblem);
    }
  }
  report.check(["stackLabel"], input.stackLabel, rules.stackLabelRule);
}

/** The edition, or undefined (reported) when it is missing or not one. */
function validateEdition(input: RawConfig, report: ConfigReport): Edition | undefined {
  const edition = input.edition;
  if (edition === "sandbox" || edition === "production") {
    return edition;
  }
  report.issue(
    ["edition"],
    edition === undefined
      ? `is required; set it to "sandbox" or "production".`
      : `"${edition}" is not an edition; set it to "sandbox" or "production".`,
  );
  return undefined;
}

function editionScope(
  edition: Edition,
  input: RawConfig,
  context: ValidationContext,
  report: ConfigReport,
): EditionScope {
  const complianceProfile = input.complianceProfile ?? COMMON_DEFAULTS.complianceProfile;
  if (complianceProfile !== "standard" && complianceProfile !== "regulated") {
    report.issue(
      ["complianceProfile"],
      `"${complianceProfile}" is not a profile; set "standard" or "regulated".`,
    );
  }
  return {
    edition,
    profile: EDITIONS[edition],
    complianceProfile,
    floors: COMPLIANCE_FLOORS[complianceProfile === "regulated" ? "regulated" : "standard"],
    region: context.region,
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    Object.values(value as object).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

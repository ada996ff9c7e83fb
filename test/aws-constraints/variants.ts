/**
 * The stack variants the constraints table is checked on: both shipped stack files, each edition
 * under a 30-character stack name (one of them with uppercase and punctuation), and the config
 * variants the suite already tests. Overrides are spelled as the other test files spell them, so
 * `runProgramOnce` shares their runs.
 */
import {
  ConfigOverrides,
  runProgramOnce,
  StackName,
  ProgramRun,
} from "../../tools/simulate/program";
import { runWithIsolatedInstances } from "../harness/isolated-instance";

export interface StackVariant {
  readonly title: string;
  readonly stackFile: StackName;
  readonly stackName?: string;
  readonly overrides?: ConfigOverrides;
  /**
   * IR-1: `quarantine: true` is accepted only once `npm run incident -- isolate` has tagged the
   * instance; the run sees it tagged so.
   */
  readonly isolatedByCommand?: boolean;
}

const ISOLATED_INSTANCE = "i-0123456789abcdef0";

/** 30 characters each: the longest stack names config validation accepts. */
export const LONG_STACK_NAMES = {
  sandbox: "acme-decisions-sandbox-euw1-ab",
  production: "acme-decisions-production-euw1",
  /** Uppercase, underscore and period: valid Pulumi stack names, invalid in many AWS names. */
  mixed: "Acme_Decisions.Sandbox-EUW1-01",
} as const;

const SSH = { ssh: { enabled: true, keyName: "ops-key" } };
const THREE_ZONES = { availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"] };

export const STACK_VARIANTS: readonly StackVariant[] = [
  { title: "Pulumi.sandbox.yaml", stackFile: "sandbox" },
  { title: "Pulumi.production.yaml", stackFile: "production" },
  {
    title: `sandbox edition as stack ${LONG_STACK_NAMES.sandbox}`,
    stackFile: "sandbox",
    stackName: LONG_STACK_NAMES.sandbox,
  },
  {
    title: `production edition as stack ${LONG_STACK_NAMES.production}`,
    stackFile: "production",
    stackName: LONG_STACK_NAMES.production,
  },
  {
    title: `sandbox edition as stack ${LONG_STACK_NAMES.mixed}, every option on (SSH, quarantine, 3 AZs, NAT per AZ)`,
    stackFile: "sandbox",
    stackName: LONG_STACK_NAMES.mixed,
    overrides: { ...SSH, quarantine: true, ...THREE_ZONES, natGateways: "perAz" },
    isolatedByCommand: true,
  },
  {
    title: `production edition as stack ${LONG_STACK_NAMES.production}, every option on (SSH, regulated, 3 AZs, 10 instances, a 64-character host name: the certificate's limit)`,
    stackFile: "production",
    stackName: LONG_STACK_NAMES.production,
    overrides: {
      ...SSH,
      complianceProfile: "regulated",
      logRetentionDays: 365,
      ...THREE_ZONES,
      appInstanceCount: 10,
      domain: { zoneName: "example.com", subdomain: `decisions-${"x".repeat(64 - 22)}` },
    },
  },
  {
    title: `production edition renamed to a 42-character stack name, its 30-character label ${LONG_STACK_NAMES.mixed} pinned (stackLabel)`,
    stackFile: "production",
    stackName: "acme-decision-control-production-eu-west-1",
    overrides: { stackLabel: LONG_STACK_NAMES.mixed },
  },
  { title: "sandbox without a domain", stackFile: "sandbox", overrides: { domain: undefined } },
  { title: "sandbox with SSH", stackFile: "sandbox", overrides: SSH },
  { title: "production with SSH", stackFile: "production", overrides: SSH },
  {
    title: "sandbox in 3 AZs with a NAT gateway per AZ",
    stackFile: "sandbox",
    overrides: { ...THREE_ZONES, natGateways: "perAz" },
  },
  {
    title: "sandbox in quarantine",
    stackFile: "sandbox",
    overrides: { quarantine: true },
    isolatedByCommand: true,
  },
  {
    title: "production, regulated profile",
    stackFile: "production",
    overrides: { complianceProfile: "regulated", logRetentionDays: 365 },
  },
  {
    title: "production without the account baseline",
    stackFile: "production",
    overrides: { accountBaseline: false },
  },
  {
    title: "production in a second region of the account: the account's trail, no global types",
    stackFile: "production",
    overrides: { cloudTrail: "existing", recordGlobalResourceTypes: false },
  },
  {
    title: "sandbox in an account whose trail and Config are the organisation's",
    stackFile: "sandbox",
    overrides: { accountBaseline: false, cloudTrail: "existing" },
  },
  {
    // Rate schedules are refused (no fixed time to keep out of the database maintenance window).
    title: "sandbox patched daily",
    stackFile: "sandbox",
    overrides: { patchSchedule: "cron(0 5 ? * * *)" },
  },
];

const isolatedRuns = new Map<StackVariant, Promise<ProgramRun>>();

export function runVariant(variant: StackVariant): Promise<ProgramRun> {
  if (!variant.isolatedByCommand) {
    return runProgramOnce(variant.stackFile, variant.overrides, variant.stackName);
  }
  if (!isolatedRuns.has(variant)) {
    isolatedRuns.set(
      variant,
      runWithIsolatedInstances(
        [ISOLATED_INSTANCE],
        variant.overrides ?? {},
        variant.stackFile,
        variant.stackName,
      ).then(({ run }) => run),
    );
  }
  return isolatedRuns.get(variant) as Promise<ProgramRun>;
}

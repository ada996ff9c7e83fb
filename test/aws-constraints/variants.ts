/**
 * The stack variants the constraints table is checked on: both shipped stack files, each edition
 * under a 30-character stack name (one of them with uppercase and punctuation), and the config
 * variants the suite already tests. Overrides are spelled as the other test files spell them, so
 * `runProgramOnce` shares their runs.
 */
import { ConfigOverrides, runProgramOnce, StackName, ProgramRun } from "../../lib/mock-run/program";

export interface StackVariant {
  readonly title: string;
  readonly stackFile: StackName;
  readonly stackName?: string;
  readonly overrides?: ConfigOverrides;
}

/** 30 characters each: the longest stack names config validation accepts. */
export const LONG_STACK_NAMES = {
  sandbox: "acme-decisions-sandbox-euw1-ab",
  production: "acme-decisions-production-euw1",
  /** Uppercase, underscore and period: valid Pulumi stack names, invalid in many AWS names. */
  mixed: "Acme_Decisions.Sandbox-EUW1-01",
} as const;

const SSH = { ssh: { enabled: true, keyName: "ops-key" } };

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
    overrides: { ...SSH, quarantine: true, availabilityZoneCount: 3, natGateways: "perAz" },
  },
  {
    title: `production edition as stack ${LONG_STACK_NAMES.production}, every option on (SSH, regulated, 3 AZs, 10 instances, a 64-character host name: the certificate's limit)`,
    stackFile: "production",
    stackName: LONG_STACK_NAMES.production,
    overrides: {
      ...SSH,
      complianceProfile: "regulated",
      logRetentionDays: 365,
      availabilityZoneCount: 3,
      appInstanceCount: 10,
      domain: { zoneName: "example.com", subdomain: `decisions-${"x".repeat(64 - 22)}` },
    },
  },
  { title: "sandbox without a domain", stackFile: "sandbox", overrides: { domain: undefined } },
  { title: "sandbox with SSH", stackFile: "sandbox", overrides: SSH },
  { title: "production with SSH", stackFile: "production", overrides: SSH },
  {
    title: "sandbox in 3 AZs with a NAT gateway per AZ",
    stackFile: "sandbox",
    overrides: { availabilityZoneCount: 3, natGateways: "perAz" },
  },
  { title: "sandbox in quarantine", stackFile: "sandbox", overrides: { quarantine: true } },
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
    // Rate schedules are refused (no fixed time to keep out of the database maintenance window).
    title: "sandbox patched daily",
    stackFile: "sandbox",
    overrides: { patchSchedule: "cron(0 5 ? * * *)" },
  },
];

export function runVariant(variant: StackVariant): Promise<ProgramRun> {
  return runProgramOnce(variant.stackFile, variant.overrides, variant.stackName);
}

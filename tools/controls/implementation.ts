/**
 * Where this repository builds each control and which tests prove it: the two columns of the
 * README's controls table that the catalogue (policy-pack/controls/) cannot know, because they name
 * root components and tests. The policy column is derived from the pack's policy descriptions.
 */
import type { ControlId } from "../../policy-pack/controls";

export interface Implementation {
  /** Components, config modules and helpers that build the control (Markdown). */
  readonly builtBy: string;
  /** Test files that prove it (Markdown). */
  readonly testedIn: string;
}

export const IMPLEMENTATION: { readonly [K in ControlId]: Implementation } = {
  "NET-1": {
    builtBy:
      "`config/rules.ts` (`allowedCidr`), `config/client-network.ts` (ALB scheme), `SecurityGroups`, `ProductionCluster`",
    testedIn:
      "`test/config/validate.test.ts`, `test/config/client-network.test.ts`, `test/components/security-groups.test.ts`, `test/components/app-tier.test.ts`, `policy-pack/test/policies/network.test.ts`, `policy-pack/test/policies/prefix-lists.test.ts`",
  },
  "NET-2": {
    builtBy:
      "`Network` (protected, pinned zones), `config/network-layout.ts` (set once), `SandboxInstance`, `ProductionCluster` (protected ALB), `config/load-balancer.ts` (`replaceLoadBalancer`)",
    testedIn:
      "`test/components/network.test.ts`, `test/components/app-tier.test.ts`, `policy-pack/test/policies/compute.test.ts`, `test/config/network-layout.test.ts`, `test/config/load-balancer.test.ts`",
  },
  "NET-3": {
    builtBy: "`Network` (flow logs, role, log group)",
    testedIn: "`test/components/network.test.ts`, `policy-pack/test/policies/network.test.ts`",
  },
  "NET-4": {
    builtBy: "`SecurityGroups` (`securityGroupRules` table)",
    testedIn: "`test/components/security-groups.test.ts`, `policy-pack/test/policies/*.test.ts`",
  },
  "NET-5": {
    builtBy: "`SecurityGroups`, `Network` (default SG emptied)",
    testedIn:
      "`test/components/security-groups.test.ts`, `test/components/network.test.ts`, `policy-pack/test/policies/network.test.ts`, `policy-pack/test/policies/network-acl.test.ts`, `policy-pack/test/policies/default-sg.test.ts`",
  },
  "IAM-1": {
    builtBy: "`InstanceRole` (SSM core), launch settings (no key pair)",
    testedIn: "`test/components/instance-role.test.ts`, `test/components/app-tier.test.ts`",
  },
  "IAM-2": {
    builtBy:
      "`InstanceRole` (SSM core, Marketplace metering; writes only to the app's own log groups, `components/shared/log-shipping-access.ts`; no `CloudWatchAgentServerPolicy`), `components/shared/db-secret-access.ts`",
    testedIn:
      "`test/components/instance-role.test.ts`, `policy-pack/test/policies/identity.test.ts`",
  },
  "IAM-3": {
    builtBy: "`Audit` (trail, bucket, log group, CIS alarms; `cloudTrail` switch)",
    testedIn:
      "`test/components/audit.test.ts`, `policy-pack/test/policies/logging.test.ts`, `test/components/account-scope.test.ts`, `test/policy-pack/shared-trail.test.ts`",
  },
  "DATA-1": {
    builtBy: "launch settings (encrypted gp3), `AccountBaseline` (EBS default)",
    testedIn: "`test/components/app-tier.test.ts`, `test/components/account-baseline.test.ts`",
  },
  "DATA-2": {
    builtBy: "`Database`, `StackKey`",
    testedIn: "`test/components/database.test.ts`, `test/components/stack-key.test.ts`",
  },
  "DATA-3": {
    builtBy: "`Database`, `components/shared/stateful.ts` (protect / retain, `teardown`)",
    testedIn:
      "`test/components/database.test.ts`, `test/config/validate.test.ts`, `test/program/teardown.test.ts`",
  },
  "DATA-4": {
    builtBy: "`Database`, config (production)",
    testedIn: "`test/components/database.test.ts`, `test/config/validate.test.ts`",
  },
  "APP-1": {
    builtBy:
      "`Database` (managed secret, rotation window), `config/rotation-schedule.ts`, user data (drained restart)",
    testedIn:
      "`test/components/database.test.ts`, `test/components/user-data.test.ts`, `test/config/rotation-schedule.test.ts`, `test/config/day2.test.ts`, `test/components/secret-rotation-restart.test.ts`",
  },
  "APP-2": {
    builtBy:
      "`ProductionCluster` (ACM, listeners), `SandboxInstance` (nginx, certbot, HSTS only with a trusted certificate), `CertificateStore` (the certificate kept across replacements)",
    testedIn:
      "`test/components/app-tier.test.ts`, `policy-pack/test/policies/loadbalancing.test.ts`, `policy-pack/test/policies/lb-edge.test.ts`, `test/components/host-certificate.test.ts`, `test/components/certificate-store.test.ts`, `test/components/user-data-size.test.ts`",
  },
  "APP-3": {
    builtBy:
      "config (`amiId`), launch settings, `ProductionCluster` (launch-before-terminate, `instanceRollout`, health check path), `config/load-balancer.ts` (`loadBalancerHealthCheck`), `tools/rollout/` (`npm run roll-instances`; the rollback alarm's window from the grace period)",
    testedIn:
      "`test/config/validate.test.ts`, `test/components/app-tier.test.ts`, `test/components/instance-rollout.test.ts`, `test/tools/rollout/rollout.test.ts`, `test/config/load-balancer.test.ts`, `test/components/shared/rollout-alarm.test.ts`",
  },
  "APP-4": {
    builtBy: "`Patching` (no reboot in the Auto Scaling group), `config/patch-window.ts`",
    testedIn:
      "`test/components/patching.test.ts`, `policy-pack/test/policies/operations.test.ts`, `test/config/patch-window.test.ts`",
  },
  "ACC-1": {
    builtBy: "`Database`, `SecurityGroups`",
    testedIn: "`test/components/database.test.ts`, `policy-pack/test/policies/database.test.ts`",
  },
  "ACC-2": {
    builtBy: "`SecurityGroups` (22 only if enabled), launch settings",
    testedIn: "`test/components/security-groups.test.ts`, `test/components/app-tier.test.ts`",
  },
  "MON-1": {
    builtBy:
      "`Monitoring` (topic, alarms, failed-login filter), `Database` (explicit `max_connections`), `config/db-instance-classes.ts`",
    testedIn:
      "`test/components/monitoring.test.ts`, `test/components/database.test.ts`, `test/config/max-connections.test.ts`",
  },
  "MON-2": {
    builtBy:
      "`AppLogGroups`, `Network` (flow-log group), user data (Docker `awslogs` driver for the app, CloudWatch agent for the host)",
    testedIn: "`test/components/monitoring.test.ts`, `test/components/user-data.test.ts`",
  },
  "MON-3": {
    builtBy: "`AccountBaseline` (recorder, channel, managed rules; `recordGlobalResourceTypes`)",
    testedIn:
      "`test/components/account-baseline.test.ts`, `test/program/program.test.ts`, `policy-pack/test/policies/s3-config.test.ts`, `test/components/account-scope.test.ts`",
  },
  "CMP-1": {
    builtBy: "config (`allowedRegions`), explicit provider",
    testedIn:
      "`test/config/validate.test.ts`, `test/program/program.test.ts`, `policy-pack/test/stacks.test.ts`, `policy-pack/test/policies/region.test.ts`",
  },
  "CMP-2": {
    builtBy: "`StackKey`, `Database`, `Audit`, listeners",
    testedIn: "component tests above",
  },
  "CMP-3": {
    builtBy: "`Audit` (lifecycle), log retention, backups",
    testedIn: "`test/components/audit.test.ts`",
  },
  "IR-1": {
    builtBy:
      "`SecurityGroups` (quarantine), `SandboxInstance` (quarantine, agrees with the command), `tools/incident/` (ACL entries, untrack swap, quarantine)",
    testedIn:
      "`test/components/security-groups.test.ts`, `test/components/app-tier.test.ts`, `test/components/sandbox-quarantine.test.ts`, `test/tools/incident/incident.test.ts`, `test/tools/incident/containment.test.ts`",
  },
  "IR-2": {
    builtBy:
      "`SandboxInstance` (snapshot first), `tools/incident/` (snapshots, log export), `Audit` (`exports/`)",
    testedIn:
      "`test/tools/incident/incident.test.ts`, `test/components/app-tier.test.ts`, `policy-pack/test/policies/compute.test.ts`",
  },
  "IR-3": {
    builtBy: "launch settings, `tools/rollout/` (rollout with auto rollback)",
    testedIn: "`test/components/app-tier.test.ts`, `test/tools/rollout/rollout.test.ts`",
  },
};

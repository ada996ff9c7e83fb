/**
 * What live checks share: the SDK clients (injected, so tests use aws-sdk-client-mock), the stack's
 * outputs and settings, and memoised look-ups several items read (the DB instance, the app's
 * instances, the stack's security-group rules).
 */
import { AutoScalingClient, DescribeAutoScalingGroupsCommand } from "@aws-sdk/client-auto-scaling";
import { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { ConfigServiceClient } from "@aws-sdk/client-config-service";
import {
  DescribeInstancesCommand,
  DescribeSecurityGroupRulesCommand,
  EC2Client,
  Instance,
  SecurityGroupRule,
} from "@aws-sdk/client-ec2";
import { ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { DBInstance, DescribeDBInstancesCommand, RDSClient } from "@aws-sdk/client-rds";
import { SSMClient } from "@aws-sdk/client-ssm";
import type { Settings } from "../../config/types";
import { StackOutputs } from "./outputs";
import { awsCall, CannotVerify, RetryOptions } from "./retry";

export interface LiveClients {
  readonly rds: RDSClient;
  readonly ec2: EC2Client;
  readonly cloudtrail: CloudTrailClient;
  readonly config: ConfigServiceClient;
  readonly cloudwatch: CloudWatchClient;
  readonly ssm: SSMClient;
  readonly elbv2: ElasticLoadBalancingV2Client;
  readonly autoscaling: AutoScalingClient;
}

/** Clients for the stack's region, with the credentials of the environment (OIDC role in CI). */
export function createClients(region: string): LiveClients {
  const config = { region };
  return {
    rds: new RDSClient(config),
    ec2: new EC2Client(config),
    cloudtrail: new CloudTrailClient(config),
    config: new ConfigServiceClient(config),
    cloudwatch: new CloudWatchClient(config),
    ssm: new SSMClient(config),
    elbv2: new ElasticLoadBalancingV2Client(config),
    autoscaling: new AutoScalingClient(config),
  };
}

/** Result of a TLS handshake with the app's host name, certificate verified against the system CAs. */
export interface TlsProbe {
  readonly authorized: boolean;
  readonly detail: string;
}

export interface LiveContext {
  readonly stack: string;
  readonly settings: Settings;
  readonly outputs: StackOutputs;
  readonly clients: LiveClients;
  readonly root: string;
  readonly now: Date;
  readonly retry?: RetryOptions;
  readonly probeTls: (host: string) => Promise<TlsProbe>;
  readonly cache: Map<string, Promise<unknown>>;
}

export function call<T>(ctx: LiveContext, what: string, fn: () => Promise<T>): Promise<T> {
  return awsCall(what, fn, ctx.retry);
}

/**
 * Every item of a paginated AWS call: `page(token)` fetches one page (each through `call`, with its
 * retries), `items` picks the page's items, until a page has no `NextToken`.
 */
export async function allPages<Page extends { NextToken?: string }, Item>(
  ctx: LiveContext,
  what: string,
  page: (token: string | undefined) => Promise<Page>,
  items: (page: Page) => readonly Item[] | undefined,
): Promise<Item[]> {
  const all: Item[] = [];
  let token: string | undefined;
  do {
    const current = await call(ctx, what, () => page(token));
    all.push(...(items(current) ?? []));
    token = current.NextToken;
  } while (token);
  return all;
}

function once<T>(ctx: LiveContext, key: string, fn: () => Promise<T>): Promise<T> {
  if (!ctx.cache.has(key)) {
    ctx.cache.set(key, fn());
  }
  return ctx.cache.get(key) as Promise<T>;
}

export function database(ctx: LiveContext): Promise<DBInstance> {
  return once(ctx, "db", async () => {
    const identifier = ctx.outputs.databaseIdentifier;
    if (!identifier) {
      throw new CannotVerify("the stack outputs have no databaseIdentifier");
    }
    const result = await call(ctx, "rds:DescribeDBInstances", () =>
      ctx.clients.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: identifier })),
    );
    const db = result.DBInstances?.[0];
    if (!db) {
      throw new CannotVerify(`RDS instance ${identifier} not found`);
    }
    return db;
  });
}

/** The app's instances: the sandbox instance, or the production Auto Scaling group's members. */
export function appInstances(ctx: LiveContext): Promise<Instance[]> {
  return once(ctx, "instances", async () => {
    let ids: string[] = [];
    if (ctx.outputs.instanceId) {
      ids = [ctx.outputs.instanceId];
    } else if (ctx.outputs.autoScalingGroupName) {
      const name = ctx.outputs.autoScalingGroupName;
      const groups = await call(ctx, "autoscaling:DescribeAutoScalingGroups", () =>
        ctx.clients.autoscaling.send(
          new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] }),
        ),
      );
      ids = (groups.AutoScalingGroups?.[0]?.Instances ?? [])
        .map((instance) => instance.InstanceId)
        .filter((id): id is string => id !== undefined);
    } else {
      throw new CannotVerify("the stack outputs have neither instanceId nor autoScalingGroupName");
    }
    if (ids.length === 0) {
      return [];
    }
    const result = await call(ctx, "ec2:DescribeInstances", () =>
      ctx.clients.ec2.send(new DescribeInstancesCommand({ InstanceIds: ids })),
    );
    return (result.Reservations ?? []).flatMap((reservation) => reservation.Instances ?? []);
  });
}

/** The stack's security groups from the outputs, by role. */
export function stackGroups(
  ctx: LiveContext,
): Record<"loadBalancer" | "app" | "database" | "quarantine", string | undefined> {
  return {
    loadBalancer: ctx.outputs.loadBalancerSecurityGroupId,
    app: ctx.outputs.appSecurityGroupId,
    database: ctx.outputs.databaseSecurityGroupId,
    quarantine: ctx.outputs.quarantineSecurityGroupId,
  };
}

export function groupRules(ctx: LiveContext): Promise<SecurityGroupRule[]> {
  return once(ctx, "rules", async () => {
    const ids = Object.values(stackGroups(ctx)).filter((id): id is string => id !== undefined);
    return allPages(
      ctx,
      "ec2:DescribeSecurityGroupRules",
      (token) =>
        ctx.clients.ec2.send(
          new DescribeSecurityGroupRulesCommand({
            Filters: [{ Name: "group-id", Values: ids }],
            NextToken: token,
          }),
        ),
      (page) => page.SecurityGroupRules,
    );
  });
}

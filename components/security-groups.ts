import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { APP_PORT, HTTP_PORT, HTTPS_PORT, POSTGRES_PORT, SSH_PORT } from "./shared/ports";

export type GroupRole = "loadBalancer" | "app" | "database" | "quarantine";

/** Where a rule's traffic comes from (ingress) or goes to (egress). */
export type Peer =
  | { readonly kind: "trusted" }
  | { readonly kind: "internet" }
  | { readonly kind: "group"; readonly group: GroupRole };

export interface RuleSpec {
  readonly group: GroupRole;
  readonly direction: "ingress" | "egress";
  readonly port: number;
  readonly peer: Peer;
  /**
   * Written to EC2 as the rule's description: at most 255 characters of `a-zA-Z0-9`, spaces and
   * `._-:/()#,@[]+=;{}!$*` (no apostrophe; `&` only on CIDR rules), or AuthorizeSecurityGroupIngress fails.
   */
  readonly description: string;
}

export interface SecurityGroupsArgs {
  readonly vpcId: pulumi.Input<string>;
  /** NET-1: the only CIDR allowed in, besides port 80 where the HTTP challenge needs it. */
  readonly allowedCidr: string;
  readonly allowedCidrKind: "ipv4" | "ipv6";
  /** Production puts an ALB in front of private instances; sandbox exposes one instance. */
  readonly edition: "sandbox" | "production";
  /**
   * The sandbox instance gets its certificate from Let's Encrypt, whose HTTP-01 challenge needs port 80
   * from anywhere (NET-4). Ignored in production, where ACM validates by DNS.
   */
  readonly letsEncryptHttpChallenge: boolean;
  /** ACC-2: port 22 from `allowedCidr` only when SSH is explicitly enabled. Default false. */
  readonly sshEnabled?: boolean;
}

const INTERNET_IPV4 = "0.0.0.0/0";

/**
 * The guide's security-group table as data (NET-4): which group admits what, from where. Pure, so the
 * table itself is unit-tested; `SecurityGroups` only turns it into resources.
 */
export function securityGroupRules(args: Omit<SecurityGroupsArgs, "vpcId">): RuleSpec[] {
  const trusted: Peer = { kind: "trusted" };
  const internet: Peer = { kind: "internet" };
  const front: GroupRole = args.edition === "production" ? "loadBalancer" : "app";
  const rules: RuleSpec[] = [
    {
      group: front,
      direction: "ingress",
      port: HTTPS_PORT,
      peer: trusted,
      description: "HTTPS from the trusted CIDR (NET-1, NET-4)",
    },
    args.letsEncryptHttpChallenge && args.edition === "sandbox"
      ? {
          group: front,
          direction: "ingress",
          port: HTTP_PORT,
          peer: internet,
          description:
            "HTTP from anywhere for the ACME HTTP-01 challenge (Lets Encrypt) and the redirect to HTTPS (NET-1, NET-4)",
        }
      : {
          group: front,
          direction: "ingress",
          port: HTTP_PORT,
          peer: trusted,
          description: "HTTP from the trusted CIDR, redirected to HTTPS (NET-4)",
        },
    {
      group: "app",
      direction: "egress",
      port: HTTPS_PORT,
      peer: internet,
      description: "HTTPS out: SSM, CloudWatch, Secrets Manager, OS updates, image pulls",
    },
    {
      group: "app",
      direction: "egress",
      port: HTTP_PORT,
      peer: internet,
      description: "HTTP out: OS package mirrors that serve plain HTTP (signed packages)",
    },
    {
      group: "app",
      direction: "egress",
      port: POSTGRES_PORT,
      peer: { kind: "group", group: "database" },
      description: "PostgreSQL to the database tier (ACC-1)",
    },
    {
      group: "database",
      direction: "ingress",
      port: POSTGRES_PORT,
      peer: { kind: "group", group: "app" },
      description: "PostgreSQL from the app tier only (NET-4, ACC-1)",
    },
  ];
  if (args.edition === "production") {
    rules.push(
      {
        group: "loadBalancer",
        direction: "egress",
        port: APP_PORT,
        peer: { kind: "group", group: "app" },
        description: "Forward to the app port on the app tier",
      },
      {
        group: "app",
        direction: "ingress",
        port: APP_PORT,
        peer: { kind: "group", group: "loadBalancer" },
        description: "App port from the load balancer only (NET-4)",
      },
    );
  }
  if (args.sshEnabled) {
    rules.push({
      group: "app",
      direction: "ingress",
      port: SSH_PORT,
      peer: trusted,
      description: "SSH from the trusted CIDR, explicitly enabled (ACC-2)",
    });
  }
  return rules;
}

const PURPOSE: Record<GroupRole, string> = {
  loadBalancer: "Application load balancer: HTTPS (and redirecting HTTP) from the trusted CIDR",
  app: "Decision Control app instances",
  database: `RDS PostgreSQL: ${POSTGRES_PORT} from the app tier only`,
  quarantine: "IR-1 quarantine: no rules at all; move a compromised instance here",
};

/**
 * Security groups per tier and their rules (NET-1, NET-4, NET-5, ACC-2), plus an empty quarantine
 * group (IR-1). Rules are separate resources, one per port and peer, each with a description; no
 * group has all-protocol egress, and the internet is a source only on port 80.
 */
export class SecurityGroups extends pulumi.ComponentResource {
  readonly loadBalancer?: aws.ec2.SecurityGroup;
  readonly app: aws.ec2.SecurityGroup;
  readonly database: aws.ec2.SecurityGroup;
  readonly quarantine: aws.ec2.SecurityGroup;
  readonly rules: readonly RuleSpec[];

  constructor(name: string, args: SecurityGroupsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("decision-control:network:SecurityGroups", name, {}, opts);
    this.rules = securityGroupRules(args);
    const roles: GroupRole[] =
      args.edition === "production"
        ? ["loadBalancer", "app", "database", "quarantine"]
        : ["app", "database", "quarantine"];
    const groups = Object.fromEntries(
      roles.map((role) => [
        role,
        new aws.ec2.SecurityGroup(
          `${name}-${role}`,
          {
            vpcId: args.vpcId,
            description: PURPOSE[role],
            // Lets the app and database groups, which reference each other, be deleted cleanly.
            revokeRulesOnDelete: true,
            tags: { Name: `${name}-${role}`, Tier: role },
          },
          { parent: this },
        ),
      ]),
    ) as Partial<Record<GroupRole, aws.ec2.SecurityGroup>>;
    const group = (role: GroupRole): aws.ec2.SecurityGroup => {
      const found = groups[role];
      if (!found) {
        throw new Error(
          `SecurityGroups: rule refers to the ${role} group, which the ${args.edition} edition does not create`,
        );
      }
      return found;
    };

    for (const rule of this.rules) {
      const peerName = rule.peer.kind === "group" ? rule.peer.group : rule.peer.kind;
      const ruleName = `${name}-${rule.group}-${rule.direction}-${rule.port}-${peerName}`;
      const ruleArgs = {
        securityGroupId: group(rule.group).id,
        ipProtocol: "tcp",
        fromPort: rule.port,
        toPort: rule.port,
        description: rule.description,
        ...this.peerArgs(rule.peer, args, group),
      };
      if (rule.direction === "ingress") {
        new aws.vpc.SecurityGroupIngressRule(ruleName, ruleArgs, { parent: this });
      } else {
        new aws.vpc.SecurityGroupEgressRule(ruleName, ruleArgs, { parent: this });
      }
    }

    this.loadBalancer = groups.loadBalancer;
    this.app = group("app");
    this.database = group("database");
    this.quarantine = group("quarantine");
    this.registerOutputs({
      loadBalancerSecurityGroupId: this.loadBalancer?.id,
      appSecurityGroupId: this.app.id,
      databaseSecurityGroupId: this.database.id,
      quarantineSecurityGroupId: this.quarantine.id,
    });
  }

  private peerArgs(
    peer: Peer,
    args: SecurityGroupsArgs,
    group: (role: GroupRole) => aws.ec2.SecurityGroup,
  ): { cidrIpv4?: string; cidrIpv6?: string; referencedSecurityGroupId?: pulumi.Output<string> } {
    switch (peer.kind) {
      case "group":
        return { referencedSecurityGroupId: group(peer.group).id };
      case "internet":
        return { cidrIpv4: INTERNET_IPV4 };
      case "trusted":
        return args.allowedCidrKind === "ipv6"
          ? { cidrIpv6: args.allowedCidr }
          : { cidrIpv4: args.allowedCidr };
    }
  }
}

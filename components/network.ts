import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { NatGatewayMode } from "../config/types";
import { awsContext } from "./shared/aws-context";
import { ipv4Subnet } from "../policy-pack/lib/semantics";
import { policyDocument, serviceTrustPolicy } from "./shared/iam-documents";
import { flowLogGroupNamePrefix, NAMED_ONCE_AT_CREATE } from "./shared/names";
import { StackIdentity } from "./shared/stack-identity";
import { deletedOnTeardown, keptAfterTeardown } from "./shared/stateful";

export type SubnetTier = "public" | "private" | "isolated";
/** Tier order fixes each tier's block of subnet slots, so leaving one out never renumbers another. */
const TIERS: readonly SubnetTier[] = ["public", "private", "isolated"];

/** Each tier gets a block of 4 subnet slots (one per AZ, room for a 4th) of 1/16th of the VPC. */
const SUBNET_NEW_BITS = 4;
const SLOTS_PER_TIER = 4;

/** The identity names the flow-log group. */
export interface NetworkArgs extends StackIdentity {
  /** Private IPv4 block, /16 to /24 (NET-2). Set once: the VPC is protected. */
  readonly vpcCidr: string;
  /**
   * 2 or 3 zone names of `region`, validated by config (NET-2). Zone i holds subnet slot i of every
   * tier, so the list is set once: appending a zone adds subnets, any other change would replace or
   * delete protected subnets and is refused at preview.
   */
  readonly availabilityZones: readonly string[];
  /**
   * NET-2: `none` builds no NAT gateway and no private tier (a private subnet without egress would
   * only invite resources that cannot work); `single` one NAT gateway in the first AZ; `perAz` one
   * per AZ so an AZ outage keeps egress.
   */
  readonly natGateways: NatGatewayMode;
  /** Flow-log retention in days (NET-3, CMP-3). */
  readonly logRetentionDays: number;
  /** KMS key ARN for the flow-log group (CMP-2). */
  readonly logKmsKeyArn: pulumi.Input<string>;
  /** Lifts `protect` from the flow-log group so `pulumi destroy` can run; it stays (CMP-3). Default false. */
  readonly teardown?: boolean;
}

/**
 * The VPC and its subnet tiers per AZ (NET-2): public, private with NAT egress for the app tier
 * (left out when `natGateways` is `none`), and isolated with no internet route at all for the
 * database tier; the default security group emptied (NET-5) and flow logs of all traffic to an
 * encrypted log group (NET-3).
 *
 * The VPC and the subnets are `protect`ed: a VPC's range and a subnet's range and zone cannot change
 * in place, and replacing them under the database, the load balancer and the instances wedges the
 * update (RDS refuses a subnet group with subnets of another VPC) or deletes subnets still in use.
 * Pulumi refuses to replace or delete a protected resource, at preview, before any step runs (README,
 * Operations, "Change the network layout").
 */
export class Network extends pulumi.ComponentResource {
  readonly vpc: aws.ec2.Vpc;
  readonly vpcId: pulumi.Output<string>;
  readonly publicSubnetIds: pulumi.Output<string>[];
  /** Empty when `natGateways` is `none`. */
  readonly privateSubnetIds: pulumi.Output<string>[];
  /**
   * One per private subnet. A VPN or Direct Connect path to an internal ALB needs a route back to
   * the clients here (propagated from a virtual private gateway, or to a transit gateway).
   */
  readonly privateRouteTableIds: pulumi.Output<string>[];
  readonly isolatedSubnetIds: pulumi.Output<string>[];
  readonly availabilityZones: readonly string[];
  readonly flowLogGroup: aws.cloudwatch.LogGroup;
  readonly flowLog: aws.ec2.FlowLog;
  readonly defaultSecurityGroup: aws.ec2.DefaultSecurityGroup;

  constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("decision-control:network:Network", name, {}, opts);
    const parent = { parent: this };
    // Pinned in config, never looked up: a lookup's order can change (a zone impaired during an AZ
    // event, a zone added to the account) and would plan subnet replacements.
    this.availabilityZones = args.availabilityZones;
    // The set-once layout: Pulumi refuses to replace or delete these (protect resource option),
    // until a teardown lifts it for pulumi destroy (they hold no data: deleted, not kept).
    const setOnce = { parent: this, ...deletedOnTeardown(args.teardown ?? false) };

    this.vpc = new aws.ec2.Vpc(
      `${name}-vpc`,
      {
        cidrBlock: args.vpcCidr,
        enableDnsSupport: true,
        enableDnsHostnames: true,
        tags: { Name: `${name}-vpc` },
      },
      setOnce,
    );
    this.vpcId = this.vpc.id;

    // NET-5: adopting the default SG with no rules removes AWS's allow-all defaults.
    this.defaultSecurityGroup = new aws.ec2.DefaultSecurityGroup(
      `${name}-default-sg`,
      { vpcId: this.vpc.id, ingress: [], egress: [], tags: { Name: `${name}-default-closed` } },
      parent,
    );

    const tiers = TIERS.filter((tier) => tier !== "private" || args.natGateways !== "none");
    const subnets = Object.fromEntries(
      TIERS.map((tier, tierIndex) => [
        tier,
        (tiers.includes(tier) ? this.availabilityZones : []).map(
          (zone, az) =>
            new aws.ec2.Subnet(
              `${name}-${tier}-${az}`,
              {
                vpcId: this.vpc.id,
                availabilityZone: zone,
                cidrBlock: ipv4Subnet(
                  args.vpcCidr,
                  SUBNET_NEW_BITS,
                  tierIndex * SLOTS_PER_TIER + az,
                ),
                // No tier hands out public IPs: the sandbox instance gets an Elastic IP explicitly.
                mapPublicIpOnLaunch: false,
                tags: { Name: `${name}-${tier}-${az}`, Tier: tier },
              },
              setOnce,
            ),
        ),
      ]),
    ) as Record<SubnetTier, aws.ec2.Subnet[]>;
    this.publicSubnetIds = subnets.public.map((subnet) => subnet.id);
    this.privateSubnetIds = subnets.private.map((subnet) => subnet.id);
    this.isolatedSubnetIds = subnets.isolated.map((subnet) => subnet.id);

    const internetGateway = new aws.ec2.InternetGateway(
      `${name}-igw`,
      { vpcId: this.vpc.id, tags: { Name: `${name}-igw` } },
      parent,
    );
    const publicRoutes = this.routeTable(`${name}-public`, subnets.public);
    new aws.ec2.Route(
      `${name}-public-internet`,
      {
        routeTableId: publicRoutes.id,
        destinationCidrBlock: "0.0.0.0/0",
        gatewayId: internetGateway.id,
      },
      parent,
    );

    const natCount = { none: 0, single: 1, perAz: this.availabilityZones.length }[args.natGateways];
    const natGateways = subnets.public.slice(0, natCount).map((subnet, az) => {
      const eip = new aws.ec2.Eip(
        `${name}-nat-${az}`,
        { domain: "vpc", tags: { Name: `${name}-nat-${az}` } },
        parent,
      );
      return new aws.ec2.NatGateway(
        `${name}-nat-${az}`,
        {
          allocationId: eip.allocationId,
          subnetId: subnet.id,
          connectivityType: "public",
          tags: { Name: `${name}-nat-${az}` },
        },
        { parent: this, dependsOn: [internetGateway] },
      );
    });
    // The app tier reaches the internet (updates, image pulls, SSM) only through NAT. Routes are
    // separate resources, so routes another stack or a gateway's propagation adds are left alone.
    this.privateRouteTableIds = subnets.private.map((subnet, az) => {
      const table = this.routeTable(`${name}-private-${az}`, [subnet]);
      new aws.ec2.Route(
        `${name}-private-${az}-nat`,
        {
          routeTableId: table.id,
          destinationCidrBlock: "0.0.0.0/0",
          natGatewayId: natGateways[az % natCount].id,
        },
        parent,
      );
      return table.id;
    });
    // The database tier has only the VPC-local route: nothing in it can reach or be reached from the internet.
    this.routeTable(`${name}-isolated`, subnets.isolated);

    const flowLogs = this.createFlowLogs(name, args);
    this.flowLogGroup = flowLogs.group;
    this.flowLog = flowLogs.flowLog;

    this.registerOutputs({
      vpcId: this.vpcId,
      availabilityZones: this.availabilityZones,
      publicSubnetIds: this.publicSubnetIds,
      privateSubnetIds: this.privateSubnetIds,
      privateRouteTableIds: this.privateRouteTableIds,
      isolatedSubnetIds: this.isolatedSubnetIds,
      flowLogGroupName: this.flowLogGroup.name,
    });
  }

  private routeTable(name: string, subnets: aws.ec2.Subnet[]): aws.ec2.RouteTable {
    const table = new aws.ec2.RouteTable(
      name,
      { vpcId: this.vpc.id, tags: { Name: name } },
      { parent: this },
    );
    subnets.forEach(
      (subnet, index) =>
        new aws.ec2.RouteTableAssociation(
          `${name}-${index}`,
          { routeTableId: table.id, subnetId: subnet.id },
          { parent: this },
        ),
    );
    return table;
  }

  /** NET-3: flow logs of ALL traffic, delivered by a role only the flow-logs service can assume. */
  private createFlowLogs(
    name: string,
    args: NetworkArgs,
  ): { group: aws.cloudwatch.LogGroup; flowLog: aws.ec2.FlowLog } {
    const { accountId, partition, region } = awsContext(args.region, this);
    const group = new aws.cloudwatch.LogGroup(
      `${name}-flow-logs`,
      {
        // Per creation (`/aws/vpc/flowlogs/<stack prefix>-<26 characters>`): a teardown keeps the
        // group, and a re-created stack must not meet its name.
        namePrefix: flowLogGroupNamePrefix(args.project, args.stack),
        retentionInDays: args.logRetentionDays,
        kmsKeyId: args.logKmsKeyArn,
      },
      {
        parent: this,
        ...keptAfterTeardown(args.teardown ?? false),
        ignoreChanges: [...NAMED_ONCE_AT_CREATE],
      },
    );
    const role = new aws.iam.Role(
      `${name}-flow-logs`,
      {
        description:
          "Lets VPC Flow Logs of this account deliver to the stack's flow-log group (NET-3)",
        // Confused-deputy guard: only flow logs of this account may use the role.
        assumeRolePolicy: serviceTrustPolicy("vpc-flow-logs.amazonaws.com", {
          StringEquals: { "aws:SourceAccount": accountId },
          ArnLike: {
            "aws:SourceArn": pulumi.interpolate`arn:${partition}:ec2:${region}:${accountId}:vpc-flow-log/*`,
          },
        }),
      },
      { parent: this },
    );
    const writePolicy = new aws.iam.RolePolicy(
      `${name}-flow-logs-write`,
      {
        role: role.id,
        policy: policyDocument([
          {
            Sid: "WriteOnlyToTheFlowLogGroup",
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
            Resource: [group.arn, pulumi.interpolate`${group.arn}:*`],
          },
          {
            // The service checks the destination exists before delivering (VPC user guide, flow-log role).
            Sid: "FindTheFlowLogGroup",
            Effect: "Allow",
            Action: "logs:DescribeLogGroups",
            Resource: pulumi.interpolate`arn:${partition}:logs:${region}:${accountId}:log-group:*`,
          },
        ]),
      },
      { parent: this },
    );
    const flowLog = new aws.ec2.FlowLog(
      `${name}-flow-log`,
      {
        vpcId: this.vpc.id,
        trafficType: "ALL",
        logDestinationType: "cloud-watch-logs",
        logDestination: group.arn,
        iamRoleArn: role.arn,
        maxAggregationInterval: 60,
        tags: { Name: `${name}-flow-log` },
      },
      // The first deliveries would fail if the flow log started before its role may write.
      { parent: this, dependsOn: [writePolicy] },
    );
    return { group, flowLog };
  }
}

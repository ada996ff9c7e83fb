import { strict as assert } from "assert";
import { ProgramRun, RegisteredResource, runProgramOnce } from "../harness/program";

const T = {
  vpc: "aws:ec2/vpc:Vpc",
  subnet: "aws:ec2/subnet:Subnet",
  route: "aws:ec2/route:Route",
  routeTable: "aws:ec2/routeTable:RouteTable",
  association: "aws:ec2/routeTableAssociation:RouteTableAssociation",
  nat: "aws:ec2/natGateway:NatGateway",
  eip: "aws:ec2/eip:Eip",
  igw: "aws:ec2/internetGateway:InternetGateway",
  defaultSg: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
  flowLog: "aws:ec2/flowLog:FlowLog",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
};

const THREE_ZONES = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];

const tier = (run: ProgramRun, name: string) =>
  run
    .childrenOf(`decision-control-${run.config["decision-control:edition"]}-net`)
    .filter(
      (r) =>
        r.type === T.subnet &&
        r.inputs.tags &&
        (r.inputs.tags as Record<string, string>).Tier === name,
    );

/** The route table a subnet is associated with, and that table's routes. */
function routesOf(run: ProgramRun, subnet: RegisteredResource): RegisteredResource[] {
  const association = run.ofType(T.association).find((a) => a.inputs.subnetId === subnet.state.id);
  assert.ok(association, `${subnet.name} has a route table`);
  return run
    .ofType(T.route)
    .filter((route) => route.inputs.routeTableId === association.inputs.routeTableId);
}

for (const stack of ["sandbox", "production"] as const) {
  describe(`Network component (${stack})`, () => {
    let run: ProgramRun;
    before(async () => {
      run = await runProgramOnce(stack);
      assert.equal(run.error, undefined, run.error?.message);
    });

    it("NET-2: one VPC with DNS support and hostnames, every child parented to the component", () => {
      const [vpc] = run.ofType(T.vpc);
      assert.equal(run.ofType(T.vpc).length, 1);
      assert.equal(vpc.inputs.cidrBlock, stack === "sandbox" ? "10.20.0.0/16" : "10.30.0.0/16");
      assert.equal(vpc.inputs.enableDnsSupport, true);
      assert.equal(vpc.inputs.enableDnsHostnames, true);
      const children = run.childrenOf(`decision-control-${stack}-net`);
      for (const type of [T.vpc, T.subnet, T.nat, T.igw, T.flowLog, T.defaultSg]) {
        assert.ok(
          run.ofType(type).every((resource) => children.includes(resource)),
          `${type} is a child of the network`,
        );
      }
    });

    const tiers = stack === "sandbox" ? ["public", "isolated"] : ["public", "private", "isolated"];
    it(`NET-2: ${tiers.join(", ")} subnets in each of 2 AZs, none auto-assigning public IPs`, () => {
      assert.equal(run.ofType(T.subnet).length, tiers.length * 2);
      for (const name of tiers) {
        const subnets = tier(run, name);
        assert.equal(subnets.length, 2, `${name} subnets`);
        assert.equal(
          new Set(subnets.map((subnet) => subnet.inputs.availabilityZone)).size,
          2,
          `${name} spans 2 AZs`,
        );
      }
      assert.ok(
        run.ofType(T.subnet).every((subnet) => subnet.inputs.mapPublicIpOnLaunch === false),
      );
      const cidrs = run.ofType(T.subnet).map((subnet) => subnet.inputs.cidrBlock);
      assert.equal(new Set(cidrs).size, cidrs.length, "subnet CIDRs are distinct");
    });

    it("NET-2: public subnets route to the internet gateway", () => {
      for (const subnet of tier(run, "public")) {
        const routes = routesOf(run, subnet);
        assert.deepEqual(
          routes.map((route) => [route.inputs.destinationCidrBlock, route.inputs.gatewayId]),
          [["0.0.0.0/0", run.ofType(T.igw)[0].state.id]],
        );
      }
    });

    it("NET-2: private (app) subnets reach the internet only through a NAT gateway", () => {
      const natIds = run.ofType(T.nat).map((nat) => nat.state.id);
      for (const subnet of tier(run, "private")) {
        const routes = routesOf(run, subnet);
        assert.equal(routes.length, 1);
        assert.equal(routes[0].inputs.destinationCidrBlock, "0.0.0.0/0");
        assert.ok(
          natIds.includes(routes[0].inputs.natGatewayId),
          "default route targets a NAT gateway",
        );
        assert.equal(routes[0].inputs.gatewayId, undefined, "never the internet gateway");
      }
    });

    it("NET-2: isolated (database) subnets have no route at all beyond the VPC", () => {
      for (const subnet of tier(run, "isolated")) {
        assert.deepEqual(routesOf(run, subnet), []);
      }
    });

    it(`NET-2: ${stack === "sandbox" ? "no NAT gateway (nothing in the sandbox routes through one)" : "a NAT gateway per AZ, each in a public subnet with an Elastic IP"}`, () => {
      const nats = run.ofType(T.nat);
      assert.equal(nats.length, stack === "sandbox" ? 0 : 2);
      assert.deepEqual(
        run.ofType(T.eip).filter((eip) => /-nat-/.test(eip.name)).length,
        nats.length,
        "no Elastic IP is allocated for a NAT gateway that does not exist",
      );
      const publicIds = tier(run, "public").map((subnet) => subnet.state.id);
      const allocations = run.ofType(T.eip).map((eip) => eip.state.allocationId);
      for (const nat of nats) {
        assert.ok(publicIds.includes(nat.inputs.subnetId));
        assert.ok(allocations.includes(nat.inputs.allocationId));
      }
      if (stack === "production") {
        const natByRoute = tier(run, "private").map(
          (subnet) => routesOf(run, subnet)[0].inputs.natGatewayId,
        );
        assert.equal(new Set(natByRoute).size, 2, "each AZ uses its own NAT gateway");
      }
    });

    it("NET-5: the VPC's default security group is managed with no rules", () => {
      const [defaultSg] = run.ofType(T.defaultSg);
      assert.equal(defaultSg.inputs.vpcId, run.ofType(T.vpc)[0].state.id);
      assert.deepEqual(defaultSg.inputs.ingress ?? [], []);
      assert.deepEqual(defaultSg.inputs.egress ?? [], []);
    });

    it("NET-3: flow logs of ALL traffic go to an encrypted CloudWatch log group with the edition's retention", () => {
      const [flowLog] = run.ofType(T.flowLog);
      assert.equal(flowLog.inputs.trafficType, "ALL");
      assert.equal(flowLog.inputs.vpcId, run.ofType(T.vpc)[0].state.id);
      assert.equal(flowLog.inputs.logDestinationType, "cloud-watch-logs");
      const group = run
        .ofType(T.logGroup)
        .find((candidate) => candidate.state.arn === flowLog.inputs.logDestination);
      assert.ok(group, "destination is the flow-log group");
      assert.equal(group.inputs.retentionInDays, stack === "sandbox" ? 30 : 90);
      assert.match(String(group.inputs.kmsKeyId), /^arn:aws:kms:/);
      assert.equal(group.protect, true, "the audit log group is protected");
    });

    it("NET-3: the flow-log role is trusted only by vpc-flow-logs.amazonaws.com and writes only to its group", () => {
      const [flowLog] = run.ofType(T.flowLog);
      const role = run
        .ofType(T.role)
        .find((candidate) => candidate.state.arn === flowLog.inputs.iamRoleArn);
      assert.ok(role);
      const trust = JSON.parse(String(role.inputs.assumeRolePolicy));
      assert.equal(trust.Statement.length, 1);
      assert.deepEqual(trust.Statement[0].Principal, { Service: "vpc-flow-logs.amazonaws.com" });
      assert.equal(trust.Statement[0].Condition.StringEquals["aws:SourceAccount"], "123456789012");
      const policy = run
        .ofType(T.rolePolicy)
        .find((candidate) => candidate.inputs.role === role.state.id);
      assert.ok(policy);
      const document = JSON.parse(String(policy.inputs.policy));
      const groupArn = flowLog.inputs.logDestination;
      const actions = (statement: { Action: string | string[] }) =>
        ([] as string[]).concat(statement.Action);
      const writes = document.Statement.filter((statement: { Action: string | string[] }) =>
        actions(statement).some((action) => /Put|Create/.test(action)),
      );
      assert.equal(writes.length, 1, "one statement writes");
      assert.deepEqual(actions(writes[0]).sort(), [
        "logs:CreateLogStream",
        "logs:DescribeLogStreams",
        "logs:PutLogEvents",
      ]);
      assert.deepEqual(
        writes[0].Resource,
        [groupArn, `${groupArn}:*`],
        "writes are scoped to the flow-log group",
      );
      for (const statement of document.Statement) {
        assert.equal(statement.Effect, "Allow");
        assert.ok(
          actions(statement).every((action) => !action.includes("*")),
          "no wildcard actions",
        );
        assert.ok(
          ([] as string[]).concat(statement.Resource).every((resource) => resource !== "*"),
          "no wildcard resource",
        );
      }
    });
  });
}

describe("Network component options", () => {
  it("NET-2: three AZs and per-AZ NAT when asked", async () => {
    const run = await runProgramOnce("sandbox", {
      availabilityZones: THREE_ZONES,
      natGateways: "perAz",
    });
    assert.equal(run.error, undefined, run.error?.message);
    assert.equal(run.ofType(T.subnet).length, 9);
    assert.equal(run.ofType(T.nat).length, 3);
    assert.equal((run.outputs.privateRouteTableIds as string[]).length, 3);
  });

  it("NET-2: turning NAT on or off never renumbers the public or isolated subnets (no database subnet replacement)", async () => {
    const layout = async (natGateways: string): Promise<Record<string, unknown>> => {
      const run = await runProgramOnce("sandbox", { natGateways });
      assert.equal(run.error, undefined, run.error?.message);
      return Object.fromEntries(
        run
          .ofType(T.subnet)
          .filter((subnet) => (subnet.inputs.tags as Record<string, string>).Tier !== "private")
          .map((subnet) => [subnet.name, subnet.inputs.cidrBlock]),
      );
    };
    const without = await layout("none");
    assert.equal(Object.keys(without).length, 4);
    assert.deepEqual(without, await layout("single"));
  });

  it("NET-2: without NAT the sandbox exports no private subnets or route tables", async () => {
    const run = await runProgramOnce("sandbox");
    assert.deepEqual(run.outputs.privateSubnetIds, []);
    assert.deepEqual(run.outputs.privateRouteTableIds, []);
    assert.equal(run.ofType(T.routeTable).length, 2, "the public and the isolated table only");
  });
});

describe("NET-2: the network layout is set once", () => {
  for (const stack of ["sandbox", "production"] as const) {
    it(`${stack}: the VPC and every subnet are protected, so Pulumi refuses to replace or delete them at preview`, async () => {
      const run = await runProgramOnce(stack);
      assert.equal(run.error, undefined, run.error?.message);
      const layout = [...run.ofType(T.vpc), ...run.ofType(T.subnet)];
      assert.equal(layout.length, 1 + (stack === "sandbox" ? 4 : 6));
      assert.deepEqual(
        layout.filter((resource) => !resource.protect).map((resource) => resource.name),
        [],
      );
    });
  }

  it("subnet slot i is in the i-th configured zone, in the order given (no zone lookup)", async () => {
    const run = await runProgramOnce("production", {
      availabilityZones: ["eu-west-1c", "eu-west-1a"],
    });
    assert.equal(run.error, undefined, run.error?.message);
    for (const name of ["public", "private", "isolated"]) {
      assert.deepEqual(
        tier(run, name).map((subnet) => [
          subnet.name.replace(/^.*-net-/, ""),
          subnet.inputs.availabilityZone,
        ]),
        [
          [`${name}-0`, "eu-west-1c"],
          [`${name}-1`, "eu-west-1a"],
        ],
      );
    }
    assert.deepEqual(run.outputs.availabilityZones, ["eu-west-1c", "eu-west-1a"]);
    assert.equal(run.outputs.vpcCidr, "10.30.0.0/16");
  });

  it("appending a zone adds subnets and changes none of the existing ones (the one safe layout change)", async () => {
    const layout = async (zones: string[]): Promise<Record<string, unknown>> => {
      const run = await runProgramOnce("production", { availabilityZones: zones });
      assert.equal(run.error, undefined, run.error?.message);
      return Object.fromEntries(
        run
          .ofType(T.subnet)
          .map((subnet) => [
            subnet.name,
            [subnet.inputs.availabilityZone, subnet.inputs.cidrBlock, subnet.inputs.vpcId],
          ]),
      );
    };
    const two = await layout(THREE_ZONES.slice(0, 2));
    const three = await layout(THREE_ZONES);
    assert.equal(Object.keys(three).length, 9);
    for (const [name, placement] of Object.entries(two)) {
      assert.deepEqual(three[name], placement, name);
    }
  });
});

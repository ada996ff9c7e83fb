import * as assert from "assert";
import { ResourceUnderTest, UNKNOWN } from "../../harness/evaluate";
import { PUBLICLY_ACCESSIBLE_TYPES } from "../../policies/database-exposure";
import { assertBlocks, assertPasses, hits, res, run } from "../helpers";

const P = "rds-not-publicly-accessible";
const SNAP = "rds-snapshot-not-public";
const G = "db-subnet-group-private";
const D = "db-not-in-default-vpc";

// Written out rather than read from the policy's table, so that a wrong entry there fails: AWS
// decides (public when the VPC has an internet gateway) for RDS, Aurora and DMS; the rest are
// private unless asked.
const UNSET_IS_PUBLIC: Readonly<Record<string, boolean>> = {
  "aws:rds/instance:Instance": true,
  "aws:rds/clusterInstance:ClusterInstance": true,
  "aws:rds/shardGroup:ShardGroup": true,
  "aws:dms/replicationInstance:ReplicationInstance": true,
  "aws:redshift/cluster:Cluster": false,
  "aws:redshiftserverless/workgroup:Workgroup": false,
  "aws:neptune/clusterInstance:ClusterInstance": false,
  "aws:lightsail/database:Database": false,
  "aws:timestreaminfluxdb/dbInstance:DbInstance": false,
  "aws:timestreaminfluxdb/dbCluster:DbCluster": false,
};

describe("policies/database-exposure: ACC-1 databases reachable from the internet", () => {
  it("ACC-1: the policy covers exactly the database types with a publiclyAccessible switch", () => {
    assert.deepStrictEqual(
      Object.keys(PUBLICLY_ACCESSIBLE_TYPES).sort(),
      Object.keys(UNSET_IS_PUBLIC).sort(),
    );
  });
  it("ACC-1: an Aurora cluster instance left unset is blocked; a Redshift cluster left unset passes", () => {
    const ci = "aws:rds/clusterInstance:ClusterInstance";
    assertBlocks(
      run(res(ci, { clusterIdentifier: "aur", engine: "aurora-postgresql" })),
      P,
      /^ACC-1: Aurora cluster instance 'subject' has publiclyAccessible unset \(AWS decides/,
    );
    assertPasses(run(res(ci, { engine: "aurora-postgresql", publiclyAccessible: false })), P);
    assertPasses(run(res("aws:redshift/cluster:Cluster", { nodeType: "ra3.xlplus" })), P);
    assertBlocks(
      run(res("aws:redshift/cluster:Cluster", { publiclyAccessible: true })),
      P,
      /^ACC-1: Redshift cluster 'subject' has publiclyAccessible true;/,
    );
  });
  for (const [type, unsetIsPublic] of Object.entries(UNSET_IS_PUBLIC)) {
    const t = PUBLICLY_ACCESSIBLE_TYPES[type] ?? { what: type };
    it(`ACC-1: ${t.what} blocks publiclyAccessible true, passes false, and ${unsetIsPublic ? "blocks" : "passes"} it unset`, () => {
      assertBlocks(
        run(res(type, { publiclyAccessible: true })),
        P,
        new RegExp(`^ACC-1: ${t.what} 'subject' has publiclyAccessible true`),
      );
      assertBlocks(run(res(type, { publiclyAccessible: "true" })), P);
      assertPasses(run(res(type, { publiclyAccessible: false })), P);
      if (unsetIsPublic) {
        assertBlocks(run(res(type, {})), P, /AWS decides/);
      } else {
        assertPasses(run(res(type, {})), P);
      }
    });
  }
  it("ACC-1: publiclyAccessible unknown at preview is the engine's advisory", () => {
    const r = run(
      res("aws:rds/instance:Instance", { publiclyAccessible: UNKNOWN.boolean }),
      {},
      true,
    );
    assert.strictEqual(hits(r, P, "mandatory").length, 0);
    assert.strictEqual(hits(r, P, "advisory").length, 1);
  });

  for (const type of [
    "aws:rds/snapshot:Snapshot",
    "aws:rds/clusterSnapshot:ClusterSnapshot",
    "aws:rds/snapshotCopy:SnapshotCopy",
    "aws:rds/clusterSnapshotCopy:ClusterSnapshotCopy",
  ]) {
    it(`ACC-1: ${type.split(":").pop()} shared with "all" is blocked; shared with an account passes`, () => {
      assertBlocks(
        run(res(type, { sharedAccounts: ["123456789012", "all"] })),
        SNAP,
        /remove "all"/,
      );
      assertBlocks(run(res(type, { sharedAccounts: ["ALL"] })), SNAP);
      assertBlocks(run(res(type, { sharedAccounts: [" all "] })), SNAP);
      assertPasses(run(res(type, { sharedAccounts: ["123456789012", "allusers"] })), SNAP);
      assertPasses(run(res(type, {})), SNAP);
    });
  }
});

describe("policies/database-exposure: DB subnet groups and routes (stack level)", () => {
  const r = (
    type: string,
    name: string,
    props: Record<string, unknown>,
    deps?: Record<string, string[]>,
  ): ResourceUnderTest => ({
    type,
    name,
    props,
    ...(deps ? { propertyDependencies: deps } : {}),
  });
  const vpc = r("aws:ec2/vpc:Vpc", "vpc", { cidrBlock: "10.0.0.0/16" });
  const igw = r("aws:ec2/internetGateway:InternetGateway", "igw", { vpcId: "vpc-id" });
  const nat = r("aws:ec2/natGateway:NatGateway", "nat", { subnetId: "pub-id" });
  const subnet = (name: string) =>
    r("aws:ec2/subnet:Subnet", name, { vpcId: "vpc-id", cidrBlock: "10.0.1.0/24" });
  const table = (name: string, routes: unknown[] = [], deps?: Record<string, string[]>) =>
    r("aws:ec2/routeTable:RouteTable", name, { vpcId: "vpc-id", routes }, deps);
  const assoc = (name: string, subnetId: string, routeTableId: string) =>
    r("aws:ec2/routeTableAssociation:RouteTableAssociation", name, { subnetId, routeTableId });
  const group = (type = "aws:rds/subnetGroup:SubnetGroup", subnetIds = ["db-a-id", "db-b-id"]) =>
    r(type, "dbs", { subnetIds });
  const base = [vpc, igw, nat, subnet("db-a"), subnet("db-b")];

  it("NET-2: blocks a DB subnet group whose subnet's route table has an inline route to the stack's internet gateway", () => {
    const stack = [
      ...base,
      table("rt", [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-id" }]),
      assoc("a", "db-a-id", "rt-id"),
      group(),
    ];
    assertBlocks(
      run(stack),
      G,
      /^ACC-1: DB subnet group 'dbs' holds subnet 'db-a', whose route table 'rt' routes to internet gateway 'igw'/,
    );
  });
  it("NET-2: passes isolated subnets, and subnets whose default route goes to a NAT gateway", () => {
    assertPasses(run([...base, table("rt"), assoc("a", "db-a-id", "rt-id"), group()]), G);
    assertPasses(
      run([
        ...base,
        table("rt", [{ cidrBlock: "0.0.0.0/0", natGatewayId: "nat-id" }]),
        assoc("a", "db-a-id", "rt-id"),
        group(),
      ]),
      G,
    );
  });
  it("NET-2: a separate aws.ec2.Route to an igw- id outside the stack counts too", () => {
    const route = r("aws:ec2/route:Route", "default", {
      routeTableId: "rt-id",
      destinationCidrBlock: "0.0.0.0/0",
      gatewayId: "igw-0abc",
    });
    assertBlocks(
      run([...base, table("rt"), route, assoc("a", "db-b-id", "rt-id"), group()]),
      G,
      /internet gateway igw-0abc \(route 'default'\)/,
    );
  });
  it("NET-2: a subnet without an association uses the VPC's main route table (MainRouteTableAssociation or DefaultRouteTable)", () => {
    const main = r("aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation", "main", {
      vpcId: "vpc-id",
      routeTableId: "rt-id",
    });
    assertBlocks(
      run([...base, table("rt", [{ gatewayId: "igw-id" }]), main, group()]),
      G,
      /route table 'rt'/,
    );
    const dflt = r(
      "aws:ec2/defaultRouteTable:DefaultRouteTable",
      "dflt",
      {
        defaultRouteTableId: "rtb-main",
        routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-id" }],
      },
      { defaultRouteTableId: ["vpc"] },
    );
    assertBlocks(run([...base, dflt, group()]), G, /route table 'dflt'/);
    // An explicit association to a private table wins over a public main table.
    assertPasses(
      run([
        ...base,
        dflt,
        table("priv"),
        assoc("a", "db-a-id", "priv-id"),
        assoc("b", "db-b-id", "priv-id"),
        group(),
      ]),
      G,
    );
  });
  it("NET-2: Redshift, DocumentDB and Neptune subnet groups are judged alike", () => {
    for (const type of [
      "aws:redshift/subnetGroup:SubnetGroup",
      "aws:docdb/subnetGroup:SubnetGroup",
      "aws:neptune/subnetGroup:SubnetGroup",
    ]) {
      const stack = [
        ...base,
        table("rt", [{ gatewayId: "igw-id" }]),
        assoc("a", "db-a-id", "rt-id"),
        group(type),
      ];
      assertBlocks(run(stack), G);
    }
  });
  it("NET-2: at preview, ids unknown, the join runs through property dependencies", () => {
    const stack: ResourceUnderTest[] = [
      ...base,
      table("rt", [{ cidrBlock: "0.0.0.0/0", gatewayId: UNKNOWN.string }], { routes: ["igw"] }),
      r(
        "aws:ec2/routeTableAssociation:RouteTableAssociation",
        "a",
        { subnetId: UNKNOWN.string, routeTableId: UNKNOWN.string },
        { subnetId: ["db-a"], routeTableId: ["rt"] },
      ),
      r(
        "aws:rds/subnetGroup:SubnetGroup",
        "dbs",
        { subnetIds: UNKNOWN.array },
        { subnetIds: ["db-a", "db-b"] },
      ),
    ];
    assertBlocks(run(stack, {}, true), G, /'db-a'/);
  });
  it("NET-2: unknown links never block", () => {
    const stack: ResourceUnderTest[] = [
      ...base,
      table("rt", [{ gatewayId: "igw-id" }]),
      r("aws:ec2/routeTableAssociation:RouteTableAssociation", "a", {
        subnetId: UNKNOWN.string,
        routeTableId: "rt-id",
      }),
      group(),
    ];
    assert.deepStrictEqual(hits(run(stack, {}, true), G), []);
    // The same stack with the association's subnet known is blocked.
    const known = stack.map((x) =>
      x.name === "a" ? { ...x, props: { ...x.props, subnetId: "db-a-id" } } : x,
    );
    assertBlocks(run(known, {}, true), G, /'db-a'/);
  });
  it("NET-2: a stack without DB subnet groups, or a subnet group of unrelated subnets, passes", () => {
    const stack = [...base, table("rt", [{ gatewayId: "igw-id" }]), assoc("a", "db-a-id", "rt-id")];
    assertPasses(run(stack), G);
    assertPasses(run([...stack, group(undefined, ["db-b-id"])]), G);
    assertPasses(run([...stack, group("aws:elasticache/subnetGroup:SubnetGroup")]), G);
  });

  const placed: Array<[string, string]> = [
    ["aws:rds/instance:Instance", "dbSubnetGroupName"],
    ["aws:rds/cluster:Cluster", "dbSubnetGroupName"],
    ["aws:redshift/cluster:Cluster", "clusterSubnetGroupName"],
    ["aws:docdb/cluster:Cluster", "dbSubnetGroupName"],
    ["aws:neptune/cluster:Cluster", "neptuneSubnetGroupName"],
  ];
  for (const [type, key] of placed) {
    it(`ACC-1: ${type.replace(/:[^:]*$/, "")} without ${key} is an advisory (default VPC), never a block`, () => {
      const r1 = run(res(type, {}));
      assert.match(
        hits(r1, D, "advisory")[0]?.message ?? "",
        new RegExp(`^ACC-1: 'subject' has no ${key}`),
      );
      assert.strictEqual(hits(r1, D, "mandatory").length, 0);
      assert.strictEqual(hits(run(res(type, { [key]: "private" })), D).length, 0);
      for (const empty of [null, ""]) {
        assert.strictEqual(hits(run(res(type, { [key]: empty })), D, "advisory").length, 1);
      }
      // Another type's key does not count.
      const other = key === "dbSubnetGroupName" ? "clusterSubnetGroupName" : "dbSubnetGroupName";
      assert.strictEqual(hits(run(res(type, { [other]: "private" })), D, "advisory").length, 1);
      assert.strictEqual(hits(run(res(type, { [key]: UNKNOWN.string }), {}, true), D).length, 0);
    });
  }
});

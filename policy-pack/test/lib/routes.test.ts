import * as assert from "assert";
import { PolicyResource, UNKNOWN } from "../../lib/policy-kit";
import { RouteIndex, T } from "../../lib/routes";
import { policyResource as r } from "../helpers";

const vpc = r(T.vpc, "vpc", { cidrBlock: "10.0.0.0/16" });
const igw = r(T.internetGateway, "gw", { vpcId: "vpc-id" });
const subnet = r(T.subnet, "app", { vpcId: "vpc-id", cidrBlock: "10.0.1.0/24" });
const table = (name: string, routes: unknown[] = [], deps: Record<string, PolicyResource[]> = {}) =>
  r(T.routeTable, name, { vpcId: "vpc-id", routes }, deps);
const assoc = (name: string, routeTableId: unknown, subnetId: unknown = "app-id") =>
  r(T.association, name, { subnetId, routeTableId });
/** The VPC's main route table as adopted by DefaultRouteTable (its id comes from the VPC). */
const defaultTable = (routes: unknown[] = []) =>
  r(
    T.defaultRouteTable,
    "dflt",
    { defaultRouteTableId: "rtb-main", routes },
    {
      defaultRouteTableId: [vpc],
    },
  );
const mainAssoc = (routeTableId: string) =>
  r(T.mainAssociation, "main", { vpcId: "vpc-id", routeTableId });

function routeOf(resources: PolicyResource[], s: PolicyResource = subnet): string | undefined {
  return new RouteIndex([vpc, igw, subnet, ...resources]).publicRouteOf(s);
}

describe("lib/routes: does a subnet route to an internet gateway (NET-2, ACC-1)", () => {
  it("NET-2: an inline route to the stack's internet gateway makes the subnet public; one to a NAT gateway does not", () => {
    assert.strictEqual(
      routeOf([table("rt", [{ cidrBlock: "0.0.0.0/0", gatewayId: "gw-id" }]), assoc("a", "rt-id")]),
      "route table 'rt' routes to internet gateway 'gw'",
    );
    assert.strictEqual(
      routeOf([
        table("rt", [{ cidrBlock: "0.0.0.0/0", natGatewayId: "nat-id" }]),
        assoc("a", "rt-id"),
      ]),
      undefined,
    );
    assert.strictEqual(routeOf([table("rt"), assoc("a", "rt-id")]), undefined);
  });

  it("NET-2: an igw- id outside the stack counts (trimmed), after routes that have no gateway", () => {
    const routes = [
      { cidrBlock: "10.1.0.0/16", transitGatewayId: "tgw-1" },
      { cidrBlock: "0.0.0.0/0", gatewayId: " igw-0abc " },
    ];
    assert.strictEqual(
      routeOf([table("rt", routes), assoc("a", "rt-id")]),
      "route table 'rt' routes to internet gateway igw-0abc",
    );
    // A virtual private gateway or the local route is not the internet.
    for (const gatewayId of ["vgw-0abc", "local", "pcx-igw-1"]) {
      assert.strictEqual(routeOf([table("rt", [{ gatewayId }]), assoc("a", "rt-id")]), undefined);
    }
  });

  it("NET-2: at preview an unknown gateway id is followed through property dependencies only", () => {
    const unknownRoute = [{ cidrBlock: "0.0.0.0/0", gatewayId: UNKNOWN.string }];
    assert.strictEqual(routeOf([table("rt", unknownRoute), assoc("a", "rt-id")]), undefined);
    assert.strictEqual(
      routeOf([table("rt", unknownRoute, { routes: [igw] }), assoc("a", "rt-id")]),
      "route table 'rt' routes to internet gateway 'gw'",
    );
  });

  it("NET-2: a separate aws.ec2.Route to an internet gateway makes its table public, naming the route", () => {
    const route = (gatewayId: unknown, routeTableId = "rt-id", deps = {}) =>
      r(T.route, "default", { routeTableId, destinationCidrBlock: "0.0.0.0/0", gatewayId }, deps);
    assert.strictEqual(
      routeOf([table("rt"), route("gw-id"), assoc("a", "rt-id")]),
      "route table 'rt' routes to internet gateway 'gw' (route 'default')",
    );
    assert.strictEqual(
      routeOf([
        table("rt"),
        route(UNKNOWN.string, "rt-id", { gatewayId: [igw] }),
        assoc("a", "rt-id"),
      ]),
      "route table 'rt' routes to internet gateway 'gw' (route 'default')",
    );
    assert.strictEqual(
      routeOf([table("rt"), route("igw-0abc"), assoc("a", "rt-id")]),
      "route table 'rt' routes to internet gateway igw-0abc (route 'default')",
    );
    assert.strictEqual(routeOf([table("rt"), route("nat-id"), assoc("a", "rt-id")]), undefined);
    assert.strictEqual(
      routeOf([table("rt"), route(UNKNOWN.string), assoc("a", "rt-id")]),
      undefined,
    );
    // A route into another table leaves this one private.
    assert.strictEqual(
      routeOf([table("rt"), table("other"), route("gw-id", "other-id"), assoc("a", "rt-id")]),
      undefined,
    );
  });

  it("NET-2: only route tables count: a resource of another type carrying routes is not followed", () => {
    const notATable = r("aws:ec2/instance:Instance", "rt", { routes: [{ gatewayId: "igw-0abc" }] });
    assert.strictEqual(routeOf([notATable, assoc("a", "rt-id")]), undefined);
    // Nor does an association of another resource's table reach this subnet.
    const other = r(T.subnet, "other", { vpcId: "vpc-id" });
    const index = new RouteIndex([
      vpc,
      subnet,
      other,
      table("rt", [{ gatewayId: "igw-0abc" }]),
      assoc("a", "rt-id", "other-id"),
    ]);
    assert.strictEqual(index.publicRouteOf(subnet), undefined);
    assert.match(index.publicRouteOf(other) ?? "", /^route table 'rt'/);
    assert.deepStrictEqual(
      index.subnets.targets.map((s) => s.name),
      ["app", "other"],
    );
  });

  it("NET-2: every table a subnet is associated with is checked", () => {
    const tables = [table("private"), table("public", [{ gatewayId: "igw-0abc" }])];
    for (const order of [
      [assoc("a", "private-id"), assoc("b", "public-id")],
      [assoc("b", "public-id"), assoc("a", "private-id")],
    ]) {
      assert.strictEqual(
        routeOf([...tables, ...order]),
        "route table 'public' routes to internet gateway igw-0abc",
      );
    }
  });

  it("NET-2: without an association the VPC's main table applies: DefaultRouteTable, replaced by a MainRouteTableAssociation", () => {
    const publicRoutes = [{ cidrBlock: "0.0.0.0/0", gatewayId: "gw-id" }];
    assert.strictEqual(
      routeOf([defaultTable(publicRoutes)]),
      "route table 'dflt' routes to internet gateway 'gw'",
    );
    assert.strictEqual(routeOf([defaultTable()]), undefined);
    // The main association wins over the default table, both ways.
    assert.strictEqual(
      routeOf([defaultTable(publicRoutes), table("priv"), mainAssoc("priv-id")]),
      undefined,
    );
    assert.strictEqual(
      routeOf([defaultTable(), table("pub", publicRoutes), mainAssoc("pub-id")]),
      "route table 'pub' routes to internet gateway 'gw'",
    );
    // A main association to a table outside the stack replaces the default table: none is followed.
    assert.strictEqual(
      routeOf([defaultTable(publicRoutes), mainAssoc("rtb-elsewhere")]),
      undefined,
    );
    // One for another VPC leaves this VPC's default table in place.
    const otherVpc = r(T.mainAssociation, "other", {
      vpcId: "vpc-0other",
      routeTableId: "priv-id",
    });
    assert.strictEqual(
      routeOf([defaultTable(publicRoutes), table("priv"), otherVpc]),
      "route table 'dflt' routes to internet gateway 'gw'",
    );
    // An association to a table outside the stack replaces the main table: not followed.
    assert.strictEqual(
      routeOf([defaultTable(publicRoutes), assoc("a", "rtb-0elsewhere")]),
      undefined,
    );
    // An explicit association to a private table wins over a public main table.
    assert.strictEqual(
      routeOf([defaultTable(publicRoutes), table("priv"), assoc("a", "priv-id")]),
      undefined,
    );
  });

  it("NET-2: a subnet whose VPC or main table is not in the stack, or whose association is unknown, is not public", () => {
    const foreign = r(T.subnet, "foreign", { vpcId: "vpc-0elsewhere" });
    const publicRoutes = [{ gatewayId: "gw-id" }];
    assert.strictEqual(routeOf([defaultTable(publicRoutes)], foreign), undefined);
    assert.strictEqual(routeOf([table("rt", publicRoutes)]), undefined);
    assert.strictEqual(
      routeOf([table("rt", publicRoutes), assoc("a", "rt-id", UNKNOWN.string)]),
      undefined,
    );
  });
});

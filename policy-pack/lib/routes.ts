// Stack-level routing: does a subnet route to an internet gateway (AWS's definition of a public
// subnet)? Follows subnet -> explicit route-table association (else the VPC's main route table:
// MainRouteTableAssociation or DefaultRouteTable) -> inline routes and separate aws.ec2.Route
// resources -> a gateway that is an internet gateway of the stack or any `igw-` id. A link that is
// not known yet (preview) or lives outside the stack is not followed: it never makes a subnet public.
import { PolicyResource, RefIndex, peek, UNKNOWN_VALUE } from "./policy-kit";
import { asList, asString, get } from "./values";

export const T = {
  vpc: "aws:ec2/vpc:Vpc",
  subnet: "aws:ec2/subnet:Subnet",
  internetGateway: "aws:ec2/internetGateway:InternetGateway",
  routeTable: "aws:ec2/routeTable:RouteTable",
  defaultRouteTable: "aws:ec2/defaultRouteTable:DefaultRouteTable",
  route: "aws:ec2/route:Route",
  association: "aws:ec2/routeTableAssociation:RouteTableAssociation",
  mainAssociation: "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation",
} as const;

function ofType(resources: readonly PolicyResource[], type: string): PolicyResource[] {
  return resources.filter((r) => r.type === type);
}

export class RouteIndex {
  readonly subnets: RefIndex;
  /** Route table -> the internet gateway it routes to (its name, or the `igw-` id), if any. */
  private readonly publicTables = new Map<PolicyResource, string | undefined>();
  private readonly tablesOfSubnet = new Map<PolicyResource, PolicyResource[]>();
  /** undefined: the main table is one outside the stack (not followed). */
  private readonly mainTableOfVpc = new Map<PolicyResource, PolicyResource | undefined>();
  private readonly vpcs: RefIndex;

  constructor(resources: readonly PolicyResource[]) {
    this.subnets = new RefIndex(ofType(resources, T.subnet));
    this.vpcs = new RefIndex(ofType(resources, T.vpc));
    const igws = new RefIndex(ofType(resources, T.internetGateway));
    const tables = new RefIndex([
      ...ofType(resources, T.routeTable),
      ...ofType(resources, T.defaultRouteTable),
    ]);
    const gatewayOf = (
      from: PolicyResource,
      key: string,
      read: () => unknown,
    ): string | undefined => {
      const found = igws.lookup(from, key, read).found;
      if (found.length > 0) {
        return `internet gateway '${found[0].name}'`;
      }
      const ids = peek(() => asList(read()).map(asString));
      const igw =
        ids === UNKNOWN_VALUE ? undefined : ids.find((id) => id?.trim().startsWith("igw-"));
      return igw ? `internet gateway ${igw.trim()}` : undefined;
    };
    for (const table of tables.targets) {
      this.publicTables.set(
        table,
        gatewayOf(table, "routes", () =>
          asList(get(table.props, "routes")).map((r) => get(r, "gatewayId")),
        ),
      );
    }
    for (const route of ofType(resources, T.route)) {
      const via = gatewayOf(route, "gatewayId", () => get(route.props, "gatewayId"));
      if (via) {
        for (const table of tables.lookup(route, "routeTableId").found) {
          this.publicTables.set(table, `${via} (route '${route.name}')`);
        }
      }
    }
    for (const a of ofType(resources, T.association)) {
      const linked = tables.lookup(a, "routeTableId").found;
      for (const subnet of this.subnets.lookup(a, "subnetId").found) {
        const known = this.tablesOfSubnet.get(subnet);
        if (known) {
          known.push(...linked);
        } else {
          this.tablesOfSubnet.set(subnet, [...linked]);
        }
      }
    }
    // A VPC's main route table: the DefaultRouteTable that adopts it, unless a
    // MainRouteTableAssociation replaces it (with a table outside the stack too: then none is followed).
    for (const d of ofType(resources, T.defaultRouteTable)) {
      for (const vpc of this.vpcs.lookup(d, "defaultRouteTableId").found) {
        this.mainTableOfVpc.set(vpc, d);
      }
    }
    for (const m of ofType(resources, T.mainAssociation)) {
      const [table] = tables.lookup(m, "routeTableId").found;
      for (const vpc of this.vpcs.lookup(m, "vpcId").found) {
        this.mainTableOfVpc.set(vpc, table);
      }
    }
  }

  /** How the subnet reaches the internet (`route table 'rt' -> internet gateway 'igw'`), if it does. */
  publicRouteOf(subnet: PolicyResource): string | undefined {
    // An association to a table outside the stack (or not known yet) replaces the main table too:
    // the subnet then has no table to follow.
    let tables = this.tablesOfSubnet.get(subnet);
    if (tables === undefined) {
      const [vpc] = this.vpcs.lookup(subnet, "vpcId").found;
      const main = vpc ? this.mainTableOfVpc.get(vpc) : undefined;
      tables = main ? [main] : [];
    }
    for (const table of tables) {
      const via = this.publicTables.get(table);
      if (via) {
        return `route table '${table.name}' routes to ${via}`;
      }
    }
    return undefined;
  }
}

import * as assert from "assert";
import { ResourceUnderTest, UNKNOWN } from "../../harness/evaluate";
import { assertBlocks, assertPasses, hits, res, run } from "../helpers";

const TLS = "rds-tls-enforced";
const PG = "aws:rds/parameterGroup:ParameterGroup";
const CPG = "aws:rds/clusterParameterGroup:ClusterParameterGroup";
const DB = "aws:rds/instance:Instance";
const CLUSTER = "aws:rds/cluster:Cluster";

const db = (engine: string, props: Record<string, unknown> = {}): ResourceUnderTest =>
  res(DB, { engine, ...props }, "db");
const group = (family: string, parameters: Array<[string, unknown]>, name = "params", type = PG) =>
  res(type, { family, parameters: parameters.map(([n, value]) => ({ name: n, value })) }, name);

describe("policies/database-tls: ACC-1 TLS enforced by the parameter group each database really uses", () => {
  it("ACC-1: PostgreSQL 15 is the boundary of AWS's default (rds.force_ssl 1 from 15)", () => {
    assertBlocks(
      run(db("postgres", { engineVersion: "14.12" })),
      TLS,
      /^ACC-1: RDS instance 'db' \(engine postgres 14\.12\) does not enforce TLS: it uses AWS's default parameter group; use a parameter group that sets rds\.force_ssl to 1/,
    );
    assertPasses(run(db("postgres", { engineVersion: "15" })), TLS);
    assertPasses(run(db("postgres", { engineVersion: "15.0" })), TLS);
    assertPasses(run(db("postgres", { engineVersion: "16.4" })), TLS);
    assertPasses(run(db("postgres")), TLS);
  });
  it("ACC-1: an AWS default group by name (default.postgres14) is judged by its family", () => {
    assertBlocks(
      run(db("postgres", { parameterGroupName: "default.postgres14" })),
      TLS,
      /default parameter group default\.postgres14/,
    );
    assertPasses(run(db("postgres", { parameterGroupName: "default.postgres15" })), TLS);
    assertBlocks(
      run(db("postgres", { engineVersion: "14.1", parameterGroupName: "default.postgres14" })),
      TLS,
    );
  });
  it('ACC-1: a stack group decides by its value ("0", "off", "false" fail; "1" passes), else by its family', () => {
    for (const v of ["0", "off", "false", 0]) {
      assertBlocks(
        run([
          db("postgres", { engineVersion: "16", parameterGroupName: "params-id" }),
          group("postgres16", [["rds.force_ssl", v]]),
        ]),
        TLS,
        /sets rds\.force_ssl to/,
      );
    }
    assertPasses(
      run([
        db("postgres", { engineVersion: "14", parameterGroupName: "params-id" }),
        group("postgres14", [["rds.force_ssl", "1"]]),
      ]),
      TLS,
    );
    assertBlocks(
      run([
        db("postgres", { engineVersion: "14", parameterGroupName: "params" }),
        group("postgres14", []),
      ]),
      TLS,
      /leaves rds\.force_ssl at its default/,
    );
    assertPasses(
      run([db("postgres", { parameterGroupName: "params" }), group("postgres16", [])]),
      TLS,
    );
    // The last value wins, as in the provider.
    assertPasses(
      run([
        db("postgres", { engineVersion: "14", parameterGroupName: "params" }),
        group("postgres14", [
          ["rds.force_ssl", "0"],
          ["RDS.FORCE_SSL", "1"],
        ]),
      ]),
      TLS,
    );
  });
  it("ACC-1: MySQL needs require_secure_transport ON before 9.7", () => {
    assertBlocks(run(db("mysql", { engineVersion: "8.0.35" })), TLS, /require_secure_transport/);
    assertBlocks(run(db("mysql")), TLS);
    assertBlocks(run(db("mysql", { engineVersion: "9.6" })), TLS);
    assertPasses(run(db("mysql", { engineVersion: "9.7" })), TLS);
    assertPasses(
      run([
        db("mysql", { engineVersion: "8.0", parameterGroupName: "params" }),
        group("mysql8.0", [["require_secure_transport", "ON"]]),
      ]),
      TLS,
    );
    assertBlocks(
      run([
        db("mysql", { engineVersion: "8.0", parameterGroupName: "params" }),
        group("mysql8.0", [["require_secure_transport", "OFF"]]),
      ]),
      TLS,
    );
  });
  it("ACC-1: MariaDB needs require_secure_transport before 11.8", () => {
    assertBlocks(run(db("mariadb", { engineVersion: "11.4.3" })), TLS);
    assertPasses(run(db("mariadb", { engineVersion: "11.8" })), TLS);
    assertPasses(
      run([
        db("mariadb", { engineVersion: "10.11", parameterGroupName: "params" }),
        group("mariadb10.11", [["require_secure_transport", "1"]]),
      ]),
      TLS,
    );
  });
  it("ACC-1: SQL Server needs rds.force_ssl 1 in every version", () => {
    assertBlocks(
      run(db("sqlserver-se", { engineVersion: "16.00.4095.4.v1" })),
      TLS,
      /rds\.force_ssl/,
    );
    assertPasses(
      run([
        db("sqlserver-ex", { parameterGroupName: "params" }),
        group("sqlserver-ex-16.0", [["rds.force_ssl", "1"]]),
      ]),
      TLS,
    );
  });
  it("ACC-1: Aurora is judged on its cluster parameter group", () => {
    const aurora = (props: Record<string, unknown> = {}) =>
      res(CLUSTER, { engine: "aurora-postgresql", engineVersion: "16.4", ...props }, "aur");
    assertBlocks(
      run(aurora()),
      TLS,
      /^ACC-1: RDS cluster 'aur' .* use a cluster parameter group that sets rds\.force_ssl to 1/,
    );
    assertPasses(
      run([
        aurora({ dbClusterParameterGroupName: "cparams" }),
        group("aurora-postgresql16", [["rds.force_ssl", "1"]], "cparams", CPG),
      ]),
      TLS,
    );
    assertBlocks(
      run([
        aurora({ dbClusterParameterGroupName: "cparams" }),
        group("aurora-postgresql16", [], "cparams", CPG),
      ]),
      TLS,
      /leaves rds\.force_ssl at its default/,
    );
    assertBlocks(
      run(res(CLUSTER, { engine: "aurora-mysql" }, "aur")),
      TLS,
      /require_secure_transport/,
    );
  });
  it("ACC-1: a group managed outside the stack, Oracle, and replicas without an engine are not judged", () => {
    assertPasses(
      run(db("postgres", { engineVersion: "14", parameterGroupName: "shared-pg14-tls" })),
      TLS,
    );
    assertPasses(run(db("oracle-ee", { engineVersion: "19" })), TLS);
    // Aurora lives in rds.Cluster; an rds.Instance naming an Aurora engine is not a TLS question.
    assertPasses(run(db("aurora-postgresql", { engineVersion: "16.4" })), TLS);
    assertPasses(run(res(DB, { replicateSourceDb: "db" }, "replica")), TLS);
  });
  it("ACC-1: at preview the join runs through property dependencies; unknown links never block", () => {
    const linked: ResourceUnderTest = {
      ...db("postgres", { engineVersion: "14", parameterGroupName: UNKNOWN.string }),
      propertyDependencies: { parameterGroupName: ["params"] },
    };
    assertBlocks(run([linked, group("postgres14", [["rds.force_ssl", "0"]])], {}, true), TLS);
    const r = run(
      [
        db("postgres", { engineVersion: "14", parameterGroupName: UNKNOWN.string }),
        group("postgres14", []),
      ],
      {},
      true,
    );
    // The group's name is unknown and no dependency links it: nothing to judge yet.
    assert.deepStrictEqual(hits(r, TLS), []);
    // An unknown engineVersion is not judged (the default group's version is not known yet);
    // the same instance with its version known is.
    const r2 = run([db("postgres", { engineVersion: UNKNOWN.string })], {}, true);
    assert.deepStrictEqual(hits(r2, TLS), []);
    assertBlocks(run([db("postgres", { engineVersion: "14" })], {}, true), TLS);
  });
  it("ACC-1: a stack group whose parameters are unknown at preview is not judged by its family", () => {
    const stack = (parameters: unknown) => [
      db("postgres", { engineVersion: "14", parameterGroupName: "params" }),
      res(PG, { family: "postgres14", parameters }, "params"),
    ];
    const r = run(stack(UNKNOWN.array), {}, true);
    assert.deepStrictEqual(hits(r, TLS), []);
    // rds-force-ssl reports the unknown parameters as the engine's advisory instead.
    assert.strictEqual(hits(r, "rds-force-ssl", "advisory").length, 1);
    assertBlocks(run(stack([]), {}, true), TLS, /leaves rds\.force_ssl at its default/);
  });
  it("ACC-1: a stack group whose family is unknown falls back to the engine's unpinned default", () => {
    const stack = (engine: string) => [
      db(engine, { parameterGroupName: "params" }),
      res(PG, { family: UNKNOWN.string, parameters: [] }, "params"),
    ];
    assertPasses(run(stack("postgres"), {}, true), TLS);
    assertBlocks(
      run(stack("mysql"), {}, true),
      TLS,
      /leaves require_secure_transport at its default/,
    );
  });
  it('ACC-1: rds.force_ssl "true" and "on" enforce TLS as "1" does', () => {
    for (const v of ["1", "true", "on", "ON", 1]) {
      assertPasses(
        run([
          db("postgres", { engineVersion: "14", parameterGroupName: "params" }),
          group("postgres14", [["rds.force_ssl", v]]),
        ]),
        TLS,
      );
    }
    // A value that is neither on nor off does not enforce.
    assertBlocks(
      run([
        db("postgres", { engineVersion: "16", parameterGroupName: "params" }),
        group("postgres16", [["rds.force_ssl", "2"]]),
      ]),
      TLS,
      /sets rds\.force_ssl to "?2/,
    );
  });
  it("ACC-1: an instance that pins no version is judged by its group's family (postgres14 blocks, postgres16 passes)", () => {
    const stack = (family: string) => [
      db("postgres", { parameterGroupName: "params" }),
      group(family, [["log_statement", "all"]]),
    ];
    assertBlocks(run(stack("postgres14")), TLS, /parameter group 'params' leaves rds\.force_ssl/);
    assertPasses(run(stack("postgres16")), TLS);
  });
  it("ACC-1: only RDS instances and clusters are judged, not other resources that name an engine", () => {
    const cev = res(
      "aws:rds/customDbEngineVersion:CustomDbEngineVersion",
      { engine: "custom-sqlserver-ee", engineVersion: "15.00.4249.2.cev" },
      "cev",
    );
    assertPasses(run(cev), TLS);
    assertBlocks(run([cev, db("custom-sqlserver-ee", { engineVersion: "15.00.4249.2.cev" })]), TLS);
  });
  it("ACC-1: an instance joins only instance parameter groups, a cluster only cluster parameter groups", () => {
    // Each names a group of the other kind, which is therefore a group outside the stack.
    assertPasses(
      run([
        db("postgres", { engineVersion: "16", parameterGroupName: "params" }),
        group("postgres16", [["rds.force_ssl", "0"]], "params", CPG),
      ]),
      TLS,
    );
    assertPasses(
      run([
        res(CLUSTER, { engine: "aurora-postgresql", dbClusterParameterGroupName: "params" }, "aur"),
        group("aurora-postgresql16", [["rds.force_ssl", "0"]], "params", PG),
      ]),
      TLS,
    );
    // A cluster that sets parameterGroupName (its instances' key) still uses the default cluster group.
    assertBlocks(
      run([
        res(CLUSTER, { engine: "aurora-mysql", parameterGroupName: "params" }, "aur"),
        group("aurora-mysql8.0", [["require_secure_transport", "1"]], "params", CPG),
      ]),
      TLS,
    );
  });
  it("ACC-1: an RDS instance naming an Aurora engine in any case is not judged, a PostgreSQL one is", () => {
    assertPasses(run(db(" Aurora-PostgreSQL ", { engineVersion: "16.4" })), TLS);
    assertBlocks(run(db(" Postgres ", { engineVersion: "14" })), TLS);
  });
});

describe("policies/database-tls: parameter groups and proxies (ACC-1)", () => {
  const F = "rds-force-ssl";
  for (const type of [PG, CPG]) {
    for (const [name, value] of [
      ["rds.force_ssl", "0"],
      ["RDS.FORCE_SSL", 0],
      ["rds.force_ssl", "false"],
      ["require_secure_transport", "OFF"],
      ["require_secure_transport", "off"],
      ["require_secure_transport", "0"],
    ] as const) {
      it(`ACC-1: ${type.split(":").pop()} with ${name} ${JSON.stringify(value)} is blocked`, () => {
        assertBlocks(
          run(group("f", [[name, value]], "g", type)),
          F,
          /^ACC-1: parameter group 'g' sets/,
        );
      });
    }
    it(`ACC-1: ${type.split(":").pop()} with TLS on, or without the parameter, passes`, () => {
      assertPasses(
        run(
          group(
            "f",
            [
              ["rds.force_ssl", "1"],
              ["require_secure_transport", "ON"],
              ["max_connections", "0"],
            ],
            "g",
            type,
          ),
        ),
        F,
      );
      assertPasses(run(group("f", [], "g", type)), F);
    });
  }
  it("ACC-1: parameter names are matched trimmed and case-insensitively, values on or unknown pass", () => {
    assertBlocks(
      run(group("f", [[" Require_Secure_Transport ", "0"]], "g")),
      F,
      /require_secure_transport/,
    );
    assertPasses(
      run(
        group("f", [
          ["rds.force_ssl", "2"],
          ["rds.force_ssl_x", "0"],
          ["require_secure_transport", "true"],
        ]),
      ),
      F,
    );
  });
  it("ACC-1: a known TLS-off parameter blocks even beside an unknown one", () => {
    const r = run(
      res(PG, { parameters: [UNKNOWN.object, { name: "rds.force_ssl", value: "0" }] }),
      {},
      true,
    );
    assert.strictEqual(hits(r, F, "mandatory").length, 1);
    assert.strictEqual(hits(r, F, "advisory").length, 1);
  });
  it("ACC-1: an RDS proxy must set requireTls true", () => {
    const P = "rds-proxy-require-tls";
    const proxy = (props: Record<string, unknown>) =>
      res("aws:rds/proxy:Proxy", { engineFamily: "POSTGRESQL", ...props }, "px");
    assertBlocks(run(proxy({})), P, /^ACC-1: RDS proxy 'px' has requireTls unset/);
    assertBlocks(run(proxy({ requireTls: false })), P);
    assertPasses(run(proxy({ requireTls: true })), P);
    const r = run(proxy({ requireTls: UNKNOWN.boolean }), {}, true);
    assert.strictEqual(hits(r, P, "mandatory").length, 0);
    assert.strictEqual(hits(r, P, "advisory").length, 1);
  });
});

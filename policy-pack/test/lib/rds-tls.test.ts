import * as assert from "assert";
import {
  atLeast,
  defaultEnforces,
  EngineTls,
  engineTls,
  familyVersion,
  isDefaultGroupName,
  parameterValues,
  parseVersion,
  tlsValue,
} from "../../lib/rds-tls";

type EngineTlsData = Omit<EngineTls, "source">;

describe("lib/rds-tls: ACC-1 which parameter enforces TLS, and from which version by default", () => {
  const engines: Array<[string, string | undefined]> = [
    ["postgres", "rds.force_ssl"],
    [" POSTGRES ", "rds.force_ssl"],
    ["mysql", "require_secure_transport"],
    ["mariadb", "require_secure_transport"],
    ["sqlserver-se", "rds.force_ssl"],
    ["sqlserver-ex", "rds.force_ssl"],
    ["custom-sqlserver-ee", "rds.force_ssl"],
    ["aurora-postgresql", "rds.force_ssl"],
    ["aurora-mysql", "require_secure_transport"],
    ["aurora", "require_secure_transport"],
    ["custom-postgres", "rds.force_ssl"],
    [" MariaDB", "require_secure_transport"],
    ["sqlserver", undefined],
    ["my-sqlserver-se", undefined],
    ["aurora-postgresql-x", undefined],
    ["oracle-ee", undefined],
    ["db2-se", undefined],
    ["", undefined],
  ];
  for (const [engine, parameter] of engines) {
    it(`ACC-1: engine ${JSON.stringify(engine)} -> ${String(parameter)}`, () => {
      assert.strictEqual(engineTls(engine)?.parameter, parameter);
    });
  }
  // The data each rule stands on: from which version AWS's default enforces TLS, what an unpinned
  // instance gets, and the AWS page that says so.
  const table: Array<[string, EngineTlsData]> = [
    ["postgres", { parameter: "rds.force_ssl", defaultOnFrom: [15, 0], unpinnedDefaultsOn: true }],
    [
      "custom-postgres",
      { parameter: "rds.force_ssl", defaultOnFrom: [15, 0], unpinnedDefaultsOn: true },
    ],
    [
      "mysql",
      { parameter: "require_secure_transport", defaultOnFrom: [9, 7], unpinnedDefaultsOn: false },
    ],
    [
      "mariadb",
      { parameter: "require_secure_transport", defaultOnFrom: [11, 8], unpinnedDefaultsOn: false },
    ],
    ["sqlserver-ee", { parameter: "rds.force_ssl", unpinnedDefaultsOn: false }],
    ["custom-sqlserver-web", { parameter: "rds.force_ssl", unpinnedDefaultsOn: false }],
    ["aurora-postgresql", { parameter: "rds.force_ssl", unpinnedDefaultsOn: false }],
    ["aurora-mysql", { parameter: "require_secure_transport", unpinnedDefaultsOn: false }],
    ["aurora", { parameter: "require_secure_transport", unpinnedDefaultsOn: false }],
  ];
  for (const [engine, expected] of table) {
    it(`ACC-1: ${engine}: ${JSON.stringify(expected)}, citing AWS's documentation`, () => {
      const tls = engineTls(engine);
      assert.ok(tls);
      const { source, ...data } = tls;
      assert.deepStrictEqual(data, expected);
      assert.match(
        source,
        /^\S.* \(https:\/\/docs\.aws\.amazon\.com\/AmazonRDS\/latest\/.+\.html\)$/,
      );
      assert.ok(source.includes(tls.parameter), source);
    });
  }
  it("ACC-1: parses versions and parameter-group families", () => {
    assert.deepStrictEqual(parseVersion("14.12"), [14, 12]);
    assert.deepStrictEqual(parseVersion("15"), [15, 0]);
    assert.deepStrictEqual(parseVersion("8.0.35"), [8, 0]);
    assert.strictEqual(parseVersion("latest"), undefined);
    assert.strictEqual(parseVersion(undefined), undefined);
    assert.deepStrictEqual(familyVersion("postgres14"), [14, 0]);
    assert.deepStrictEqual(familyVersion("default.mysql8.0"), [8, 0]);
    assert.deepStrictEqual(familyVersion("mariadb10.11"), [10, 11]);
    assert.deepStrictEqual(familyVersion("sqlserver-se-15.0"), [15, 0]);
    assert.strictEqual(familyVersion("custom"), undefined);
    assert.strictEqual(familyVersion(undefined), undefined);
    // The version is the family's tail: Db2's family also has a digit in the engine's name.
    assert.deepStrictEqual(familyVersion("db2-se-11.5"), [11, 5]);
    assert.deepStrictEqual(familyVersion(" postgres16 "), [16, 0]);
    assert.deepStrictEqual(familyVersion("aurora-postgresql16"), [16, 0]);
    assert.deepStrictEqual(parseVersion(" 16.4"), [16, 4]);
    assert.deepStrictEqual(parseVersion("11.12-R2"), [11, 12]);
    assert.deepStrictEqual(parseVersion("14."), [14, 0]);
    assert.strictEqual(parseVersion("v14"), undefined);
    assert.strictEqual(parseVersion(""), undefined);
    assert.strictEqual(atLeast([15, 0], [15, 0]), true);
    assert.strictEqual(atLeast([14, 99], [15, 0]), false);
    assert.strictEqual(atLeast([16, 0], [15, 5]), true);
    assert.strictEqual(atLeast([15, 4], [15, 5]), false);
  });
  const defaults: Array<[string, string | undefined, boolean]> = [
    ["postgres", "14.12", false],
    ["postgres", "14.99", false],
    ["postgres", "15", true],
    ["postgres", "15.0", true],
    ["postgres", "17.2", true],
    ["postgres", undefined, true],
    ["mysql", "8.0.35", false],
    ["mysql", "8.4", false],
    ["mysql", "9.6", false],
    ["mysql", "9.7", true],
    ["mysql", undefined, false],
    ["mariadb", "11.4", false],
    ["mariadb", "11.8", true],
    ["mariadb", undefined, false],
    ["sqlserver-se", "16.00", false],
    ["aurora-postgresql", "16.4", false],
    ["aurora-mysql", "8.0", false],
  ];
  for (const [engine, version, on] of defaults) {
    it(`ACC-1: AWS's default group of ${engine} ${String(version)} ${on ? "enforces" : "does not enforce"} TLS`, () => {
      const tls = engineTls(engine);
      assert.ok(tls);
      assert.strictEqual(defaultEnforces(tls, parseVersion(version)), on);
    });
  }
  const values: Array<[unknown, boolean | undefined]> = [
    ["1", true],
    [1, true],
    ["ON", true],
    [" true ", true],
    ["0", false],
    [0, false],
    ["off", false],
    ["OFF", false],
    ["False", false],
    ["2", undefined],
    ["", undefined],
    [undefined, undefined],
    [true, undefined],
  ];
  for (const [v, expected] of values) {
    it(`ACC-1: parameter value ${JSON.stringify(v)} -> ${String(expected)}`, () => {
      assert.strictEqual(tlsValue(v), expected);
    });
  }
  it("ACC-1: AWS default groups are named default.<family>", () => {
    assert.strictEqual(isDefaultGroupName("default.postgres14"), true);
    assert.strictEqual(isDefaultGroupName(" Default.mysql8.0"), true);
    assert.strictEqual(isDefaultGroupName("my-default.postgres14"), false);
  });
  it("ACC-1: reads every value of a parameter, case-insensitively, in order", () => {
    assert.deepStrictEqual(
      parameterValues(
        {
          parameters: [
            { name: "RDS.FORCE_SSL", value: "0" },
            { name: "log_statement", value: "all" },
            { name: " rds.force_ssl ", value: "1" },
            { name: "rds.force_ssl_x", value: "2" },
            { value: "3" },
            "junk",
          ],
        },
        "rds.force_ssl",
      ),
      ["0", "1"],
    );
    assert.deepStrictEqual(parameterValues({}, "rds.force_ssl"), []);
  });
});

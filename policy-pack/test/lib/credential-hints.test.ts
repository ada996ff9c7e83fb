import * as assert from "assert";
import {
  CREDENTIAL_WORDS,
  DATABASE_WORDS,
  hintsCredential,
  isDatabaseSecretJson,
  namesCredential,
  namesDatabaseLogin,
  words,
} from "../../lib/credential-hints";

describe("lib/credential-hints: APP-1 telling credentials by name", () => {
  it("APP-1: splits on separators and camelCase", () => {
    assert.deepStrictEqual(words("/prod/dbMasterPassword"), ["prod", "db", "master", "password"]);
    assert.deepStrictEqual(words("API_KEY-v2"), ["api", "key", "v2"]);
    assert.deepStrictEqual(words("RDSPassword"), ["rds", "password"]);
  });
  const named: Array<[string, boolean]> = [
    ["/app/db/password", true],
    ["DB_PASSWORD", true],
    ["dbPassword", true],
    ["/app/stripe/api-key", true],
    ["/app/apikey", true],
    ["/app/tls/private_key", true],
    ["github-token", true],
    ["/app/oauth/client-secret", true],
    ["/app/credentials", true],
    ["/app/password-policy", false],
    ["/app/password/min-length", false],
    ["/app/kms-key", false],
    ["/app/db/host", false],
    ["/app/token-endpoint-url", false],
    ["", false],
  ];
  for (const [name, clear] of named) {
    it(`APP-1: ${JSON.stringify(name)} ${clear ? "is named as a credential" : "is not named as one"}`, () => {
      assert.strictEqual(namesCredential(name), clear);
    });
  }
  it("APP-1: hints look at every word of the name and the description", () => {
    assert.strictEqual(hintsCredential("/app/password-policy"), true);
    assert.strictEqual(hintsCredential("/app/x", "The API key of the mailer"), true);
    assert.strictEqual(hintsCredential("/app/db/host", "Database host name"), false);
  });
  it("APP-1: a database login needs a database word and a login word", () => {
    assert.strictEqual(namesDatabaseLogin("prod/rds/master-credentials"), true);
    assert.strictEqual(namesDatabaseLogin("app", "Postgres admin password"), true);
    assert.strictEqual(namesDatabaseLogin("db-encryption-key"), false);
    assert.strictEqual(namesDatabaseLogin("api-password"), false);
  });
  // Spelled out rather than read from the exported sets, so that a word dropped from a table fails.
  const databaseWords = [
    "db",
    "database",
    "rds",
    "aurora",
    "postgres",
    "postgresql",
    "pg",
    "mysql",
    "mariadb",
    "sqlserver",
    "mssql",
    "oracle",
    "redshift",
    "docdb",
    "documentdb",
    "mongo",
    "mongodb",
    "neptune",
  ];
  const credentialWords = [
    "password",
    "passwd",
    "pwd",
    "passphrase",
    "secret",
    "token",
    "credential",
    "credentials",
    "creds",
    "apikey",
  ];
  it("APP-1: the tables hold exactly the listed words", () => {
    assert.deepStrictEqual([...DATABASE_WORDS], databaseWords);
    assert.deepStrictEqual([...CREDENTIAL_WORDS], credentialWords);
  });
  for (const w of databaseWords) {
    it(`APP-1: "${w}" is a database word`, () => {
      assert.strictEqual(namesDatabaseLogin(`prod/${w}/admin`), true);
      assert.strictEqual(namesDatabaseLogin(`prod/${w}x/admin`), false);
    });
  }
  for (const w of credentialWords) {
    it(`APP-1: "${w}" names a credential alone and is a login word`, () => {
      assert.strictEqual(namesCredential(`/app/${w}`), true);
      assert.strictEqual(hintsCredential(`/app/${w}-rules`), true);
      assert.strictEqual(namesDatabaseLogin(`db-${w}`), true);
    });
  }
  for (const login of ["login", "master", "admin", "user", "username"]) {
    it(`APP-1: "${login}" with a database word is a login, alone it is no credential`, () => {
      assert.strictEqual(namesDatabaseLogin("rds", login), true);
      assert.strictEqual(namesCredential(`/app/${login}`), false);
      assert.strictEqual(hintsCredential(`/app/${login}`), false);
    });
  }
  const pairs = [
    ["api", "key"],
    ["private", "key"],
    ["access", "key"],
    ["secret", "key"],
    ["client", "secret"],
    ["auth", "token"],
    ["master", "password"],
  ];
  for (const [a, b] of pairs) {
    it(`APP-1: "${a} ${b}" names a credential; "${a}" and "${b}" apart do not pair`, () => {
      assert.strictEqual(namesCredential(`/app/${a}-${b}`), true);
      assert.strictEqual(hintsCredential(`the ${a} ${b} rules`), true);
      if (b === "key") {
        assert.strictEqual(namesCredential(`/app/${a}-x-${b}`), false);
        assert.strictEqual(namesCredential(`/app/${b}-${a}`), a === "secret");
        assert.strictEqual(hintsCredential(`the ${a} x ${b}`), a === "secret");
        assert.strictEqual(hintsCredential(`the ${b} ${a}`), a === "secret");
      }
    });
  }
  it("APP-1: the last path segment is judged; empty segments are skipped", () => {
    assert.strictEqual(namesCredential("/app/password/"), true);
    assert.strictEqual(namesCredential("/app/password/ "), true);
    assert.strictEqual(namesCredential("/password/host"), false);
    assert.strictEqual(namesCredential("///"), false);
    assert.strictEqual(namesCredential("key"), false);
    assert.strictEqual(namesCredential("/app/api-url"), false);
    assert.strictEqual(namesCredential("/app/access-log"), false);
  });
  it("APP-1: camelCase and acronyms split into words", () => {
    assert.deepStrictEqual(words("HTTPServerToken"), ["http", "server", "token"]);
    assert.deepStrictEqual(words("a1B"), ["a1", "b"]);
    assert.deepStrictEqual(words("--x--"), ["x"]);
  });
  const json: Array<[unknown, boolean]> = [
    ['{"engine":"postgres","username":"u","password":"p"}', true],
    ['{"username":"u","password":"p","host":"h","port":5432}', true],
    ['{"Password":"p","DBName":"d"}', true],
    ['{"password":"p"}', false],
    ['{"password":"p","port":5432}', true],
    ['{"password":"p","host":"h"}', true],
    ['{"password":"p","dbname":"d"}', true],
    ['{"password":"p","dbInstanceIdentifier":"i"}', true],
    ['{"password":"p","dbClusterIdentifier":"c"}', true],
    ['{"host":"h","port":5432}', false],
    ["null", false],
    ['"engine"', false],
    ['{"apiKey":"k"}', false],
    ['["engine"]', false],
    ["plain text", false],
    [undefined, false],
  ];
  for (const [content, db] of json) {
    it(`APP-1: secret string ${String(content)} ${db ? "is" : "is not"} a database login`, () => {
      assert.strictEqual(isDatabaseSecretJson(content), db);
    });
  }
});

import * as assert from "assert";
import {
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
  const json: Array<[unknown, boolean]> = [
    ['{"engine":"postgres","username":"u","password":"p"}', true],
    ['{"username":"u","password":"p","host":"h","port":5432}', true],
    ['{"Password":"p","DBName":"d"}', true],
    ['{"password":"p"}', false],
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

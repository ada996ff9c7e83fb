import * as assert from "assert";
import { ResourceUnderTest, UNKNOWN } from "../../harness/evaluate";
import { assertBlocks, assertPasses, hits, res, run } from "../helpers";

const ROT = "secrets-rotation-max-days";
const R = "aws:secretsmanager/secretRotation:SecretRotation";
const rotation = (rotationRules: unknown, extra: Record<string, unknown> = {}) =>
  res(R, { secretId: "s-id", rotationLambdaArn: "l", rotationRules, ...extra }, "rot");

describe("policies/secrets: rotation schedules (APP-1)", () => {
  it("APP-1: rotation exactly at the limit passes, one day more blocks", () => {
    assertPasses(run(rotation({ automaticallyAfterDays: 90 })), ROT);
    assertBlocks(
      run(rotation({ automaticallyAfterDays: 91 })),
      ROT,
      /automaticallyAfterDays 91; set it to 90 or fewer/,
    );
    assertPasses(run(rotation({ scheduleExpression: "rate(90 days)" })), ROT);
    assertBlocks(run(rotation({ scheduleExpression: "rate(91 days)" })), ROT, /every 91 days/);
    assertPasses(
      run(rotation({ scheduleExpression: "cron(0 0 ? * 2 *)" }), { [ROT]: { maxRotationDays: 7 } }),
      ROT,
    );
    assertBlocks(
      run(rotation({ scheduleExpression: "cron(0 0 ? * 2 *)" }), { [ROT]: { maxRotationDays: 6 } }),
      ROT,
      /at most 7 days apart/,
    );
  });
  it("APP-1: a cron schedule is judged by its real longest interval (quarterly on the 1st is 92 days)", () => {
    assertBlocks(
      run(rotation({ scheduleExpression: "cron(0 0 1 */3 ? *)" })),
      ROT,
      /at most 92 days apart \(more than 90\)/,
    );
    assertPasses(run(rotation({ scheduleExpression: "cron(0 0 1 */2 ? *)" })), ROT);
    assertPasses(run(rotation({ scheduleExpression: "cron(0 8 ? * MON#1 *)" })), ROT);
    assertBlocks(run(rotation({ scheduleExpression: "cron(0 0 1 1,7 ? *)" })), ROT, /184 days/);
  });
  it("APP-1: a schedule the pack cannot read blocks with the reason; rotation off or missing rules block", () => {
    assertBlocks(
      run(rotation({ scheduleExpression: "cron(0 0 1 * ? 2030)" })),
      ROT,
      /cannot be judged \(Secrets Manager requires \* in the year field\)/,
    );
    assertBlocks(run(rotation({ scheduleExpression: "every quarter" })), ROT, /cannot be judged/);
    assertBlocks(
      run(rotation({ automaticallyAfterDays: 30 }, { rotationEnabled: false })),
      ROT,
      /rotationEnabled false/,
    );
    assertBlocks(run(rotation(undefined)), ROT, /no rotationRules/);
  });
  it("APP-1: a schedule unknown at preview is the engine's advisory", () => {
    const r = run(rotation({ scheduleExpression: UNKNOWN.string }), {}, true);
    assert.strictEqual(hits(r, ROT, "mandatory").length, 0);
    assert.strictEqual(hits(r, ROT, "advisory").length, 1);
  });
});

describe("policies/secrets: rotation rules at the configured limit (APP-1)", () => {
  const at30 = { [ROT]: { maxRotationDays: 30 } };
  it("APP-1: with a 30-day limit, 30 days and rate(30 days) pass and 31 blocks", () => {
    assertPasses(run(rotation({ automaticallyAfterDays: 30 }), at30), ROT);
    assertBlocks(
      run(rotation({ automaticallyAfterDays: 31 }), at30),
      ROT,
      /automaticallyAfterDays 31; set it to 30 or fewer/,
    );
    assertPasses(run(rotation({ scheduleExpression: "rate(30 days)" }), at30), ROT);
    assertBlocks(
      run(rotation({ scheduleExpression: "rate(31 days)" }), at30),
      ROT,
      /every 31 days \(more than 30\)/,
    );
    // the 1st of every month is at most 31 days apart
    assertBlocks(run(rotation({ scheduleExpression: "cron(0 0 1 * ? *)" }), at30), ROT, /31 days/);
    assertPasses(
      run(rotation({ scheduleExpression: "cron(0 0 1 * ? *)" }), {
        [ROT]: { maxRotationDays: 31 },
      }),
      ROT,
    );
  });
  it("APP-1: automaticallyAfterDays is judged before a scheduleExpression", () => {
    assertPasses(
      run(rotation({ automaticallyAfterDays: 30, scheduleExpression: "rate(120 days)" })),
      ROT,
    );
    assertBlocks(
      run(rotation({ automaticallyAfterDays: 120, scheduleExpression: "rate(30 days)" })),
      ROT,
      /automaticallyAfterDays 120/,
    );
  });
  it("APP-1: a blank scheduleExpression is no rule; rotationEnabled true is judged by its rules", () => {
    assertBlocks(run(rotation({ scheduleExpression: "  " })), ROT, /no rotationRules/);
    assertPasses(run(rotation({ automaticallyAfterDays: 30 }, { rotationEnabled: true })), ROT);
    assertBlocks(
      run(rotation({ automaticallyAfterDays: 91 }, { rotationEnabled: true })),
      ROT,
      /automaticallyAfterDays 91/,
    );
  });
});

describe("policies/secrets: database secrets are rotated (APP-1, stack level)", () => {
  const D = "secrets-database-secret-rotated";
  const S = "aws:secretsmanager/secret:Secret";
  const V = "aws:secretsmanager/secretVersion:SecretVersion";
  const secret = (props: Record<string, unknown>, name = "s") => res(S, props, name);
  const version = (secretString: unknown): ResourceUnderTest =>
    res(V, { secretId: "s-id", secretString }, "v");
  const rot = (props: Record<string, unknown> = {}) =>
    res(R, { secretId: "s-id", rotationRules: { automaticallyAfterDays: 30 }, ...props }, "rot");
  it("APP-1: a secret named as a database login needs a SecretRotation", () => {
    assertBlocks(
      run(secret({ name: "prod/orders/db-credentials" })),
      D,
      /^APP-1: secret 's' holds a database login \(its name or description names a database login\)/,
    );
    assertBlocks(run(secret({ namePrefix: "rds-master-password-" })), D);
    assertBlocks(run(secret({ name: "orders", description: "Postgres admin login" })), D);
    assertPasses(run([secret({ name: "prod/orders/db-credentials" }), rot()]), D);
    assertBlocks(
      run([secret({ name: "prod/orders/db-credentials" }), rot({ rotationEnabled: false })]),
      D,
    );
  });
  it("APP-1: a secret whose version holds AWS's database JSON structure needs a rotation", () => {
    const json = JSON.stringify({ engine: "postgres", host: "h", username: "u", password: "p" });
    assertBlocks(
      run([secret({ name: "orders" }), version(json)]),
      D,
      /secret version 'v' holds a database login/,
    );
    assertBlocks(
      run([secret({ name: "orders" }), res(V, { secretId: "s-id", secretStringWo: json }, "v")]),
      D,
    );
    assertPasses(run([secret({ name: "orders" }), version(JSON.stringify({ apiKey: "k" }))]), D);
    assertPasses(run([secret({ name: "orders" }), version(json), rot()]), D);
  });
  it("APP-1: a secret an RDS proxy authenticates with needs a rotation", () => {
    const proxy: ResourceUnderTest = {
      ...res(
        "aws:rds/proxy:Proxy",
        { auths: [{ secretArn: UNKNOWN.string, authScheme: "SECRETS" }] },
        "px",
      ),
      propertyDependencies: { auths: ["s"] },
    };
    assertBlocks(
      run([secret({ name: "orders" }), proxy], {}, true),
      D,
      /an RDS proxy authenticates with it/,
    );
  });
  it("APP-1: only the secret without a rotation is reported", () => {
    const r = run([
      secret({ name: "orders/db-password" }, "a"),
      secret({ name: "billing/db-password" }, "b"),
      res(R, { secretId: "a-id", rotationRules: { automaticallyAfterDays: 30 } }, "rot"),
    ]);
    assert.deepStrictEqual(
      hits(r, D, "mandatory").map((v) => v.message.split(" holds ")[0]),
      ["APP-1: secret 'b'"],
    );
  });
  it("APP-1: a rotation whose rotationEnabled is unknown at preview counts as a rotation", () => {
    const stack = [
      secret({ name: "db-password" }),
      res(R, { secretId: "s-id", rotationEnabled: UNKNOWN.boolean }, "rot"),
    ];
    assert.deepStrictEqual(hits(run(stack, {}, true), D), []);
  });
  it("APP-1: a version unknown at preview leaves the judgement to the name", () => {
    const v = res(V, { secretId: "s-id", secretString: UNKNOWN.string }, "v");
    assertPasses(run([secret({ name: "orders" }), v], {}, true), D);
    assertBlocks(
      run([secret({ name: "orders-db-password" }), v], {}, true),
      D,
      /its name or description names a database login/,
    );
  });
  it("APP-1: a proxy names its secret by ARN; only an RDS proxy's auths count", () => {
    const proxy = (type: string) =>
      res(type, { auths: [{ secretArn: "s-arn", authScheme: "SECRETS" }] }, "px");
    assertBlocks(
      run([secret({ name: "orders" }), proxy("aws:rds/proxy:Proxy")]),
      D,
      /an RDS proxy authenticates with it/,
    );
    assertPasses(run([secret({ name: "orders" }), proxy("aws:rds/cluster:Cluster")]), D);
  });
  it("APP-1: a stack without secrets is not judged, whatever its other resources are named", () => {
    assertPasses(run(rot()), D);
    assertPasses(
      run(res("aws:ssm/parameter:Parameter", { name: "db-password", type: "SecureString" })),
      D,
    );
    assertPasses(
      run([
        secret({ name: "orders" }),
        res("aws:ssm/parameter:Parameter", { name: "db-password" }),
      ]),
      D,
    );
  });
  it("APP-1: a secret no proxy uses is judged by name", () => {
    const proxy: ResourceUnderTest = {
      ...res(
        "aws:rds/proxy:Proxy",
        { auths: [{ secretArn: "a-arn", authScheme: "SECRETS" }] },
        "px",
      ),
      propertyDependencies: { auths: ["a"] },
    };
    const r = run(
      [secret({ name: "orders" }, "a"), secret({ name: "billing" }, "b"), proxy],
      {},
      true,
    );
    assert.deepStrictEqual(
      hits(r, D, "mandatory").map((x) => x.message.split(" holds ")[0]),
      ["APP-1: secret 'a'"],
    );
  });
  it("APP-1: other secrets and unknown names do not block", () => {
    assertPasses(run(secret({ name: "stripe-api-key" })), D);
    assertPasses(run(secret({ name: "db-encryption-key" })), D);
    // A stack policy reports nothing while a name is unknown; the same stack with the name known
    // at preview blocks, so the silence is the unknown name's doing.
    const r = run(secret({ name: UNKNOWN.string }), {}, true);
    assert.deepStrictEqual(hits(r, D), []);
    assertBlocks(run(secret({ name: "db-password" }), {}, true), D, /names a database login/);
    const r2 = run(
      [secret({ name: "db-password" }), res(R, { secretId: UNKNOWN.string }, "rot")],
      {},
      true,
    );
    assert.deepStrictEqual(
      hits(r2, D),
      [],
      "a rotation of a secret not known yet is decided at update",
    );
    assertBlocks(
      run([secret({ name: "db-password" }), res(R, { secretId: "other-id" }, "rot")], {}, true),
      D,
      /^APP-1: secret 's' holds a database login/,
    );
  });
});

describe("policies/secrets: credentials in plain SSM parameters (APP-1)", () => {
  const M = "ssm-no-plaintext-credential";
  const A = "ssm-parameter-credential-hint";
  const param = (props: Record<string, unknown>) =>
    res("aws:ssm/parameter:Parameter", { value: "x", ...props }, "p");
  it("APP-1: a String or StringList parameter named as a credential is blocked; SecureString passes", () => {
    assertBlocks(
      run(param({ name: "/app/db/password", type: "String" })),
      M,
      /^APP-1: SSM parameter 'p' \("\/app\/db\/password"\) holds a credential as type "String"/,
    );
    assertBlocks(run(param({ name: "/app/stripe/api-key", type: "StringList" })), M);
    assertPasses(run(param({ name: "/app/db/password", type: "SecureString" })), M);
    assertPasses(run(param({ name: "/app/db/host", type: "String" })), M);
  });
  it("APP-1: a parameter whose name or description only mentions a credential is an advisory", () => {
    const r = run(param({ name: "/app/password-policy", type: "String" }));
    assert.strictEqual(hits(r, M).length, 0);
    assert.match(
      hits(r, A, "advisory")[0]?.message ?? "",
      /^APP-1: SSM parameter 'p' is type "String" but its name or description mentions a credential/,
    );
    assert.strictEqual(
      hits(
        run(param({ name: "/app/x", type: "String", description: "API token for the mailer" })),
        A,
        "advisory",
      ).length,
      1,
    );
    assert.strictEqual(
      hits(run(param({ name: "/app/db/host", type: "String", description: "host" })), A).length,
      0,
    );
    assert.strictEqual(
      hits(run(param({ name: "/app/db/password", type: "String" })), A).length,
      0,
      "reported once, as mandatory",
    );
  });
  it("APP-1: a SecureString with spaces around its type is still a SecureString; hints skip it too", () => {
    assertPasses(run(param({ name: "/app/db/password", type: " SecureString " })), M);
    assertPasses(
      run(param({ name: "/app/password-policy", type: "SecureString", description: "the token" })),
      A,
    );
  });
  it("APP-1: a parameter without a type or name is judged as plain text by its logical name", () => {
    assertBlocks(
      run(res("aws:ssm/parameter:Parameter", { value: "x" }, "apiToken")),
      M,
      /^APP-1: SSM parameter 'apiToken' \("apiToken"\) holds a credential/,
    );
    assert.strictEqual(
      hits(run(res("aws:ssm/parameter:Parameter", { value: "x" }, "tokenTtl")), A, "advisory")
        .length,
      1,
    );
    assertPasses(run(res("aws:ssm/parameter:Parameter", { value: "x" }, "tokenTtl")), M);
    assertPasses(run(res("aws:ssm/parameter:Parameter", { value: "x" }, "apiToken")), A);
  });
  it("APP-1: without a name the logical name is judged; unknown names are the engine's advisory", () => {
    assertBlocks(
      run(res("aws:ssm/parameter:Parameter", { type: "String", value: "x" }, "dbPassword")),
      M,
    );
    const r = run(param({ name: UNKNOWN.string, type: "String" }), {}, true);
    assert.strictEqual(hits(r, M, "mandatory").length, 0);
    for (const policy of [M, A]) {
      assert.match(
        hits(r, policy, "advisory")[0]?.message ?? "",
        /can't run policy .* during preview: string value at \.name can't be known/,
      );
    }
  });
});

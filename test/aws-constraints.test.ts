/**
 * Mocks accept anything the TypeScript types accept; AWS does not. Every AWS resource of every
 * stack variant is checked against the constraints table (test/aws-constraints/table.ts), and the
 * table's own tests below show it fails on the defects it exists for.
 */
import { strict as assert } from "assert";
import { validateConfig } from "../config/validate";
import {
  databaseIdentifier,
  finalSnapshotIdentifier,
  loadBalancerBase,
  LOAD_BALANCER_BASE_MAX_LENGTH,
  stackPrefix,
  STACK_PREFIX_MAX_LENGTH,
} from "../components/shared/names";
import {
  applyOverrides,
  ProgramRun,
  RegisteredResource,
  runProgram,
  runProgramOnce,
  stackConfig,
} from "./harness/program";
import { checkConstraints, formatViolation, Violation } from "./aws-constraints/check";
import { NAME_RULES } from "./aws-constraints/rules";
import { CONSTRAINTS } from "./aws-constraints/table";
import { LONG_STACK_NAMES, runVariant, STACK_VARIANTS } from "./aws-constraints/variants";

const PROJECT = "decision-control";
const T = {
  ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  loadBalancer: "aws:lb/loadBalancer:LoadBalancer",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  role: "aws:iam/role:Role",
  vpc: "aws:ec2/vpc:Vpc",
  instance: "aws:ec2/instance:Instance",
  database: "aws:rds/instance:Instance",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
} as const;

function ok(run: ProgramRun): ProgramRun {
  assert.equal(run.error, undefined, run.error?.message);
  return run;
}

/** The run's resources with one resource's inputs changed (a negative case from a valid baseline). */
function changed(
  run: ProgramRun,
  find: (resource: RegisteredResource) => boolean,
  change: (inputs: Record<string, unknown>) => Record<string, unknown>,
): RegisteredResource[] {
  const target = run.resources.find(find);
  assert.ok(target, "the baseline has the resource to change");
  return run.resources.map((resource) =>
    resource === target ? { ...resource, inputs: change({ ...resource.inputs }) } : resource,
  );
}

function only(violations: Violation[], pattern: RegExp): Violation {
  assert.equal(violations.length, 1, violations.map(formatViolation).join("\n"));
  assert.match(formatViolation(violations[0]), pattern);
  return violations[0];
}

describe("AWS constraints (test/aws-constraints/table.ts): every registered resource of every stack variant", () => {
  for (const variant of STACK_VARIANTS) {
    it(`${variant.title}: names, descriptions, sizes, tags and IAM vocabulary are all accepted by AWS`, async () => {
      const run = ok(await runVariant(variant));
      const violations = await checkConstraints(run.resources);
      assert.deepEqual(violations.map(formatViolation), []);
    });
  }

  it("the table has a row, with at least one source, for every AWS type the variants register", async () => {
    const types = new Set<string>();
    for (const variant of STACK_VARIANTS) {
      (await runVariant(variant)).resources
        .filter((resource) => resource.custom && resource.type.startsWith("aws:"))
        .forEach((resource) => types.add(resource.type));
    }
    assert.ok(types.size > 50, `${types.size} types`);
    for (const type of types) {
      assert.ok(CONSTRAINTS[type]?.sources.length, `${type} has a row with sources`);
    }
  });
});

describe("the constraints table fails on the defects it exists for", () => {
  it("NET-4: a security-group rule description with an apostrophe (EC2 refuses it)", async () => {
    const run = ok(await runProgramOnce("sandbox"));
    const resources = changed(
      run,
      (resource) => resource.type === T.ingress && resource.inputs.fromPort === 80,
      (inputs) => ({
        ...inputs,
        description: "HTTP from anywhere for the Let's Encrypt HTTP-01 challenge",
      }),
    );
    only(await checkConstraints(resources), /description "HTTP from anywhere for the Let's/);
  });

  it("NET-5: a group-referencing rule description with & (UserIdGroupPair has no &)", async () => {
    const run = ok(await runProgramOnce("sandbox"));
    const resources = changed(
      run,
      (resource) => resource.type === T.ingress && resource.inputs.fromPort === 5432,
      (inputs) => ({ ...inputs, description: "PostgreSQL from app & ops" }),
    );
    only(await checkConstraints(resources), /references a group/);
  });

  it("MON-2: a log group namePrefix is checked as prefix + the provider's 26 characters: length 512 and CloudWatch Logs' characters", async () => {
    const run = ok(await runProgramOnce("production"));
    const isAppGroup = (resource: RegisteredResource) =>
      resource.type === T.logGroup && resource.name.endsWith("-logs-application");
    const fits = changed(run, isAppGroup, (inputs) => ({
      ...inputs,
      namePrefix: `/aletyx/${"x".repeat(512 - 26 - 8)}`,
    }));
    assert.deepEqual((await checkConstraints(fits)).map(formatViolation), []);
    const long = changed(run, isAppGroup, (inputs) => ({
      ...inputs,
      namePrefix: `/aletyx/${"x".repeat(512 - 26 - 7)}`,
    }));
    only(
      await checkConstraints(long),
      /namePrefix \+ the provider's 26-character suffix\) .* has 513 characters/,
    );
    const space = changed(run, isAppGroup, (inputs) => ({
      ...inputs,
      namePrefix: "/aletyx/application/decision control-",
    }));
    only(await checkConstraints(space), /namePrefix \+ the provider's 26-character suffix\)/);
  });

  it("a 33-character load balancer name, explicit or autonamed from a long logical name", async () => {
    const run = ok(await runProgramOnce("production"));
    const isAlb = (resource: RegisteredResource) => resource.type === T.loadBalancer;
    const explicit = changed(run, isAlb, (inputs) => ({ ...inputs, name: `dc-${"x".repeat(30)}` }));
    only(await checkConstraints(explicit), /name "dc-x+" has 33 characters; .* 1 to 32/);
    const autonamed = run.resources.map((resource) =>
      isAlb(resource) ? { ...resource, name: "decision-control-production-alb" } : resource,
    );
    only(await checkConstraints(autonamed), /autonamed.* has 39 characters/);
    const internal = changed(run, isAlb, (inputs) => ({ ...inputs, name: "internal-dc-alb" }));
    only(await checkConstraints(internal), /begins with "internal-"/);
  });

  it("IAM-2: an action, a service or a condition key that AWS does not have", async () => {
    const run = ok(await runProgramOnce("sandbox"));
    const scoped = (resource: RegisteredResource) =>
      resource.type === T.rolePolicy &&
      String(resource.inputs.policy).includes("ReadOwnDatabaseSecret");
    const typo = (from: string, to: string) =>
      changed(run, scoped, (inputs) => ({
        ...inputs,
        policy: String(inputs.policy).replace(from, to),
      }));
    only(
      await checkConstraints(
        typo("secretsmanager:GetSecretValue", "secretsmanager:GetSecretValues"),
      ),
      /action "secretsmanager:GetSecretValues" is not an action of secretsmanager/,
    );
    only(
      await checkConstraints(typo("secretsmanager:GetSecretValue", "secretmanager:GetSecretValue")),
      /service prefix "secretmanager"/,
    );
    only(
      await checkConstraints(typo("kms:ViaService", "kms:ViaServices")),
      /condition key "kms:ViaServices" is neither/,
    );
    only(
      await checkConstraints(typo("StringEquals", "StringEqual")),
      /"StringEqual" is not an IAM condition operator/,
    );
    only(
      await checkConstraints(typo('"Sid":"ReadOwnDatabaseSecret"', '"Sid":"Read own secret"')),
      /Sid "Read own secret" has characters other than A-Z, a-z and 0-9/,
    );
  });

  it("a trust policy over 2,048 non-whitespace characters (the default IAM quota)", async () => {
    const run = ok(await runProgramOnce("sandbox"));
    const resources = changed(
      run,
      (resource) => resource.type === T.role,
      (inputs) => {
        const trust = JSON.parse(String(inputs.assumeRolePolicy)) as {
          Statement: { Sid?: string }[];
        };
        trust.Statement[0].Sid = "T".repeat(2048);
        return { ...inputs, assumeRolePolicy: JSON.stringify(trust) };
      },
    );
    only(
      await checkConstraints(resources),
      /assumeRolePolicy: \d+ non-whitespace characters, over the 2048 allowed/,
    );
  });

  it("a 51st tag counting the provider's 4 default tags, and a reserved aws: key", async () => {
    const run = ok(await runProgramOnce("sandbox"));
    const isVpc = (resource: RegisteredResource) => resource.type === T.vpc;
    const withTags = (extra: number) =>
      changed(run, isVpc, (inputs) => ({
        ...inputs,
        tags: {
          ...(inputs.tags as Record<string, string>),
          ...Object.fromEntries(Array.from({ length: extra }, (_, i) => [`Extra${i}`, "x"])),
        },
      }));
    // Name + 45 extra + 4 default tags = 50: accepted; one more is refused.
    assert.deepEqual((await checkConstraints(withTags(45))).map(formatViolation), []);
    only(await checkConstraints(withTags(46)), /51 tags including the provider's 4 default tags/);
    const reserved = changed(run, isVpc, (inputs) => ({ ...inputs, tags: { "aws:owner": "me" } }));
    only(await checkConstraints(reserved), /reserved prefix aws:/);
  });

  it("a new AWS resource type without a row in the table", async () => {
    const run = ok(await runProgramOnce("sandbox"));
    const vpc = run.get(T.vpc, "decision-control-sandbox-net-vpc");
    const resources = [
      ...run.resources,
      { ...vpc, type: "aws:ec2/keyPair:KeyPair", name: "ops", inputs: {} },
    ];
    only(await checkConstraints(resources), /KeyPair 'ops': has no row/);
  });

  it("user data over 16 KB before base64, and an inline-policy total over 10,240 for one role", async () => {
    const run = ok(await runProgramOnce("sandbox"));
    const big = changed(
      run,
      (resource) => resource.type === T.instance,
      (inputs) => ({ ...inputs, userData: `${String(inputs.userData)}${"#".repeat(16 * 1024)}` }),
    );
    only(
      await checkConstraints(big),
      /userData \(raw, before base64\): \d+ bytes, over the 16384 allowed/,
    );

    // The instance role's two inline policies (one names the role by id, one by name) add up.
    const padded = changed(
      run,
      (resource) =>
        resource.type === T.rolePolicy && String(resource.inputs.policy).includes("GetSecretValue"),
      (inputs) => {
        const document = JSON.parse(String(inputs.policy)) as { Statement: { Sid?: string }[] };
        document.Statement[0].Sid = "A".repeat(10240);
        return { ...inputs, policy: JSON.stringify(document) };
      },
    );
    only(
      await checkConstraints(padded),
      /instance-role': inline policies in total: \d+ non-whitespace characters, over the 10240 allowed/,
    );
  });

  it("DATA-3/ACC-1: an RDS master user name PostgreSQL reserves", async () => {
    const run = ok(await runProgramOnce("production"));
    const resources = changed(
      run,
      (resource) => resource.type === T.database,
      (inputs) => ({ ...inputs, username: "user" }),
    );
    only(
      await checkConstraints(resources),
      /master user name "user" is a word PostgreSQL or RDS reserves/,
    );
  });

  it("a stack name of 31 characters is refused by config validation before any resource", async () => {
    const stackName = `${LONG_STACK_NAMES.production}x`;
    const run = await runProgram("production", {}, { stackName });
    assert.equal(run.error?.name, "ConfigError", String(run.error));
    assert.match(
      String(run.error?.message),
      /^stack name: ".+" has 31 characters; stack names are limited to 30/m,
    );
    assert.deepEqual(run.resources, []);
  });
});

describe("stack names: physical names derived to fit (components/shared/names.ts)", () => {
  it("the shipped stacks keep their prefix (no rename on update); the load balancer gets a short base", () => {
    assert.equal(stackPrefix(PROJECT, "sandbox"), "decision-control-sandbox");
    assert.equal(stackPrefix(PROJECT, "production"), "decision-control-production");
    assert.equal(loadBalancerBase(PROJECT, "production"), "dc-production");
  });

  const names = [
    ...Object.values(LONG_STACK_NAMES),
    "dev",
    "Prod",
    "prod",
    "prod.eu",
    "prod_eu",
    "prod-eu",
    "2024-q1",
    "a--b",
    "acme-decisions-production-euw2",
  ];

  it("every stack name up to 30 characters yields a prefix of at most 36 and a load balancer base of at most 20, both valid in every AWS name", () => {
    for (const stack of names) {
      const prefix = stackPrefix(PROJECT, stack);
      const base = loadBalancerBase(PROJECT, stack);
      assert.ok(prefix.length <= STACK_PREFIX_MAX_LENGTH, prefix);
      assert.ok(base.length <= LOAD_BALANCER_BASE_MAX_LENGTH, base);
      assert.deepEqual(NAME_RULES.rdsInstance.check(prefix), [], prefix);
      assert.deepEqual(NAME_RULES.loadBalancer.check(`${base}-alb-0a1b2c3`), [], base);
      assert.equal(stackPrefix(PROJECT, stack), prefix, "stable");
    }
  });

  it("stacks whose names differ only in case, punctuation or tail get distinct names", () => {
    for (const derive of [stackPrefix, loadBalancerBase]) {
      const derived = names.map((stack) => derive(PROJECT, stack));
      assert.equal(new Set(derived).size, names.length, derived.join(", "));
    }
  });

  it("a 30-character stack stays recognisable: the prefix keeps the stack name", () => {
    assert.equal(
      stackPrefix(PROJECT, LONG_STACK_NAMES.production),
      `dc-${LONG_STACK_NAMES.production}`,
    );
    assert.match(
      loadBalancerBase(PROJECT, LONG_STACK_NAMES.production),
      /^dc-acme-decis-[0-9a-f]{6}$/,
    );
  });

  it("DATA-3: the RDS identifier carries the creation tag (the stack key's ID) and fits RDS's rules for every stack name", () => {
    const keys = ["1234abcd-12ab-34cd-56ef-1234567890ab", "fedcba98-7654-3210-fedc-ba9876543210"];
    for (const stack of names) {
      const [first, second] = keys.map((keyId) => databaseIdentifier(PROJECT, stack, keyId));
      assert.equal(first, `${stackPrefix(PROJECT, stack)}-1234abcd`);
      assert.notEqual(
        first,
        second,
        "each creation of the stack has a key, and a name, of its own",
      );
      assert.deepEqual(NAME_RULES.rdsInstance.check(first), [], first);
    }
  });

  it("DATA-3: the final snapshot name differs per creation, fits RDS's rules, and is kept on update (ignoreChanges)", async () => {
    const identifier = databaseIdentifier(
      PROJECT,
      LONG_STACK_NAMES.production,
      "1234abcd-12ab-34cd-56ef-1234567890ab",
    );
    const first = finalSnapshotIdentifier(identifier, new Date("2026-01-01T10:00:00Z"));
    const second = finalSnapshotIdentifier(identifier, new Date("2026-01-01T10:00:01Z"));
    assert.notEqual(first, second);
    assert.deepEqual(NAME_RULES.rdsSnapshot.check(first), []);
    const database = ok(await runProgramOnce("production")).ofType(T.database)[0];
    assert.match(
      String(database.inputs.finalSnapshotIdentifier),
      /^decision-control-production-[0-9a-f]{8}-final-\d{14}$/,
    );
    assert.ok(database.ignoreChanges.includes("finalSnapshotIdentifier"), "kept on update");
  });
});

describe("config: names AWS limits (config/rules.ts)", () => {
  const validate = (stack: string, overrides = {}) =>
    validateConfig(applyOverrides(stackConfig("production"), overrides), {
      region: "eu-west-1",
      stack,
    });

  it("accepts a 30-character stack name and refuses 31, naming the limit", () => {
    assert.doesNotThrow(() => validate(LONG_STACK_NAMES.production));
    assert.throws(() => validate(`${LONG_STACK_NAMES.production}x`), /stack name: .*limited to 30/);
  });

  it("APP-2: refuses a host name over 64 characters (a certificate's first domain name), naming the key", () => {
    const subdomain = (length: number) => `d${"x".repeat(length - 1)}`;
    const zone = "example.com";
    assert.doesNotThrow(() =>
      validate("production", { domain: { zoneName: zone, subdomain: subdomain(64 - 12) } }),
    );
    assert.throws(
      () => validate("production", { domain: { zoneName: zone, subdomain: subdomain(65 - 12) } }),
      /decision-control:domain: ".+" \(subdomain \+ "\." \+ zoneName\) has 65 characters; .*limited to 64/,
    );
  });
});

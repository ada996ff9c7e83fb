/**
 * Names over a stack's life: what a teardown keeps is named per creation, so a stack
 * re-created under the same label never meets it; stacks created before keep their fixed names;
 * every consumer reads the real names; and a renamed stack that pins its old name as `stackLabel`
 * registers exactly what it registered before.
 */
import { strict as assert } from "assert";
import {
  APP_LOG_GROUPS,
  creationTag,
  isAppLogGroupName,
  stackPrefix,
} from "../../components/shared/names";
import { PREFIXED_UNIQUE_ID_SUFFIX } from "../../tools/simulate/mocks";
import { CONSTRAINTS } from "../aws-constraints/table";
import {
  ProgramRun,
  RegisteredResource,
  runProgram,
  runProgramOnce,
  StackName,
} from "../harness/program";

const PROJECT = "decision-control";
const T = {
  key: "aws:kms/key:Key",
  alias: "aws:kms/alias:Alias",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  metricFilter: "aws:cloudwatch/logMetricFilter:LogMetricFilter",
  trail: "aws:cloudtrail/trail:Trail",
  flowLog: "aws:ec2/flowLog:FlowLog",
  database: "aws:rds/instance:Instance",
  bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
  launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
  instance: "aws:ec2/instance:Instance",
  provider: "pulumi:providers:aws",
} as const;

const ok = (run: ProgramRun): ProgramRun => {
  assert.equal(run.error, undefined, run.error?.message);
  return run;
};
const describeResource = (resource: RegisteredResource): string =>
  `${resource.type} ${resource.name}`;
const stateName = (resource: RegisteredResource): string => String(resource.state.name);
const logGroup = (run: ProgramRun, stack: StackName, name: string): RegisteredResource =>
  run.get(T.logGroup, `decision-control-${stack}-${name}`);
/** This creation's tag: the first characters of the stack key's ID (components/shared/names.ts). */
const tagOf = (run: ProgramRun): string => creationTag(String(run.ofType(T.key)[0].state.keyId));

/**
 * How the resource's physical name comes about at create, for each name property the constraints
 * table knows for its type: `fixed` is a name the next creation would register again.
 */
function namingOf(run: ProgramRun, resource: RegisteredResource): string[] {
  return (CONSTRAINTS[resource.type]?.names ?? []).map((check) => {
    const explicit = resource.inputs[check.property];
    if (typeof explicit === "string") {
      return explicit.includes(`-${tagOf(run)}`)
        ? `${check.property}: per creation (the stack key's tag)`
        : `${check.property}: fixed "${explicit}"`;
    }
    if (check.prefixProperty && typeof resource.inputs[check.prefixProperty] === "string") {
      return `${check.property}: per creation (${check.prefixProperty} + the provider's suffix)`;
    }
    return check.autoname
      ? `${check.property}: per creation (autonamed)`
      : `${check.property}: assigned by AWS`;
  });
}

/**
 * The engine's `processIgnoreChanges` (pulumi/pulumi pkg/resource/deploy/step_generator.go) for
 * top-level properties: an ignored property takes its old value, or is dropped if it had none.
 */
function withIgnoredChanges(
  inputs: Record<string, unknown>,
  oldInputs: Record<string, unknown>,
  ignoreChanges: readonly string[],
): Record<string, unknown> {
  const result = { ...inputs };
  for (const property of ignoreChanges) {
    if (property in oldInputs) {
      result[property] = oldInputs[property];
    } else {
      delete result[property];
    }
  }
  return result;
}

for (const stack of ["sandbox", "production"] as const) {
  describe(`names over a stack's life (${stack})`, () => {
    let run: ProgramRun;
    before(async () => {
      run = ok(await runProgramOnce(stack));
    });

    it("CMP-3: nothing a teardown keeps has a name the next creation would register again (no ResourceAlreadyExists, AlreadyExists)", () => {
      const kept = run.resources.filter((resource) => resource.retainOnDelete);
      assert.ok(kept.length > 10, `${kept.length} kept resources`);
      const fixed = kept.flatMap((resource) =>
        namingOf(run, resource)
          .filter((naming) => naming.includes(": fixed"))
          .map((naming) => `${describeResource(resource)}: ${naming}`),
      );
      assert.deepEqual(fixed, []);
    });

    it("CMP-3: each kept log group and the key alias get their name per creation, and how is deliberate", () => {
      const prefix = stackPrefix(PROJECT, stack);
      const named = run.resources
        .filter(
          (resource) =>
            resource.retainOnDelete && [T.logGroup, T.alias].includes(resource.type as never),
        )
        .map((resource) => [resource.name, ...namingOf(run, resource)]);
      assert.deepEqual(named.sort(), [
        [`${prefix}-audit-trail-logs`, "name: per creation (namePrefix + the provider's suffix)"],
        [`${prefix}-db-postgresql-log`, "name: per creation (the stack key's tag)"],
        [`${prefix}-db-upgrade-log`, "name: per creation (the stack key's tag)"],
        [`${prefix}-kms-alias`, "name: per creation (namePrefix + the provider's suffix)"],
        [`${prefix}-logs-application`, "name: per creation (namePrefix + the provider's suffix)"],
        [`${prefix}-logs-system`, "name: per creation (namePrefix + the provider's suffix)"],
        [`${prefix}-net-flow-logs`, "name: per creation (namePrefix + the provider's suffix)"],
      ]);
    });

    it("MON-2: the app groups keep the vendor's names as the start of theirs, then the stack prefix", () => {
      for (const kind of Object.keys(APP_LOG_GROUPS) as (keyof typeof APP_LOG_GROUPS)[]) {
        const name = stateName(logGroup(run, stack, `logs-${kind}`));
        assert.equal(
          name,
          `${APP_LOG_GROUPS[kind]}/${stackPrefix(PROJECT, stack)}-${PREFIXED_UNIQUE_ID_SUFFIX}`,
        );
        assert.ok(isAppLogGroupName(kind, name));
      }
    });

    it("DATA-3/MON-2: the RDS export groups are the ones RDS writes to: /aws/rds/instance/<identifier>/<log>, identifier tagged per creation", () => {
      const database = run.ofType(T.database)[0];
      const identifier = String(database.state.identifier);
      assert.equal(identifier, `${stackPrefix(PROJECT, stack)}-${tagOf(run)}`);
      for (const log of ["postgresql", "upgrade"]) {
        assert.equal(
          stateName(logGroup(run, stack, `db-${log}-log`)),
          `/aws/rds/instance/${identifier}/${log}`,
        );
      }
      assert.deepEqual(run.outputs.databaseLogGroupNames, [
        `/aws/rds/instance/${identifier}/postgresql`,
        `/aws/rds/instance/${identifier}/upgrade`,
      ]);
    });

    it("day 2: a stack created with fixed names keeps them (ignoreChanges): the update plans no name change, so no protected resource is replaced", () => {
      const prefix = stackPrefix(PROJECT, stack);
      const before: [string, string, Record<string, string>][] = [
        [T.logGroup, "logs-application", { name: "/aletyx/application" }],
        [T.logGroup, "logs-system", { name: "/aletyx/system" }],
        [T.logGroup, "net-flow-logs", { name: `/aws/vpc/flowlogs/${prefix}` }],
        [T.logGroup, "audit-trail-logs", { name: `/aws/cloudtrail/${prefix}` }],
        [T.logGroup, "db-postgresql-log", { name: `/aws/rds/instance/${prefix}/postgresql` }],
        [T.logGroup, "db-upgrade-log", { name: `/aws/rds/instance/${prefix}/upgrade` }],
        [T.alias, "kms-alias", { name: `alias/${prefix}` }],
        [T.database, "db-instance", { identifier: prefix }],
      ];
      for (const [type, name, oldNames] of before) {
        const resource = run.get(type, `${prefix}-${name}`);
        const oldInputs = { ...resource.inputs, ...oldNames };
        delete oldInputs.namePrefix;
        const planned = withIgnoredChanges(resource.inputs, oldInputs, resource.ignoreChanges);
        for (const property of ["name", "namePrefix", "identifier"]) {
          assert.deepEqual(
            planned[property],
            oldInputs[property],
            `${describeResource(resource)}: ${property} unchanged on update`,
          );
        }
      }
    });

    it("day 2: the database's descriptions and Name tag keep the label-derived prefix (a parameter-group description change would replace the group)", () => {
      const prefix = stackPrefix(PROJECT, stack);
      for (const [type, name] of [
        ["aws:rds/parameterGroup:ParameterGroup", "db-params"],
        ["aws:rds/subnetGroup:SubnetGroup", "db-subnets"],
        ["aws:iam/role:Role", "db-monitoring"],
      ]) {
        assert.ok(
          String(run.get(type, `${prefix}-${name}`).inputs.description).startsWith(`${prefix}: `),
          name,
        );
      }
      assert.deepEqual(run.ofType(T.database)[0].inputs.tags, { Name: prefix });
    });

    it("MON-2/IAM-2: every consumer gets the app groups' real names and ARNs (log driver, agent, metric filter, host role, export grant, outputs)", () => {
      const application = logGroup(run, stack, "logs-application");
      const system = logGroup(run, stack, "logs-system");
      const userData =
        stack === "production"
          ? Buffer.from(String(run.ofType(T.launchTemplate)[0].inputs.userData), "base64").toString(
              "utf8",
            )
          : String(run.ofType(T.instance)[0].inputs.userData);
      assert.ok(userData.includes(`awslogs-group=${stateName(application)}`), "awslogs driver");
      // The agent's config is one JSON line (user data is near its 16 KB limit).
      assert.ok(
        userData.includes(JSON.stringify({ log_group_name: stateName(system) }).slice(1, -1)),
        "CloudWatch agent",
      );
      assert.ok(!/awslogs-group=\/aletyx\/application(\s|$)/m.test(userData), "no fixed name left");

      const filter = run
        .ofType(T.metricFilter)
        .find((candidate) => candidate.name.endsWith("-mon-failed-logins"));
      assert.equal(filter?.inputs.logGroupName, stateName(application), "failed-login filter");

      const exportGrant = JSON.parse(
        String(
          run.resources.find(
            (resource) =>
              resource.type === T.bucketPolicy && resource.name.endsWith("-audit-bucket-policy"),
          )?.inputs.policy,
        ),
      ) as { Statement: { Sid: string; Condition?: { ArnLike?: Record<string, string[]> } }[] };
      const sources = exportGrant.Statement.find((each) => each.Sid === "LogsExportWrite")
        ?.Condition?.ArnLike?.["aws:SourceArn"];
      assert.deepEqual(
        sources,
        [application, system].flatMap((group) => [
          String(group.state.arn),
          `${String(group.state.arn)}:*`,
        ]),
        "the audit bucket admits exports of exactly these groups",
      );

      assert.equal(run.outputs.applicationLogGroupName, stateName(application));
      assert.equal(run.outputs.systemLogGroupName, stateName(system));
    });

    it("NET-3/IAM-3/DATA-2: the flow log, the trail, its CIS filters and the outputs use the real names of their groups and of the alias", () => {
      const flowLogs = logGroup(run, stack, "net-flow-logs");
      assert.equal(run.ofType(T.flowLog)[0].inputs.logDestination, flowLogs.state.arn);
      assert.equal(run.outputs.flowLogGroupName, stateName(flowLogs));

      const trailLogs = logGroup(run, stack, "audit-trail-logs");
      assert.equal(
        run.ofType(T.trail)[0].inputs.cloudWatchLogsGroupArn,
        `${String(trailLogs.state.arn)}:*`,
      );
      const cisFilters = run
        .ofType(T.metricFilter)
        .filter((filter) => filter.name.startsWith(`decision-control-${stack}-audit-`));
      assert.ok(cisFilters.length >= 5, `${cisFilters.length} CIS filters`);
      for (const filter of cisFilters) {
        assert.equal(filter.inputs.logGroupName, stateName(trailLogs), filter.name);
      }
      assert.equal(run.outputs.trailLogGroupName, stateName(trailLogs));

      assert.equal(run.outputs.kmsKeyAlias, stateName(run.ofType(T.alias)[0]));
      assert.match(
        String(run.outputs.kmsKeyAlias),
        new RegExp(`^alias/${stackPrefix(PROJECT, stack)}-\\d{26}$`),
      );
    });
  });
}

describe("renaming a stack: stackLabel pins the old name", () => {
  /** Every registered resource as type, logical name and inputs; the creation time is per run. */
  const registered = (run: ProgramRun): [string, Record<string, unknown>][] =>
    run.resources
      .map((resource): [string, Record<string, unknown>] => {
        const inputs: Record<string, unknown> = { ...resource.inputs };
        delete inputs.finalSnapshotIdentifier;
        return [`${resource.type}::${resource.name}`, inputs];
      })
      .sort(([a], [b]) => a.localeCompare(b));

  let original: ProgramRun;
  before(async () => {
    original = ok(await runProgramOnce("production"));
  });

  it("a run as stack prod-eu with stackLabel: production registers exactly the same logical names, name inputs, tags and every other input as stack production", async () => {
    const renamed = ok(
      await runProgram("production", { stackLabel: "production" }, { stackName: "prod-eu" }),
    );
    const [before, after] = [registered(original), registered(renamed)];
    assert.deepEqual(
      after.map(([name]) => name),
      before.map(([name]) => name),
    );
    assert.deepEqual(after, before);
    // Provider config reaches the engine JSON-encoded.
    const defaultTags = JSON.parse(String(renamed.ofType(T.provider)[0].inputs.defaultTags)) as {
      tags: Record<string, string>;
    };
    assert.equal(defaultTags.tags.Stack, "production", "the Stack tag keeps the label");
  });

  it("without the pin the same rename changes every logical name (what stackLabel prevents)", async () => {
    const renamed = ok(await runProgram("production", {}, { stackName: "prod-eu" }));
    const before = new Set(registered(original).map(([name]) => name));
    const unchanged = registered(renamed).filter(
      ([name]) => before.has(name) && !name.startsWith("pulumi:providers:"),
    );
    assert.deepEqual(
      unchanged.map(([name]) => name),
      [],
    );
  });
});

describe("components/shared/names.ts: per-creation helpers", () => {
  it("creationTag takes the first 8 letters and digits of a KMS key ID and refuses anything shorter", () => {
    assert.equal(creationTag("1234ABCD-12ab-34cd-56ef-1234567890ab"), "1234abcd");
    assert.throws(() => creationTag("1234-abc"), /fewer than 8 letters and digits/);
  });

  it("MON-2: an app log group is the vendor's name or one it prefixes with a slash, nothing else", () => {
    assert.ok(isAppLogGroupName("application", "/aletyx/application"));
    assert.ok(
      isAppLogGroupName("application", "/aletyx/application/dc-prod-20260101000000000000000001"),
    );
    assert.ok(!isAppLogGroupName("application", "/aletyx/applications"));
    assert.ok(
      !isAppLogGroupName("application", "/aletyx/system/dc-prod-20260101000000000000000001"),
    );
  });
});

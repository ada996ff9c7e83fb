import { strict as assert } from "assert";
import { ConfigError } from "../../../config/validate";
import { CHECKLIST } from "../../../tools/checklist/items";
import { render } from "../../../tools/checklist/render";
import { buildReport, gatherEach } from "../../../tools/checklist/report";
import { list, ResourceView, T } from "../../../tools/checklist/resources";
import {
  checklistFromResources,
  runChecklist,
  settingsFor,
  toResourceViews,
} from "../../../tools/checklist/run";
import { Report, reportJsonSchema, reportSchema, Status } from "../../../tools/checklist/schema";
import { applyOverrides, runProgramOnce, stackConfig, StackName } from "../../harness/program";
import { main } from "../../../tools/checklist/cli";

interface Baseline {
  readonly stack: StackName;
  readonly resources: ResourceView[];
  readonly report: Report;
}

async function baseline(stack: StackName): Promise<Baseline> {
  const run = await runProgramOnce(stack);
  assert.equal(run.error, undefined, run.error?.message);
  const resources = toResourceViews(run);
  return { stack, resources, report: check(stack, resources) };
}

function check(stack: StackName, resources: readonly ResourceView[]): Report {
  return checklistFromResources({
    stack,
    settings: settingsFor(stack, stackConfig(stack)),
    resources,
  });
}

/** A copy of the resources with one resource's props changed (the single-property mutation). */
function mutate(
  resources: readonly ResourceView[],
  type: string,
  change: (props: Record<string, unknown>) => Record<string, unknown>,
): ResourceView[] {
  let changed = 0;
  const result = resources.map((resource) => {
    if (resource.type !== type) {
      return resource;
    }
    changed++;
    return { ...resource, props: change({ ...resource.props }) };
  });
  assert.ok(changed > 0, `no ${type} to mutate`);
  return result;
}

function statuses(report: Report): Record<number, Status> {
  return Object.fromEntries(report.items.map((item) => [item.number, item.status]));
}

/** The items whose status differs between two reports. */
function changedItems(before: Report, after: Report): number[] {
  const old = statuses(before);
  return after.items.filter((item) => item.status !== old[item.number]).map((item) => item.number);
}

function item(report: Report, number: number): Report["items"][number] {
  return report.items[number - 1];
}

describe("checklist under mocks", () => {
  let sandbox: Baseline;
  let production: Baseline;
  before(async () => {
    sandbox = await baseline("sandbox");
    production = await baseline("production");
  });

  for (const stack of ["sandbox", "production"] as const) {
    it(`every item of the guide's checklist PASSes for the ${stack} stack, with no mandatory violation or policy error`, () => {
      const { report } = stack === "sandbox" ? sandbox : production;
      const notPassing = report.items
        .filter((result) => result.status !== "PASS")
        .map(
          (result) =>
            `${result.number} ${result.status}: ${[...result.missing, ...result.violations.map((v) => v.message), ...result.errors.map((e) => e.error)].join("; ")}`,
        );
      assert.deepEqual(notPassing, []);
      assert.deepEqual(report.otherViolations, []);
      assert.deepEqual(report.policyErrors, []);
      assert.equal(report.ok, true);
    });
  }

  it("maps the 16 items to the control catalogue's controls", () => {
    assert.equal(CHECKLIST.length, 16);
    assert.deepEqual(
      CHECKLIST.map((entry) => entry.number),
      Array.from({ length: 16 }, (_, i) => i + 1),
    );
    assert.deepEqual(item(production.report, 11).controls, ["NET-4", "NET-5"]);
    assert.deepEqual(item(production.report, 15).controls, ["APP-3", "APP-4"]);
    assert.deepEqual(item(production.report, 16).controls, ["IR-1", "IR-2", "IR-3"]);
  });

  it("ACC-1: a publicly accessible database turns item 12 (RDS not publicly accessible) to FAIL, and only it", () => {
    const report = check(
      "production",
      mutate(production.resources, T.dbInstance, (props) => ({
        ...props,
        publiclyAccessible: true,
      })),
    );
    assert.equal(item(report, 12).status, "FAIL");
    assert.ok(
      item(report, 12).violations.some((v) => v.policyName === "rds-not-publicly-accessible"),
      "the pack's rds-not-publicly-accessible blocks it",
    );
    assert.ok(item(report, 12).missing.some((text) => text.includes("publiclyAccessible")));
    assert.deepEqual(
      changedItems(production.report, report).filter((n) => n !== 12),
      [],
    );
    assert.equal(report.ok, false);
  });

  it("NET-5, ACC-2: port 22 open to the internet turns items 1, 11 and 14 to FAIL", () => {
    const appGroup = production.resources.find(
      (r) =>
        r.type === T.securityGroup &&
        r.props.tags &&
        (r.props.tags as Record<string, string>).Tier === "app",
    );
    assert.ok(appGroup);
    const ssh: ResourceView = {
      type: T.ingressRule,
      name: "ssh-from-anywhere",
      urn: "urn:pulumi:production::decision-control::aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule::ssh-from-anywhere",
      custom: true,
      props: {
        securityGroupId: `${appGroup.name}-id`,
        ipProtocol: "tcp",
        fromPort: 22,
        toPort: 22,
        cidrIpv4: "0.0.0.0/0",
      },
    };
    const report = check("production", [...production.resources, ssh]);
    for (const number of [1, 11, 14]) {
      assert.equal(item(report, number).status, "FAIL", `item ${number}`);
    }
    assert.ok(
      item(report, 11).violations.some((v) => v.policyName === "sg-no-admin-ports-from-internet"),
    );
    assert.ok(
      item(report, 14).missing.some((text) => text.includes("port 22 open while SSH is disabled")),
    );
    assert.deepEqual(
      changedItems(production.report, report).filter((n) => ![1, 11, 14].includes(n)),
      [],
    );
  });

  it("NET-5, ACC-2: port 22 from the internet is judged alike however the rule is written (inline, default group, ec2 rule, vpc rule)", () => {
    const appGroup = production.resources.find(
      (r) => r.type === T.securityGroup && (r.props.tags as Record<string, string>)?.Tier === "app",
    );
    assert.ok(appGroup);
    const groupId = `${appGroup.name}-id`;
    const withInline = (target: ResourceView, block: Record<string, unknown>): ResourceView[] =>
      production.resources.map((r) =>
        r === target
          ? { ...r, props: { ...r.props, ingress: [...list(r.props.ingress), block] } }
          : r,
      );
    const added = (type: string, props: Record<string, unknown>): ResourceView[] => [
      ...production.resources,
      {
        type,
        name: "ssh-from-anywhere",
        urn: `urn:${type}::ssh-from-anywhere`,
        custom: true,
        props,
      },
    ];
    const defaultGroup = production.resources.find((r) => r.type === T.defaultSecurityGroup);
    assert.ok(defaultGroup);
    // Each spelling names the protocol its own way; the pack reads them all as TCP 22.
    const spellings: Record<string, ResourceView[]> = {
      "ec2.SecurityGroup ingress": withInline(appGroup, {
        protocol: "tcp",
        fromPort: 22,
        toPort: 22,
        cidrBlocks: ["0.0.0.0/0"],
      }),
      "ec2.DefaultSecurityGroup ingress": withInline(defaultGroup, {
        protocol: "6",
        fromPort: "22",
        toPort: "22",
        cidrBlocks: ["0.0.0.0/0"],
      }),
      "ec2.SecurityGroupRule": added(T.securityGroupRule, {
        type: "ingress",
        securityGroupId: groupId,
        protocol: "TCP",
        fromPort: 22,
        toPort: 22,
        cidrBlocks: ["0.0.0.0/0"],
      }),
      "vpc.SecurityGroupIngressRule": added(T.ingressRule, {
        securityGroupId: groupId,
        ipProtocol: 6,
        fromPort: 22,
        toPort: 22,
        cidrIpv4: "0.0.0.0/0",
      }),
    };
    // Per item, the text of its finding about the rule (after the resource that wrote it).
    const expected: Record<number, string> = {
      1: "tcp 22 from 0.0.0.0/0: the internet may reach port 80 only",
      11: "tcp 22 from 0.0.0.0/0: the internet may reach port 80 only",
      14: "tcp 22 from 0.0.0.0/0: port 22 open while SSH is disabled",
    };
    for (const [spelling, resources] of Object.entries(spellings)) {
      const report = check("production", resources);
      for (const [number, text] of Object.entries(expected)) {
        const found = item(report, Number(number));
        assert.equal(found.status, "FAIL", `${spelling}, item ${number}`);
        assert.deepEqual(
          found.missing
            .filter((line) => line.includes("0.0.0.0/0"))
            .map((line) => line.endsWith(text)),
          [true],
          `${spelling}, item ${number}: ${found.missing.join("; ")}`,
        );
      }
    }
  });

  it("NET-1: an internet-facing ALB for the private 10.0.0.0/8 (unreachable) turns item 1 to FAIL, and only it", () => {
    assert.ok(
      item(production.report, 1).evidence.some((evidence) => /internal ALB/.test(evidence.text)),
      "the shipped production stack states its internal ALB",
    );
    const report = check(
      "production",
      mutate(production.resources, T.loadBalancer, (props) => ({ ...props, internal: false })),
    );
    assert.equal(item(report, 1).status, "FAIL");
    assert.ok(item(report, 1).missing.some((text) => /can reach only an internal one/.test(text)));
    assert.deepEqual(changedItems(production.report, report), [1]);
  });

  it("DATA-3: automated backups of 1 day turn item 7 (automated backups) to FAIL", () => {
    const report = check(
      "production",
      mutate(production.resources, T.dbInstance, (props) => ({
        ...props,
        backupRetentionPeriod: 1,
      })),
    );
    assert.equal(item(report, 7).status, "FAIL");
    assert.ok(item(report, 7).violations.some((v) => v.policyName === "rds-backup-retention"));
    assert.ok(
      item(report, 7).missing.some((text) => text.includes("backupRetentionPeriod = 1 days")),
    );
    assert.deepEqual(
      changedItems(production.report, report).filter((n) => n !== 7),
      [],
    );
  });

  it("MON-1: a failed-login filter on the system log instead of the application log (named per creation) turns item 8 to FAIL, and only it", () => {
    const system = production.resources.find(
      (resource) => resource.type === T.logGroup && resource.name.endsWith("-logs-system"),
    );
    assert.ok(system?.physicalName, "the system group has its per-creation name");
    const report = check(
      "production",
      production.resources.map((resource) =>
        resource.type === T.logMetricFilter && resource.name.endsWith("-mon-failed-logins")
          ? { ...resource, props: { ...resource.props, logGroupName: system.physicalName } }
          : resource,
      ),
    );
    assert.equal(item(report, 8).status, "FAIL");
    assert.ok(
      item(report, 8).missing.includes(
        "no alarm on a failed-login metric filter of the application log",
      ),
    );
    assert.deepEqual(changedItems(production.report, report), [8]);
  });

  it("IAM-3: a stack without a CloudTrail trail fails item 9 (CloudTrail logging enabled)", () => {
    const report = check(
      "sandbox",
      sandbox.resources.filter((r) => r.type !== T.trail),
    );
    assert.equal(item(report, 9).status, "FAIL");
    assert.ok(item(report, 9).missing.includes("no CloudTrail trail in the stack"));
    assert.ok(item(report, 9).violations.some((v) => v.policyName === "stack-has-cloudtrail"));
  });

  it("DATA-2: unencrypted RDS storage turns item 5 to FAIL", () => {
    const report = check(
      "sandbox",
      mutate(sandbox.resources, T.dbInstance, (props) => ({ ...props, storageEncrypted: false })),
    );
    assert.equal(item(report, 5).status, "FAIL");
    assert.ok(item(report, 5).violations.some((v) => v.policyName === "rds-storage-encrypted"));
  });

  it("DATA-4: production without Multi-AZ fails item 6, the sandbox only gets an advisory", () => {
    const report = check(
      "production",
      mutate(production.resources, T.dbInstance, (props) => ({ ...props, multiAz: false })),
    );
    assert.equal(item(report, 6).status, "FAIL");
    assert.ok(item(sandbox.report, 6).advisories.some((v) => v.policyName === "rds-multi-az"));
    assert.notEqual(item(sandbox.report, 6).status, "FAIL");
  });

  it("a crashed policy makes its items ERROR, never PASS, and the run not ok", () => {
    const { evidence } = gatherEach(
      Object.fromEntries(
        CHECKLIST.map((entry) => [
          entry.number,
          () => ({ evidence: [{ text: "present" }], missing: [] }),
        ]),
      ),
      undefined,
    );
    const report = buildReport({
      stack: "sandbox",
      edition: "sandbox",
      mode: "mocks",
      evidence,
      verdict: {
        violations: [],
        errors: [
          {
            policyName: "rds-storage-encrypted",
            error: "TypeError: boom",
            controlIds: ["DATA-2", "CMP-2"],
          },
        ],
      },
    });
    assert.equal(item(report, 5).status, "ERROR");
    assert.equal(report.items.filter((result) => result.status === "PASS").length, 15);
    assert.equal(report.ok, false);
    assert.equal(report.policyErrors.length, 1);
  });

  it("a crashed evidence check makes its item ERROR", () => {
    const gatherers = Object.fromEntries(
      CHECKLIST.map((entry) => [
        entry.number,
        () => {
          if (entry.number === 3) {
            throw new Error("cannot read");
          }
          return { evidence: [{ text: "present" }], missing: [] };
        },
      ]),
    );
    const { evidence, checkErrors } = gatherEach(gatherers, undefined);
    const report = buildReport({
      stack: "sandbox",
      edition: "sandbox",
      mode: "mocks",
      evidence,
      checkErrors,
    });
    assert.equal(item(report, 3).status, "ERROR");
    assert.equal(report.ok, false);
  });

  it("an item without any evidence FAILs rather than PASSes", () => {
    const report = buildReport({
      stack: "sandbox",
      edition: "sandbox",
      mode: "mocks",
      evidence: new Map(),
    });
    assert.ok(
      report.items.every(
        (result) => result.status === "FAIL" && result.missing.includes("no evidence found"),
      ),
    );
  });

  it("the JSON output validates against the documented schema", () => {
    for (const { report } of [sandbox, production]) {
      const parsed = reportSchema.safeParse(JSON.parse(render(report, "json")));
      assert.ok(parsed.success, parsed.success ? "" : parsed.error.message);
    }
    const jsonSchema = reportJsonSchema();
    assert.deepEqual(
      (jsonSchema.required as string[]).sort(),
      [
        "edition",
        "generatedAt",
        "items",
        "mode",
        "ok",
        "otherViolations",
        "policyErrors",
        "schemaVersion",
        "stack",
        "totals",
      ].sort(),
    );
    assert.equal(
      reportSchema.safeParse({ ...production.report, items: production.report.items.slice(1) })
        .success,
      false,
      "16 items exactly",
    );
  });

  it("markdown has the checklist table, the resource summary and a Mermaid diagram with ports", () => {
    const markdown = render(production.report, "markdown");
    assert.match(markdown, /\| 12 \| RDS not publicly accessible \| ACC-1 \|/);
    assert.match(markdown, /```mermaid\nflowchart LR/);
    assert.match(
      markdown,
      /Judged by the program under mocks \+ policy pack \(`policy-pack\/config\/production\.json`\)/,
    );
    const diagram = production.report.diagram ?? "";
    assert.match(diagram, /trusted -->\|"tcp 443"\| sg_/, "HTTPS from the trusted CIDR");
    assert.match(diagram, /-->\|"tcp 5432"\| sg_\w*database/, "PostgreSQL into the database tier");
    assert.match(diagram, /subgraph tier_isolated/);
    assert.equal(
      production.report.resources?.total,
      production.resources.filter((r) => r.custom).length,
    );
  });

  it("text output names every item with its status and ends with the verdict", () => {
    const text = render(sandbox.report, "text");
    for (const entry of CHECKLIST) {
      assert.match(text, new RegExp(`\\[(PASS|FAIL|ERROR)\\]\\s+${entry.number}\\. `));
    }
    assert.match(text.trim().split("\n").pop() ?? "", /^(PASS|FAIL): \d+ passed/);
  });

  it("NET-1: a config error is reported as such (ConfigError), before any resource is evaluated", async () => {
    await assert.rejects(
      runChecklist("sandbox", { allowedCidr: "0.0.0.0/0" }),
      (error: unknown) =>
        error instanceof ConfigError && /decision-control:allowedCidr/.test(error.message),
    );
    assert.throws(
      () => settingsFor("sandbox", applyOverrides(stackConfig("sandbox"), { edition: "staging" })),
      ConfigError,
    );
  });

  it("the CLI rejects bad usage with exit code 2 and a usage line", async () => {
    let err = "";
    assert.equal(
      await main(
        ["--stack", "staging"],
        () => undefined,
        (text) => (err += text),
      ),
      2,
    );
    assert.match(err, /No stack file Pulumi\.staging\.yaml for stack "staging"/);
    err = "";
    assert.equal(
      await main(
        ["--stack", "prod eu"],
        () => undefined,
        (text) => (err += text),
      ),
      2,
    );
    assert.match(err, /"prod eu" is not a Pulumi stack name[\s\S]*usage: npm run checklist/);
    assert.equal(
      await main(
        ["--stack", "sandbox", "--format", "yaml"],
        () => undefined,
        () => undefined,
      ),
      2,
    );
    let out = "";
    assert.equal(await main(["--schema"], (text) => (out += text)), 0);
    assert.equal(
      (JSON.parse(out) as { $schema: string }).$schema,
      "https://json-schema.org/draft/2020-12/schema",
    );
  });

  it("DATA-4: an invalid config (production without Multi-AZ) is a ConfigError; a live run without readable outputs exits non-zero", async () => {
    let err = "";
    await assert.rejects(
      runChecklist("production", { database: { multiAz: false } }),
      (error: unknown) =>
        error instanceof ConfigError && /decision-control:database.multiAz/.test(error.message),
    );
    assert.equal(
      await main(
        ["--stack", "sandbox", "--live", "--outputs", "/nonexistent.json"],
        () => undefined,
        (text) => (err += text),
      ),
      1,
    );
    assert.match(err, /nonexistent/);
  });
});

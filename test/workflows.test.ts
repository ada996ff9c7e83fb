/**
 * The CI workflows cannot run here, so their contract is asserted on the files: they validate
 * against GitHub's workflow schema; OIDC permissions, pinned action majors, a supported Node LTS;
 * the stacks come from the stack files and each is judged with its edition's pack profile; and the
 * scripts inside them (the PR comment, drift detection, the drift issue) run here against fakes.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as semver from "semver";
import { EDITION_NAMES, ROOT } from "../tools/stacks/stack-files";
import {
  FakeGitHub,
  Job,
  load,
  runBashStep,
  runGithubScript,
  ScriptContext,
  SETUP_ACTION,
  setupAction,
  Step,
  step,
  stepsOf,
  validators,
  Workflow,
  workflowFiles,
} from "./ci/workflow-files";

/** Current majors, checked against each action's own releases/README (see docs/delivery.md). */
const PINNED: Record<string, string> = {
  "actions/checkout": "v6",
  "actions/setup-node": "v6",
  "actions/github-script": "v8",
  "pulumi/actions": "v7",
  "aws-actions/configure-aws-credentials": "v6",
};
const LOCAL = ["./.github/actions/setup", "./.github/workflows/stacks.yml"];

/** Node release lines still supported by the Node.js project (20 reached end of life 2026-04-30). */
const SUPPORTED_NODE_LTS = [22, 24];

const CONTEXT: ScriptContext = {
  repo: { owner: "acme", repo: "decision-control" },
  issue: { number: 7 },
  serverUrl: "https://github.com",
  runId: 4242,
};

function pulumiSteps(job: Job): Step[] {
  return (job.steps ?? []).filter(
    (candidate) => candidate.uses?.startsWith("pulumi/actions@") && candidate.with?.command,
  );
}

function script(candidate: Step): string {
  assert.ok(candidate.uses?.startsWith("actions/github-script@"), candidate.name);
  return String(candidate.with?.script);
}

/** The job's matrix is the discovered list named `output` of stacks.yml, never a literal. */
function assertDiscoveredMatrix(job: Job, output: string): void {
  assert.deepEqual(job.strategy?.matrix, {
    include: `\${{ fromJSON(needs.stacks.outputs.${output}) }}`,
  });
  assert.ok([job.needs].flat().includes("stacks"), "needs the stacks job");
}

describe("CI workflows", () => {
  const files = workflowFiles();

  it("the workflow set: preview, deploy, drift, policy-publish and the reusable stacks discovery", () => {
    assert.deepEqual(files, [
      "deploy.yml",
      "drift.yml",
      "policy-publish.yml",
      "preview.yml",
      "stacks.yml",
    ]);
  });

  it("every workflow validates against GitHub's workflow schema, the setup action against the action schema", () => {
    const validate = validators();
    for (const file of files) {
      assert.deepEqual(validate.workflow(load(file)), [], file);
    }
    assert.deepEqual(validate.action(setupAction()), [], SETUP_ACTION);
  });

  it("the schema check can fail: a misspelt key, a bad trigger or a step without uses/run is refused", () => {
    const validate = validators();
    const preview = load("preview.yml");
    const broken = (change: (workflow: Workflow) => void): Workflow => {
      const copy = structuredClone(preview);
      change(copy);
      return copy;
    };
    assert.notDeepEqual(
      validate.workflow(
        broken((w) => {
          const job = w.jobs.checks as Job & Record<string, unknown>;
          job["runs_on"] = job["runs-on"];
          delete job["runs-on"];
        }),
      ),
      [],
    );
    assert.notDeepEqual(validate.workflow(broken((w) => (w.on = { pull_requests: {} }))), []);
    assert.notDeepEqual(
      validate.workflow(broken((w) => (w.jobs.checks.steps ?? []).push({ name: "nothing" }))),
      [],
    );
    assert.notDeepEqual(validate.action({ runs: { using: "composite" } }), []);
  });

  for (const file of files) {
    it(`${file}: every action is pinned to its current major or is this repository's own, none to a branch`, () => {
      const uses = [
        ...stepsOf(load(file)).map((candidate) => candidate.uses),
        ...Object.values(load(file).jobs).map((job) => job.uses),
      ].filter((value): value is string => value !== undefined);
      for (const ref of uses) {
        if (LOCAL.includes(ref)) {
          continue;
        }
        const [action, version] = ref.split("@");
        assert.ok(PINNED[action], `${file}: unexpected action ${action}`);
        assert.equal(version, PINNED[action], `${file}: ${ref}`);
      }
    });

    it(`${file}: no long-lived AWS keys; every job that runs Pulumi takes its token from a secret`, () => {
      const text = fs.readFileSync(path.join(ROOT, ".github", "workflows", file), "utf8");
      assert.doesNotMatch(text, /aws-access-key-id|aws-secret-access-key|AWS_SECRET_ACCESS_KEY/);
      for (const job of Object.values(load(file).jobs)) {
        if ((job.steps ?? []).some((candidate) => candidate.uses?.startsWith("pulumi/actions@"))) {
          assert.equal(job.env?.PULUMI_ACCESS_TOKEN, "${{ secrets.PULUMI_ACCESS_TOKEN }}");
        }
      }
    });

    it(`${file}: no expression spliced into a script (values reach run: and github-script through env)`, () => {
      for (const candidate of stepsOf(load(file))) {
        const body = candidate.run ?? (candidate.with?.script as string | undefined) ?? "";
        assert.doesNotMatch(body, /\$\{\{/, `${file}: ${candidate.name ?? body.slice(0, 60)}`);
      }
    });

    it(`${file}: Node comes from .github/actions/setup only, and every AWS role assumption is OIDC with a short session name`, () => {
      for (const candidate of stepsOf(load(file))) {
        assert.ok(!candidate.uses?.startsWith("actions/setup-node"), `${file} sets up Node itself`);
        if (candidate.uses?.startsWith("aws-actions/configure-aws-credentials")) {
          assert.match(
            String(candidate.with?.["role-to-assume"]),
            /^\$\{\{ vars\.AWS_\w+_ROLE_ARN \}\}$/,
          );
          assert.match(String(candidate.if), /^\$\{\{ vars\.AWS_\w+_ROLE_ARN != '' \}\}$/);
          assert.match(
            String(candidate.with?.["role-session-name"]),
            /^[a-z]{1,8}-\$\{\{ matrix\.session \}\}-\$\{\{ github\.run_id \}\}$/,
          );
          assert.equal(candidate.with?.["aws-region"], "${{ matrix.region || vars.AWS_REGION }}");
        }
      }
    });
  }

  it("runtime: the setup action runs a supported Node LTS with the npm cache; engines still admits Node 20.19+", () => {
    const action = setupAction();
    assert.equal(action.runs.using, "composite");
    const setupNode = action.runs.steps.find((candidate) =>
      candidate.uses?.startsWith("actions/setup-node@"),
    );
    assert.equal(setupNode?.uses, `actions/setup-node@${PINNED["actions/setup-node"]}`);
    assert.ok(
      SUPPORTED_NODE_LTS.includes(Number(setupNode?.with?.["node-version"])),
      `node-version ${String(setupNode?.with?.["node-version"])}`,
    );
    assert.equal(setupNode?.with?.cache, "npm");
    const engines = (
      JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
        engines: { node: string };
      }
    ).engines.node;
    for (const version of ["20.19.0", `${String(setupNode?.with?.["node-version"])}.0.0`]) {
      assert.ok(semver.satisfies(version, engines), `engines ${engines} refuses ${version}`);
    }
    assert.ok(!semver.satisfies("20.18.0", engines), "engines keeps the 20.19 floor");
    const runs = action.runs.steps.map((candidate) => candidate.run ?? "");
    assert.ok(runs.includes("npm ci --no-audit --no-fund"));
    assert.ok(runs.includes("npm ci --ignore-scripts --no-audit --no-fund"));
  });

  it("stacks.yml: discovers the stacks from the stack files and outputs all and one list per edition", () => {
    const workflow = load("stacks.yml");
    assert.ok("workflow_call" in workflow.on);
    assert.deepEqual(workflow.permissions, { contents: "read" });
    const outputs = (workflow.on.workflow_call as { outputs: Record<string, { value: string }> })
      .outputs;
    assert.deepEqual(Object.keys(outputs), ["all", ...EDITION_NAMES]);
    const discover = workflow.jobs.discover;
    for (const name of Object.keys(outputs)) {
      assert.equal(outputs[name].value, `\${{ jobs.discover.outputs.${name} }}`);
      assert.equal(discover.outputs?.[name], `\${{ steps.list.outputs.${name} }}`);
    }
    assert.match(
      String(step(discover, "list").run),
      /npx ts-node --swc scripts\/stacks\.ts --format github >> "\$GITHUB_OUTPUT"/,
    );
    assert.deepEqual(
      (discover.steps ?? []).find((candidate) => candidate.uses === "./.github/actions/setup")
        ?.with,
      { install: "tools" },
    );
  });

  it("no workflow names a stack or a pack profile: both come from the discovered matrix", () => {
    for (const file of files) {
      const text = fs.readFileSync(path.join(ROOT, ".github", "workflows", file), "utf8");
      assert.doesNotMatch(text, /policy-pack\/config\//, file);
      assert.doesNotMatch(text, /stack(-name)?: .*\/(sandbox|production)\b/, file);
    }
  });

  it("preview.yml: PRs get OIDC (id-token: write), read-only contents and PR comments", () => {
    const workflow = load("preview.yml");
    assert.ok("pull_request" in workflow.on);
    assert.deepEqual(workflow.permissions, {
      "id-token": "write",
      contents: "read",
      "pull-requests": "write",
    });
    assert.equal(workflow.jobs.stacks.uses, "./.github/workflows/stacks.yml");
    const checks = (workflow.jobs.checks.steps ?? []).map((s) => s.run ?? s.uses);
    assert.deepEqual(checks, [
      "actions/checkout@v6",
      "./.github/actions/setup",
      "npm run build",
      "npx tsc --noEmit -p tsconfig.check.json",
      "npm test",
    ]);
  });

  it("preview.yml: per discovered stack, the checklist, its PR comment, then pulumi preview with the edition's pack profile", () => {
    const job = load("preview.yml").jobs.preview;
    assertDiscoveredMatrix(job, "all");
    assert.deepEqual([job.needs].flat(), ["stacks", "checks"]);
    assert.equal(job.env?.STACK, "${{ matrix.stack }}");
    const order = (job.steps ?? []).map((s) => s.id ?? s.uses?.split("@")[0]);
    assert.deepEqual(order, [
      "actions/checkout",
      "./.github/actions/setup",
      "checklist",
      "actions/github-script",
      "aws-actions/configure-aws-credentials",
      "pulumi/actions",
    ]);
    assert.match(
      String(step(job, "checklist").run),
      /npm run --silent checklist -- --stack "\$STACK" --format markdown > checklist\.md/,
    );
    const [preview] = pulumiSteps(job);
    assert.equal(preview.with?.command, "preview");
    assert.equal(preview.with?.policyPacks, "policy-pack");
    assert.equal(preview.with?.policyPackConfigs, "${{ matrix.profile }}");
    assert.equal(preview.with?.["stack-name"], "${{ vars.PULUMI_ORG }}/${{ matrix.stack }}");
    assert.equal(preview.with?.["comment-on-pr"], true);
    assert.equal(preview.with?.["edit-pr-comment"], true);
  });

  it("preview.yml: the checklist step keeps the report when the checklist fails, and still fails the job", () => {
    const job = load("preview.yml").jobs.preview;
    const run = (exit: number) =>
      runBashStep(String(step(job, "checklist").run), {
        env: { STACK: "acme-prod-euw1" },
        commands: {
          npm: `echo "## Pre-production checklist: \\\`$6\\\`"; echo "args: $*" >&2; exit ${exit}`,
        },
      });
    const failed = run(1);
    assert.equal(failed.status, 1);
    assert.match(failed.files["checklist.md"], /## Pre-production checklist: `acme-prod-euw1`/);
    assert.match(failed.summary, /## Pre-production checklist: `acme-prod-euw1`/);
    assert.equal(run(0).status, 0);
    assert.equal(
      (job.steps ?? []).find((s) => s.uses?.startsWith("actions/github-script"))?.if,
      "${{ !cancelled() && steps.checklist.outcome != 'skipped' }}",
    );
  });

  it("preview.yml: the checklist comment is one per stack, edited in place on every push", async () => {
    const commentStep = (load("preview.yml").jobs.preview.steps ?? []).find((s) =>
      s.uses?.startsWith("actions/github-script"),
    ) as Step;
    const github = new FakeGitHub();
    const push = (stack: string, report: string) =>
      runGithubScript(script(commentStep), {
        github,
        context: CONTEXT,
        env: { STACK: stack, CHECKLIST_FILE: String(commentStep.env?.CHECKLIST_FILE) },
        files: { [String(commentStep.env?.CHECKLIST_FILE)]: report },
      });
    // A reviewer quoting the marker: never edited (and GitHub would refuse it anyway).
    await github.rest.issues.createComment({
      issue_number: 7,
      body: "<!-- decision-control-checklist: dev-alice --> quoted",
    });
    github.comments[0].user.login = "reviewer";
    await push("dev-alice", "## checklist v1\n16 passed\n");
    await push("acme-prod-euw1", "## checklist prod\n");
    await push("dev-alice", "## checklist v2\n15 passed\n");
    const mine = github.comments.filter((c) => c.user.login === "github-actions[bot]");
    assert.equal(mine.length, 2, "one comment per stack");
    assert.equal(
      mine[0].body,
      "<!-- decision-control-checklist: dev-alice -->\n## checklist v2\n15 passed",
    );
    assert.match(
      mine[1].body,
      /^<!-- decision-control-checklist: acme-prod-euw1 -->\n## checklist prod$/,
    );
    assert.equal(github.comments[0].body, "<!-- decision-control-checklist: dev-alice --> quoted");
    await push("acme-prod-euw1", "x".repeat(70000));
    assert.ok(mine[1].body.length < 65536, "GitHub's comment limit");
    assert.match(mine[1].body, /Truncated: the whole report is in the job summary/);
    await push("acme-prod-euw1", "");
    assert.match(mine[1].body, /printed no report \(usage or config error\): see the job log/);
  });

  it("deploy.yml: main deploys every sandbox-edition stack, then production-edition stacks one by one behind the production environment", () => {
    const workflow = load("deploy.yml");
    assert.deepEqual(workflow.on.push, { branches: ["main"] });
    assert.deepEqual(workflow.permissions, { "id-token": "write", contents: "read" });
    assert.deepEqual(workflow.concurrency, { group: "deploy", "cancel-in-progress": false });
    const { sandbox, production } = workflow.jobs;
    assertDiscoveredMatrix(sandbox, "sandbox");
    assertDiscoveredMatrix(production, "production");
    assert.equal(sandbox.if, "${{ needs.stacks.outputs.sandbox != '[]' }}");
    assert.equal(sandbox.environment, "sandbox");
    assert.deepEqual(production.needs, ["stacks", "checks", "sandbox"]);
    assert.equal(production.environment, "production");
    assert.equal(production.strategy?.["max-parallel"], 1);
    assert.equal(production.strategy?.["fail-fast"], true);
    const gate = String(production.if).replace(/\s+/g, " ");
    for (const clause of [
      "!cancelled()",
      "needs.checks.result == 'success'",
      "needs.stacks.outputs.production != '[]'",
      "(needs.sandbox.result == 'success' || needs.sandbox.result == 'skipped')",
    ]) {
      assert.ok(gate.includes(clause), `production gate lacks ${clause}: ${gate}`);
    }
    for (const job of [sandbox, production]) {
      const [up] = pulumiSteps(job);
      assert.equal(up.with?.command, "up");
      assert.equal(up.with?.policyPacks, "policy-pack");
      assert.equal(up.with?.policyPackConfigs, "${{ matrix.profile }}");
      assert.equal(up.with?.["stack-name"], "${{ vars.PULUMI_ORG }}/${{ matrix.stack }}");
      const runs = (job.steps ?? []).map((s) => s.run ?? s.uses);
      assert.ok(
        runs.indexOf('npm run checklist -- --stack "$STACK"') < runs.indexOf("pulumi/actions@v7") &&
          runs.includes('npm run checklist -- --stack "$STACK"'),
        "checklist before up",
      );
    }
  });

  describe("deploy.yml: the production rollout after up (APP-3, IR-3)", () => {
    const workflow = load("deploy.yml");
    const rollout = step(workflow.jobs.production, "rollout");
    /** Fakes: `pulumi` prints outputs or runs `env run`'s command; `npm` records its arguments. */
    const commands = {
      pulumi: [
        'if [ "$1" = stack ]; then echo \'{"edition":"production"}\'; exit 0; fi',
        'if [ "$1 $2" = "env run" ]; then echo "$3" > opened-environment; shift 4; "$@"; exit $?; fi',
        "exit 9",
      ].join("\n"),
      npm: 'echo "$*" > npm-args; [ -z "${ROLLOUT_FAILS:-}" ]',
    };
    const env = { PULUMI_ORG: "acme", STACK: "acme-prod" };

    it("runs after up in every production job, and in no sandbox job", () => {
      const steps = workflow.jobs.production.steps ?? [];
      const up = steps.findIndex((candidate) => candidate.uses?.startsWith("pulumi/actions@"));
      assert.equal(steps.indexOf(rollout), up + 1, "right after up");
      assert.equal(
        rollout.shell,
        "bash",
        "pipefail: a failed `pulumi stack output` fails the step",
      );
      assert.ok(
        !(workflow.jobs.sandbox.steps ?? []).some((candidate) => candidate.id === "rollout"),
      );
    });

    it("rolls the stack's outputs with the job's role credentials, and fails the job when the rollout fails", () => {
      const run = runBashStep(String(rollout.run), {
        env: { ...env, AWS_ACCESS_KEY_ID: "ASIAEXAMPLE" },
        commands,
      });
      assert.equal(run.status, 0, run.stdout);
      assert.equal(
        run.files["npm-args"].trim(),
        "run --silent roll-instances -- --stack acme-prod --outputs stack-outputs.json",
      );
      assert.equal(run.files["stack-outputs.json"].trim(), '{"edition":"production"}');
      const failed = runBashStep(String(rollout.run), {
        env: { ...env, AWS_ACCESS_KEY_ID: "ASIAEXAMPLE", ROLLOUT_FAILS: "1" },
        commands,
      });
      assert.notEqual(failed.status, 0);
    });

    it("without role credentials, runs the rollout inside the ESC environment the stack file imports", () => {
      const run = runBashStep(String(rollout.run), {
        env: { ...env, NODE_PATH: path.join(ROOT, "node_modules") },
        commands,
        files: {
          "Pulumi.acme-prod.yaml":
            "environment:\n  - decision-control/aws-production\nconfig:\n  decision-control:edition: production\n",
        },
      });
      assert.equal(run.status, 0, run.stdout);
      assert.equal(run.files["opened-environment"].trim(), "acme/decision-control/aws-production");
      assert.match(run.files["npm-args"], /roll-instances -- --stack acme-prod/);
      const none = runBashStep(String(rollout.run), {
        env: { ...env, NODE_PATH: path.join(ROOT, "node_modules") },
        commands,
        files: { "Pulumi.acme-prod.yaml": "config:\n  decision-control:edition: production\n" },
      });
      assert.notEqual(none.status, 0);
      assert.match(none.stdout, /No AWS credentials: set AWS_DEPLOY_ROLE_ARN/);
    });
  });

  it("drift.yml: daily and by hand, pulumi preview --refresh --expect-no-changes per stack with the pack and its profile", () => {
    const workflow = load("drift.yml");
    assert.deepEqual(workflow.on.schedule, [{ cron: "17 5 * * *" }]);
    assert.ok("workflow_dispatch" in workflow.on);
    assert.deepEqual(workflow.permissions, {
      "id-token": "write",
      contents: "read",
      issues: "write",
    });
    assert.notEqual(workflow.concurrency?.group, "deploy", "must never cancel a pending deploy");
    const job = workflow.jobs.drift;
    assertDiscoveredMatrix(job, "all");
    assert.equal(job.strategy?.["fail-fast"], false);
    assert.equal(job.env?.PROFILE, "${{ matrix.profile }}");
    const install = (job.steps ?? []).find((s) => s.uses?.startsWith("pulumi/actions@"));
    assert.equal(
      install?.with,
      undefined,
      "pulumi/actions without a command only installs the CLI",
    );
    const lastTwo = (job.steps ?? []).slice(-2);
    assert.equal(lastTwo[1].if, "${{ steps.drift.outputs.result != 'clean' }}");
    assert.match(String(lastTwo[1].run), /exit 1/);
  });

  describe("drift.yml: the drift step, run with a fake pulumi", () => {
    const driftStep = (): string => String(step(load("drift.yml").jobs.drift, "drift").run);
    const env = {
      STACK: "acme-prod-euw1",
      PROFILE: "policy-pack/config/production.json",
      PULUMI_ORG: "acme",
    };
    const pulumi = (output: string, exit: number) => ({
      pulumi: `echo "$*" > args.txt\ncat <<'OUT'\n${output}\nOUT\nexit ${exit}`,
    });

    it("runs the documented command: refresh, expect no changes, the pack and the stack's profile", () => {
      const run = runBashStep(driftStep(), { env, commands: pulumi("no changes", 0) });
      assert.equal(run.status, 0);
      assert.equal(
        run.files["args.txt"].trim(),
        "preview --stack acme/acme-prod-euw1 --refresh --expect-no-changes --diff --policy-pack policy-pack --policy-pack-config policy-pack/config/production.json --non-interactive --color never",
      );
      assert.equal(run.outputs.result, "clean");
      assert.match(
        run.summary,
        /Drift check of `acme-prod-euw1` with `policy-pack\/config\/production\.json`: clean/,
      );
    });

    it("proposed changes are drift (both spellings of the engine's message), anything else an error", () => {
      for (const message of [
        "error: no changes were expected but changes were proposed",
        "error: no changes were expected for preview but changes were proposed",
      ]) {
        const run = runBashStep(driftStep(), {
          env,
          commands: pulumi(`~ aws:ec2/securityGroup:SecurityGroup app update\n${message}`, 255),
        });
        assert.equal(run.status, 0, "the step reports; a later step fails the job");
        assert.equal(run.outputs.result, "drift", message);
        assert.match(run.summary, /~ aws:ec2\/securityGroup:SecurityGroup app update/);
      }
      const failed = runBashStep(driftStep(), {
        env,
        commands: pulumi("error: could not find stack acme/acme-prod-euw1", 255),
      });
      assert.equal(failed.outputs.result, "error");
    });
  });

  it("drift.yml: drift opens one issue per stack, updates it while drift lasts, and closes it when clean", async () => {
    const issueStep = (load("drift.yml").jobs.drift.steps ?? []).find((s) =>
      s.uses?.startsWith("actions/github-script"),
    ) as Step;
    assert.equal(
      issueStep.if,
      "${{ steps.drift.outputs.result == 'drift' || steps.drift.outputs.result == 'clean' }}",
    );
    const github = new FakeGitHub();
    const report = (stack: string, result: "drift" | "clean") =>
      runGithubScript(script(issueStep), {
        github,
        context: CONTEXT,
        env: { STACK: stack, PROFILE: "policy-pack/config/production.json", RESULT: result },
      });
    await report("acme-prod-euw1", "clean");
    assert.equal(github.issues.length, 0, "no issue without drift");
    await report("acme-prod-euw1", "drift");
    await report("dev-alice", "drift");
    await report("acme-prod-euw1", "drift");
    assert.deepEqual(
      github.issues.map((issue) => [issue.title, issue.state, issue.labels]),
      [
        ["Drift detected in stack acme-prod-euw1", "open", ["drift"]],
        ["Drift detected in stack dev-alice", "open", ["drift"]],
      ],
    );
    assert.match(
      github.issues[0].body,
      /https:\/\/github\.com\/acme\/decision-control\/actions\/runs\/4242/,
    );
    assert.equal(
      github.comments.filter((c) => c.issue_number === github.issues[0].number).length,
      1,
    );
    await report("acme-prod-euw1", "clean");
    assert.equal(github.issues[0].state, "closed");
    assert.equal(github.issues[1].state, "open");
  });

  it("policy-publish.yml: on a policy-v* tag or by hand, builds, tests and publishes the pack", () => {
    const workflow = load("policy-publish.yml");
    assert.deepEqual(workflow.on.push, { tags: ["policy-v*"] });
    assert.ok("workflow_dispatch" in workflow.on);
    const runs = (workflow.jobs.publish.steps ?? []).map((s) => s.run ?? "");
    const build = runs.indexOf("npm run build");
    const test = runs.indexOf("npm test");
    const publish = runs.findIndex((run) => /^pulumi policy publish /.test(run));
    assert.ok(build >= 0 && test > build && publish > test, runs.join(" | "));
    assert.equal(
      (workflow.jobs.publish as Job & { defaults?: { run?: { "working-directory"?: string } } })
        .defaults?.run?.["working-directory"],
      "policy-pack",
    );
  });
});

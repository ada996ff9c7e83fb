/**
 * The CI workflows cannot run here, so their contract is asserted on the parsed YAML: OIDC
 * permissions, pinned action majors, the pack path and its per-stack config, the production gate.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { ROOT } from "./harness/program";

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  "working-directory"?: string;
}
interface Job {
  needs?: string | string[];
  environment?: string | { name: string };
  strategy?: { matrix?: Record<string, unknown> };
  env?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

/** Current majors, checked against each action's own releases/README (see docs/delivery.md). */
const PINNED: Record<string, string> = {
  "actions/checkout": "v6",
  "actions/setup-node": "v6",
  "pulumi/actions": "v7",
  "aws-actions/configure-aws-credentials": "v6",
};

function load(name: string): Workflow {
  return YAML.parse(
    fs.readFileSync(path.join(ROOT, ".github", "workflows", name), "utf8"),
  ) as Workflow;
}

function steps(workflow: Workflow): Step[] {
  return Object.values(workflow.jobs).flatMap((job) => job.steps);
}

function pulumiSteps(job: Job): Step[] {
  return job.steps.filter(
    (step) => step.uses?.startsWith("pulumi/actions@") && step.with?.command !== undefined,
  );
}

describe("CI workflows", () => {
  const files = ["preview.yml", "deploy.yml", "policy-publish.yml"];

  for (const file of files) {
    it(`${file}: every action is pinned to its current major, none to a branch`, () => {
      for (const step of steps(load(file)).filter((candidate) => candidate.uses)) {
        const [action, ref] = (step.uses as string).split("@");
        assert.ok(PINNED[action], `${file}: unexpected action ${action}`);
        assert.equal(ref, PINNED[action], `${file}: ${action}@${ref}`);
      }
    });

    it(`${file}: no long-lived AWS keys; the Pulumi token comes from a secret`, () => {
      const text = fs.readFileSync(path.join(ROOT, ".github", "workflows", file), "utf8");
      assert.doesNotMatch(text, /aws-access-key-id|aws-secret-access-key|AWS_SECRET_ACCESS_KEY/);
      for (const job of Object.values(load(file).jobs)) {
        assert.equal(job.env?.PULUMI_ACCESS_TOKEN, "${{ secrets.PULUMI_ACCESS_TOKEN }}");
      }
    });
  }

  it("preview.yml: PRs get OIDC (id-token: write), read-only contents and PR comments", () => {
    const workflow = load("preview.yml");
    assert.ok("pull_request" in workflow.on);
    assert.deepEqual(workflow.permissions, {
      "id-token": "write",
      contents: "read",
      "pull-requests": "write",
    });
  });

  it("preview.yml: a matrix over both stacks runs npm ci, type check, tests and the checklist before the preview", () => {
    const job = load("preview.yml").jobs.preview;
    assert.deepEqual(job.strategy?.matrix?.stack, ["sandbox", "production"]);
    const runs = job.steps.map((step) => step.run ?? step.uses ?? "");
    const index = (pattern: RegExp): number => runs.findIndex((run) => pattern.test(run));
    const order = [
      /^npm ci$/,
      /tsc --noEmit/,
      /^npm test$/,
      /npm run checklist -- --stack \$\{\{ matrix\.stack \}\}/,
      /^aws-actions\/configure-aws-credentials/,
      /^pulumi\/actions/,
    ];
    const positions = order.map(index);
    assert.ok(
      positions.every((position) => position >= 0),
      `missing step: ${order.filter((_, i) => positions[i] < 0).join(", ")}`,
    );
    assert.deepEqual(
      [...positions].sort((a, b) => a - b),
      positions,
      "steps in order",
    );
    const setupNode = job.steps.find((step) => step.uses?.startsWith("actions/setup-node"));
    assert.equal(setupNode?.with?.["node-version"], 20);
    assert.equal(setupNode?.with?.cache, "npm");
  });

  it("preview.yml: pulumi preview runs the pack with the stack's own config and comments on the PR", () => {
    const job = load("preview.yml").jobs.preview;
    const [preview] = pulumiSteps(job);
    assert.equal(preview.with?.command, "preview");
    assert.equal(preview.with?.policyPacks, "policy-pack");
    assert.equal(preview.with?.policyPackConfigs, "policy-pack/config/${{ matrix.stack }}.json");
    assert.equal(preview.with?.["comment-on-pr"], true);
    assert.match(String(preview.with?.["stack-name"]), /\$\{\{ matrix\.stack \}\}$/);
    const credentials = job.steps.find((step) =>
      step.uses?.startsWith("aws-actions/configure-aws-credentials"),
    );
    assert.match(String(credentials?.with?.["role-to-assume"]), /^\$\{\{ vars\.\w+ \}\}$/);
  });

  it("every stack named in a workflow has a pack config file and a stack file", () => {
    for (const stack of ["sandbox", "production"]) {
      assert.ok(fs.existsSync(path.join(ROOT, "policy-pack", "config", `${stack}.json`)));
      assert.ok(fs.existsSync(path.join(ROOT, `Pulumi.${stack}.yaml`)));
    }
    assert.ok(
      fs.existsSync(path.join(ROOT, "policy-pack", "PulumiPolicy.yaml")),
      "policyPacks: policy-pack points at the pack",
    );
  });

  it("deploy.yml: main deploys sandbox, then production behind the reviewed environment, both with the pack", () => {
    const workflow = load("deploy.yml");
    assert.deepEqual(workflow.on.push, { branches: ["main"] });
    assert.equal(workflow.permissions?.["id-token"], "write");
    assert.equal(workflow.permissions?.contents, "read");
    const { sandbox, production } = workflow.jobs;
    assert.equal(production.needs, "sandbox");
    assert.equal(production.environment, "production");
    for (const [stack, job] of [
      ["sandbox", sandbox],
      ["production", production],
    ] as const) {
      const [up] = pulumiSteps(job);
      assert.equal(up.with?.command, "up");
      assert.equal(up.with?.policyPacks, "policy-pack");
      assert.equal(up.with?.policyPackConfigs, `policy-pack/config/${stack}.json`);
      assert.match(String(up.with?.["stack-name"]), new RegExp(`/${stack}$`));
      assert.ok(
        job.steps.some((step) => step.run === `npm run checklist -- --stack ${stack}`),
        `${stack} runs its checklist before up`,
      );
    }
  });

  it("policy-publish.yml: on a policy-v* tag or by hand, builds, tests and publishes the pack", () => {
    const workflow = load("policy-publish.yml");
    assert.deepEqual(workflow.on.push, { tags: ["policy-v*"] });
    assert.ok("workflow_dispatch" in workflow.on);
    const runs = workflow.jobs.publish.steps.map((step) => step.run ?? "");
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

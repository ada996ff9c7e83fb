/**
 * Reading the CI files for tests: the parsed workflows and composite action, their validation
 * against GitHub's published schemas (SchemaStore, vendored in test/schemas/), and runners for the
 * scripts inside them (github-script steps against a fake API, bash steps with fake commands), so
 * tests exercise the exact text that CI runs.
 */
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import Ajv from "ajv";
import * as YAML from "yaml";
import { ROOT } from "../../tools/stacks/stack-files";

export interface Step {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  "working-directory"?: string;
}
export interface Job {
  name?: string;
  needs?: string | string[];
  if?: string;
  uses?: string;
  environment?: string | { name: string };
  permissions?: Record<string, string>;
  outputs?: Record<string, string>;
  strategy?: {
    matrix?: Record<string, unknown> | string;
    "fail-fast"?: boolean;
    "max-parallel"?: number;
  };
  env?: Record<string, string>;
  steps?: Step[];
}
export interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  concurrency?: { group: string; "cancel-in-progress"?: boolean };
  jobs: Record<string, Job>;
}
export interface CompositeAction {
  inputs?: Record<string, { default?: string }>;
  runs: { using: string; steps: Step[] };
}

export const WORKFLOWS_DIR = path.join(ROOT, ".github", "workflows");
export const SETUP_ACTION = path.join(ROOT, ".github", "actions", "setup", "action.yml");

export function workflowFiles(): string[] {
  return fs
    .readdirSync(WORKFLOWS_DIR)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort();
}

export function readYaml(file: string): unknown {
  return YAML.parse(fs.readFileSync(file, "utf8"));
}

export function load(name: string): Workflow {
  return readYaml(path.join(WORKFLOWS_DIR, name)) as Workflow;
}

export function setupAction(): CompositeAction {
  return readYaml(SETUP_ACTION) as CompositeAction;
}

export function stepsOf(workflow: Workflow): Step[] {
  return Object.values(workflow.jobs).flatMap((job) => job.steps ?? []);
}

export function step(job: Job, id: string): Step {
  const found = (job.steps ?? []).find((candidate) => candidate.id === id);
  assert.ok(found, `no step with id ${id}`);
  return found;
}

/** The schema validators: SchemaStore's GitHub workflow and action schemas (JSON Schema draft-07). */
export function validators(): {
  workflow: (document: unknown) => string[];
  action: (document: unknown) => string[];
} {
  // draft-07: keywords beside a $ref are ignored, as the schemas intend; no warnings about it.
  const ajv = new Ajv({ allErrors: true, logger: false });
  const compile = (file: string): ((document: unknown) => string[]) => {
    const validate = ajv.compile(
      JSON.parse(fs.readFileSync(path.join(ROOT, "test", "schemas", file), "utf8")) as object,
    );
    return (document) =>
      validate(document)
        ? []
        : (validate.errors ?? []).map((error) => `${error.dataPath} ${error.message}`);
  };
  return { workflow: compile("github-workflow.json"), action: compile("github-action.json") };
}

/** The GitHub REST calls a github-script step makes, answered from in-memory comments and issues. */
export interface Comment {
  id: number;
  body: string;
  user: { login: string };
  issue_number: number;
}
export interface Issue {
  number: number;
  title: string;
  state: "open" | "closed";
  labels: string[];
  body: string;
}
export class FakeGitHub {
  comments: Comment[] = [];
  issues: Issue[] = [];
  private nextId = 1;

  readonly rest = {
    issues: {
      listComments: async (params: { issue_number: number }) => ({
        data: this.comments.filter((comment) => comment.issue_number === params.issue_number),
      }),
      createComment: async (params: { issue_number: number; body: string }) => {
        const comment = {
          id: this.nextId++,
          body: params.body,
          user: { login: "github-actions[bot]" },
          issue_number: params.issue_number,
        };
        this.comments.push(comment);
        return { data: comment };
      },
      updateComment: async (params: { comment_id: number; body: string }) => {
        const comment = this.comments.find((candidate) => candidate.id === params.comment_id);
        assert.ok(comment, `no comment ${params.comment_id}`);
        comment.body = params.body;
        return { data: comment };
      },
      listForRepo: async (params: { state: string; labels: string }) => ({
        data: this.issues.filter(
          (issue) => issue.state === params.state && issue.labels.includes(params.labels),
        ),
      }),
      create: async (params: { title: string; body: string; labels: string[] }) => {
        const issue: Issue = {
          number: this.nextId++,
          title: params.title,
          body: params.body,
          labels: params.labels,
          state: "open",
        };
        this.issues.push(issue);
        return { data: issue };
      },
      update: async (params: { issue_number: number; state: "open" | "closed" }) => {
        const issue = this.issues.find((candidate) => candidate.number === params.issue_number);
        assert.ok(issue, `no issue ${params.issue_number}`);
        issue.state = params.state;
        return { data: issue };
      },
    },
  };

  async paginate<P, T>(list: (params: P) => Promise<{ data: T[] }>, params: P): Promise<T[]> {
    return (await list(params)).data;
  }
}

export interface ScriptContext {
  readonly repo: { owner: string; repo: string };
  readonly issue: { number: number };
  readonly serverUrl: string;
  readonly runId: number;
}

const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (
  ...args: string[]
) => (...values: unknown[]) => Promise<unknown>;

/**
 * Runs a github-script `script` the way the action does (an async function body with `github`,
 * `context`, `core` and `require`), with the step's `env` as `process.env` and `files` as the
 * only files `require("fs")` can read.
 */
export function runGithubScript(
  script: string,
  options: {
    github: FakeGitHub;
    context: ScriptContext;
    env: Record<string, string>;
    files?: Record<string, string>;
  },
): Promise<unknown> {
  const files = options.files ?? {};
  const fakeFs = {
    existsSync: (file: string) => file in files,
    readFileSync: (file: string) => {
      assert.ok(file in files, `the script read ${file}`);
      return files[file];
    },
  };
  const fakeRequire = (name: string): unknown => {
    assert.equal(name, "fs", `the script required ${name}`);
    return fakeFs;
  };
  const fn = new AsyncFunction("github", "context", "core", "require", "process", script);
  return fn(options.github, options.context, {}, fakeRequire, { env: options.env });
}

export interface StepRun {
  readonly status: number | null;
  readonly stdout: string;
  /** What the step wrote to $GITHUB_OUTPUT. */
  readonly outputs: Record<string, string>;
  /** What the step wrote to $GITHUB_STEP_SUMMARY. */
  readonly summary: string;
  /** The files left in the working directory. */
  readonly files: Record<string, string>;
}

/**
 * Runs a `run:` step as GitHub's bash shell does (`bash --noprofile --norc -eo pipefail`), in a
 * fresh folder removed afterwards, with fake commands first on PATH.
 */
export function runBashStep(
  script: string,
  options: {
    env: Record<string, string>;
    commands: Record<string, string>;
    /** Files in the working directory (the repository checkout) before the step runs. */
    files?: Record<string, string>;
  },
): StepRun {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "step-"));
  const bin = path.join(dir, "bin");
  fs.mkdirSync(bin);
  for (const [name, body] of Object.entries(options.commands)) {
    fs.writeFileSync(path.join(bin, name), `#!/usr/bin/env bash\n${body}\n`, { mode: 0o755 });
  }
  const scriptFile = path.join(dir, "step.sh");
  fs.writeFileSync(scriptFile, script);
  const outputFile = path.join(dir, "github-output");
  const summaryFile = path.join(dir, "step-summary");
  fs.writeFileSync(outputFile, "");
  fs.writeFileSync(summaryFile, "");
  const work = path.join(dir, "work");
  fs.mkdirSync(work);
  for (const [name, content] of Object.entries(options.files ?? {})) {
    fs.writeFileSync(path.join(work, name), content);
  }
  const child = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", scriptFile], {
    cwd: work,
    encoding: "utf8",
    env: {
      PATH: `${bin}:${process.env.PATH ?? ""}`,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      ...options.env,
    },
  });
  try {
    return {
      status: child.status,
      stdout: child.stdout,
      outputs: Object.fromEntries(
        fs
          .readFileSync(outputFile, "utf8")
          .split("\n")
          .filter((line) => line.includes("="))
          .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
      ),
      summary: fs.readFileSync(summaryFile, "utf8"),
      files: Object.fromEntries(
        fs.readdirSync(work).map((name) => [name, fs.readFileSync(path.join(work, name), "utf8")]),
      ),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

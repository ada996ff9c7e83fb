/**
 * Stacks carry the user's names. A stack is any `Pulumi.<stack>.yaml`; its
 * `decision-control:edition` (config, not the name) picks the edition and the pack profile.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { parseArgs as parseIncidentArgs, UsageError } from "../../../tools/incident/cli";
import {
  discoverStacks,
  EDITION_NAMES,
  isStackName,
  packProfileFor,
  readStackFile,
  ROOT,
  StackFileError,
  stackNameOf,
} from "../../../tools/stacks/stack-files";
import { githubOutputs, main as stacksMain, MatrixEntry } from "../../../tools/stacks/cli";
import { StackDir } from "./stack-dir";

const rejects = (run: () => unknown, ...patterns: RegExp[]): void =>
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof StackFileError, String(error));
    for (const pattern of patterns) {
      assert.match(error.message, pattern);
    }
    return true;
  });

describe("stack files: any stack name, edition from config", () => {
  const dir = new StackDir();
  after(() => dir.remove());

  it("a stack name is what the Pulumi CLI accepts: letters, digits, - _ . and at most 100 characters", () => {
    for (const name of ["acme-prod-euw1", "dev-alice", "team_a.v2", "x".repeat(100)]) {
      assert.ok(isStackName(name), name);
    }
    for (const name of ["", "prod eu", "prod/eu", "prod:eu", "x".repeat(101), "prod$(id)"]) {
      assert.equal(isStackName(name), false, name);
    }
    assert.equal(stackNameOf("acme/decision-control/acme-prod-euw1"), "acme-prod-euw1");
    assert.equal(stackNameOf("acme/dev-alice"), "dev-alice");
    assert.equal(stackNameOf("a/b/c/d"), undefined);
    assert.equal(stackNameOf("acme/prod eu"), undefined);
  });

  it("the edition comes from decision-control:edition and picks policy-pack/config/<edition>.json, whatever the name", () => {
    dir.copy("acme-prod-euw1", "production");
    dir.copy("dev-alice", "sandbox");
    // A stack called "production" that is a sandbox: the config decides, not the name.
    dir.copy("production", "sandbox");
    const production = readStackFile("acme-prod-euw1", { root: dir.root });
    assert.equal(production.edition, "production");
    assert.equal(production.profilePath, "policy-pack/config/production.json");
    assert.equal(production.config["decision-control:edition"], "production");
    assert.equal(production.config["aws:region"], "eu-west-1");
    assert.equal(readStackFile("dev-alice", { root: dir.root }).profile, "sandbox");
    assert.equal(readStackFile("production", { root: dir.root }).profile, "sandbox");
    const viaFile = readStackFile("anything", {
      file: path.join(dir.root, "Pulumi.acme-prod-euw1.yaml"),
    });
    assert.equal(viaFile.edition, "production");
  });

  it("a missing stack file is an error naming the file and the stacks that exist", () => {
    rejects(
      () => readStackFile("prod-eu", { root: dir.root }),
      /No stack file .*Pulumi\.prod-eu\.yaml for stack "prod-eu"/,
      /pulumi stack init prod-eu/,
      /Stack files here: acme-prod-euw1, dev-alice, production/,
    );
    rejects(
      () => readStackFile("prod eu", { root: dir.root }),
      /"prod eu" is not a Pulumi stack name/,
    );
  });

  it("a missing or unknown edition is an error naming the file and decision-control:edition", () => {
    dir.write("no-edition", "config:\n  aws:region: eu-west-1\n");
    rejects(
      () => readStackFile("no-edition", { root: dir.root }),
      /Pulumi\.no-edition\.yaml: decision-control:edition is missing; set it to "sandbox" or "production"/,
    );
    dir.copy("staging", "sandbox", { "edition: sandbox": "edition: staging" });
    rejects(
      () => readStackFile("staging", { root: dir.root }),
      /Pulumi\.staging\.yaml: decision-control:edition is "staging"/,
    );
    dir.write("broken", "config: [unclosed\n");
    rejects(
      () => readStackFile("broken", { root: dir.root }),
      /Pulumi\.broken\.yaml is not valid YAML/,
    );
  });

  it("keys without a namespace belong to the project, as with `pulumi config set`", () => {
    dir.write("short-keys", "config:\n  edition: sandbox\n  aws:region: eu-west-1\n");
    const stack = readStackFile("short-keys", { root: dir.root });
    assert.equal(stack.edition, "sandbox");
    assert.equal(stack.config["decision-control:edition"], "sandbox");
  });

  it("discovery reports every unusable stack file at once", () => {
    rejects(
      () => discoverStacks(dir.root),
      /Pulumi\.broken\.yaml/,
      /Pulumi\.no-edition\.yaml/,
      /Pulumi\.staging\.yaml/,
    );
    let err = "";
    assert.equal(
      stacksMain(
        ["--root", dir.root],
        () => undefined,
        (text) => (err += text),
      ),
      2,
    );
    assert.match(err, /Pulumi\.staging\.yaml: decision-control:edition is "staging"/);
  });

  it("every edition has a pack profile file, and the shipped stacks resolve to their own", () => {
    for (const edition of EDITION_NAMES) {
      assert.ok(fs.existsSync(path.join(ROOT, packProfileFor(edition).profilePath)), edition);
    }
    assert.deepEqual(
      discoverStacks().map((stack) => [stack.stack, stack.edition, stack.profilePath]),
      [
        ["sandbox", "sandbox", "policy-pack/config/sandbox.json"],
        ["production", "production", "policy-pack/config/production.json"],
      ],
    );
  });
});

describe("stack discovery for the workflows (scripts/stacks.ts)", () => {
  const dir = new StackDir();
  after(() => dir.remove());

  it("emits all / sandbox / production matrices, sandbox-edition stacks first, from the stack files alone", () => {
    dir.copy("acme-prod-euw1", "production");
    dir.copy("acme-prod-use1", "production", { "aws:region: eu-west-1": "aws:region: us-east-1" });
    dir.copy("dev-alice", "sandbox");
    dir.copy("z".repeat(100), "sandbox");
    let out = "";
    assert.equal(
      stacksMain(["--root", dir.root, "--format", "github"], (text) => (out += text)),
      0,
    );
    const outputs = Object.fromEntries(
      out
        .trim()
        .split("\n")
        .map((line) => [
          line.slice(0, line.indexOf("=")),
          JSON.parse(line.slice(line.indexOf("=") + 1)),
        ]),
    ) as Record<string, MatrixEntry[]>;
    assert.deepEqual(Object.keys(outputs), ["all", "sandbox", "production"]);
    assert.deepEqual(
      outputs.all.map((entry) => entry.stack),
      ["dev-alice", "z".repeat(100), "acme-prod-euw1", "acme-prod-use1"],
    );
    assert.deepEqual(outputs.production[1], {
      stack: "acme-prod-use1",
      edition: "production",
      profile: "policy-pack/config/production.json",
      region: "us-east-1",
      session: "acme-prod-use1",
    });
    assert.ok(
      outputs.sandbox.every((entry) => entry.profile === "policy-pack/config/sandbox.json"),
    );
    // STS RoleSessionName: at most 64 of [\w+=,.@-]; the workflows add a prefix of up to 8
    // characters ("preview-") and "-<run id>" (up to 13).
    for (const entry of outputs.all) {
      const session = `preview-${entry.session}-${"9".repeat(12)}`;
      assert.ok(session.length <= 64 && /^[\w+=,.@-]+$/.test(session), session);
    }
  });

  it("an edition without stacks is an empty list, so its deploy job is skipped", () => {
    const only = new StackDir();
    try {
      only.copy("dev-alice", "sandbox");
      assert.match(githubOutputs(discoverStacks(only.root)), /^production=\[\]$/m);
    } finally {
      only.remove();
    }
  });
});

describe("incident: --stack takes any Pulumi stack name", () => {
  const args = (stack: string): string[] => [
    "isolate",
    "--stack",
    stack,
    "--instance",
    "i-0123456789abcdef0",
  ];

  it("IR-1: accepts a custom name, bare or fully qualified, and refuses what Pulumi would", () => {
    assert.equal(parseIncidentArgs(args("acme-prod-euw1")).stack, "acme-prod-euw1");
    assert.equal(
      parseIncidentArgs(args("acme/decision-control/acme-prod-euw1")).stack,
      "acme/decision-control/acme-prod-euw1",
    );
    assert.throws(() => parseIncidentArgs(args("prod eu")), UsageError);
    assert.throws(() => parseIncidentArgs(args("a/b/c/d")), /not a Pulumi stack name/);
  });
});

import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { allPolicies } from "../../policy-pack/harness/evaluate";
import { GROUP_NAMES } from "../groups";
import { unpublishedVersionProblem } from "../published";
import { PACK_NAME, PACK_VERSION, PROFILES, toServiceConfig } from "../pack";
import {
  configWith,
  exampleConfig,
  GovernanceRun,
  Organisation,
  REPO_ROOT,
  runGovernance,
} from "./harness";

const PACK_DIR = path.join(REPO_ROOT, "policy-pack");
const packVersion = (
  JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8")) as {
    version: string;
  }
).version;
/** The profile file as it is on disk, independent of the program's import. */
const profileOnDisk = (edition: string): Record<string, unknown> =>
  JSON.parse(fs.readFileSync(path.join(PACK_DIR, "config", `${edition}.json`), "utf8")) as Record<
    string,
    unknown
  >;

const otherTeamsPack = {
  name: "aws-tags",
  versionTag: "2.0.0",
  config: { all: { enforcementLevel: "advisory" } },
};
const organisation: Organisation = {
  published: { [PACK_NAME]: ["0.0.9", packVersion], "aws-tags": ["2.0.0"] },
  defaultGroup: {
    stacks: [
      { name: "production", routingProject: "decision-control" },
      { name: "dev-alice", routingProject: "payments" },
      { name: "sandbox", routingProject: "decision-control" },
    ],
    policyPacks: [otherTeamsPack, { name: PACK_NAME, versionTag: "0.0.9", config: {} }],
  },
};

interface PackRef {
  name: string;
  versionTag: string;
  config: Record<string, Record<string, unknown>>;
}
const packsOf = (run: GovernanceRun, group: string) =>
  run.groups.get(group)?.inputs.policyPacks as PackRef[];
const ourPack = (run: GovernanceRun, group: string) => {
  const pack = packsOf(run, group).find((candidate) => candidate.name === PACK_NAME);
  assert.ok(pack, `${group} has no ${PACK_NAME}`);
  return pack;
};

describe("governance program (policy groups, under mocks)", () => {
  let run: GovernanceRun;
  before(async () => {
    run = await runGovernance(exampleConfig(), organisation);
    assert.ifError(run.error);
  });

  for (const edition of ["production", "sandbox"] as const) {
    it(`ALL: the ${edition} group is preventative, holds the ${edition} stacks and pins the pack's version`, () => {
      const group = run.groups.get(`${edition}-group`);
      assert.ok(group);
      assert.equal(group.inputs.name, GROUP_NAMES[edition]);
      assert.equal(group.inputs.organizationName, "my-org");
      assert.equal(group.inputs.entityType, "stacks");
      assert.equal(group.inputs.mode, "preventative");
      assert.deepEqual(group.inputs.stacks, [
        { name: edition, routingProject: "decision-control" },
      ]);
      assert.deepEqual(
        packsOf(run, `${edition}-group`).map((pack) => pack.name),
        [PACK_NAME],
      );
      assert.equal(ourPack(run, `${edition}-group`).versionTag, packVersion);
      assert.equal(group.protect, true, "deleting the group would drop enforcement");
    });

    it(`ALL: the ${edition} group's config is exactly the pack's ${edition} profile, from the pack's own file`, () => {
      assert.deepEqual(
        ourPack(run, `${edition}-group`).config,
        toServiceConfig(profileOnDisk(edition)),
      );
      // One source: the program's profile is the pack's JSON module itself, not a copy of it.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      assert.equal(PROFILES[edition], require(path.join(PACK_DIR, "config", `${edition}.json`)));
    });
  }

  it("ALL: every policy named in a group's config exists in the pack", () => {
    const names = new Set(allPolicies.map((policy) => policy.name));
    for (const [logical, group] of run.groups) {
      for (const pack of (group.inputs.policyPacks as PackRef[]).filter(
        (p) => p.name === PACK_NAME,
      )) {
        for (const policy of Object.keys(pack.config)) {
          assert.ok(
            names.has(policy) || policy === "all",
            `${logical}: ${policy} is not in the pack`,
          );
        }
      }
    }
  });

  it("ALL: a level string of a profile reaches Pulumi Cloud as { enforcementLevel } (the API's shape)", () => {
    const config = ourPack(run, "production-group").config;
    assert.equal(profileOnDisk("production")["rds-multi-az"], "mandatory");
    assert.deepEqual(config["rds-multi-az"], { enforcementLevel: "mandatory" });
    assert.deepEqual(
      config["rds-backup-retention"],
      profileOnDisk("production")["rds-backup-retention"],
    );
    for (const entry of Object.values(config)) {
      assert.equal(typeof entry, "object");
    }
  });

  it("ALL: the org default group is read, keeps other teams' packs and new stacks, and takes the production profile", () => {
    assert.deepEqual([...run.reads].sort(), [
      "my-org/decision-control-governance/org",
      "my-org/default-preventative-policy-group",
    ]);
    const group = run.groups.get("org-default-group");
    assert.ok(group);
    assert.equal(group.inputs.name, "default-preventative-policy-group");
    assert.equal(group.inputs.mode, "preventative");
    // Listed stacks leave it (one pack name runs once per stack: their edition's profile wins).
    assert.deepEqual(group.inputs.stacks, [{ name: "dev-alice", routingProject: "payments" }]);
    const packs = packsOf(run, "org-default-group");
    assert.deepEqual(
      packs.find((pack) => pack.name === "aws-tags"),
      otherTeamsPack,
    );
    assert.equal(packs.filter((pack) => pack.name === PACK_NAME).length, 1);
    assert.equal(ourPack(run, "org-default-group").versionTag, packVersion);
    assert.deepEqual(
      ourPack(run, "org-default-group").config,
      toServiceConfig(profileOnDisk("production")),
    );
  });

  it("ALL: a stack dropped from the list goes back to the org default group, not to no group", async () => {
    const dropped = await runGovernance(
      configWith({
        stacks: [{ project: "decision-control", stack: "production", edition: "production" }],
      }),
      {
        ...organisation,
        defaultGroup: {
          ...organisation.defaultGroup,
          stacks: [{ name: "dev-alice", routingProject: "payments" }],
        },
        previousOutputs: {
          placedStacks: [
            { name: "production", routingProject: "decision-control" },
            { name: "sandbox", routingProject: "decision-control" },
          ],
        },
      },
    );
    assert.ifError(dropped.error);
    assert.deepEqual(dropped.groups.get("sandbox-group")?.inputs.stacks, []);
    assert.deepEqual(dropped.groups.get("org-default-group")?.inputs.stacks, [
      { name: "dev-alice", routingProject: "payments" },
      { name: "sandbox", routingProject: "decision-control" },
    ]);
  });

  it("ALL: the org default group is protected, never deleted, and changes after the edition groups", () => {
    const group = run.groups.get("org-default-group");
    assert.ok(group);
    assert.equal(group.protect, true);
    assert.equal(group.retainOnDelete, true);
    for (const edition of ["production", "sandbox"]) {
      assert.ok(
        group.dependencies.some((urn) => urn.endsWith(`::${edition}-group`)),
        `depends on ${edition}-group`,
      );
    }
  });

  it("ALL: with defaultGroup.manage false the org default group is neither read nor managed", async () => {
    const without = await runGovernance(
      configWith({ defaultGroup: { manage: false } }),
      organisation,
    );
    assert.ifError(without.error);
    assert.deepEqual(without.reads, []);
    assert.deepEqual([...without.groups.keys()].sort(), ["production-group", "sandbox-group"]);
  });

  it("ALL: the audit group exists only when asked for, reports every listed stack against the production profile", async () => {
    assert.equal(run.groups.has("audit-group"), false);
    const audited = await runGovernance(configWith({ auditGroup: true }), organisation);
    assert.ifError(audited.error);
    const group = audited.groups.get("audit-group");
    assert.ok(group);
    assert.equal(group.inputs.mode, "audit");
    assert.equal(group.inputs.name, GROUP_NAMES.audit);
    assert.deepEqual(group.inputs.stacks, [
      { name: "production", routingProject: "decision-control" },
      { name: "sandbox", routingProject: "decision-control" },
    ]);
    assert.deepEqual(
      ourPack(audited, "audit-group").config,
      toServiceConfig(profileOnDisk("production")),
    );
  });

  it("ALL: an unpublished pack version stops the program before any group changes", async () => {
    const stale = await runGovernance(exampleConfig(), {
      ...organisation,
      published: { [PACK_NAME]: ["0.0.9"] },
    });
    assert.ok(stale.error);
    assert.match(
      stale.error.message,
      new RegExp(
        `${PACK_NAME} ${packVersion.replace(/\./g, "\\.")} .* is not published in Pulumi organisation my-org \\(published: 0\\.0\\.9\\)`,
      ),
    );
    assert.match(stale.error.message, new RegExp(`policy-v${packVersion.replace(/\./g, "\\.")}`));
    assert.equal(stale.groups.size, 0);
  });

  it("ALL: at preview an unpublished version is a warning, so the pull request still shows the version diff", async () => {
    const preview = await runGovernance(
      exampleConfig(),
      { ...organisation, published: { [PACK_NAME]: ["0.0.9"] } },
      { preview: true },
    );
    assert.ifError(preview.error);
    assert.equal(preview.warnings.length, 1);
    assert.match(preview.warnings[0], /is not published .*`pulumi up` refuses it until then/);
    assert.equal(ourPack(preview, "production-group").versionTag, packVersion);
  });

  it("ALL: a getPolicyPacks answer of another shape fails closed instead of passing", () => {
    assert.match(
      unpublishedVersionProblem([{ versionTags: "0.1.0" }], "my-org", PACK_NAME, packVersion) ?? "",
      /could not read the policy packs of Pulumi organisation my-org/,
    );
    assert.equal(
      unpublishedVersionProblem(
        [{ name: PACK_NAME, versionTags: [packVersion] }],
        "my-org",
        PACK_NAME,
        packVersion,
      ),
      undefined,
    );
  });

  it("ALL: an invalid config stops the program before any group is registered", async () => {
    const invalid = await runGovernance(configWith({ organization: undefined }), organisation);
    assert.match(
      invalid.error?.message ?? "",
      /decision-control-governance:organization: is required/,
    );
    assert.equal(invalid.groups.size, 0);
  });

  it("ALL: the stack outputs name the pinned pack and every group", () => {
    assert.deepEqual(run.outputs, {
      policyPack: `${PACK_NAME}@${packVersion}`,
      policyGroups: {
        production: "my-org/decision-control-production",
        sandbox: "my-org/decision-control-sandbox",
        orgDefault: "my-org/default-preventative-policy-group",
      },
      placedStacks: [
        { name: "production", routingProject: "decision-control" },
        { name: "sandbox", routingProject: "decision-control" },
      ],
    });
  });
});

describe("governance and the pack stay one release", () => {
  it("ALL: the groups pin the version `pulumi policy publish` publishes (package.json; PulumiPolicy.yaml sets none)", () => {
    assert.equal(PACK_VERSION, packVersion);
    const policyYaml = YAML.parse(
      fs.readFileSync(path.join(PACK_DIR, "PulumiPolicy.yaml"), "utf8"),
    ) as {
      version?: string;
    };
    assert.ok(
      policyYaml.version === undefined || policyYaml.version === packVersion,
      "PulumiPolicy.yaml's version overrides package.json's when publishing",
    );
  });

  it("ALL: the groups name the pack by the name policy-pack/index.ts gives its PolicyPack", () => {
    const source = fs.readFileSync(path.join(PACK_DIR, "index.ts"), "utf8");
    assert.equal(/new PolicyPack\(\s*"([^"]+)"/.exec(source)?.[1], PACK_NAME);
  });

  it("ALL: a listed decision-control stack has the edition its Pulumi.<stack>.yaml declares", () => {
    const config = YAML.parse(
      fs.readFileSync(path.join(REPO_ROOT, "governance", "Pulumi.org.yaml"), "utf8"),
    ) as { config: Record<string, unknown> };
    const listed = config.config["decision-control-governance:stacks"] as Array<{
      project: string;
      stack: string;
      edition: string;
    }>;
    for (const member of listed.filter((m) => m.project === "decision-control")) {
      const file = path.join(REPO_ROOT, `Pulumi.${member.stack}.yaml`);
      if (!fs.existsSync(file)) {
        continue; // a stack of the organisation whose file lives elsewhere
      }
      const stackConfig = (
        YAML.parse(fs.readFileSync(file, "utf8")) as { config: Record<string, unknown> }
      ).config;
      assert.equal(stackConfig["decision-control:edition"], member.edition, file);
    }
  });
});

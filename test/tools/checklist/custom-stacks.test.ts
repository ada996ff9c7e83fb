/**
 * A third stack of each edition, under the team's own name, works end to end offline:
 * the checklist passes 16/16 and the pack profile is the one of the stack's edition, never one
 * looked up by the stack's name.
 */
import { strict as assert } from "assert";
import { runChecklist } from "../../../tools/checklist/run";
import { Report, reportSchema } from "../../../tools/checklist/schema";
import { main } from "../../../tools/checklist/cli";
import { StackDir } from "../stacks/stack-dir";

function assertAllPass(report: Report): void {
  assert.deepEqual(
    report.items.filter((item) => item.status !== "PASS").map((item) => item.number),
    [],
    JSON.stringify(report.items.filter((item) => item.status !== "PASS")),
  );
  assert.equal(report.totals.pass, 16);
  assert.equal(report.ok, true);
}

/** Evidence names the resources the run registered, so it shows which stack name the program ran with. */
function evidenceText(report: Report): string {
  return report.items.flatMap((item) => item.evidence.map((evidence) => evidence.text)).join("\n");
}

describe("checklist on custom-named stacks", () => {
  const dir = new StackDir();
  after(() => dir.remove());

  it("production edition, stack acme-prod-euw1 importing an ESC environment: 16/16 PASS with policy-pack/config/production.json (CLI, --config-file)", async () => {
    const file = dir.copy("acme-prod-euw1", "production", {
      "# environment:\n#   - decision-control/aws-production":
        "environment:\n  - decision-control/aws-production",
    });
    let out = "";
    let err = "";
    const code = await main(
      ["--stack", "acme-prod-euw1", "--config-file", file, "--format", "json"],
      (text) => (out += text),
      (text) => (err += text),
    );
    assert.equal(code, 0, err);
    const report = reportSchema.parse(JSON.parse(out));
    assertAllPass(report);
    assert.equal(report.stack, "acme-prod-euw1");
    assert.equal(report.edition, "production");
    assert.equal(report.packProfile, "policy-pack/config/production.json");
    assert.match(evidenceText(report), /decision-control-acme-prod-euw1-/);
    assert.doesNotMatch(evidenceText(report), /decision-control-production-/);
  });

  it("sandbox edition, stack dev-alice: 16/16 PASS with policy-pack/config/sandbox.json", async () => {
    dir.copy("dev-alice", "sandbox");
    const report = await runChecklist("dev-alice", undefined, { root: dir.root });
    assertAllPass(report);
    assert.equal(report.edition, "sandbox");
    assert.equal(report.packProfile, "policy-pack/config/sandbox.json");
    assert.match(evidenceText(report), /decision-control-dev-alice-/);
  });

  it("the profile follows the edition, not the name: a stack called production with a sandbox config is judged by sandbox.json", async () => {
    dir.copy("production", "sandbox");
    const report = await runChecklist("production", undefined, { root: dir.root });
    assertAllPass(report);
    assert.equal(report.edition, "sandbox");
    assert.equal(report.packProfile, "policy-pack/config/sandbox.json");
    // The sandbox profile keeps rds-multi-az advisory: the production profile would have failed item 6.
    assert.ok(
      report.items[5].advisories.some((violation) => violation.policyName === "rds-multi-az"),
    );
  });

  it("a stack without a stack file, or without an edition, exits 2 naming the file and the key", async () => {
    let err = "";
    assert.equal(
      await main(
        ["--stack", "prod-eu"],
        () => undefined,
        (text) => (err += text),
      ),
      2,
    );
    assert.match(err, /No stack file Pulumi\.prod-eu\.yaml for stack "prod-eu"/);
    const file = dir.write("no-edition", "config:\n  aws:region: eu-west-1\n");
    err = "";
    assert.equal(
      await main(
        ["--stack", "no-edition", "--config-file", file],
        () => undefined,
        (text) => (err += text),
      ),
      2,
    );
    assert.match(err, /Pulumi\.no-edition\.yaml: decision-control:edition is missing/);
  });
});

// Every policy carries what Pulumi Cloud sorts and filters findings by (severity, tags, remediation
// steps, framework), from the one data module policies/metadata.ts, and every framework reference
// it makes is in that module's catalogue.
import * as assert from "assert";
import type { Policy } from "@pulumi/policy";
import { controlIdsOf } from "../lib/policy-kit";
import { allPolicies } from "../policies";
import { FRAMEWORKS, FrameworkCatalogueEntry, POLICY_METADATA } from "../policies/metadata";

// The module the engine's server builds GetAnalyzerInfo with: what the engine, and then Pulumi
// Cloud on `pulumi policy publish`, receives for each policy.
const protoutil: {
  makeAnalyzerInfo(
    name: string,
    version: string,
    level: string,
    args: { policies: readonly Policy[] },
    initialConfig: unknown,
  ): {
    getPoliciesList(): Array<{
      getName(): string;
      getSeverity(): number;
      getTagsList(): string[];
      getRemediationSteps(): string;
      getFramework(): { getName(): string; getReference(): string } | undefined;
    }>;
  };
} = require("@pulumi/policy/protoutil");

const catalogue: Readonly<Record<string, FrameworkCatalogueEntry>> = FRAMEWORKS;

// A remediation names what to change in the program: a resource type or an input property.
const PROGRAM_TERM = /\baws\.[a-z0-9]+\.[A-Z][A-Za-z]+\b|\b[a-z]+[A-Z][A-Za-z]*\b/;

describe("policy metadata (severity, tags, remediation, framework)", () => {
  for (const policy of allPolicies) {
    it(`ALL: ${policy.name} has a severity, its control IDs as tags, remediation steps and a framework reference`, () => {
      assert.ok(
        POLICY_METADATA[policy.name],
        `policies/metadata.ts has no entry for ${policy.name}: add its severity, remediation steps and framework references`,
      );
      assert.ok(policy.severity, `${policy.name}: severity`);
      for (const id of controlIdsOf(policy.description)) {
        assert.ok(policy.tags?.includes(id), `${policy.name}: tag ${id} missing`);
      }
      assert.match(policy.remediationSteps ?? "", PROGRAM_TERM, `${policy.name}: remediation`);
      const framework = policy.framework;
      assert.ok(framework, `${policy.name}: framework`);
      const entry = Object.values(catalogue).find(
        (candidate) => candidate.name === framework.name && candidate.version === framework.version,
      );
      assert.ok(entry, `${policy.name}: framework ${framework.name} ${framework.version}`);
      assert.strictEqual(framework.specification, entry.controls[framework.reference]);
      assert.ok(framework.specification, `${policy.name}: ${framework.reference} has no title`);
    });
  }

  it("ALL: no metadata entry names a policy the pack does not have", () => {
    const names = new Set(allPolicies.map((policy) => policy.name));
    const orphans = Object.keys(POLICY_METADATA).filter((name) => !names.has(name));
    assert.deepStrictEqual(orphans, []);
  });

  it("ALL: every framework reference is a control of the catalogue, and the vendor guide covers every control ID", () => {
    for (const [name, metadata] of Object.entries(POLICY_METADATA)) {
      for (const ref of metadata.references ?? []) {
        assert.ok(
          catalogue[ref.framework].controls[ref.control],
          `${name}: ${ref.framework} ${ref.control} is not in the catalogue`,
        );
      }
    }
    for (const policy of allPolicies) {
      for (const id of controlIdsOf(policy.description)) {
        assert.ok(FRAMEWORKS.guide.controls[id as keyof typeof FRAMEWORKS.guide.controls], id);
      }
    }
  });

  it("ALL: a policy without an external control falls back to the vendor guide section of its first control ID", () => {
    const policy = allPolicies.find((candidate) => candidate.name === "ec2-no-key-pair");
    assert.deepStrictEqual(POLICY_METADATA["ec2-no-key-pair"].references, undefined);
    assert.strictEqual(policy?.framework?.name, FRAMEWORKS.guide.name);
    assert.strictEqual(policy?.framework?.reference, "ACC-2");
  });

  it("NET-5, ACC-1, IAM-2, IAM-3: world-open admin ports, public data stores and public resource policies are critical; hygiene is low", () => {
    const severity = (name: string) => allPolicies.find((p) => p.name === name)?.severity;
    for (const name of [
      "sg-no-admin-ports-from-internet",
      "nacl-no-admin-ports-from-internet",
      "lb-internet-listeners",
      "rds-not-publicly-accessible",
      "rds-snapshot-not-public",
      "s3-no-public-acl",
      "s3-no-public-bucket-policy",
      "s3-no-public-object-acl",
      "iam-trust-policy-not-public",
      "resource-policy-not-public",
    ]) {
      assert.strictEqual(severity(name), "critical", name);
    }
    for (const name of ["rds-copy-tags-to-snapshot", "ec2-ami-pinned"]) {
      assert.strictEqual(severity(name), "low", name);
    }
  });

  it("ALL: the metadata reaches the engine (GetAnalyzerInfo carries severity, tags, remediation and framework)", () => {
    const info = protoutil.makeAnalyzerInfo(
      "pack",
      "0.0.0",
      "mandatory",
      {
        policies: allPolicies,
      },
      undefined,
    );
    const byName = new Map(info.getPoliciesList().map((p) => [p.getName(), p]));
    for (const policy of allPolicies) {
      const sent = byName.get(policy.name);
      assert.ok(sent, policy.name);
      assert.notStrictEqual(sent.getSeverity(), 0, `${policy.name}: severity unspecified`);
      assert.deepStrictEqual(sent.getTagsList(), policy.tags);
      assert.strictEqual(sent.getRemediationSteps(), policy.remediationSteps);
      assert.strictEqual(sent.getFramework()?.getReference(), policy.framework?.reference);
    }
  });
});

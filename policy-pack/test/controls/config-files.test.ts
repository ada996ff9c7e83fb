// The config files are generated from the catalogue: a committed file that differs from what the
// generator writes (a number changed in one place only) fails here.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { CATALOGUE, Catalogue, packConfigFrom, withEditionValue } from "../../controls";
import { allPolicies } from "../../policies";
import { packConfigFiles } from "../../scripts/generate-config";

const PACK = path.resolve(__dirname, "../..");

/** The catalogue with DATA-3's production backup minimum changed, nothing else. */
const withProductionBackupMinimum = (days: number): Catalogue =>
  withEditionValue(CATALOGUE, "DATA-3", "minBackupRetentionDays", "production", days);

describe("ALL: the pack config files are generated from the control catalogue", () => {
  for (const file of packConfigFiles()) {
    it(`ALL: ${file.path} is what \`npm run generate-config\` writes`, () => {
      const committed = fs.readFileSync(path.join(PACK, file.path), "utf8");
      assert.strictEqual(
        committed,
        file.text,
        `${file.path} is stale: run \`npm run generate-config\` in policy-pack/`,
      );
    });
  }

  it("DATA-3: a changed production backup minimum reaches production.json and leaves sandbox.json alone", () => {
    const changed = withProductionBackupMinimum(21);
    const production = packConfigFrom(changed, "production", allPolicies);
    assert.deepStrictEqual(production["rds-backup-retention"], {
      enforcementLevel: "mandatory",
      minBackupRetentionDays: 21,
    });
    const sandbox = packConfigFrom(changed, "sandbox", allPolicies);
    assert.deepStrictEqual(sandbox["rds-backup-retention"], {
      enforcementLevel: "mandatory",
      minBackupRetentionDays: 7,
    });
    // ... so the committed production.json no longer matches: the drift test above would fail.
    const [, productionFile] = packConfigFiles(changed);
    assert.notStrictEqual(
      productionFile.text,
      fs.readFileSync(path.join(PACK, "config/production.json"), "utf8"),
    );
  });

  it("DATA-4: Multi-AZ is advisory only in the edition that does not require it", () => {
    assert.strictEqual(
      packConfigFrom(CATALOGUE, "sandbox", allPolicies)["rds-multi-az"],
      "advisory",
    );
    assert.strictEqual(
      packConfigFrom(CATALOGUE, "production", allPolicies)["rds-multi-az"],
      "mandatory",
    );
  });

  it("ALL: a sandbox value equal to production's is left out, unless it is a deployment decision", () => {
    const sandbox = packConfigFrom(CATALOGUE, "sandbox", allPolicies);
    assert.strictEqual(sandbox["sg-no-admin-ports-from-internet"], undefined);
    assert.ok(sandbox["ec2-no-key-pair"] !== undefined);
  });
});

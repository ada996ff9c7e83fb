// Changing one number in the catalogue moves every place that uses it: the config validation
// floor, the pack's generated production profile, the checklist's evidence threshold and the
// README table. The derivations take the catalogue as an argument, so a changed copy is enough.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import {
  COMPLIANCE_FLOORS,
  complianceFloorsFrom,
  EDITIONS,
  editionsFrom,
} from "../../config/editions";
import { CHECKLIST } from "../../tools/checklist/items";
import {
  backupRetentionRange,
  CATALOGUE,
  Catalogue,
  packConfigFrom,
  withEditionValue,
} from "../../policy-pack/controls";
import { allPolicies } from "../../policy-pack/harness/evaluate";
import { readmeFrom, ROOT } from "../../tools/controls/files";
import { assertAccepts, assertRejects } from "../config/expect";

/** The catalogue with DATA-3's production backup minimum changed, nothing else. */
const withProductionBackupMinimum = (days: number): Catalogue =>
  withEditionValue(CATALOGUE, "DATA-3", "minBackupRetentionDays", "production", days);

describe("DATA-3: one catalogue value, every consumer", () => {
  const changed = withProductionBackupMinimum(21);

  it("DATA-3: the program's edition table and compliance floors are the catalogue's", () => {
    assert.deepStrictEqual(EDITIONS, editionsFrom(CATALOGUE));
    assert.deepStrictEqual(COMPLIANCE_FLOORS, complianceFloorsFrom(CATALOGUE));
    assert.strictEqual(EDITIONS.production.database.backupRetentionDays, 14);
  });

  it("DATA-3: a changed production minimum moves the config validation floor and default", () => {
    assert.strictEqual(editionsFrom(changed).production.database.backupRetentionDays, 21);
    assert.strictEqual(editionsFrom(changed).sandbox.database.backupRetentionDays, 7);
  });

  it("DATA-3: config validation refuses a retention below the catalogue's production floor", () => {
    const floor = CATALOGUE.controls["DATA-3"].values.minBackupRetentionDays.production;
    assertAccepts("production", { database: { backupRetentionDays: floor } });
    assertRejects(
      "production",
      { database: { backupRetentionDays: floor - 1 } },
      "decision-control:database.backupRetentionDays",
      new RegExp(`outside ${floor}\\.\\.`),
    );
  });

  it("DATA-3: a changed production minimum reaches the pack's generated production profile", () => {
    const production = packConfigFrom(changed, "production", allPolicies);
    assert.deepStrictEqual(production["rds-backup-retention"], {
      enforcementLevel: "mandatory",
      minBackupRetentionDays: 21,
    });
  });

  it("DATA-3: a changed production minimum moves the checklist's evidence threshold (item 7)", () => {
    assert.strictEqual(backupRetentionRange(CATALOGUE, "production", "standard").floor, 14);
    assert.strictEqual(backupRetentionRange(changed, "production", "standard").floor, 21);
    assert.strictEqual(backupRetentionRange(changed, "production", "regulated").floor, 30);
    assert.strictEqual(backupRetentionRange(changed, "sandbox", "standard").floor, 7);
  });

  it("DATA-3: a changed production minimum changes the README's controls table", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const row = (text: string) => text.split("\n").find((line) => line.startsWith("| DATA-3 |"));
    assert.match(row(readmeFrom(CATALOGUE, readme)) ?? "", /sandbox 7, production 14/);
    assert.match(row(readmeFrom(changed, readme)) ?? "", /sandbox 7, production 21/);
  });

  it("ALL: the checklist's items are the catalogue's", () => {
    assert.strictEqual(CHECKLIST, CATALOGUE.checklist);
  });
});

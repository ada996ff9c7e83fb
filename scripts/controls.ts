/**
 * `npm run controls`: regenerates everything derived from the control catalogue
 * (policy-pack/controls/catalogue.ts): the README's controls table, docs/controls.md and the pack's
 * config/*.json. test/controls/generated.test.ts fails while any of them is stale.
 */
import * as fs from "fs";
import * as path from "path";
import { generatedFiles, ROOT } from "../tools/controls/files";

for (const file of generatedFiles()) {
  const target = path.join(ROOT, file.path);
  if (!fs.existsSync(target) || fs.readFileSync(target, "utf8") !== file.text) {
    fs.writeFileSync(target, file.text);
    console.log(`wrote ${file.path}`);
  }
}

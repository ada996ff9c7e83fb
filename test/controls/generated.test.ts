// The files derived from the control catalogue are committed as the generator writes them: a
// number changed in the catalogue without `npm run controls` (or edited in a generated file by
// hand) fails here.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { generatedFiles, ROOT } from "../../tools/controls/files";

describe("ALL: files generated from the control catalogue are up to date", () => {
  for (const file of generatedFiles()) {
    it(`ALL: ${file.path} is what \`npm run controls\` writes`, () => {
      const committed = fs.readFileSync(path.join(ROOT, file.path), "utf8");
      assert.ok(committed === file.text, `${file.path} is stale: run \`npm run controls\``);
    });
  }
});

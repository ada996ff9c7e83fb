// The files derived from the control catalogue are committed as the generator writes them: a
// number changed in the catalogue without `npm run controls` (or edited in a generated file by
// hand) fails here.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { generatedFiles, ROOT } from "../../tools/controls/files";
import { IMPLEMENTATION } from "../../tools/controls/implementation";

describe("ALL: files generated from the control catalogue are up to date", () => {
  for (const file of generatedFiles()) {
    it(`ALL: ${file.path} is what \`npm run controls\` writes`, () => {
      const committed = fs.readFileSync(path.join(ROOT, file.path), "utf8");
      assert.ok(committed === file.text, `${file.path} is stale: run \`npm run controls\``);
    });
  }
});

describe("ALL: the controls table names files that exist", () => {
  // Backticked repository paths: a file in a folder (`config/rules.ts`, globs name their folder) or
  // a folder two deep (`tools/incident/`); a bare `exports/` is an S3 prefix, not a path.
  const PATH = /`((?:[\w.-]+\/)+[\w.*-]+\.\w+|(?:[\w.-]+\/){2,})`/g;
  for (const [id, row] of Object.entries(IMPLEMENTATION)) {
    it(`${id}: every file its row names is in the repository`, () => {
      const missing = [...`${row.builtBy} ${row.testedIn}`.matchAll(PATH)]
        .map((match) => match[1])
        .filter((file) => !fs.existsSync(path.join(ROOT, file.replace(/[^/]*\*.*$/, ""))));
      assert.deepStrictEqual(missing, [], `${id}: fix tools/controls/implementation.ts`);
    });
  }
});

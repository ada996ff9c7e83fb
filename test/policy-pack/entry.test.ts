/**
 * The root reaches the policy pack's code through one entry, harness/evaluate (package.json
 * `exports["./evaluate"]`), never through the pack's lib/, policies/ or bin/: those are the pack's
 * own layout, free to change, and bin/ is only there after a build. The JSON the pack publishes
 * (package.json, config/) is data, read as is.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { ROOT } from "../../lib/stack-files";

const PACK = path.join(ROOT, "policy-pack");
const SKIP = new Set(["node_modules", "policy-pack", "bin", "reports", ".stryker-tmp", ".git"]);

function rootTypeScriptFiles(dir = ROOT): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return SKIP.has(entry.name) ? [] : rootTypeScriptFiles(full);
    }
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

/** Every `import`/`require` of the pack from a root file, as `file: pack-relative target`. */
function packImports(): string[] {
  return rootTypeScriptFiles().flatMap((file) =>
    ts
      .preProcessFile(fs.readFileSync(file, "utf8"), true, true)
      .importedFiles.map((imported) => imported.fileName)
      .filter((specifier) => specifier.startsWith("."))
      .map((specifier) => path.relative(PACK, path.resolve(path.dirname(file), specifier)))
      .filter((target) => !target.startsWith("..") && !path.isAbsolute(target))
      .map((target) => `${path.relative(ROOT, file)}: ${target.split(path.sep).join("/")}`),
  );
}

describe("policy pack entry: the root imports the pack through harness/evaluate only", () => {
  it("ALL: the checklist and the root tests import the pack's harness entry", () => {
    const imports = packImports();
    assert.ok(imports.includes("lib/checklist/run.ts: harness/evaluate"), imports.join("\n"));
  });

  it("ALL: no root file imports the pack's lib/, policies/, bin/ or any other module", () => {
    const stray = packImports().filter(
      (line) => !line.endsWith(": harness/evaluate") && !line.endsWith(".json"),
    );
    assert.deepEqual(stray, []);
  });
});

/**
 * The root reaches the policy pack's code only through the entries its package.json `exports`
 * declares (the test harness, harness/evaluate, and the CIDR/port/rule semantics, lib/semantics),
 * never through other modules of lib/, policies/ or bin/: those are the pack's own layout, free to
 * change, and bin/ is only there after a build. The JSON the pack publishes (package.json, config/)
 * is data, read as is.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { ROOT } from "../../tools/stacks/stack-files";

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
      .map((specifier) => path.resolve(path.dirname(file), specifier))
      // A folder import resolves to its index module, as Node's require does.
      .map((target) =>
        fs.statSync(target, { throwIfNoEntry: false })?.isDirectory()
          ? path.join(target, "index")
          : target,
      )
      .map((target) => path.relative(PACK, target))
      .filter((target) => !target.startsWith("..") && !path.isAbsolute(target))
      .map((target) => `${path.relative(ROOT, file)}: ${target.split(path.sep).join("/")}`),
  );
}

/** The pack's entries for other code, from package.json `exports` ("./x" -> bin/<src>.js -> <src>). */
function declaredEntries(): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(PACK, "package.json"), "utf8")) as {
    exports: Record<string, string>;
  };
  return Object.entries(manifest.exports)
    .filter(([entry, target]) => entry !== "." && target.endsWith(".js"))
    .map(([, target]) => target.replace(/^\.\/bin\//, "").replace(/\.js$/, ""));
}

describe("policy pack entry: the root imports the pack only through the entries package.json exports", () => {
  it("ALL: the harness and the semantics are declared entries", () => {
    assert.deepEqual(declaredEntries().sort(), [
      "controls/index",
      "harness/evaluate",
      "lib/semantics",
    ]);
  });

  it("ALL: the checklist imports the harness entry, config validation the semantics entry", () => {
    const imports = packImports();
    assert.ok(imports.includes("tools/checklist/run.ts: harness/evaluate"), imports.join("\n"));
    assert.ok(imports.includes("config/rules.ts: lib/semantics"), imports.join("\n"));
  });

  it("ALL: no root file imports the pack's lib/, policies/, bin/ or any other undeclared module", () => {
    const entries = new Set(declaredEntries());
    const stray = packImports().filter(
      (line) => !entries.has(line.slice(line.indexOf(": ") + 2)) && !line.endsWith(".json"),
    );
    assert.deepEqual(stray, []);
  });
});

// What `pulumi policy publish` uploads: for a Node.js pack the CLI runs `npm pack` in the pack's
// folder and sends the tarball, so package.json `files` decides what ships. The in-process harness
// (harness/, compiled to bin/harness/) is tooling for tests and the checklist, not part of the pack.
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const root = path.resolve(__dirname, "..");

/** The files `npm pack` would put in the tarball (no network, nothing written). */
function packedFiles(): string[] {
  const out = execFileSync(
    "npm",
    ["pack", "--dry-run", "--json", "--offline", "--ignore-scripts"],
    {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    },
  );
  const [tarball] = JSON.parse(out) as [{ files: { path: string }[] }];
  return tarball.files.map((f) => f.path).sort();
}

/** bin/index.js and every relative module it requires, transitively (compiled CommonJS). */
function runtimeClosure(): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    const rel = path.relative(root, file).split(path.sep).join("/");
    if (seen.has(rel)) {
      return;
    }
    seen.add(rel);
    const source = fs.readFileSync(file, "utf8");
    for (const [, request] of source.matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)) {
      visit(require.resolve(path.resolve(path.dirname(file), request)));
    }
  };
  visit(path.join(root, "bin", "index.js"));
  return [...seen].sort();
}

describe("publish: what `npm pack` (and so `pulumi policy publish`) ships", function () {
  this.timeout(60000);
  let files: string[];

  before(() => {
    assert.ok(
      fs.existsSync(path.join(root, "bin", "harness", "evaluate.js")),
      "bin/ is not built: run `npm run build` in policy-pack/ (without the compiled harness this test proves nothing)",
    );
    files = packedFiles();
  });

  it("ALL: the compiled pack, its config profiles and PulumiPolicy.yaml ship", () => {
    for (const f of [
      "bin/index.js",
      "config/sandbox.json",
      "config/production.json",
      "PulumiPolicy.yaml",
      "package.json",
    ]) {
      assert.ok(files.includes(f), `${f} is not in the tarball`);
    }
  });

  it("ALL: every module bin/index.js loads ships with it", () => {
    const missing = runtimeClosure().filter((f) => !files.includes(f));
    assert.deepStrictEqual(missing, [], "the published pack could not start without these");
  });

  it("ALL: the in-process harness, the tests and the TypeScript sources do not ship", () => {
    const leaked = files.filter(
      (f) => /(^|\/)(harness|test)\//.test(f) || /evaluate\.js/.test(f) || f.endsWith(".ts"),
    );
    assert.deepStrictEqual(
      leaked,
      [],
      "not part of the pack (a stale bin/ from an older layout: `npm run clean && npm run build`)",
    );
  });

  it("ALL: package.json exports the pack as `.` and the harness as `./evaluate` only", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
      main: string;
      exports: Record<string, string>;
    };
    assert.strictEqual(pkg.exports["."], `./${pkg.main}`);
    assert.strictEqual(pkg.exports["./evaluate"], "./bin/harness/evaluate.js");
    assert.ok(fs.existsSync(path.join(root, pkg.exports["./evaluate"])));
  });
});

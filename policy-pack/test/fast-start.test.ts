import * as assert from "assert";
import { execFileSync } from "child_process";
import * as path from "path";

const root = path.resolve(__dirname, "..");

describe("lib/fast-start: the deferred @npmcli/arborist stays usable", function () {
  this.timeout(30000);
  it("ALL: loading @pulumi/pulumi after fast-start does not load arborist, and first use loads the real module", () => {
    const script = `
      require("./lib/fast-start");
      const path = require("path");
      require("@pulumi/pulumi");
      const base = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
      const resolved = require.resolve("@npmcli/arborist", { paths: [base] });
      const loadedEarly = Object.keys(require.cache).some((k) => k.includes(path.join("@npmcli", "arborist", "lib", "arborist")));
      const a = require(resolved);
      const Arborist = a.Arborist;
      const arb = new Arborist({ path: "." });
      console.log(JSON.stringify({ loadedEarly, isFn: typeof Arborist === "function", hasLoad: typeof arb.loadActual === "function" }));
    `;
    const out = execFileSync(
      process.execPath,
      ["-r", "ts-node/register/transpile-only", "-e", script],
      { cwd: root, encoding: "utf8" },
    );
    assert.deepStrictEqual(JSON.parse(out.trim().split("\n").pop()!), {
      loadedEarly: false,
      isFn: true,
      hasLoad: true,
    });
  });
});

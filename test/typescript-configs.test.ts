/**
 * `pulumi preview`/`up` start the program through @pulumi/pulumi's cmd/run, which type-checks it with
 * ts-node unless the tsconfig it reads says `noCheck`. The program is transpiled only (with SWC) there,
 * and type checking lives in `npm run lint` / `npm run build` and CI, on tsconfig.check.json.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { create as createTsNode } from "ts-node";
import { ROOT } from "../tools/stacks/stack-files";

/** The SDK's own reader, as cmd/run uses it (raw JSON: `extends` is not followed). */
const tsutils = require("@pulumi/pulumi/tsutils") as {
  loadTypeScriptCompilerOptions(tsConfigPath: string): Record<string, unknown>;
};

function parsed(configFile: string): ts.ParsedCommandLine {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, configFile), undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
    },
  });
  assert.ok(config, configFile);
  return config;
}

describe("TypeScript configs: pulumi up transpiles, lint and CI type-check", () => {
  it("cmd/run reads compilerOptions.noCheck: true from tsconfig.json, so it registers ts-node transpile-only", () => {
    const compilerOptions = tsutils.loadTypeScriptCompilerOptions(path.join(ROOT, "tsconfig.json"));
    assert.equal(compilerOptions.noCheck, true);
  });

  it("ts-node, given cmd/run's options, transpiles with SWC (the tsconfig's ts-node section)", () => {
    const service = createTsNode({
      compiler: "typescript",
      transpileOnly: true,
      project: path.join(ROOT, "tsconfig.json"),
      skipProject: false,
    });
    assert.equal(service.options.swc, true);
  });

  it("tsconfig.check.json type-checks every file tsconfig.json covers", () => {
    const check = parsed("tsconfig.check.json");
    const base = parsed("tsconfig.json");
    assert.equal(check.options.noCheck, false);
    assert.deepEqual(check.fileNames, base.fileNames);
    assert.ok(base.fileNames.length > 0);
  });

  it("npm run lint and npm run build type-check with tsconfig.check.json, not with -p . (noCheck)", () => {
    const scripts = (
      JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    for (const name of ["lint", "build"]) {
      assert.match(scripts[name], /\btsc --noEmit -p tsconfig\.check\.json\b/, name);
    }
  });
});

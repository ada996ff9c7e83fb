#!/usr/bin/env node
// `postinstall` of this folder: runs on `npm ci`/`npm install` here (and the root's `npm ci` runs
// that), but not on `npm pack`, which `pulumi policy publish` runs and whose stdout must be only the
// tarball's name (npm 11 prints a lifecycle script's header there). It compiles the pack to bin/
// when the TypeScript sources are here (a clone), and accepts an existing bin/ when they are not (the published tarball ships bin/ only,
// and the engine may install it without devDependencies).
// tsc's output goes to stderr: `pulumi policy publish` reads the tarball's name from npm pack's stdout.
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

const root = path.resolve(__dirname, "..");
const hasSources =
  fs.existsSync(path.join(root, "index.ts")) && fs.existsSync(path.join(root, "tsconfig.json"));
const built = fs.existsSync(path.join(root, "bin", "index.js"));

if (!hasSources) {
  if (built) {
    process.exit(0);
  }
  console.error("policy pack: neither TypeScript sources nor a compiled bin/index.js found");
  process.exit(1);
}

let tsc;
try {
  tsc = require.resolve("typescript/bin/tsc", { paths: [root] });
} catch {
  if (built) {
    console.error("policy pack: typescript not installed; keeping the existing bin/");
    process.exit(0);
  }
  console.error(
    "policy pack: typescript is not installed; run `npm ci` (with devDependencies) in policy-pack/",
  );
  process.exit(1);
}
const r = spawnSync(process.execPath, [tsc, "-p", root], { cwd: root, stdio: ["ignore", 2, 2] });
process.exit(r.status === null ? 1 : r.status);

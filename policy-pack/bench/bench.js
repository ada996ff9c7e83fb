#!/usr/bin/env node
// npm run bench: (1) start-up as the engine launches the pack, (2) in-process validation throughput.
// Uses the compiled pack in bin/ (run `npm run build` first; `npm ci` does it through `prepare`).
"use strict";
const { spawn } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const RUNS = Number(process.env.BENCH_STARTUP_RUNS || 7);
const TARGET_RESOURCES = Number(process.env.BENCH_RESOURCES || 10000);

if (!fs.existsSync(path.join(root, "bin", "index.js"))) {
  console.error("bin/index.js is missing: run `npm run build` in policy-pack/ first");
  process.exit(1);
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

// The engine's launcher runs `node <pack>/node_modules/@pulumi/pulumi/cmd/run-policy-pack <engine-addr> <pack-dir>`
// in the pack folder; run-policy-pack drops the address and requires the folder (package.json main).
// The pack is up when it prints its gRPC port as the first line of stdout.
function startOnce() {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(
      process.execPath,
      ["node_modules/@pulumi/pulumi/cmd/run-policy-pack", "127.0.0.1:0", "."],
      {
        cwd: root,
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, PULUMI_DRY_RUN: "true" },
      },
    );
    let out = "";
    let err = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`no port within 30 s; stderr: ${err}`));
    }, 30000);
    child.stderr.on("data", (d) => (err += d));
    child.stdout.on("data", (d) => {
      out += d;
      const nl = out.indexOf("\n");
      if (nl >= 0) {
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        clearTimeout(timer);
        child.kill("SIGKILL");
        const line = out.slice(0, nl).trim();
        if (!/^\d+$/.test(line)) {
          reject(new Error(`first stdout line is not a port: ${JSON.stringify(line)}`));
        } else {
          resolve(ms);
        }
      }
    });
    child.on("exit", (code) => {
      if (!out.includes("\n")) {
        clearTimeout(timer);
        reject(new Error(`pack exited (${code}) before printing a port; stderr: ${err}`));
      }
    });
  });
}

function throughput() {
  const { evaluateResources, loadPackConfig } = require(
    path.join(root, "bin", "harness", "evaluate.js"),
  );
  const { sandboxStack, productionStack } = require(
    path.join(root, "bin", "test", "fixtures", "stacks.js"),
  );
  const base = [
    { profile: "sandbox", resources: sandboxStack() },
    { profile: "production", resources: productionStack() },
  ];
  // Copies of each stack with renamed resources (and references), up to TARGET_RESOURCES in all.
  const copy = (resources, i) =>
    JSON.parse(
      JSON.stringify(resources).replace(/(decision-control|dc)-(sandbox|production)/g, `$1-$2${i}`),
    );
  const batches = base.map(() => []);
  let total = 0;
  for (let i = 0; total < TARGET_RESOURCES; i++) {
    base.forEach((b, k) => {
      if (total < TARGET_RESOURCES) {
        const c = copy(b.resources, i).slice(0, TARGET_RESOURCES - total);
        batches[k].push(...c);
        total += c.length;
      }
    });
  }
  const configs = base.map((b) => loadPackConfig(b.profile));
  // Warm-up, then the best of 3 timed passes (each pass = every resource once + the stack checks).
  batches.forEach((b, k) => evaluateResources(b.slice(0, 500), configs[k]));
  let best = Infinity;
  let violations = 0;
  for (let pass = 0; pass < 3; pass++) {
    const t0 = process.hrtime.bigint();
    violations = 0;
    batches.forEach((b, k) => {
      const r = evaluateResources(b, configs[k]);
      violations +=
        r.violations.filter((v) => v.enforcementLevel === "mandatory").length + r.errors.length;
    });
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { total, ms: best, perSecond: Math.round((total / best) * 1000), violations };
}

(async () => {
  console.log(
    `node ${process.version}, ${require("os").cpus().length} cores, load average before: ${require("os")
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    times.push(await startOnce());
  }
  const m = median(times);
  console.log(
    `start-up (engine launch to port): median ${m.toFixed(0)} ms over ${RUNS} runs [${times.map((t) => t.toFixed(0)).join(", ")}] target <= 1500 ms: ${m <= 1500 ? "MET" : "MISSED"}`,
  );
  const t = throughput();
  console.log(
    `throughput (in-process, both stacks repeated): ${t.total} resources in ${t.ms.toFixed(0)} ms = ${t.perSecond} resources/s target >= 20000/s: ${t.perSecond >= 20000 ? "MET" : "MISSED"} (mandatory violations + errors: ${t.violations}; expected: one ec2-public-instances-limit per sandbox copy, since the copies' public instances add up)`,
  );
})().catch((e) => {
  console.error(e);
  process.exit(1);
});

// The compiled pack, started the way the engine starts it, answers the engine's gRPC calls, and
// judges our stacks exactly as harness/evaluate.ts does (parity of the in-process runner).
import * as assert from "assert";
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import {
  evaluateResources,
  loadPackConfig,
  preparePolicies,
  ResourceUnderTest,
  UNKNOWN,
} from "../harness/evaluate";
import type { AnalyzerInfo, AnalyzeResponse } from "@pulumi/pulumi/proto/analyzer_pb";
import { allPolicies } from "../policies";
import { productionStack, sandboxStack } from "./fixtures/stacks";

const root = path.resolve(__dirname, "..");
const grpc = require("@grpc/grpc-js");
const rpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb");
const pb = require("@pulumi/pulumi/proto/analyzer_pb");
const { Struct } = require("google-protobuf/google/protobuf/struct_pb");
const { Empty } = require("google-protobuf/google/protobuf/empty_pb");

const LEVELS: Record<string, number> = { advisory: 0, mandatory: 1, disabled: 2, remediate: 3 };
const LEVEL_NAMES = ["advisory", "mandatory", "disabled", "remediate"];

type Client = Record<string, (req: unknown, cb: (err: Error | null, res: unknown) => void) => void>;

function call<T>(client: Client, method: string, req: unknown): Promise<T> {
  return new Promise((resolve, reject) =>
    client[method](req, (err, res) => (err ? reject(err) : resolve(res as T))),
  );
}

function options() {
  const o = new pb.AnalyzerResourceOptions();
  o.setProtect(false);
  return o;
}

function urnOf(r: ResourceUnderTest): string {
  return r.urn ?? `urn:pulumi:test::decision-control::${r.type}::${r.name}`;
}

function analyzeRequest(r: ResourceUnderTest) {
  const req = new pb.AnalyzeRequest();
  req.setType(r.type);
  req.setName(r.name);
  req.setUrn(urnOf(r));
  req.setProperties(Struct.fromJavaScript(JSON.parse(JSON.stringify(r.props))));
  req.setOptions(options());
  return req;
}

/** The engine sends every policy's level and its config with schema defaults filled in. */
function configureRequest(profile: string) {
  const req = new pb.ConfigureAnalyzerRequest();
  const map = req.getPolicyconfigMap();
  for (const p of preparePolicies(loadPackConfig(profile))) {
    const c = new pb.PolicyConfig();
    c.setEnforcementlevel(LEVELS[p.level]);
    c.setProperties(Struct.fromJavaScript(p.config));
    map.set(p.policy.name, c);
  }
  return req;
}

describe("engine: the compiled pack over gRPC, launched like `pulumi preview --policy-pack`", function () {
  this.timeout(60000);
  let child: ChildProcess | undefined;
  let client: Client;

  before(async function () {
    if (!fs.existsSync(path.join(root, "bin", "index.js"))) {
      console.warn("      (skipped: bin/index.js missing; `npm run build` first)");
      this.skip();
    }
    // Parity with a stale build would prove nothing.
    const stale = [
      "index.ts",
      ...["controls", "lib", "policies"].flatMap((d) =>
        fs.readdirSync(path.join(root, d)).map((f) => path.join(d, f)),
      ),
    ]
      .filter((f) => f.endsWith(".ts"))
      .filter((f) => {
        const js = path.join(root, "bin", f.replace(/\.ts$/, ".js"));
        return (
          !fs.existsSync(js) || fs.statSync(js).mtimeMs < fs.statSync(path.join(root, f)).mtimeMs
        );
      });
    assert.deepStrictEqual(
      stale,
      [],
      "bin/ is older than these sources: run `npm run build` in policy-pack/",
    );
    child = spawn(
      process.execPath,
      ["node_modules/@pulumi/pulumi/cmd/run-policy-pack", "127.0.0.1:0", "."],
      {
        cwd: root,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    const port = await new Promise<string>((resolve, reject) => {
      let out = "";
      let err = "";
      child!.stderr!.on("data", (d) => (err += d));
      child!.stdout!.on("data", (d) => {
        out += d;
        const nl = out.indexOf("\n");
        if (nl >= 0) {
          resolve(out.slice(0, nl).trim());
        }
      });
      child!.on("exit", (code) => reject(new Error(`pack exited ${code}: ${err}`)));
    });
    assert.match(port, /^\d+$/, "the first stdout line is the port");
    client = new rpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  });

  after(() => {
    child?.kill();
  });

  it("ALL: GetAnalyzerInfo lists every policy with its config schema", async () => {
    const info = await call<AnalyzerInfo>(client, "getAnalyzerInfo", new Empty());
    const names = info.getPoliciesList().map((p) => p.getName());
    assert.deepStrictEqual(
      names,
      allPolicies.map((p) => p.name),
    );
    assert.strictEqual(info.getName(), "decision-control-guard");
  });

  for (const [profile, build] of [
    ["sandbox", sandboxStack],
    ["production", productionStack],
  ] as const) {
    it(`ALL: Analyze and AnalyzeStack over the ${profile} stack agree with harness/evaluate (and block nothing)`, async () => {
      await call(client, "configure", configureRequest(profile));
      const stack = build();
      // One mutation so that parity covers a real violation too.
      stack.push({
        type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        name: "ssh-world",
        props: {
          securityGroupId: "x",
          ipProtocol: "tcp",
          fromPort: 22,
          toPort: 22,
          cidrIpv4: "0.0.0.0/0",
        },
      });
      stack.push({
        type: "aws:rds/instance:Instance",
        name: "preview-db",
        props: {
          engine: "postgres",
          publiclyAccessible: false,
          backupRetentionPeriod: UNKNOWN.number,
          storageEncrypted: true,
          kmsKeyId: "k",
          manageMasterUserPassword: true,
          iamDatabaseAuthenticationEnabled: true,
          multiAz: true,
          deletionProtection: true,
          finalSnapshotIdentifier: "f",
          copyTagsToSnapshot: true,
        },
      });
      const viaEngine: string[] = [];
      for (const r of stack) {
        const res = await call<AnalyzeResponse>(client, "analyze", analyzeRequest(r));
        for (const d of res.getDiagnosticsList()) {
          viaEngine.push(`${d.getPolicyname()}|${LEVEL_NAMES[d.getEnforcementlevel()]}|${r.name}`);
        }
      }
      const stackReq = new pb.AnalyzeStackRequest();
      stackReq.setResourcesList(
        stack.map((r) => {
          const ar = new pb.AnalyzerResource();
          ar.setType(r.type);
          ar.setName(r.name);
          ar.setUrn(urnOf(r));
          ar.setProperties(Struct.fromJavaScript(JSON.parse(JSON.stringify(r.props))));
          ar.setOptions(options());
          for (const [key, urns] of Object.entries(r.propertyDependencies ?? {})) {
            const deps = new pb.AnalyzerPropertyDependencies();
            deps.setUrnsList(urns);
            ar.getPropertydependenciesMap().set(key, deps);
          }
          return ar;
        }),
      );
      const sres = await call<AnalyzeResponse>(client, "analyzeStack", stackReq);
      for (const d of sres.getDiagnosticsList()) {
        const name = stack.find((r) => urnOf(r) === d.getUrn())?.name;
        viaEngine.push(`${d.getPolicyname()}|${LEVEL_NAMES[d.getEnforcementlevel()]}|${name}`);
      }
      const inProcess = evaluateResources(stack, loadPackConfig(profile)).violations.map(
        (v) => `${v.policyName}|${v.enforcementLevel}|${v.resourceName}`,
      );
      assert.deepStrictEqual([...viaEngine].sort(), [...inProcess].sort());
      const blocking = viaEngine.filter((v) => v.includes("|mandatory|"));
      assert.deepStrictEqual(
        blocking.map((v) => v.split("|")[0]).sort(),
        ["rds-has-alarms", "sg-no-admin-ports-from-internet", "sg-world-ingress-only-port-80"], // preview-db has no alarm
      );
      assert.ok(
        viaEngine.includes("rds-backup-retention|advisory|preview-db"),
        "unknown value gives the engine's advisory",
      );
    });
  }
});

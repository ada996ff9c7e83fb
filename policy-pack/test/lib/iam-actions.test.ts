import * as assert from "assert";
import {
  actionsOfService,
  allServices,
  clearActionCaches,
  expandPattern,
  globToRegExp,
  isWriteLevel,
  patternCovers,
  servicesFullyCovered,
} from "../../lib/iam-actions";

describe("lib/iam-actions: IAM-2 patterns against AWS's real list of actions", () => {
  // Each test reads and compiles for itself, so that no memoized answer hides the code under test.
  beforeEach(clearActionCaches);
  it("IAM-2: the data is there: services and actions with access levels", () => {
    assert.ok(allServices().length > 300);
    const iam = actionsOfService("IAM") ?? [];
    const put = iam.find((a) => a.action === "iam:PutRolePolicy");
    assert.ok(put, "iam:PutRolePolicy is an action");
    assert.match(put.accessLevel, /Permissions management/);
    assert.strictEqual(actionsOfService("no-such-service"), undefined);
    assert.strictEqual(actionsOfService("../etc"), undefined);
    assert.deepStrictEqual(
      actionsOfService(" iam ")?.map((a) => a.action),
      iam.map((a) => a.action),
    );
    assert.ok(iam.every((a) => a.action.startsWith("iam:")));
  });
  it("IAM-2: a service name that is a path never reads another data file", () => {
    // data/services.json exists next to data/actions/: a path must not reach it.
    for (const name of ["../services", "iam/../../services", "x/../../services"]) {
      assert.strictEqual(actionsOfService(name), undefined, name);
    }
  });
  const covers: Array<[string, string, boolean]> = [
    ["iam:Put*", "iam:PutRolePolicy", true],
    ["IAM:put*", "iam:PutRolePolicy", true],
    ["iam:?*", "iam:PassRole", true],
    ["iam:Pass????", "iam:PassRole", true],
    ["iam:Pass???", "iam:PassRole", false],
    ["s3:*Object", "s3:PutObject", true],
    ["s3:*Object", "s3:PutObjectAcl", false],
    ["*", "kms:Decrypt", true],
    ["*:Decrypt", "kms:Decrypt", true],
    ["k?s:*", "kms:Decrypt", true],
    ["kms:Decrypt.", "kms:Decrypt", false],
    ["ec2:Run(Instances)", "ec2:RunInstances", false],
    ["", "kms:Decrypt", false],
    [" iam:Put* ", " iam:PutRolePolicy ", true],
    ["iam:Add*", "iam:AddRoleToInstanceProfile", true],
    ["iam:Add*", "iam:Attach", false],
    [" ", " ", false],
  ];
  for (const [pattern, action, expected] of covers) {
    it(`IAM-2: ${JSON.stringify(pattern)} ${expected ? "covers" : "does not cover"} ${action}`, () => {
      assert.strictEqual(patternCovers(pattern, action), expected);
    });
  }
  it("IAM-2: regular-expression characters in a pattern are literal", () => {
    assert.strictEqual(globToRegExp("a.b").test("axb"), false);
    assert.strictEqual(globToRegExp("a+b").test("a+b"), true);
  });
  const whole: Array<[string, string[]]> = [
    ["*", ["*"]],
    ["**", ["*"]],
    ["*:*", ["*"]],
    ["s3:*", ["s3"]],
    ["iam:?*", ["iam"]],
    ["IAM:*", ["iam"]],
    ["nosuchservice:*", ["nosuchservice"]],
    ["nosuchservice:Get*", []],
    ["iam:Put*", []],
    ["s3:*Object", []],
    ["iam:PassRole", []],
    ["s3", []],
    ["s3:", []],
    [":*", []],
    [" s3:* ", ["s3"]],
    ["**:*", ["*"]],
    ["nosuchservice:**", ["nosuchservice"]],
    // A one-action service: "List*" covers all of it (the name is matched without the prefix).
    ["action-recommendations:List*", ["action-recommendations"]],
  ];
  for (const [pattern, services] of whole) {
    it(`IAM-2: ${JSON.stringify(pattern)} grants every action of ${services.join(", ") || "no service"}`, () => {
      assert.deepStrictEqual(servicesFullyCovered(pattern), services);
    });
  }
  it("IAM-2: a wildcard service part matches every service it names", () => {
    const covered = servicesFullyCovered("sq?:*");
    assert.ok(covered.includes("sqs"), covered.join(","));
    assert.ok(!covered.includes("s3"));
    assert.ok(servicesFullyCovered("*:?*").includes("iam"));
    for (const pattern of ["s*:*", "*3:*"]) {
      const some = servicesFullyCovered(pattern);
      assert.ok(some.includes("s3") && !some.includes("*") && !some.includes("iam"), pattern);
    }
  });
  it("IAM-2: expands a pattern into real actions, across services, and tells writes from reads", () => {
    const objects = expandPattern("s3:*Object").map((a) => a.action);
    assert.ok(objects.includes("s3:GetObject") && objects.includes("s3:DeleteObject"));
    assert.ok(!objects.includes("s3:PutObjectAcl"));
    assert.deepStrictEqual(expandPattern("nosuchservice:*"), []);
    assert.deepStrictEqual(expandPattern("junk"), []);
    const decrypts = expandPattern("*:Decrypt").map((a) => a.action);
    assert.ok(decrypts.includes("kms:Decrypt"));
    const writes = expandPattern("s3:*Object")
      .filter(isWriteLevel)
      .map((a) => a.action);
    assert.ok(writes.includes("s3:PutObject") && !writes.includes("s3:GetObject"));
    assert.strictEqual(
      isWriteLevel({ action: "x:Y", accessLevel: "Permissions management" }),
      true,
    );
    assert.strictEqual(isWriteLevel({ action: "x:Y", accessLevel: "List" }), false);
  });
});

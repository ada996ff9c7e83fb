/**
 * Issue 5: the program's own stacks against the policy pack, exactly as `pulumi preview
 * --policy-pack policy-pack --policy-pack-config policy-pack/config/<stack>.json` would judge them:
 * every registered custom resource (the provider included) with that stack's pack config.
 */
import { strict as assert } from "assert";
import { ResourceView, T } from "../../tools/checklist/resources";
import { packVerdict, toResourceViews } from "../../tools/checklist/run";
import { runProgramOnce, StackName } from "../harness/program";
import { loadPackConfig } from "../../policy-pack/harness/evaluate";

const STACKS: readonly StackName[] = ["sandbox", "production"];

function mandatoryOf(
  stack: StackName,
  resources: readonly ResourceView[],
): { policyName: string; message: string }[] {
  return packVerdict(stack, resources).violations.filter(
    (violation) => violation.enforcementLevel === "mandatory",
  );
}

function withProps(
  resources: readonly ResourceView[],
  type: string,
  change: (props: Record<string, unknown>) => Record<string, unknown>,
): ResourceView[] {
  assert.ok(
    resources.some((resource) => resource.type === type),
    `the stack has no ${type}`,
  );
  return resources.map((resource) =>
    resource.type === type ? { ...resource, props: change({ ...resource.props }) } : resource,
  );
}

function blockedBy(stack: StackName, resources: readonly ResourceView[], policy: string): void {
  const names = mandatoryOf(stack, resources).map((violation) => violation.policyName);
  assert.ok(
    names.includes(policy),
    `expected ${policy} to block; mandatory violations: ${names.join(", ") || "none"}`,
  );
}

describe("policy pack on the program's own stacks", () => {
  const resources = new Map<StackName, ResourceView[]>();
  before(async () => {
    for (const stack of STACKS) {
      const run = await runProgramOnce(stack);
      assert.equal(run.error, undefined, run.error?.message);
      resources.set(stack, toResourceViews(run));
    }
  });
  const of = (stack: StackName): ResourceView[] => resources.get(stack) ?? [];

  for (const stack of STACKS) {
    it(`${stack}: zero mandatory violations and zero policy errors with policy-pack/config/${stack}.json`, () => {
      const verdict = packVerdict(stack, of(stack));
      assert.deepEqual(
        verdict.errors.map((error) => `${error.policyName}: ${error.error.split("\n")[0]}`),
        [],
      );
      assert.deepEqual(
        mandatoryOf(stack, of(stack)).map(
          (violation) => `${violation.policyName}: ${violation.message}`,
        ),
        [],
      );
    });

    it(`${stack}: CMP-1 the provider is evaluated too: allowed-regions blocks a provider moved out of the allowed regions`, () => {
      assert.ok(
        of(stack).some(
          (resource) =>
            resource.type === "pulumi:providers:aws" && resource.props.region === "eu-west-1",
        ),
      );
      // The shipped pack configs pin the example stacks' region (CMP-1); an org sets its own list.
      const pinned = loadPackConfig(stack);
      assert.deepEqual(pinned["allowed-regions"], {
        enforcementLevel: "mandatory",
        allowedRegions: ["eu-west-1"],
      });
      const regionViolations = (resources: readonly ResourceView[]): string[] =>
        packVerdict(stack, resources, pinned)
          .violations.filter(
            (violation) =>
              violation.policyName === "allowed-regions" &&
              violation.enforcementLevel === "mandatory",
          )
          .map((violation) => violation.message);
      assert.deepEqual(regionViolations(of(stack)), []);
      const moved = withProps(of(stack), "pulumi:providers:aws", (props) => ({
        ...props,
        region: "us-east-1",
      }));
      assert.ok(regionViolations(moved).length > 0, "a provider in us-east-1 is blocked");
    });

    it(`${stack}: NET-5 port 22 open to the world is blocked by sg-no-admin-ports-from-internet`, () => {
      const appGroup = of(stack).find(
        (resource) =>
          resource.type === T.securityGroup &&
          (resource.props.tags as Record<string, string> | undefined)?.Tier === "app",
      );
      assert.ok(appGroup);
      const open22: ResourceView = {
        type: T.ingressRule,
        name: "ssh-world",
        urn: `urn:pulumi:${stack}::decision-control::${T.ingressRule}::ssh-world`,
        custom: true,
        props: {
          securityGroupId: `${appGroup.name}-id`,
          ipProtocol: "tcp",
          fromPort: 22,
          toPort: 22,
          cidrIpv4: "0.0.0.0/0",
        },
      };
      blockedBy(stack, [...of(stack), open22], "sg-no-admin-ports-from-internet");
      blockedBy(stack, [...of(stack), open22], "sg-world-ingress-only-port-80");
    });

    it(`${stack}: ACC-1 a public database is blocked by rds-not-publicly-accessible`, () => {
      blockedBy(
        stack,
        withProps(of(stack), T.dbInstance, (props) => ({ ...props, publiclyAccessible: true })),
        "rds-not-publicly-accessible",
      );
    });

    it(`${stack}: DATA-2 dropping RDS encryption is blocked by rds-storage-encrypted`, () => {
      blockedBy(
        stack,
        withProps(of(stack), T.dbInstance, (props) => ({ ...props, storageEncrypted: false })),
        "rds-storage-encrypted",
      );
    });
  }

  it("production with a public allowedCidr (internet-facing ALB): zero mandatory violations and zero policy errors", async () => {
    const run = await runProgramOnce("production", { allowedCidr: "203.0.113.0/24" });
    assert.equal(run.error, undefined, run.error?.message);
    const views = toResourceViews(run);
    assert.ok(views.some((view) => view.type === T.loadBalancer && view.props.internal === false));
    const verdict = packVerdict("production", views);
    assert.deepEqual(verdict.errors, []);
    assert.deepEqual(
      mandatoryOf("production", views).map((v) => `${v.policyName}: ${v.message}`),
      [],
    );
  });

  it("sandbox: DATA-1 an unencrypted root volume is blocked by ebs-encrypted", () => {
    blockedBy(
      "sandbox",
      withProps(of("sandbox"), T.instance, (props) => ({
        ...props,
        rootBlockDevice: { ...(props.rootBlockDevice as object), encrypted: false },
      })),
      "ebs-encrypted",
    );
  });

  it("production: DATA-1 an unencrypted launch-template volume is blocked by ebs-encrypted", () => {
    const unencrypted = withProps(of("production"), T.launchTemplate, (props) => ({
      ...props,
      blockDeviceMappings: (props.blockDeviceMappings as Record<string, unknown>[]).map(
        (mapping) => ({ ...mapping, ebs: { ...(mapping.ebs as object), encrypted: "false" } }),
      ),
    }));
    blockedBy("production", unencrypted, "ebs-encrypted");
  });

  it("production: APP-2 an HTTP listener that forwards instead of redirecting is blocked by lb-http-redirects-to-https", () => {
    const listeners = of("production").filter(
      (resource) => resource.type === T.listener && resource.props.protocol === "HTTP",
    );
    assert.equal(listeners.length, 1);
    const forwarding = of("production").map((resource) =>
      resource === listeners[0]
        ? {
            ...resource,
            props: {
              ...resource.props,
              defaultActions: [
                {
                  type: "forward",
                  targetGroupArn:
                    "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/tg/1",
                },
              ],
            },
          }
        : resource,
    );
    blockedBy("production", forwarding, "lb-http-redirects-to-https");
  });

  for (const stack of STACKS) {
    it(`${stack}: DATA-3 the teardown up is refused by rds-deletion-protection alone, so an enforced pack needs its owner for a teardown (README, Tear down)`, async () => {
      const run = await runProgramOnce(stack, { teardown: true });
      assert.equal(run.error, undefined, run.error?.message);
      assert.deepEqual(
        [...new Set(mandatoryOf(stack, toResourceViews(run)).map((v) => v.policyName))],
        ["rds-deletion-protection"],
      );
    });
  }
});

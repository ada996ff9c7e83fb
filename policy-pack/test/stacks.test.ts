import * as assert from "assert";
import {
  evaluateResources,
  loadPackConfig,
  mandatory,
  ResourceUnderTest,
} from "../harness/evaluate";
import { clone, productionStack, sandboxStack } from "./fixtures/stacks";

const SG_INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const SG_EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";

/** The program names every resource `decision-control-<stack>-<part>`. */
function nameOf(stack: "sandbox" | "production", part: string): string {
  return `decision-control-${stack}-${part}`;
}

/** The one fixture resource `decision-control-<stack>-<part>` (of `type`: names repeat across types). */
function find(stack: ResourceUnderTest[], part: string, type?: string): ResourceUnderTest {
  const found = stack.filter(
    (x) =>
      x.name.replace(/^decision-control-(sandbox|production)-/, "") === part &&
      (type === undefined || x.type === type),
  );
  assert.strictEqual(found.length, 1, `fixture resources named ${part}: ${found.length}`);
  return found[0];
}

function remove(stack: ResourceUnderTest[], ...resources: ResourceUnderTest[]): void {
  for (const r of resources) {
    stack.splice(stack.indexOf(r), 1);
  }
}

function blocked(stack: ResourceUnderTest[], profile: string): string[] {
  const result = evaluateResources(stack, loadPackConfig(profile));
  assert.deepStrictEqual(result.errors, []);
  return mandatory(result).map((v) => v.policyName);
}

// The program's own stacks (test/fixtures/stacks.ts, generated from it) under the shipped profiles:
// clean as they are, and blocked by the right policy after one change. Config variants the fixtures
// do not cover (a public allowedCidr, a teardown, a shared trail) are judged by the root project's
// test/policy-pack/ on the program itself.
describe("program stacks (generated fixtures): verdict and single-change blocks", () => {
  for (const [profile, build] of [
    ["sandbox", sandboxStack],
    ["production", productionStack],
  ] as const) {
    it(`ALL: the ${profile} stack has zero mandatory violations with config/${profile}.json`, () => {
      assert.deepStrictEqual(blocked(build(), profile), []);
    });
    it(`ALL: the ${profile} stack has zero mandatory violations at preview with ids unknown`, () => {
      const stack = build().map((r) => ({
        ...r,
        props: Object.fromEntries(
          Object.entries(r.props).map(([k, v]) => [
            k,
            typeof v === "string" && /-id$/.test(v) ? "04da6b54-80e4-46f7-96ec-b56ff0331ba9" : v,
          ]),
        ),
      }));
      const result = evaluateResources(stack, loadPackConfig(profile), { preview: true });
      assert.deepStrictEqual(result.errors, []);
      assert.deepStrictEqual(mandatory(result), []);
    });
  }

  it("ALL: the sandbox stack breaks the production profile where the guide says it differs", () => {
    const names = new Set(blocked(sandboxStack(), "production"));
    for (const expected of [
      "rds-multi-az",
      "rds-backup-retention",
      "log-group-retention",
      "ec2-public-instances-limit",
    ]) {
      assert.ok(
        names.has(expected),
        `${expected} should block the sandbox stack under the production profile`,
      );
    }
  });

  const mutations: Array<
    [string, string, "sandbox" | "production", (s: ResourceUnderTest[]) => void]
  > = [
    [
      "NET-5: opening 22 to the world",
      "sg-no-admin-ports-from-internet",
      "sandbox",
      (s) => {
        s.push({
          type: SG_INGRESS,
          name: "ssh-world",
          props: {
            securityGroupId: `${nameOf("sandbox", "sg-app")}-id`,
            ipProtocol: "tcp",
            fromPort: 22,
            toPort: 22,
            cidrIpv4: "0.0.0.0/0",
          },
        });
      },
    ],
    [
      "NET-1: widening the HTTPS rule's CIDR to the world",
      "sg-world-ingress-only-port-80",
      "production",
      (s) => {
        find(s, "sg-loadBalancer-ingress-443-trusted").props.cidrIpv4 = "0.0.0.0/0";
      },
    ],
    [
      "NET-5: adding all-protocol egress to the world",
      "sg-no-world-all-protocol-egress",
      "production",
      (s) => {
        Object.assign(find(s, "sg-app-egress-443-internet").props, {
          ipProtocol: "-1",
          fromPort: undefined,
          toPort: undefined,
        });
      },
    ],
    [
      "ACC-1: making the database public",
      "rds-not-publicly-accessible",
      "production",
      (s) => {
        find(s, "db-instance").props.publiclyAccessible = true;
      },
    ],
    [
      "DATA-2: dropping RDS encryption",
      "rds-storage-encrypted",
      "sandbox",
      (s) => {
        find(s, "db-instance").props.storageEncrypted = false;
      },
    ],
    [
      "DATA-1: dropping root-volume encryption",
      "ebs-encrypted",
      "sandbox",
      (s) => {
        (find(s, "app-instance").props.rootBlockDevice as Record<string, unknown>).encrypted =
          false;
      },
    ],
    [
      'DATA-1: launch template volume encrypted "false"',
      "ebs-encrypted",
      "production",
      (s) => {
        (
          find(s, "app-template").props.blockDeviceMappings as Array<
            Record<string, Record<string, unknown>>
          >
        )[0].ebs.encrypted = "false";
      },
    ],
    [
      "APP-2: HTTP listener forwarding instead of redirecting",
      "lb-http-redirects-to-https",
      "production",
      (s) => {
        find(s, "app-http").props.defaultActions = [
          {
            type: "forward",
            targetGroupArn: "arn:aws:lb:eu-west-1:123456789012:targetgroup/dc-production-tg",
          },
        ];
      },
    ],
    [
      "APP-1: a plain-text master password",
      "rds-no-plaintext-password",
      "production",
      (s) => {
        Object.assign(find(s, "db-instance").props, {
          manageMasterUserPassword: false,
          password: "aletyx-default",
        });
      },
    ],
    [
      "IAM-2: attaching AdministratorAccess to the instance role",
      "iam-no-privileged-managed-policies",
      "production",
      (s) => {
        find(s, "instance-AmazonSSMManagedInstanceCore").props.policyArn =
          "arn:aws:iam::aws:policy/AdministratorAccess";
      },
    ],
    [
      "IAM-1/ACC-2: adding a key pair",
      "ec2-no-key-pair",
      "sandbox",
      (s) => {
        find(s, "app-instance").props.keyName = "ops";
      },
    ],
    [
      "NET-3: removing the flow log",
      "vpc-has-flow-log",
      "production",
      (s) => {
        remove(s, find(s, "net-flow-log"));
      },
    ],
    [
      "MON-1: removing the RDS alarms",
      "rds-has-alarms",
      "sandbox",
      (s) => {
        remove(
          s,
          ...s.filter(
            (r) =>
              r.type === "aws:cloudwatch/metricAlarm:MetricAlarm" &&
              (r.props.dimensions as Record<string, unknown> | undefined)?.DBInstanceIdentifier,
          ),
        );
      },
    ],
    [
      "IAM-3: removing the trail",
      "stack-has-cloudtrail",
      "production",
      (s) => {
        remove(s, find(s, "audit-trail", "aws:cloudtrail/trail:Trail"));
      },
    ],
    [
      "IAM-3: removing the bucket's public access block",
      "s3-bucket-has-public-access-block",
      "sandbox",
      (s) => {
        remove(s, find(s, "audit-bucket-public-access"));
      },
    ],
    [
      "ACC-1: admitting the corporate CIDR on the database SG",
      "rds-sg-only-from-app-tier",
      "production",
      (s) => {
        find(s, "sg-database-ingress-5432-app").props = {
          securityGroupId: `${nameOf("production", "sg-database")}-id`,
          ipProtocol: "tcp",
          fromPort: 5432,
          toPort: 5432,
          cidrIpv4: "10.0.0.0/8",
        };
      },
    ],
    [
      "IAM-2: IMDSv1 on the sandbox instance",
      "ec2-imdsv2-required",
      "sandbox",
      (s) => {
        find(s, "app-instance").props.metadataOptions = { httpTokens: "optional" };
      },
    ],
    [
      "IAM-3: opening the trail bucket's policy to everyone",
      "s3-no-public-bucket-policy",
      "production",
      (s) => {
        find(s, "audit-bucket-policy").props.policy = JSON.stringify({
          Statement: [
            {
              Effect: "Allow",
              Principal: "*",
              Action: "s3:GetObject",
              Resource: "arn:aws:s3:::decision-control-production-audit-bucket-0a1b2c3d/*",
            },
          ],
        });
      },
    ],
    [
      "ACC-1: pinning PostgreSQL 14 without the TLS parameter group",
      "rds-tls-enforced",
      "sandbox",
      (s) => {
        Object.assign(find(s, "db-instance").props, {
          engineVersion: "14.12",
          parameterGroupName: undefined,
        });
      },
    ],
    [
      "MON-2: production log retention 30 days",
      "log-group-retention",
      "production",
      (s) => {
        find(s, "logs-application").props.retentionInDays = 30;
      },
    ],
    [
      "APP-3: an instance AMI taken from an SSM parameter at launch time",
      "ec2-ami-pinned",
      "sandbox",
      (s) => {
        find(s, "app-instance").props.ami =
          "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";
      },
    ],
    [
      "APP-3: a launch template without imageId",
      "ec2-ami-pinned",
      "production",
      (s) => {
        find(s, "app-template").props.imageId = undefined;
      },
    ],
    [
      "APP-4: dropping the patch-baseline association",
      "stack-has-os-patching",
      "production",
      (s) => {
        remove(s, find(s, "patching-association"));
      },
    ],
    [
      "MON-3: recording only chosen resource types",
      "config-recorder-all-supported",
      "sandbox",
      (s) => {
        find(s, "baseline-recorder").props.recordingGroup = {
          allSupported: false,
          resourceTypes: ["AWS::EC2::Instance"],
        };
      },
    ],
    [
      "MON-3: stopping the recorder",
      "config-recorder-enabled",
      "production",
      (s) => {
        find(s, "baseline-recording").props.isEnabled = false;
      },
    ],
    [
      "MON-3: dropping the delivery channel",
      "config-recorder-has-delivery-channel",
      "production",
      (s) => {
        remove(s, find(s, "baseline-delivery"));
      },
    ],
    ...(["sandbox", "production"] as const).map(
      (profile): [string, string, "sandbox" | "production", (s: ResourceUnderTest[]) => void] => [
        "CMP-1: moving the provider out of the allowed regions",
        "allowed-regions",
        profile,
        (s) => {
          const providers = s.filter((r) => r.type === "pulumi:providers:aws");
          assert.strictEqual(providers.length, 1, "the program has one (default) AWS provider");
          providers[0].props.region = "us-east-1";
        },
      ],
    ),
    [
      "IR-1: adding a rule to the quarantine security group",
      "stack-has-quarantine-security-group",
      "sandbox",
      (s) => {
        s.push({
          type: SG_EGRESS,
          name: nameOf("sandbox", "sg-quarantine-egress-443-internet"),
          props: {
            securityGroupId: `${nameOf("sandbox", "sg-quarantine")}-id`,
            ipProtocol: "tcp",
            fromPort: 443,
            toPort: 443,
            cidrIpv4: "0.0.0.0/0",
          },
        });
      },
    ],
  ];
  for (const [label, policy, profile, mutate] of mutations) {
    it(`${label} is blocked by ${policy} (${profile})`, () => {
      const stack = clone(profile === "sandbox" ? sandboxStack() : productionStack());
      mutate(stack);
      assert.ok(blocked(stack, profile).includes(policy), `${policy} did not block`);
    });
  }
});

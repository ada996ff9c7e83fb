// Exposure through the launch path: Spot instances, launch-template inheritance, EBS copies and public IPs that
// come from a subnet.
import * as assert from "assert";
import { ResourceUnderTest, UNKNOWN } from "../../harness/evaluate";
import { assertBlocks, assertPasses, hits, res, run } from "../helpers";
import {
  ASG,
  DEFAULT_SUBNET,
  goodInstance,
  goodTemplate,
  INSTANCE,
  LC,
  LT,
  SPOT,
  SUBNET,
} from "./compute-fixtures";

const IMDS = "ec2-imdsv2-required";
const EBS = "ebs-encrypted";
const AMI = "ec2-ami-pinned";
const KEY = "ec2-no-key-pair";
const SHUTDOWN = "ec2-shutdown-preserves-evidence";
const PUBLIC = "ec2-public-instances-limit";

const fromTemplate = { launchTemplate: { id: "lt-id", version: "$Latest" } };

describe("policies/compute: Spot instance requests are instances (IAM-2, DATA-1, ACC-2, APP-3, IR-2, NET-2)", () => {
  it("passes a well-made Spot request and blocks each insecure field like on aws.ec2.Instance", () => {
    assertPasses(run(res(SPOT, goodInstance())), IMDS);
    assertPasses(run(res(SPOT, goodInstance())), EBS);
    assertBlocks(
      run(res(SPOT, goodInstance({ metadataOptions: { httpTokens: "optional" } }))),
      IMDS,
      /^IAM-2: Spot instance request 'subject'/,
    );
    assertBlocks(
      run(res(SPOT, goodInstance({ rootBlockDevice: { encrypted: false } }))),
      EBS,
      /rootBlockDevice\.encrypted false/,
    );
    assertBlocks(
      run(res(SPOT, goodInstance({ ebsBlockDevices: [{ deviceName: "/dev/sdf" }] }))),
      EBS,
      /ebsBlockDevices\[0\]\.encrypted unset/,
    );
    assertBlocks(
      run(res(SPOT, goodInstance({ keyName: "ops" }))),
      KEY,
      /Spot instance request 'subject' sets keyName "ops"/,
    );
    assertBlocks(
      run(res(SPOT, goodInstance({ ami: "resolve:ssm:/x" }))),
      AMI,
      /Spot instance request 'subject' has ami/,
    );
    assertBlocks(
      run(res(SPOT, goodInstance({ instanceInitiatedShutdownBehavior: "terminate" }))),
      SHUTDOWN,
    );
    assertBlocks(
      run(res(SPOT, goodInstance({ associatePublicIpAddress: true }))),
      PUBLIC,
      /associatePublicIpAddress true/,
    );
  });
  it("IR-1/APP-4: a Spot request is a workload that needs a quarantine group and patching", () => {
    const r = run(res(SPOT, goodInstance()));
    assertBlocks(r, "stack-has-quarantine-security-group", /SpotInstanceRequest/);
    assertBlocks(r, "stack-has-os-patching", /SpotInstanceRequest/);
  });
});

describe("policies/compute: an instance launched from a launch template inherits its settings", () => {
  for (const type of [INSTANCE, SPOT]) {
    it(`IAM-2/DATA-1: ${type.split(":").pop()} with a launch template and no metadataOptions or rootBlockDevice passes (a former false positive)`, () => {
      const r = run(res(type, { instanceType: "t3.micro", ...fromTemplate }));
      assertPasses(r, IMDS);
      assertPasses(r, EBS);
      assertPasses(r, AMI);
      // What it does set is still judged.
      assertBlocks(
        run(res(type, { ...fromTemplate, metadataOptions: { httpTokens: "optional" } })),
        IMDS,
      );
      assertBlocks(
        run(res(type, { ...fromTemplate, rootBlockDevice: { volumeSize: 50 } })),
        EBS,
        /rootBlockDevice\.encrypted unset/,
      );
      // Without a template, the same instance blocks.
      const bare = run(res(type, { instanceType: "t3.micro", ami: "ami-0123456789abcdef0" }));
      assertBlocks(bare, IMDS, /unset/);
      assertBlocks(bare, EBS, /rootBlockDevice\.encrypted unset/);
    });
  }
  it("IAM-2: remediation leaves an inheriting instance alone", () => {
    const r = run(res(INSTANCE, { instanceType: "t3.micro", ...fromTemplate }), {
      [IMDS]: "remediate",
    });
    assert.deepStrictEqual(r.remediations, []);
  });
  it("IAM-2: the template itself is judged (its settings are the instance's)", () => {
    assertBlocks(run(res(LT, goodTemplate({ metadataOptions: { httpTokens: "optional" } }))), IMDS);
  });
  it("IAM-2: aws.ec2.InstanceMetadataDefaults may not make IMDSv1 the account default", () => {
    const D = "aws:ec2/instanceMetadataDefaults:InstanceMetadataDefaults";
    assertBlocks(
      run(res(D, { httpTokens: "optional" })),
      IMDS,
      /instance metadata defaults 'subject' set httpTokens "optional".*set httpTokens to "required"/,
    );
    assertPasses(run(res(D, { httpTokens: "required" })), IMDS);
    assertPasses(run(res(D, { httpTokens: "no-preference" })), IMDS);
    assertPasses(run(res(D, {})), IMDS);
  });

  describe("APP-3: a template without imageId (stack level)", () => {
    const bareTemplate = res(LT, goodTemplate({ imageId: undefined }), "lt");
    it("passes when every instance that uses it pins ami", () => {
      assertPasses(
        run([
          bareTemplate,
          res(INSTANCE, goodInstance(fromTemplate), "i1"),
          res(SPOT, goodInstance(fromTemplate), "i2"),
        ]),
        AMI,
      );
      assertPasses(run(bareTemplate), AMI);
    });
    it("blocks an instance that pins no ami either, and any Auto Scaling group (it cannot supply one)", () => {
      assertBlocks(
        run([bareTemplate, res(INSTANCE, { ...fromTemplate }, "i1")]),
        AMI,
        /^APP-3: instance 'i1' has no ami and its launch template 'lt' has no imageId/,
      );
      assertBlocks(
        run([bareTemplate, res(ASG, { maxSize: 2, launchTemplate: { id: "lt-id" } }, "g")]),
        AMI,
        /Auto Scaling group 'g' launches from launch template 'lt', which has no imageId/,
      );
      assertBlocks(
        run([
          bareTemplate,
          res(
            ASG,
            {
              maxSize: 2,
              mixedInstancesPolicy: {
                launchTemplate: { launchTemplateSpecification: { launchTemplateName: "lt" } },
              },
            },
            "g",
          ),
        ]),
        AMI,
        /'g'/,
      );
      // A template with an image serves all of them.
      assertPasses(
        run([
          res(LT, goodTemplate(), "lt"),
          res(INSTANCE, { ...fromTemplate }, "i1"),
          res(ASG, { launchTemplate: { id: "lt-id" } }, "g"),
        ]),
        AMI,
      );
    });
    it("matches the template through property dependencies, and leaves a template outside the stack to its own stack", () => {
      const i = {
        ...res(INSTANCE, { launchTemplate: { id: "lt-0123456789abcdef0" } }, "i1"),
        propertyDependencies: { launchTemplate: ["lt"] },
      };
      assertBlocks(run([bareTemplate, i]), AMI, /'i1'/);
      assertPasses(run(res(INSTANCE, { launchTemplate: { id: "lt-0abc" } }, "i1")), AMI);
    });
    it("a launch configuration's imageId is judged like a template's", () => {
      assertBlocks(
        run(res(LC, { imageId: "resolve:ssm:/x" })),
        AMI,
        /launch configuration 'subject' has imageId/,
      );
      assertPasses(run(res(LC, { imageId: "ami-12345678" })), AMI);
    });
  });
});

describe("policies/compute: DATA-1 for copies and Spot fleets", () => {
  for (const type of [
    "aws:ebs/snapshotCopy:SnapshotCopy",
    "aws:ebs/snapshotImport:SnapshotImport",
    "aws:ec2/amiCopy:AmiCopy",
  ]) {
    it(`DATA-1: ${type.split(":").pop()} must set encrypted true`, () => {
      assertBlocks(
        run(res(type, { sourceSnapshotId: "snap-1" })),
        EBS,
        /has encrypted unset; set encrypted to true/,
      );
      assertBlocks(run(res(type, { encrypted: false })), EBS, /encrypted false/);
      assertPasses(run(res(type, { encrypted: true, kmsKeyId: "k" })), EBS);
    });
  }
  it("DATA-1: Spot fleet launch specifications need encrypted root and data devices", () => {
    const SF = "aws:ec2/spotFleetRequest:SpotFleetRequest";
    const spec = (extra: Record<string, unknown>) => ({
      ami: "ami-12345678",
      instanceType: "m5.large",
      ...extra,
    });
    assertPasses(
      run(res(SF, { launchSpecifications: [spec({ rootBlockDevices: [{ encrypted: true }] })] })),
      EBS,
    );
    assertBlocks(
      run(res(SF, { launchSpecifications: [spec({})] })),
      EBS,
      /launchSpecifications\[0\]\.rootBlockDevices unset; add a root device/,
    );
    assertBlocks(
      run(
        res(SF, {
          launchSpecifications: [
            spec({
              rootBlockDevices: [{ encrypted: true }],
              ebsBlockDevices: [{ encrypted: false }],
            }),
          ],
        }),
      ),
      EBS,
      /launchSpecifications\[0\]\.ebsBlockDevices\[0\]\.encrypted false/,
    );
    // Launching from launch-template configs only: the templates are judged.
    assertPasses(
      run(res(SF, { launchTemplateConfigs: [{ launchTemplateSpecification: { id: "lt-1" } }] })),
      EBS,
    );
  });
});

describe("policies/compute: NET-2 public IPs from the subnet (stack level)", () => {
  const subnet = (name: string, mapPublicIpOnLaunch?: unknown, type = SUBNET) =>
    res(type, { vpcId: "vpc-1", cidrBlock: "10.0.1.0/24", mapPublicIpOnLaunch }, name);
  const inst = (props: Record<string, unknown>, name = "web"): ResourceUnderTest =>
    res(INSTANCE, goodInstance(props), name);

  it("NET-2: blocks an instance in a subnet with mapPublicIpOnLaunch true (production allows 0)", () => {
    assertBlocks(
      run([subnet("pub", true), inst({ subnetId: "pub-id" })]),
      PUBLIC,
      /'web' gives an instance a public IP \(subnet 'pub' has mapPublicIpOnLaunch true/,
    );
    assertBlocks(
      run([subnet("pub", "true"), res(SPOT, goodInstance({ subnetId: "pub-id" }))]),
      PUBLIC,
    );
  });
  it("NET-2: a default subnet maps public IPs unless it says false", () => {
    assertBlocks(
      run([subnet("d", undefined, DEFAULT_SUBNET), inst({ subnetId: "d-id" })]),
      PUBLIC,
      /subnet 'd'/,
    );
    assertPasses(run([subnet("d", false, DEFAULT_SUBNET), inst({ subnetId: "d-id" })]), PUBLIC);
  });
  it("NET-2: passes a private subnet, an explicit associatePublicIpAddress false, and an attached network interface", () => {
    assertPasses(run([subnet("priv", false), inst({ subnetId: "priv-id" })]), PUBLIC);
    assertPasses(run([subnet("priv"), inst({ subnetId: "priv-id" })]), PUBLIC);
    assertPasses(
      run([subnet("pub", true), inst({ subnetId: "pub-id", associatePublicIpAddress: false })]),
      PUBLIC,
    );
    assertPasses(
      run([
        subnet("pub", true),
        inst({ networkInterfaces: [{ networkInterfaceId: "eni-1", deviceIndex: 0 }] }),
      ]),
      PUBLIC,
    );
  });
  it("NET-2: the sandbox profile allows one such instance, not two", () => {
    const cfg = { [PUBLIC]: { maxPublicInstances: 1 } };
    assertPasses(run([subnet("pub", true), inst({ subnetId: "pub-id" })], cfg), PUBLIC);
    assertBlocks(
      run(
        [subnet("pub", true), inst({ subnetId: "pub-id" }, "a"), inst({ subnetId: "pub-id" }, "b")],
        cfg,
      ),
      PUBLIC,
      /2 public instance/,
    );
  });
  it("NET-2: a launch template decides before the subnet: its primary interface's associatePublicIpAddress", () => {
    const lt = (v?: string) =>
      res(
        LT,
        goodTemplate({
          networkInterfaces: [{ deviceIndex: 0, associatePublicIpAddress: v, subnetId: "pub-id" }],
        }),
        "lt",
      );
    assertPasses(
      run([subnet("pub", true), lt("false"), inst({ subnetId: "pub-id", ...fromTemplate })]),
      PUBLIC,
    );
    assertBlocks(
      run([subnet("priv", false), lt("true"), inst({ subnetId: "priv-id", ...fromTemplate })]),
      PUBLIC,
      /launch template 'lt' associates a public IP/,
    );
    // The template's interface names the subnet when the instance does not.
    assertBlocks(
      run([subnet("pub", true), lt(undefined), inst({ ...fromTemplate })]),
      PUBLIC,
      /subnet 'pub'/,
    );
  });
  it("NET-2: an Auto Scaling group in public subnets counts as maxSize instances", () => {
    const group = (props: Record<string, unknown>) =>
      res(
        ASG,
        { minSize: 1, maxSize: 3, vpcZoneIdentifiers: ["pub-id", "priv-id"], ...props },
        "asg",
      );
    const cfg = { [PUBLIC]: { maxPublicInstances: 1 } };
    assertBlocks(
      run(
        [
          subnet("pub", true),
          subnet("priv", false),
          group({ launchTemplate: { id: "lt-id" } }),
          res(LT, goodTemplate(), "lt"),
        ],
        cfg,
      ),
      PUBLIC,
      /'asg' gives up to 3 instances a public IP \(it launches into subnet 'pub'/,
    );
    assertPasses(
      run([
        subnet("pub", true),
        group({ launchTemplate: { id: "lt-id" } }),
        res(LT, goodTemplate({ networkInterfaces: [{ associatePublicIpAddress: "false" }] }), "lt"),
      ]),
      PUBLIC,
    );
    assertPasses(
      run([
        subnet("pub", true),
        group({ launchConfiguration: "lc" }),
        res(LC, { imageId: "ami-12345678", associatePublicIpAddress: false }, "lc"),
      ]),
      PUBLIC,
    );
    assertPasses(run([subnet("priv", false), group({})]), PUBLIC);
  });
  it("NET-2: a subnet flag or reference unknown at preview never blocks", () => {
    assertPasses(
      run([subnet("pub", UNKNOWN.boolean), inst({ subnetId: "pub-id" })], {}, true),
      PUBLIC,
    );
    assertPasses(run([subnet("pub", true), inst({ subnetId: UNKNOWN.string })], {}, true), PUBLIC);
    assert.strictEqual(
      hits(
        run(
          [
            subnet("pub", true),
            inst({ subnetId: "pub-id", associatePublicIpAddress: UNKNOWN.boolean }),
          ],
          {},
          true,
        ),
        PUBLIC,
        "mandatory",
      ).length,
      0,
    );
  });
});

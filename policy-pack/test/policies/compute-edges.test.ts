// The boundaries of the compute policies that compute.test.ts and compute-launch.test.ts leave
// open: spellings AWS accepts, the resource types each policy judges, and how stack-level joins
// (launch templates, subnets, Elastic IPs) pick what they follow.
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

const SPOT_FLEET = "aws:ec2/spotFleetRequest:SpotFleetRequest";
const METADATA_DEFAULTS = "aws:ec2/instanceMetadataDefaults:InstanceMetadataDefaults";
const EBS_DEFAULT = "aws:ebs/encryptionByDefault:EncryptionByDefault";

const IMDS = "ec2-imdsv2-required";
const EBS = "ebs-encrypted";
const EBS_DEFAULT_P = "ebs-encryption-by-default-enabled";
const KEY = "ec2-no-key-pair";
const LT_PUBLIC = "launch-template-no-public-ip";
const PUBLIC = "ec2-public-instances-limit";
const AMI = "ec2-ami-pinned";

const goodConfiguration = (extra: Record<string, unknown> = {}) => ({
  imageId: "ami-12345678",
  instanceType: "t3.micro",
  metadataOptions: { httpTokens: "required" },
  rootBlockDevice: { encrypted: true },
  ...extra,
});
const sandbox = { [PUBLIC]: { maxPublicInstances: 1 } };

describe("policies/compute: IAM-2 IMDSv2 spellings and remediation", () => {
  it("IAM-2: httpTokens and httpEndpoint are read case- and space-insensitively", () => {
    assertPasses(
      run(res(INSTANCE, goodInstance({ metadataOptions: { httpTokens: " Required " } }))),
      IMDS,
    );
    assertPasses(
      run(res(INSTANCE, goodInstance({ metadataOptions: { httpEndpoint: "DISABLED" } }))),
      IMDS,
    );
    assertBlocks(
      run(res(INSTANCE, goodInstance({ metadataOptions: { httpEndpoint: "enabled" } }))),
      IMDS,
      /unset/,
    );
    assertBlocks(run(res(METADATA_DEFAULTS, { httpTokens: " OPTIONAL " })), IMDS);
    // An account default with the endpoint off leaves nothing to read credentials from.
    assertPasses(
      run(res(METADATA_DEFAULTS, { httpTokens: "optional", httpEndpoint: "disabled" })),
      IMDS,
    );
  });
  it("IAM-2: only instances and Spot requests inherit from a launch template; a launch configuration has none", () => {
    assertBlocks(
      run(
        res(LC, goodConfiguration({ metadataOptions: undefined, launchTemplate: { id: "lt-1" } })),
      ),
      IMDS,
    );
    assertBlocks(
      run(res(LT, goodTemplate({ metadataOptions: undefined, launchTemplate: { id: "lt-1" } }))),
      IMDS,
    );
  });
  it("IAM-2: remediation adds metadataOptions when there are none, and leaves compliant and account-level resources alone", () => {
    const added = run(res(LC, goodConfiguration({ metadataOptions: undefined })), {
      [IMDS]: "remediate",
    });
    assert.deepStrictEqual(added.remediations[0]?.props.metadataOptions, {
      httpEndpoint: "enabled",
      httpTokens: "required",
    });
    assert.deepStrictEqual(added.remediations[0]?.props.imageId, "ami-12345678");
    assert.deepStrictEqual(
      run(res(INSTANCE, goodInstance()), { [IMDS]: "remediate" }).remediations,
      [],
    );
    const defaults = run(res(METADATA_DEFAULTS, { httpTokens: "optional" }), {
      [IMDS]: "remediate",
    });
    assert.deepStrictEqual(defaults.remediations, []);
    assertBlocks(defaults, IMDS);
  });
});

describe("policies/compute: DATA-1 EBS encryption edges", () => {
  it("DATA-1: messages name the resource kind, or its type when it has no kind", () => {
    assertBlocks(
      run(res("aws:ebs/volume:Volume", { size: 10, encrypted: false })),
      EBS,
      /^DATA-1: aws:ebs\/volume:Volume 'subject' has encrypted false/,
    );
    assertBlocks(
      run(res(SPOT_FLEET, { launchSpecifications: [{ rootBlockDevices: [] }] })),
      EBS,
      /^DATA-1: Spot fleet request 'subject' has launchSpecifications\[0\]\.rootBlockDevices unset/,
    );
    assertBlocks(
      run(res(LC, goodConfiguration({ rootBlockDevice: {} }))),
      EBS,
      /^DATA-1: launch configuration 'subject' has rootBlockDevice\.encrypted unset/,
    );
  });
  it('DATA-1: a volume\'s encrypted flag may be the string "true"; anything else blocks', () => {
    assertPasses(run(res("aws:ebs/volume:Volume", { size: 10, encrypted: "true" })), EBS);
    assertBlocks(run(res("aws:ebs/volume:Volume", { size: 10, encrypted: "yes" })), EBS);
  });
  it("DATA-1: every Spot fleet specification and device is judged; data devices may be absent", () => {
    const spec = (extra: Record<string, unknown> = {}) => ({
      rootBlockDevices: [{ encrypted: true }],
      ...extra,
    });
    assertPasses(
      run(
        res(SPOT_FLEET, {
          launchSpecifications: [spec(), spec({ ebsBlockDevices: [{ encrypted: "true" }] })],
        }),
      ),
      EBS,
    );
    const r = run(
      res(SPOT_FLEET, {
        launchSpecifications: [
          spec(),
          spec({
            rootBlockDevices: [{ encrypted: true }, { encrypted: false }],
            ebsBlockDevices: [{ encrypted: true }, {}],
          }),
        ],
      }),
    );
    assert.deepStrictEqual(
      hits(r, EBS).map((v) => v.message.replace(/ (false|unset);.*/, "")),
      [
        "DATA-1: Spot fleet request 'subject' has launchSpecifications[1].rootBlockDevices[1].encrypted",
        "DATA-1: Spot fleet request 'subject' has launchSpecifications[1].ebsBlockDevices[1].encrypted",
      ],
    );
  });
  it("DATA-1: a launch template's ephemeral mappings are skipped, but one EBS mapping is needed", () => {
    const ephemeral = { deviceName: "/dev/sdb", virtualName: "ephemeral0" };
    assertPasses(
      run(
        res(
          LT,
          goodTemplate({
            blockDeviceMappings: [
              ephemeral,
              { deviceName: "/dev/xvda", ebs: { encrypted: "true" } },
            ],
          }),
        ),
      ),
      EBS,
    );
    assertBlocks(
      run(res(LT, goodTemplate({ blockDeviceMappings: [ephemeral] }))),
      EBS,
      /no blockDeviceMappings with ebs settings/,
    );
    const two = run(
      res(LT, goodTemplate({ blockDeviceMappings: [ephemeral, { ebs: { encrypted: "false" } }] })),
    );
    assert.deepStrictEqual(hits(two, EBS).length, 1);
    assertBlocks(two, EBS, /blockDeviceMappings\[1\]\.ebs\.encrypted "false"/);
  });
  it("DATA-1: an instance with its own rootBlockDevice is judged on it, template or not; a launch configuration never inherits", () => {
    assertBlocks(
      run(
        res(
          INSTANCE,
          goodInstance({ launchTemplate: { id: "lt-1" }, rootBlockDevice: { encrypted: false } }),
        ),
      ),
      EBS,
      /rootBlockDevice\.encrypted false/,
    );
    assertBlocks(
      run(
        res(LC, goodConfiguration({ rootBlockDevice: undefined, launchTemplate: { id: "lt-1" } })),
      ),
      EBS,
    );
    assertPasses(run(res(LC, goodConfiguration({ ebsBlockDevices: [{ encrypted: true }] }))), EBS);
  });
  it("DATA-1: EncryptionByDefault blocks false in any spelling and a value that is not a boolean", () => {
    assertBlocks(run(res(EBS_DEFAULT, { enabled: "FALSE" })), EBS_DEFAULT_P, /enabled "FALSE"/);
    assertBlocks(run(res(EBS_DEFAULT, { enabled: "yes" })), EBS_DEFAULT_P, /enabled "yes"/);
    assertPasses(run(res(EBS_DEFAULT, { enabled: "true" })), EBS_DEFAULT_P);
  });
});

describe("policies/compute: ACC-2 key pairs and NET-2 launch settings", () => {
  it("ACC-2: a key pair computed at preview blocks (its presence is enough); null does not", () => {
    assertBlocks(
      run(res(INSTANCE, goodInstance({ keyName: UNKNOWN.string })), {}, true),
      KEY,
      /keyName \(computed\)/,
    );
    assertPasses(run(res(INSTANCE, goodInstance({ keyName: null }))), KEY);
    assertBlocks(
      run(res(LC, goodConfiguration({ keyName: "ops" }))),
      KEY,
      /^ACC-2: launch configuration 'subject'/,
    );
    assertPasses(
      run(res(LT, goodTemplate({ keyName: "ops" })), { [KEY]: { allowSshKeyPair: true } }),
      KEY,
    );
    assertBlocks(
      run(res(LT, goodTemplate({ keyName: "ops" })), { [KEY]: { allowSshKeyPair: false } }),
      KEY,
    );
  });
  it('NET-2: a launch configuration blocks associatePublicIpAddress "true", passes false; any template interface counts', () => {
    assertBlocks(run(res(LC, goodConfiguration({ associatePublicIpAddress: "true" }))), LT_PUBLIC);
    assertPasses(run(res(LC, goodConfiguration({ associatePublicIpAddress: false }))), LT_PUBLIC);
    assertPasses(
      run(res(LC, goodConfiguration({ networkInterfaces: [{ associatePublicIpAddress: true }] }))),
      LT_PUBLIC,
    );
    assertBlocks(
      run(
        res(
          LT,
          goodTemplate({
            networkInterfaces: [
              { associatePublicIpAddress: false },
              { associatePublicIpAddress: true },
            ],
          }),
        ),
      ),
      LT_PUBLIC,
      /networkInterfaces\[1\]/,
    );
    assertPasses(run(res(LT, goodTemplate({ associatePublicIpAddress: true }))), LT_PUBLIC);
  });
});

describe("policies/compute: NET-2 public instances, joins and counting (stack level)", () => {
  const subnet = (name: string, mapPublicIpOnLaunch?: unknown, type = SUBNET) =>
    res(type, { vpcId: "vpc-1", cidrBlock: "10.0.1.0/24", mapPublicIpOnLaunch }, name);
  const inst = (props: Record<string, unknown>, name = "web", type = INSTANCE): ResourceUnderTest =>
    res(type, goodInstance(props), name);
  const template = (nics: unknown, name = "lt") =>
    res(LT, goodTemplate({ networkInterfaces: nics }), name);
  const messages = (r: ReturnType<typeof run>) =>
    hits(r, PUBLIC, "mandatory").map((v) => v.message);

  it("NET-2: the launch template is found by id or by name; its device-index-0 interface decides", () => {
    assertBlocks(
      run([
        template([{ associatePublicIpAddress: "true" }]),
        inst({ launchTemplate: { name: "lt" } }),
      ]),
      PUBLIC,
      /its launch template 'lt' associates a public IP/,
    );
    const nics = [
      { deviceIndex: 1, associatePublicIpAddress: "true" },
      { deviceIndex: 0, associatePublicIpAddress: "false" },
    ];
    assertPasses(
      run([
        subnet("pub", true),
        template(nics),
        inst({ subnetId: "pub-id", launchTemplate: { id: "lt-id" } }),
      ]),
      PUBLIC,
    );
    assertBlocks(
      run([
        template([
          { deviceIndex: 1, associatePublicIpAddress: "false" },
          { deviceIndex: 0, associatePublicIpAddress: "true" },
        ]),
        inst({ launchTemplate: { id: "lt-id" } }),
      ]),
      PUBLIC,
    );
    // Without a device index 0, the first interface is the primary one.
    assertBlocks(
      run([
        template([
          { deviceIndex: 1, associatePublicIpAddress: "true" },
          { deviceIndex: 2, associatePublicIpAddress: "false" },
        ]),
        inst({ launchTemplate: { id: "lt-id" } }),
      ]),
      PUBLIC,
    );
    // A template interface without the flag leaves it to the subnet; an unknown list never blocks.
    assertPasses(
      run([template([{ deviceIndex: 0 }]), inst({ launchTemplate: { id: "lt-id" } })]),
      PUBLIC,
    );
    assertPasses(
      run([template(UNKNOWN.array), inst({ launchTemplate: { id: "lt-id" } })], {}, true),
      PUBLIC,
    );
  });
  it("NET-2: a template that says nothing leaves the instance's own subnet to decide", () => {
    assertBlocks(
      run([
        subnet("pub", true),
        template(undefined),
        inst({ subnetId: "pub-id", launchTemplate: { id: "lt-id" } }),
      ]),
      PUBLIC,
      /subnet 'pub'/,
    );
    assertPasses(
      run([
        subnet("pub", true),
        subnet("priv", false),
        template([{ deviceIndex: 0, subnetId: "pub-id" }]),
        inst({ subnetId: "priv-id", launchTemplate: { id: "lt-id" } }),
      ]),
      PUBLIC,
    );
  });
  it("NET-2: a default subnet whose flag is unknown at preview never blocks", () => {
    assertPasses(
      run([subnet("d", UNKNOWN.boolean, DEFAULT_SUBNET), inst({ subnetId: "d-id" })], {}, true),
      PUBLIC,
    );
    assertBlocks(run([subnet("d", "true", DEFAULT_SUBNET), inst({ subnetId: "d-id" })]), PUBLIC);
  });
  it("NET-2: an Auto Scaling group's launch configuration or template decides before its subnets; every public subnet is named", () => {
    const group = (props: Record<string, unknown>) =>
      res(ASG, { maxSize: 2, vpcZoneIdentifiers: ["a-id", "b-id"], ...props }, "asg");
    assert.deepStrictEqual(
      messages(run([subnet("a", true), subnet("b", true), group({})])).map((m) =>
        m.replace(/\); .*/, ")"),
      ),
      [
        "NET-2: 'asg' gives up to 2 instances a public IP (it launches into subnet 'a', 'b' has mapPublicIpOnLaunch true (a default subnet unless set false) and nothing sets associatePublicIpAddress false)",
      ],
    );
    assertBlocks(
      run([
        subnet("a", false),
        group({ launchConfiguration: "lc" }),
        res(LC, goodConfiguration({ associatePublicIpAddress: true }), "lc"),
      ]),
      PUBLIC,
      /\(its launch configuration 'lc' associates a public IP\)/,
    );
    assertBlocks(
      run([
        subnet("a", false),
        group({
          mixedInstancesPolicy: {
            launchTemplate: { launchTemplateSpecification: { launchTemplateId: "lt-id" } },
          },
        }),
        template([{ associatePublicIpAddress: true }]),
      ]),
      PUBLIC,
      /\(its launch template 'lt' associates a public IP\)/,
    );
    assertPasses(run([subnet("a", false), subnet("b", false), group({})]), PUBLIC);
  });
  it("NET-2: a group's size counts: maxSize, at least 1, and 1 when unknown or unset", () => {
    const group = (maxSize: unknown) => res(ASG, { maxSize, vpcZoneIdentifiers: ["a-id"] }, "asg");
    for (const maxSize of [0, undefined]) {
      assertPasses(run([subnet("a", true), group(maxSize)], sandbox), PUBLIC);
    }
    assertPasses(run([subnet("a", true), group(UNKNOWN.number)], sandbox, true), PUBLIC);
    assertBlocks(
      run([subnet("a", true), group(2)], sandbox),
      PUBLIC,
      /up to 2 instances.*2 public instance\(s\) exceed the profile's maxPublicInstances 1/,
    );
  });
  it("NET-2: an instance is counted once, however many reasons it has", () => {
    const stack = [
      inst({ associatePublicIpAddress: true }),
      res("aws:ec2/eip:Eip", { domain: "vpc", instance: "web-id" }, "eip"),
      res(
        "aws:ec2/eipAssociation:EipAssociation",
        { instanceId: "web-id", allocationId: "eipalloc-1" },
        "assoc",
      ),
    ];
    assertPasses(run(stack, sandbox), PUBLIC);
    assert.deepStrictEqual(messages(run(stack)).length, 1);
    assertBlocks(
      run(stack),
      PUBLIC,
      /'web' gives an instance a public IP \(associatePublicIpAddress true\); 1 public instance\(s\) exceed the profile's maxPublicInstances 0/,
    );
  });
  it("NET-2: an Elastic IP on an instance outside the stack counts as its own public instance", () => {
    assertBlocks(
      run([res("aws:ec2/eip:Eip", { domain: "vpc", instance: "i-0123456789abcdef0" }, "eip")]),
      PUBLIC,
      /^NET-2: 'eip' gives an instance a public IP \(Elastic IP 'eip' \(instance\)\)/,
    );
    assertBlocks(
      run([
        res(
          "aws:ec2/eipAssociation:EipAssociation",
          { networkInterfaceId: "eni-0abc", allocationId: "a" },
          "assoc",
        ),
      ]),
      PUBLIC,
      /Elastic IP 'assoc' \(networkInterfaceId\)/,
    );
    // Only Elastic IPs and their associations carry these keys.
    assertPasses(
      run([
        res("aws:ec2/networkInterface:NetworkInterface", { subnetId: "s", instance: "i-1" }, "eni"),
      ]),
      PUBLIC,
    );
  });
  it("NET-2: a Spot request is judged like an instance; other resources are not instances", () => {
    assertBlocks(
      run([subnet("pub", true), inst({ subnetId: "pub-id" }, "spot", SPOT)]),
      PUBLIC,
      /'spot'/,
    );
    assertPasses(
      run([subnet("pub", true), res(LC, goodConfiguration({ subnetId: "pub-id" }), "lc")]),
      PUBLIC,
    );
  });
});

describe("policies/compute: APP-3 AMI edges", () => {
  it("APP-3: a resolve:ssm: reference is named as one in any case and after spaces", () => {
    for (const ami of ["RESOLVE:SSM:/x", "  resolve:ssm:/x"]) {
      assertBlocks(
        run(res(INSTANCE, goodInstance({ ami }))),
        AMI,
        /an SSM parameter that AWS resolves at launch time/,
      );
    }
  });
  it("APP-3: an instance that sets both ami and launchTemplate is judged on its ami; a launch configuration always needs imageId", () => {
    assertBlocks(
      run(res(INSTANCE, goodInstance({ ami: "ami-1", launchTemplate: { id: "lt-1" } }))),
      AMI,
    );
    assertBlocks(
      run(res(LC, goodConfiguration({ imageId: undefined }))),
      AMI,
      /launch configuration 'subject' has imageId unset/,
    );
    assertBlocks(
      run(res(LC, goodConfiguration({ imageId: undefined, launchTemplate: { id: "lt-1" } }))),
      AMI,
    );
  });
  it("APP-3: at stack level a Spot request without ami needs the template's imageId; a template alone or an instance with ami is fine", () => {
    const bare = res(LT, goodTemplate({ imageId: undefined }), "lt");
    assertBlocks(
      run([bare, res(SPOT, { launchTemplate: { id: "lt-id" } }, "spot")]),
      AMI,
      /^APP-3: Spot instance request 'spot' has no ami/,
    );
    assertPasses(
      run([bare, res(SPOT, goodInstance({ launchTemplate: { id: "lt-id" } }), "spot")]),
      AMI,
    );
    // A launch configuration or another template naming it is no launcher.
    assertPasses(
      run([bare, res(LC, goodConfiguration({ launchTemplate: { id: "lt-id" } }), "lc")]),
      AMI,
    );
    // An Auto Scaling group cannot supply an image, even with an ami field of its own.
    assertBlocks(
      run([bare, res(ASG, { ami: "ami-12345678", launchTemplate: { id: "lt-id" } }, "g")]),
      AMI,
      /Auto Scaling group 'g'/,
    );
  });
});

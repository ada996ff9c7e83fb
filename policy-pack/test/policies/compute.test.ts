import * as assert from "assert";
import { UNKNOWN } from "../../harness/evaluate";
import { assertBlocks, assertPasses, hits, res, run } from "../helpers";

const INSTANCE = "aws:ec2/instance:Instance";
const LT = "aws:ec2/launchTemplate:LaunchTemplate";
const LC = "aws:ec2/launchConfiguration:LaunchConfiguration";

const goodInstance = () => ({
  ami: "ami-1",
  instanceType: "t3.micro",
  metadataOptions: { httpTokens: "required" },
  rootBlockDevice: { encrypted: true },
});
const goodTemplate = () => ({
  metadataOptions: { httpTokens: "required" },
  blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true" } }],
  networkInterfaces: [{ associatePublicIpAddress: "false" }],
});

describe("policies/compute", () => {
  it("IAM-2: blocks IMDSv1 (httpTokens optional or unset) on instances, launch templates and configurations", () => {
    assertBlocks(
      run(res(INSTANCE, { ...goodInstance(), metadataOptions: { httpTokens: "optional" } })),
      "ec2-imdsv2-required",
      /"optional"/,
    );
    assertBlocks(
      run(res(LT, { ...goodTemplate(), metadataOptions: undefined })),
      "ec2-imdsv2-required",
      /unset/,
    );
    assertBlocks(run(res(LC, { rootBlockDevice: { encrypted: true } })), "ec2-imdsv2-required");
  });
  it("IAM-2: passes httpTokens required, and a disabled metadata endpoint", () => {
    assertPasses(run(res(INSTANCE, goodInstance())), "ec2-imdsv2-required");
    assertPasses(
      run(res(INSTANCE, { ...goodInstance(), metadataOptions: { httpEndpoint: "disabled" } })),
      "ec2-imdsv2-required",
    );
  });
  it("IAM-2: remediation sets httpTokens required and keeps the other metadata options", () => {
    const r = run(
      res(LT, {
        ...goodTemplate(),
        metadataOptions: { httpTokens: "optional", httpPutResponseHopLimit: 2 },
      }),
      { "ec2-imdsv2-required": "remediate" },
    );
    assert.deepStrictEqual(r.remediations[0]?.props.metadataOptions, {
      httpTokens: "required",
      httpPutResponseHopLimit: 2,
      httpEndpoint: "enabled",
    });
    assertPasses(r, "ec2-imdsv2-required");
  });
  it("DATA-1: blocks an unencrypted or unstated root volume and an unencrypted data volume on an instance", () => {
    assertBlocks(
      run(res(INSTANCE, { ...goodInstance(), rootBlockDevice: { encrypted: false } })),
      "ebs-encrypted",
      /rootBlockDevice\.encrypted false/,
    );
    assertBlocks(
      run(res(INSTANCE, { ...goodInstance(), rootBlockDevice: undefined })),
      "ebs-encrypted",
      /unset/,
    );
    assertBlocks(
      run(
        res(INSTANCE, {
          ...goodInstance(),
          ebsBlockDevices: [
            { deviceName: "/dev/sdf", encrypted: true },
            { deviceName: "/dev/sdg" },
          ],
        }),
      ),
      "ebs-encrypted",
      /ebsBlockDevices\[1\]/,
    );
  });
  it('DATA-1: launch-template fields are strings: "false" blocks, "true" passes, no mapping blocks', () => {
    assertBlocks(
      run(res(LT, { ...goodTemplate(), blockDeviceMappings: [{ ebs: { encrypted: "false" } }] })),
      "ebs-encrypted",
      /"false"/,
    );
    assertBlocks(
      run(res(LT, { ...goodTemplate(), blockDeviceMappings: [] })),
      "ebs-encrypted",
      /no blockDeviceMappings/,
    );
    assertPasses(run(res(LT, goodTemplate())), "ebs-encrypted");
  });
  it("DATA-1: blocks an unencrypted aws.ebs.Volume and a disabled EncryptionByDefault", () => {
    assertBlocks(
      run(res("aws:ebs/volume:Volume", { availabilityZone: "eu-west-1a", size: 10 })),
      "ebs-encrypted",
    );
    assertPasses(
      run(
        res("aws:ebs/volume:Volume", { availabilityZone: "eu-west-1a", size: 10, encrypted: true }),
      ),
      "ebs-encrypted",
    );
    assertBlocks(
      run(res("aws:ebs/encryptionByDefault:EncryptionByDefault", { enabled: false })),
      "ebs-encryption-by-default-enabled",
    );
    assertPasses(
      run(res("aws:ebs/encryptionByDefault:EncryptionByDefault", { enabled: true })),
      "ebs-encryption-by-default-enabled",
    );
    assertPasses(
      run(res("aws:ebs/encryptionByDefault:EncryptionByDefault", {})),
      "ebs-encryption-by-default-enabled",
    );
  });
  it("ACC-2: blocks a key pair unless the profile allows SSH", () => {
    assertBlocks(
      run(res(INSTANCE, { ...goodInstance(), keyName: "ops" })),
      "ec2-no-key-pair",
      /keyName "ops"/,
    );
    assertBlocks(run(res(LT, { ...goodTemplate(), keyName: "ops" })), "ec2-no-key-pair");
    assertPasses(
      run(res(INSTANCE, { ...goodInstance(), keyName: "ops" }), {
        "ec2-no-key-pair": { allowSshKeyPair: true },
      }),
      "ec2-no-key-pair",
    );
    assertPasses(run(res(INSTANCE, { ...goodInstance(), keyName: "" })), "ec2-no-key-pair");
  });
  it("NET-2: blocks a launch template or configuration that associates a public IP", () => {
    assertBlocks(
      run(
        res(LT, { ...goodTemplate(), networkInterfaces: [{ associatePublicIpAddress: "true" }] }),
      ),
      "launch-template-no-public-ip",
    );
    assertBlocks(run(res(LC, { associatePublicIpAddress: true })), "launch-template-no-public-ip");
    assertPasses(run(res(LT, goodTemplate())), "launch-template-no-public-ip");
  });
  describe("NET-2 public instances (stack level)", () => {
    const inst = (name: string, extra: Record<string, unknown> = {}) =>
      res(INSTANCE, { ...goodInstance(), ...extra }, name);
    it("NET-2: production (0) blocks an instance with associatePublicIpAddress true", () => {
      assertBlocks(
        run(inst("web", { associatePublicIpAddress: true })),
        "ec2-public-instances-limit",
        /'web'/,
      );
    });
    it("NET-2: production blocks an Elastic IP on an instance; sandbox allows one", () => {
      const stack = [
        inst("web"),
        res("aws:ec2/eip:Eip", { domain: "vpc", instance: "web-id" }, "web-eip"),
      ];
      assertBlocks(run(stack), "ec2-public-instances-limit");
      assertPasses(
        run(stack, { "ec2-public-instances-limit": { maxPublicInstances: 1 } }),
        "ec2-public-instances-limit",
      );
    });
    it("NET-2: sandbox blocks a second public instance (EIP association)", () => {
      const stack = [
        inst("a", { associatePublicIpAddress: true }),
        inst("b"),
        res(
          "aws:ec2/eipAssociation:EipAssociation",
          { instanceId: "b-id", allocationId: "eipalloc-1" },
          "b-assoc",
        ),
      ];
      const r = run(stack, { "ec2-public-instances-limit": { maxPublicInstances: 1 } });
      assert.strictEqual(hits(r, "ec2-public-instances-limit", "mandatory").length, 2);
    });
    it("NET-2: NAT gateway Elastic IPs do not count", () => {
      assertPasses(
        run([inst("web"), res("aws:ec2/eip:Eip", { domain: "vpc" }, "nat-eip")]),
        "ec2-public-instances-limit",
      );
    });
  });
});

describe("policies/compute: public IPs through network interfaces (stack level)", () => {
  const inst = res(
    "aws:ec2/instance:Instance",
    { ami: "a", metadataOptions: { httpTokens: "required" }, rootBlockDevice: { encrypted: true } },
    "web",
  );
  const eni = res("aws:ec2/networkInterface:NetworkInterface", { subnetId: "s" }, "web-eni");
  const assoc = res(
    "aws:ec2/eipAssociation:EipAssociation",
    { allocationId: "eipalloc-1", networkInterfaceId: "web-eni-id" },
    "web-eip",
  );
  it("NET-2: an EIP association on an ENI counts as a public instance (production blocks, sandbox allows one)", () => {
    assertBlocks(run([inst, eni, assoc]), "ec2-public-instances-limit", /networkInterfaceId/);
    assertPasses(
      run([inst, eni, assoc], { "ec2-public-instances-limit": { maxPublicInstances: 1 } }),
      "ec2-public-instances-limit",
    );
  });
  it("NET-2: an Elastic IP and its association on the same ENI count once", () => {
    const eip = res(
      "aws:ec2/eip:Eip",
      { domain: "vpc", networkInterface: "web-eni-id" },
      "web-eip2",
    );
    assertPasses(
      run([inst, eni, assoc, eip], { "ec2-public-instances-limit": { maxPublicInstances: 1 } }),
      "ec2-public-instances-limit",
    );
  });
});

describe("stack references: Pulumi auto-names", () => {
  it("IAM-3: a public-access block whose bucket is the auto-named id (<name>-<hex>) matches its bucket", () => {
    const r = run([
      res("aws:s3/bucket:Bucket", {}, "logs"),
      res(
        "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
        {
          bucket: "logs-0a1b2c3d",
          blockPublicAcls: true,
          blockPublicPolicy: true,
          ignorePublicAcls: true,
          restrictPublicBuckets: true,
        },
        "pab",
      ),
    ]);
    assertPasses(r, "s3-bucket-has-public-access-block");
  });

  describe("ec2-ami-pinned (APP-3, IR-3)", () => {
    const AMI = "ec2-ami-pinned";
    const SSM = "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";
    it("APP-3: passes a concrete 17- or 8-hex AMI ID on instances and launch templates", () => {
      for (const ami of ["ami-0123456789abcdef0", "ami-12345678", "ami-0123456789ABCDEF0"]) {
        assertPasses(run(res(INSTANCE, { ...goodInstance(), ami })), AMI);
        assertPasses(run(res(LT, { ...goodTemplate(), imageId: ami })), AMI);
      }
    });
    it("APP-3: blocks a resolve:ssm: parameter on an instance and on a launch template", () => {
      assertBlocks(
        run(res(INSTANCE, { ...goodInstance(), ami: SSM })),
        AMI,
        /^APP-3: instance 'subject' has ami "resolve:ssm:.*SSM parameter.*set ami to the concrete AMI ID/,
      );
      assertBlocks(
        run(res(LT, { ...goodTemplate(), imageId: "resolve:ssm:/my/ami" })),
        AMI,
        /launch template 'subject' has imageId "resolve:ssm:\/my\/ami"/,
      );
    });
    it("APP-3: blocks a missing or empty ami on an instance and an empty imageId on a launch template", () => {
      assertBlocks(run(res(INSTANCE, { ...goodInstance(), ami: undefined })), AMI, /has ami unset/);
      assertBlocks(run(res(INSTANCE, { ...goodInstance(), ami: "" })), AMI, /has ami ""/);
      assertBlocks(
        run(res(LT, { ...goodTemplate(), imageId: "" })),
        AMI,
        /has imageId "", which is not a concrete AMI ID/,
      );
    });
    it("APP-3: an instance without ami that launches from a launch template is judged on the template", () => {
      assertPasses(
        run(res(INSTANCE, { ...goodInstance(), ami: undefined, launchTemplate: { id: "lt-1" } })),
        AMI,
      );
    });
    it("APP-3: blocks malformed values (wrong length, not hex, a name, a number, a list) without throwing", () => {
      for (const ami of [
        "ami-123",
        "ami-0123456789abcdef",
        "ami-0123456789abcdefg",
        " ami-0123456789abcdef0",
        "al2023-ami-2023.5",
        12345678,
        ["ami-0123456789abcdef0"],
        { id: "ami-0123456789abcdef0" },
        null,
        true,
      ]) {
        assertBlocks(run(res(INSTANCE, { ...goodInstance(), ami })), AMI);
      }
    });
    it("APP-3: an AMI unknown at preview is the engine's advisory, never a block or an error", () => {
      const r = run(res(INSTANCE, { ...goodInstance(), ami: UNKNOWN.string }), {}, true);
      assert.strictEqual(hits(r, AMI, "mandatory").length, 0);
      assert.match(
        hits(r, AMI, "advisory")[0]?.message ?? "",
        /can't run policy .* during preview/,
      );
      const lt = run(res(LT, { ...goodTemplate(), imageId: UNKNOWN.string }), {}, true);
      assert.strictEqual(hits(lt, AMI, "mandatory").length, 0);
      assert.match(hits(lt, AMI, "advisory")[0]?.message ?? "", /can't run policy .*\.imageId/);
    });
  });

  describe("ec2-shutdown-preserves-evidence (IR-2)", () => {
    const P = "ec2-shutdown-preserves-evidence";
    it("IR-2: passes the default (unset) and an explicit stop on instances and launch templates", () => {
      for (const behaviour of [undefined, "stop", "STOP"]) {
        assertPasses(
          run(res(INSTANCE, { ...goodInstance(), instanceInitiatedShutdownBehavior: behaviour })),
          P,
        );
        assertPasses(
          run(res(LT, { ...goodTemplate(), instanceInitiatedShutdownBehavior: behaviour })),
          P,
        );
      }
    });
    it("IR-2: blocks terminate on shutdown, in any case", () => {
      assertBlocks(
        run(res(INSTANCE, { ...goodInstance(), instanceInitiatedShutdownBehavior: "terminate" })),
        P,
        /^IR-2: instance 'subject' has instanceInitiatedShutdownBehavior "terminate".*set "stop"/,
      );
      assertBlocks(
        run(res(LT, { ...goodTemplate(), instanceInitiatedShutdownBehavior: " Terminate " })),
        P,
        /launch template 'subject'/,
      );
    });
    it("IR-2: odd types and preview-unknown values never throw or block", () => {
      for (const behaviour of [42, true, ["terminate"], { v: "terminate" }, null]) {
        assertPasses(
          run(res(INSTANCE, { ...goodInstance(), instanceInitiatedShutdownBehavior: behaviour })),
          P,
        );
      }
      const r = run(
        res(INSTANCE, { ...goodInstance(), instanceInitiatedShutdownBehavior: UNKNOWN.string }),
        {},
        true,
      );
      assert.strictEqual(hits(r, P, "mandatory").length, 0);
      assert.match(
        hits(r, P, "advisory")[0]?.message ?? "",
        /can't run policy .*\.instanceInitiatedShutdownBehavior/,
      );
    });
  });
});

// What the launch-path tests (compute-launch, compute-edges) start from: the resource types they
// judge and an instance and a launch template that pass every compute policy, so each test changes
// one field.
export const INSTANCE = "aws:ec2/instance:Instance";
export const SPOT = "aws:ec2/spotInstanceRequest:SpotInstanceRequest";
export const LT = "aws:ec2/launchTemplate:LaunchTemplate";
export const LC = "aws:ec2/launchConfiguration:LaunchConfiguration";
export const ASG = "aws:autoscaling/group:Group";
export const SUBNET = "aws:ec2/subnet:Subnet";
export const DEFAULT_SUBNET = "aws:ec2/defaultSubnet:DefaultSubnet";

export const goodInstance = (extra: Record<string, unknown> = {}) => ({
  ami: "ami-0123456789abcdef0",
  instanceType: "t3.micro",
  metadataOptions: { httpTokens: "required" },
  rootBlockDevice: { encrypted: true },
  ...extra,
});

export const goodTemplate = (extra: Record<string, unknown> = {}) => ({
  imageId: "ami-0123456789abcdef0",
  metadataOptions: { httpTokens: "required" },
  blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true" } }],
  ...extra,
});

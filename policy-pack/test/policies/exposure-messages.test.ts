// Every violation of the exposure policies names its control first and says what to do, and the
// remaining spellings each get a blocking and a passing case.
import * as assert from "assert";
import { ResourceUnderTest } from "../../harness/evaluate";
import { NACL } from "../../lib/nacl-rules";
import { PREFIX_LIST, PREFIX_LIST_ENTRY } from "../../lib/prefix-lists";
import { T } from "../../lib/sg-rules";
import { assertBlocks, assertPasses, res, run } from "../helpers";

const ISSUE_11_POLICIES = [
  "sg-world-ingress-only-port-80",
  "sg-no-admin-ports-from-internet",
  "sg-no-world-all-protocol-egress",
  "sg-prefix-list-outside-stack",
  "default-sg-no-separate-rules",
  "vpc-default-sg-adopted",
  "nacl-no-admin-ports-from-internet",
  "ec2-imdsv2-required",
  "ebs-encrypted",
  "ec2-public-instances-limit",
  "ec2-ami-pinned",
  "lb-http-redirects-to-https",
  "lb-internet-listeners",
  "cloudfront-viewer-https",
  "cloudfront-origin-https",
  "config-recorder-records-everything",
  "s3-public-access-block-all-scopes",
  "s3-no-public-object-acl",
  "allowed-regions",
];

/** One stack breaking each class at once. */
const violating: ResourceUnderTest[] = [
  res(PREFIX_LIST, { entries: [{ cidr: "0.0.0.0/0" }] }, "pl"),
  res(
    T.ingressRule,
    { securityGroupId: "sg", ipProtocol: "tcp", fromPort: 22, toPort: 22, prefixListId: "pl-id" },
    "r1",
  ),
  res(
    T.ingressRule,
    { securityGroupId: "sg", ipProtocol: "tcp", fromPort: 22, toPort: 22, prefixListId: "pl-ext" },
    "r2",
  ),
  res(T.egressRule, { securityGroupId: "sg", ipProtocol: "-1", prefixListId: "pl-id" }, "r3"),
  res("aws:ec2/vpc:Vpc", {}, "vpc"),
  {
    ...res(
      T.ingressRule,
      {
        securityGroupId: "sg-0def",
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrIpv4: "10.0.0.0/8",
      },
      "r4",
    ),
    propertyDependencies: { securityGroupId: ["vpc"] },
  },
  res(
    NACL.acl,
    {
      vpcId: "v",
      ingress: [
        {
          ruleNo: 1,
          action: "allow",
          protocol: "-1",
          fromPort: 0,
          toPort: 0,
          cidrBlock: "0.0.0.0/0",
        },
      ],
    },
    "acl",
  ),
  res("aws:ec2/subnet:Subnet", { mapPublicIpOnLaunch: true }, "pub"),
  res("aws:ec2/spotInstanceRequest:SpotInstanceRequest", { subnetId: "pub-id", ami: "x" }, "spot"),
  res(
    "aws:ec2/instanceMetadataDefaults:InstanceMetadataDefaults",
    { httpTokens: "optional" },
    "imds",
  ),
  res("aws:ebs/snapshotCopy:SnapshotCopy", {}, "copy"),
  res("aws:lb/loadBalancer:LoadBalancer", { loadBalancerType: "network" }, "nlb"),
  res("aws:lb/listener:Listener", { loadBalancerArn: "nlb-arn", protocol: "TCP", port: 22 }, "l22"),
  res(
    "aws:lb/listener:Listener",
    { loadBalancerArn: "nlb-arn", protocol: "TCP", port: 8080 },
    "l8080",
  ),
  res("aws:lb/loadBalancer:LoadBalancer", {}, "alb"),
  res(
    "aws:lb/listener:Listener",
    { loadBalancerArn: "alb-arn", defaultActions: [{ type: "forward" }] },
    "bare",
  ),
  res(
    "aws:elb/loadBalancer:LoadBalancer",
    { listeners: [{ lbPort: 80, lbProtocol: "HTTP" }] },
    "clb",
  ),
  res(
    "aws:cloudfront/distribution:Distribution",
    {
      defaultCacheBehavior: { viewerProtocolPolicy: "allow-all" },
      viewerCertificate: { cloudfrontDefaultCertificate: true },
      origins: [{ customOriginConfig: { originProtocolPolicy: "http-only" } }],
    },
    "cf",
  ),
  res(
    "aws:cfg/recorder:Recorder",
    {
      recordingGroup: {
        allSupported: true,
        exclusionByResourceTypes: [{ resourceTypes: ["AWS::IAM::Role"] }],
      },
    },
    "rec",
  ),
  res("aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock", {}, "pab"),
  res("aws:s3/bucketObjectv2:BucketObjectv2", { acl: "public-read" }, "obj"),
  res("aws:secretsmanager/secret:Secret", { replicas: [{ region: "us-east-1" }] }, "secret"),
];

describe("exposure policies: violation messages", () => {
  it("ALL: every exposure policy fires on the violating stack, and each message starts with its control ID and gives the fix", () => {
    const r = run(violating, { "allowed-regions": { allowedRegions: ["eu-west-1"] } });
    for (const name of ISSUE_11_POLICIES) {
      const found = r.violations.filter(
        (v) => v.policyName === name && !/can't run policy/.test(v.message),
      );
      assert.ok(found.length > 0, `${name} did not fire`);
      for (const v of found) {
        assert.match(
          v.message,
          /^(NET|IAM|DATA|APP|ACC|MON|CMP|IR)-\d+: /,
          `${name}: ${v.message}`,
        );
        assert.ok(
          v.controlIds.includes(v.message.split(":")[0]),
          `${name} reports a control it does not declare: ${v.message}`,
        );
        assert.match(
          v.message,
          /; .*\b(set|use|remove|add|move|make|narrow|restrict|replace|check|attach|keep|allow|define|pass|turn|drop)\b/i,
          `${name} gives no fix: ${v.message}`,
        );
      }
    }
  });
});

describe("exposure policies: remaining spellings, one blocking and one passing case each", () => {
  it("NET-5: an aws.alb.LoadBalancer of type network is judged like aws.lb", () => {
    const nlb = res("aws:alb/loadBalancer:LoadBalancer", { loadBalancerType: "network" }, "nlb");
    const listener = (port: number) =>
      res("aws:alb/listener:Listener", { loadBalancerArn: "nlb-arn", protocol: "TCP", port }, "l");
    assertBlocks(run([nlb, listener(3306)]), "lb-internet-listeners", /3306/);
    assertPasses(run([nlb, listener(443)]), "lb-internet-listeners");
  });
  it("NET-5: an adopted default ACL without world admin entries passes", () => {
    assertPasses(
      run(
        res(NACL.defaultAcl, {
          defaultNetworkAclId: "acl-1",
          ingress: [
            {
              ruleNo: 100,
              action: "allow",
              protocol: "tcp",
              fromPort: 443,
              toPort: 443,
              cidrBlock: "0.0.0.0/0",
            },
          ],
        }),
      ),
      "nacl-no-admin-ports-from-internet",
    );
  });
  it("NET-5: a ManagedPrefixListEntry of corporate ranges passes; aws.ec2.SecurityGroupRule on a clean list passes", () => {
    const list = res(PREFIX_LIST, { entries: [] }, "corp");
    const entry = res(PREFIX_LIST_ENTRY, { prefixListId: "corp-id", cidr: "198.51.100.0/24" }, "e");
    const rule = res(
      T.securityGroupRule,
      {
        type: "ingress",
        protocol: "tcp",
        fromPort: 22,
        toPort: 22,
        prefixListIds: ["corp-id"],
        securityGroupId: "sg",
      },
      "r",
    );
    const r = run([list, entry, rule]);
    assertPasses(r, "sg-no-admin-ports-from-internet");
    assertPasses(r, "sg-world-ingress-only-port-80");
  });
});

import { strict as assert } from "assert";
import { ALB_TLS_POLICY } from "../../components/app/production-cluster";
import {
  ELB_LOG_DELIVERY_SERVICE,
  elbLogDeliveryPrincipal,
  LEGACY_ELB_LOG_REGIONS,
} from "../../components/shared/elb-log-delivery";
import { allBashSyntaxErrors, embeddedBashScripts } from "../harness/bash";
import { runWithIsolatedInstances } from "../harness/isolated-instance";
import { ProgramRun, RegisteredResource, runProgramOnce } from "../harness/program";

const AMI = "ami-0123456789abcdef0";
const T = {
  instance: "aws:ec2/instance:Instance",
  template: "aws:ec2/launchTemplate:LaunchTemplate",
  group: "aws:autoscaling/group:Group",
  eni: "aws:ec2/networkInterface:NetworkInterface",
  eip: "aws:ec2/eip:Eip",
  snapshot: "aws:ebs/snapshot:Snapshot",
  alb: "aws:lb/loadBalancer:LoadBalancer",
  listener: "aws:lb/listener:Listener",
  targetGroup: "aws:lb/targetGroup:TargetGroup",
  record: "aws:route53/record:Record",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
} as const;

const ok = (run: ProgramRun): ProgramRun => {
  assert.equal(run.error, undefined, run.error?.message);
  return run;
};
const one = (run: ProgramRun, type: string): RegisteredResource => {
  const found = run.ofType(type);
  assert.equal(
    found.length,
    1,
    `exactly one ${type}, found ${found.map((r) => r.name).join(", ")}`,
  );
  return found[0];
};
/** Exactly one resource of the type among the app tier's children (the audit tier has buckets too). */
const oneInAppTier = (run: ProgramRun, type: string): RegisteredResource => {
  const found = run
    .childrenOf("decision-control-production-app")
    .filter((resource) => resource.type === type);
  assert.equal(
    found.length,
    1,
    `exactly one ${type} in the app tier, found ${found.map((r) => r.name).join(", ")}`,
  );
  return found[0];
};
type Json = Record<string, unknown>;
const userData = (run: ProgramRun): string =>
  run.outputs.edition === "production"
    ? Buffer.from(String(one(run, T.template).inputs.userData), "base64").toString("utf8")
    : String(one(run, T.instance).inputs.userData);

const runs = {
  sandbox: () => runProgramOnce("sandbox"),
  production: () => runProgramOnce("production"),
};

describe("app tier (NET-2, IAM-1, IAM-2, DATA-1, APP-1..4, ACC-2, IR-1)", () => {
  describe("shared launch settings, both editions", () => {
    const launch = (run: ProgramRun): Json =>
      run.outputs.edition === "production"
        ? one(run, T.template).inputs
        : one(run, T.instance).inputs;

    for (const edition of ["sandbox", "production"] as const) {
      it(`IAM-1/IAM-2: ${edition} requires IMDSv2 with hop limit 1, so the container cannot reach the role's credentials`, async () => {
        const run = ok(await runs[edition]());
        assert.deepEqual(launch(run).metadataOptions, {
          httpEndpoint: "enabled",
          httpTokens: "required",
          httpPutResponseHopLimit: 1,
          instanceMetadataTags: "disabled",
        });
      });

      it(`APP-3: ${edition} launches the pinned AMI with the configured type and detailed monitoring`, async () => {
        const run = ok(await runs[edition]());
        const inputs = launch(run);
        if (edition === "production") {
          assert.equal(inputs.imageId, AMI);
          assert.equal(inputs.instanceType, "m5.xlarge");
          assert.deepEqual(inputs.monitoring, { enabled: true });
        } else {
          assert.equal(inputs.ami, AMI);
          assert.equal(inputs.instanceType, "t3.medium");
          assert.equal(inputs.monitoring, true);
        }
      });

      it(`ACC-2: ${edition} has no key pair by default`, async () => {
        const run = ok(await runs[edition]());
        assert.equal(launch(run).keyName, undefined);
      });

      it(`ACC-2: ${edition} attaches the key pair only when ssh.enabled`, async () => {
        const run = ok(
          await runProgramOnce(edition, { ssh: { enabled: true, keyName: "ops-key" } }),
        );
        assert.equal(launch(run).keyName, "ops-key");
      });

      it(`IAM-1: ${edition} uses the app role's instance profile`, async () => {
        const run = ok(await runs[edition]());
        const profile = one(run, "aws:iam/instanceProfile:InstanceProfile");
        const inputs = launch(run);
        if (edition === "production") {
          assert.deepEqual(inputs.iamInstanceProfile, { arn: profile.state.arn });
        } else {
          assert.equal(inputs.iamInstanceProfile, profile.state.name);
        }
      });

      it(`APP-1: ${edition} user data carries the secret's ARN, never a password`, async () => {
        const run = ok(await runs[edition]());
        const script = userData(run);
        assert.ok(script.includes(`DB_SECRET_ARN=${String(run.outputs.databaseSecretArn)}`));
        assert.ok(
          script.includes(
            `jdbc:postgresql://${String(run.outputs.databaseEndpoint)}:5432/decision_control?sslmode=verify-full`,
          ),
        );
        assert.doesNotMatch(script, /SPRING_DATASOURCE_PASSWORD=[^"$]|PGPASSWORD/);
      });

      it(`${edition} user data and every script it writes pass bash -n, within EC2's 16 KB`, async () => {
        const script = userData(ok(await runs[edition]()));
        assert.ok(embeddedBashScripts(script).length >= 2, "the start and secret-watch scripts");
        assert.deepEqual(allBashSyntaxErrors(script), []);
        assert.ok(Buffer.byteLength(script) <= 16 * 1024, `${Buffer.byteLength(script)} bytes`);
      });

      it(`APP-4: ${edition} instances carry the patch-group tag the association targets`, async () => {
        const run = ok(await runs[edition]());
        const tag = { PatchGroup: `decision-control-${edition}` };
        if (edition === "production") {
          const specs = one(run, T.template).inputs.tagSpecifications as {
            resourceType: string;
            tags: Json;
          }[];
          assert.deepEqual(
            specs.find((spec) => spec.resourceType === "instance")?.tags.PatchGroup,
            tag.PatchGroup,
          );
        } else {
          assert.equal((one(run, T.instance).inputs.tags as Json).PatchGroup, tag.PatchGroup);
        }
      });

      it(`IAM-2: ${edition} instance role reads exactly the database secret and decrypts only via Secrets Manager, for that secret only`, async () => {
        const run = ok(await runs[edition]());
        const policy = JSON.parse(
          String(
            run.get(T.rolePolicy, `decision-control-${edition}-instance-scoped`).inputs.policy,
          ),
        ) as { Statement: Json[] };
        assert.deepEqual(policy.Statement, [
          {
            Sid: "ReadOwnDatabaseSecret",
            Effect: "Allow",
            Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
            Resource: run.outputs.databaseSecretArn,
          },
          {
            Sid: "DecryptOwnDatabaseSecretViaSecretsManager",
            Effect: "Allow",
            Action: "kms:Decrypt",
            Resource: run.outputs.kmsKeyArn,
            Condition: {
              StringEquals: {
                "kms:ViaService": "secretsmanager.eu-west-1.amazonaws.com",
                "kms:EncryptionContext:SecretARN": run.outputs.databaseSecretArn,
              },
            },
          },
        ]);
      });
    }

    it("DATA-1: the sandbox root volume is encrypted gp3", async () => {
      const run = ok(await runs.sandbox());
      const root = one(run, T.instance).inputs.rootBlockDevice as Json;
      assert.equal(root.encrypted, true);
      assert.equal(root.volumeType, "gp3");
    });

    it("DATA-1: the launch template encrypts the AMI's own root device (gp3)", async () => {
      const run = ok(await runs.production());
      const mappings = one(run, T.template).inputs.blockDeviceMappings as {
        deviceName: string;
        ebs: Json;
      }[];
      assert.equal(mappings.length, 1);
      assert.equal(mappings[0].deviceName, "/dev/xvda", "the root device name the AMI reports");
      assert.equal(mappings[0].ebs.encrypted, "true");
      assert.equal(mappings[0].ebs.volumeType, "gp3");
    });
  });

  describe("production (ALB + Auto Scaling group)", () => {
    let run: ProgramRun;
    before(async () => {
      run = ok(await runs.production());
    });

    it("NET-2: no EC2 instance resource, no Elastic IP besides the NAT gateways'", () => {
      assert.equal(run.ofType(T.instance).length, 0);
      assert.ok(
        run.ofType(T.eip).every((eip) => eip.name.includes("-net-nat-")),
        run
          .ofType(T.eip)
          .map((e) => e.name)
          .join(),
      );
    });

    it("NET-2: the launch template never asks for a public IP and uses only the app security group", () => {
      const interfaces = one(run, T.template).inputs.networkInterfaces as Json[];
      assert.equal(interfaces.length, 1);
      assert.equal(interfaces[0].associatePublicIpAddress, "false");
      assert.deepEqual(interfaces[0].securityGroups, [run.outputs.appSecurityGroupId]);
    });

    it("NET-2: the Auto Scaling group spans the private subnets with appInstanceCount instances and ELB health checks", () => {
      const group = one(run, T.group).inputs;
      assert.deepEqual(group.vpcZoneIdentifiers, run.outputs.privateSubnetIds);
      assert.equal(group.minSize, 2);
      assert.equal(group.maxSize, 2);
      assert.equal(group.desiredCapacity, 2);
      assert.equal(group.healthCheckType, "ELB");
      assert.deepEqual(group.targetGroupArns, [run.outputs.targetGroupArn]);
    });

    it("APP-3: the group starts on the template's numbered version; later versions reach it only through the rollout (test/components/instance-rollout.test.ts)", () => {
      const group = one(run, T.group);
      const template = one(run, T.template);
      assert.deepEqual(group.inputs.launchTemplate, {
        id: template.state.id,
        version: String(template.state.latestVersion),
      });
      assert.equal(group.inputs.instanceRefresh, undefined);
      assert.deepEqual(group.ignoreChanges, ["launchTemplate.version"]);
    });

    it("NET-1/NET-2: the shipped 10.0.0.0/8 gets an internal ALB in the private subnets; it drops invalid headers, has deletion protection", () => {
      assert.equal(run.config["decision-control:allowedCidr"], "10.0.0.0/8");
      const alb = one(run, T.alb).inputs;
      assert.equal(alb.internal, true);
      assert.equal(alb.loadBalancerType, "application");
      assert.deepEqual(alb.subnets, run.outputs.privateSubnetIds);
      assert.deepEqual(alb.securityGroups, [run.outputs.loadBalancerSecurityGroupId]);
      assert.equal(alb.dropInvalidHeaderFields, true);
      assert.equal(alb.enableDeletionProtection, true);
      assert.equal(
        one(run, T.alb).deleteBeforeReplace,
        true,
        "a scheme change frees the target group (one load balancer per target group) before the new ALB",
      );
    });

    it("NET-2: the ALB is protected, so a scheme change (a replacement) fails when Pulumi plans it, before the listeners are deleted", () => {
      assert.equal(one(run, T.alb).protect, true);
      assert.equal(one(run, T.alb).inputs.enableDeletionProtection, true);
    });

    it("NET-2: replaceLoadBalancer lifts protect and deletion protection on the ALB only, for the up before the replacement", async () => {
      const lifted = ok(await runProgramOnce("production", { replaceLoadBalancer: true }));
      const alb = one(lifted, T.alb);
      assert.equal(alb.protect, false);
      assert.equal(alb.inputs.enableDeletionProtection, false);
      const protectedUrns = (of: ProgramRun) =>
        of.resources.filter((resource) => resource.protect).map((resource) => resource.urn);
      assert.deepEqual(
        protectedUrns(lifted),
        protectedUrns(run).filter((urn) => urn !== alb.urn),
        "everything else stays protected",
      );
      assert.equal(
        lifted.ofType("aws:rds/instance:Instance")[0].inputs.deletionProtection,
        true,
        "the database keeps its deletion protection",
      );
    });

    it("NET-1/NET-2: a public allowedCidr gets an internet-facing ALB in the public subnets", async () => {
      const open = ok(await runProgramOnce("production", { allowedCidr: "203.0.113.0/24" }));
      const alb = one(open, T.alb).inputs;
      assert.equal(alb.internal, false);
      assert.deepEqual(alb.subnets, open.outputs.publicSubnetIds);
      assert.deepEqual(
        one(open, T.group).inputs.vpcZoneIdentifiers,
        open.outputs.privateSubnetIds,
        "the instances stay private",
      );
    });

    it("tags: launched instances, volumes and interfaces carry the provider's default tags (Project/Stack/Edition/ManagedBy)", () => {
      const defaults = JSON.parse(String(one(run, "pulumi:providers:aws").inputs.defaultTags))
        .tags as Record<string, string>;
      assert.deepEqual(Object.keys(defaults).sort(), ["Edition", "ManagedBy", "Project", "Stack"]);
      const specs = one(run, T.template).inputs.tagSpecifications as {
        resourceType: string;
        tags: Record<string, string>;
      }[];
      assert.deepEqual(specs.map((spec) => spec.resourceType).sort(), [
        "instance",
        "network-interface",
        "volume",
      ]);
      for (const spec of specs) {
        for (const [key, value] of Object.entries(defaults)) {
          assert.equal(spec.tags[key], value, `${spec.resourceType} ${key}`);
        }
        assert.ok(spec.tags.Name, `${spec.resourceType} is named`);
      }
    });

    it("tags: the Auto Scaling group carries the default tags itself and propagates none (the template tags instances and volumes)", () => {
      const defaults = JSON.parse(String(one(run, "pulumi:providers:aws").inputs.defaultTags))
        .tags as Record<string, string>;
      const tags = one(run, T.group).inputs.tags as {
        key: string;
        value: string;
        propagateAtLaunch: boolean;
      }[];
      for (const [key, value] of Object.entries(defaults)) {
        assert.ok(
          tags.some((tag) => tag.key === key && tag.value === value),
          `the group is tagged ${key}=${value}`,
        );
      }
      assert.ok(tags.every((tag) => tag.propagateAtLaunch === false));
    });

    it("APP-2: the HTTPS listener uses a TLS 1.3/1.2 policy and the DNS-validated certificate, forwarding to the app", () => {
      const https = run.ofType(T.listener).find((listener) => listener.inputs.protocol === "HTTPS");
      assert.ok(https);
      assert.equal(https.inputs.port, 443);
      assert.equal(https.inputs.sslPolicy, ALB_TLS_POLICY);
      assert.match(ALB_TLS_POLICY, /^ELBSecurityPolicy-TLS13-1-[23]-/);
      const validation = one(run, "aws:acm/certificateValidation:CertificateValidation");
      assert.equal(https.inputs.certificateArn, validation.state.certificateArn);
      assert.deepEqual(https.inputs.defaultActions, [
        { type: "forward", targetGroupArn: run.outputs.targetGroupArn },
      ]);
    });

    it("APP-2: the HTTP listener only redirects to HTTPS with a 301", () => {
      const http = run.ofType(T.listener).filter((listener) => listener.inputs.protocol === "HTTP");
      assert.equal(http.length, 1);
      assert.equal(http[0].inputs.port, 80);
      assert.deepEqual(http[0].inputs.defaultActions, [
        { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } },
      ]);
    });

    it("APP-2: the certificate covers exactly the fqdn and is validated by its CNAME in the hosted zone", () => {
      const certificate = one(run, "aws:acm/certificate:Certificate");
      assert.equal(certificate.inputs.domainName, "decisions.example.com");
      assert.equal(certificate.inputs.validationMethod, "DNS");
      const record = run.ofType(T.record).find((r) => r.inputs.type === "CNAME");
      assert.ok(record);
      const option = (certificate.state.domainValidationOptions as Json[])[0];
      assert.equal(record.inputs.name, option.resourceRecordName);
      assert.deepEqual(record.inputs.records, [option.resourceRecordValue]);
      const validation = one(run, "aws:acm/certificateValidation:CertificateValidation");
      assert.deepEqual(validation.inputs.validationRecordFqdns, [record.state.fqdn]);
    });

    it("APP-2: the public name is an alias A record to the ALB", () => {
      const alias = run.ofType(T.record).find((r) => r.inputs.type === "A");
      assert.ok(alias);
      const alb = one(run, T.alb);
      assert.equal(alias.inputs.name, "decisions.example.com");
      assert.deepEqual(alias.inputs.aliases, [
        { name: alb.state.dnsName, zoneId: alb.state.zoneId, evaluateTargetHealth: true },
      ]);
    });

    it("the target group serves the app port over HTTP with a 200 health check, by default on /actuator/health, which instances of every version serve", () => {
      const tg = one(run, T.targetGroup).inputs;
      assert.equal(tg.port, 8080);
      assert.equal(tg.protocol, "HTTP");
      const health = tg.healthCheck as Json;
      assert.equal(health.path, "/actuator/health");
      assert.equal(health.matcher, "200");
      assert.equal(health.enabled, true);
    });

    it("IAM-2/APP-1: hosts may only take themselves out of and back into this target group (the rotation drain), and know which one", () => {
      const drain = run.get(T.rolePolicy, "decision-control-production-app-drain");
      assert.equal(
        drain.inputs.role,
        run.get("aws:iam/role:Role", "decision-control-production-instance-role").state.name,
      );
      assert.deepEqual(
        (JSON.parse(String(drain.inputs.policy)) as { Statement: Json[] }).Statement,
        [
          {
            Sid: "DrainOwnTargetGroupAroundRestart",
            Effect: "Allow",
            Action: [
              "elasticloadbalancing:DeregisterTargets",
              "elasticloadbalancing:RegisterTargets",
            ],
            Resource: run.outputs.targetGroupArn,
          },
        ],
      );
      const script = userData(run);
      assert.ok(script.includes(`--target-group-arn ${String(run.outputs.targetGroupArn)}`));
      assert.ok(
        script.includes(`sleep ${String(one(run, T.targetGroup).inputs.deregistrationDelay)}`),
        "the host waits out the target group's own deregistration delay",
      );
    });

    it("CMP-2/CMP-3: access logs go to a private, versioned, SSE-S3, TLS-only bucket kept on delete", () => {
      const bucket = oneInAppTier(run, "aws:s3/bucket:Bucket");
      assert.equal(bucket.protect, true);
      assert.equal(bucket.retainOnDelete, true);
      assert.deepEqual(one(run, T.alb).inputs.accessLogs, {
        bucket: bucket.state.id,
        prefix: "alb",
        enabled: true,
      });
      const sse = oneInAppTier(
        run,
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
      ).inputs;
      assert.deepEqual(sse.rules, [
        { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, bucketKeyEnabled: false },
      ]);
      assert.deepEqual(
        oneInAppTier(run, "aws:s3/bucketVersioning:BucketVersioning").inputs
          .versioningConfiguration,
        { status: "Enabled" },
      );
      assert.deepEqual(
        oneInAppTier(run, "aws:s3/bucketOwnershipControls:BucketOwnershipControls").inputs.rule,
        { objectOwnership: "BucketOwnerEnforced" },
      );
      const block = oneInAppTier(
        run,
        "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
      ).inputs;
      for (const flag of [
        "blockPublicAcls",
        "blockPublicPolicy",
        "ignorePublicAcls",
        "restrictPublicBuckets",
      ]) {
        assert.equal(block[flag], true, flag);
      }
      const lifecycle = oneInAppTier(
        run,
        "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
      ).inputs.rules as Json[];
      assert.deepEqual(lifecycle[0].expiration, { days: 90 });
    });

    it("CMP-2: the bucket policy denies non-TLS access and lets only eu-west-1's ELB account write the logs", () => {
      const policy = JSON.parse(
        String(oneInAppTier(run, "aws:s3/bucketPolicy:BucketPolicy").inputs.policy),
      ) as { Statement: Json[] };
      const [deny, write] = policy.Statement;
      assert.equal(deny.Effect, "Deny");
      assert.deepEqual(deny.Condition, { Bool: { "aws:SecureTransport": "false" } });
      assert.deepEqual(write.Principal, { AWS: "arn:aws:iam::156460612806:root" });
      assert.equal(write.Action, "s3:PutObject");
      assert.match(
        String(write.Resource),
        /\/alb\/AWSLogs\/123456789012\/\*$/,
        "only this account's load balancers",
      );
      assert.equal(policy.Statement.length, 2);
    });

    it("exports what the monitoring tier composes with", () => {
      assert.match(String(run.outputs.loadBalancerArnSuffix), /^app\//);
      assert.match(String(run.outputs.targetGroupArnSuffix), /^targetgroup\//);
      assert.ok(run.outputs.autoScalingGroupName);
      assert.equal(run.outputs.appUrl, "https://decisions.example.com");
    });
  });

  describe("ALB log delivery principal", () => {
    it("regions launched since August 2022 use the log-delivery service principal", () => {
      assert.ok(!LEGACY_ELB_LOG_REGIONS.has("ap-southeast-5"));
      assert.deepEqual(elbLogDeliveryPrincipal("ap-southeast-5", {}), {
        Service: ELB_LOG_DELIVERY_SERVICE,
      });
    });
  });

  describe("sandbox (single instance)", () => {
    let run: ProgramRun;
    before(async () => {
      run = ok(await runs.sandbox());
    });

    it("NET-2: the instance's primary interface is in the first public subnet with the app security group only", () => {
      const eni = one(run, T.eni);
      assert.equal(eni.inputs.subnetId, (run.outputs.publicSubnetIds as string[])[0]);
      assert.deepEqual(eni.inputs.securityGroups, [run.outputs.appSecurityGroupId]);
      assert.deepEqual(one(run, T.instance).inputs.primaryNetworkInterface, {
        networkInterfaceId: eni.state.id,
        deleteOnTermination: false,
      });
      assert.equal(one(run, T.instance).inputs.subnetId, undefined);
      assert.equal(one(run, T.instance).inputs.vpcSecurityGroupIds, undefined);
      assert.equal(run.ofType(T.snapshot).length, 0, "no quarantine snapshot unless asked");
    });

    it("the Elastic IP is associated with the interface and the domain's A record points at it", () => {
      const eip = run.get(T.eip, "decision-control-sandbox-app-eip");
      const association = one(run, "aws:ec2/eipAssociation:EipAssociation").inputs;
      assert.equal(association.allocationId, eip.state.allocationId);
      assert.equal(association.networkInterfaceId, one(run, T.eni).state.id);
      const record = one(run, T.record).inputs;
      assert.equal(record.name, "decisions-sandbox.example.com");
      assert.equal(record.type, "A");
      assert.deepEqual(record.records, [eip.state.publicIp]);
    });

    it("APP-2: with a domain the host requests a Let's Encrypt certificate for it", () => {
      assert.ok(userData(run).includes("--domain decisions-sandbox.example.com"));
      assert.equal(run.outputs.appUrl, "https://decisions-sandbox.example.com");
    });

    it("APP-2: without a domain, a self-signed certificate for the Elastic IP and no DNS record", async () => {
      const bare = ok(await runProgramOnce("sandbox", { domain: undefined }));
      assert.equal(bare.ofType(T.record).length, 0);
      assert.equal(bare.outputs.appUrl, "https://198.51.100.10");
      assert.ok(userData(bare).includes("subjectAltName=IP:198.51.100.10"));
      assert.ok(!userData(bare).includes("certbot"));
    });

    it("APP-3: an AMI change replaces the instance delete-first, so the kept interface can move to the new one", () => {
      assert.equal(one(run, T.instance).deleteBeforeReplace, true);
    });

    it("exports the instance id and its volume ids (IR-2)", () => {
      assert.equal(run.outputs.instanceId, one(run, T.instance).state.id);
      assert.deepEqual(run.outputs.instanceVolumeIds, [
        "vol-decision-control-sandbox-app-instance-root",
      ]);
    });
  });

  describe("IR-1 quarantine (sandbox)", () => {
    let normal: ProgramRun;
    let quarantined: ProgramRun;
    before(async () => {
      normal = ok(await runs.sandbox());
      // IR-1: quarantine is accepted once the incident command has isolated the instance.
      quarantined = ok(
        (await runWithIsolatedInstances(["i-0123456789abcdef0"], { quarantine: true })).run,
      );
    });

    it("IR-2: snapshots the instance's root volume first, tagged and kept when quarantine ends", () => {
      const snapshot = one(quarantined, T.snapshot);
      assert.equal(snapshot.inputs.volumeId, "vol-0123456789abcdef0");
      const tags = snapshot.inputs.tags as Json;
      assert.equal(tags.Reason, "quarantine");
      assert.ok(
        !Number.isNaN(Date.parse(String(tags.QuarantinedAt))),
        "QuarantinedAt is a timestamp",
      );
      assert.deepEqual(
        snapshot.ignoreChanges,
        ["tags.QuarantinedAt"],
        "the timestamp never causes a diff",
      );
      assert.equal(snapshot.retainOnDelete, true);
    });

    it("IR-1: the interface keeps only the quarantine group, and only after the snapshot exists", () => {
      const eni = one(quarantined, T.eni);
      assert.deepEqual(eni.inputs.securityGroups, [quarantined.outputs.quarantineSecurityGroupId]);
      const snapshot = one(quarantined, T.snapshot);
      assert.ok(
        eni.dependencies.includes(snapshot.urn),
        `ENI depends on ${snapshot.urn}: ${eni.dependencies.join(", ")}`,
      );
    });

    it("IR-1: nothing else changes: the instance's inputs are identical and no resource disappears", () => {
      const instance = (run: ProgramRun) => one(run, T.instance).inputs;
      assert.deepEqual(instance(quarantined), instance(normal));
      const names = (run: ProgramRun) => new Set(run.resources.map((r) => `${r.type}::${r.name}`));
      const before = names(normal);
      const after = names(quarantined);
      assert.deepEqual(
        [...before].filter((name) => !after.has(name)),
        [],
        "no resource is removed",
      );
      assert.deepEqual(
        [...after].filter((name) => !before.has(name)),
        [`${T.snapshot}::decision-control-sandbox-app-quarantine-root`],
      );
      const { securityGroups: _normalGroups, ...normalEni } = one(normal, T.eni).inputs;
      const { securityGroups: _quarantinedGroups, ...quarantinedEni } = one(
        quarantined,
        T.eni,
      ).inputs;
      assert.deepEqual(quarantinedEni, normalEni, "only the interface's security groups change");
    });
  });
});

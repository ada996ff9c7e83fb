/** The live checks of the compute items: HTTPS, EBS encryption, Session Manager, the AMI. */
import { DescribeVolumesCommand, GetEbsEncryptionByDefaultCommand } from "@aws-sdk/client-ec2";
import {
  DescribeListenersCommand,
  DescribeTargetGroupsCommand,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import {
  DescribeInstanceInformationCommand,
  DescribeInstancePatchStatesCommand,
} from "@aws-sdk/client-ssm";
import { CATALOGUE } from "../../../policy-pack/controls";
import { allPages, call } from "../context";
import { CannotVerify } from "../retry";
import { check, instanceIdsOrNeed, instancesOrNeed } from "./check";

const TLS_POLICIES = CATALOGUE.controls["APP-2"].values.allowedSslPolicies;

/** Item 2, APP-2: the ALB's listeners (production) and a verified TLS handshake with the app's host. */
export const liveHttps = check(async (found, ctx) => {
  if (ctx.outputs.targetGroupArn) {
    const arn = ctx.outputs.targetGroupArn;
    const groups = await call(ctx, "elasticloadbalancing:DescribeTargetGroups", () =>
      ctx.clients.elbv2.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [arn] })),
    );
    const lbArn = groups.TargetGroups?.[0]?.LoadBalancerArns?.[0];
    if (!lbArn) {
      throw new CannotVerify(`target group ${arn} is attached to no load balancer`);
    }
    const listeners =
      (
        await call(ctx, "elasticloadbalancing:DescribeListeners", () =>
          ctx.clients.elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: lbArn })),
        )
      ).Listeners ?? [];
    const https = listeners.filter((listener) => listener.Protocol === "HTTPS");
    if (found.require(https, "HTTPS listener")) {
      https.forEach((listener) =>
        found.check(
          (listener.Certificates ?? []).length > 0 &&
            TLS_POLICIES.includes(listener.SslPolicy ?? ""),
          {
            type: "aws:lb/listener:Listener",
            name: listener.ListenerArn ?? "listener",
            urn: "",
            custom: true,
            props: {},
          },
          `HTTPS :${listener.Port} ${listener.SslPolicy}`,
          `HTTPS :${listener.Port} has policy ${listener.SslPolicy} or no certificate`,
        ),
      );
    }
    listeners
      .filter((listener) => listener.Protocol === "HTTP")
      .forEach((listener) => {
        const redirect = (listener.DefaultActions ?? []).every(
          (action) => action.Type === "redirect" && action.RedirectConfig?.Protocol === "HTTPS",
        );
        if (redirect) {
          found.fact(`HTTP :${listener.Port} redirects to HTTPS`);
        } else {
          found.need(`HTTP :${listener.Port} does not only redirect to HTTPS`);
        }
      });
  }
  const url = ctx.outputs.appUrl;
  if (!url || !url.startsWith("https://")) {
    throw new CannotVerify("the stack outputs have no https appUrl to connect to");
  }
  const host = new URL(url).hostname;
  const probe = await ctx.probeTls(host);
  if (probe.authorized) {
    found.fact(`TLS handshake with ${host}: certificate valid (${probe.detail})`);
  } else {
    found.need(`TLS handshake with ${host}: ${probe.detail}`);
  }
});

/** Item 4, DATA-1: the app's volumes and the account default. */
export const liveEbsEncryption = check(async (found, ctx) => {
  const defaults = await call(ctx, "ec2:GetEbsEncryptionByDefault", () =>
    ctx.clients.ec2.send(new GetEbsEncryptionByDefaultCommand({})),
  );
  if (defaults.EbsEncryptionByDefault === true) {
    found.fact("account default EBS encryption on");
  } else {
    found.need("account default EBS encryption is off");
  }
  const ids = await instanceIdsOrNeed(ctx, found);
  if (ids.length === 0) {
    return;
  }
  const volumes =
    (
      await call(ctx, "ec2:DescribeVolumes", () =>
        ctx.clients.ec2.send(
          new DescribeVolumesCommand({
            Filters: [{ Name: "attachment.instance-id", Values: ids }],
          }),
        ),
      )
    ).Volumes ?? [];
  if (found.require(volumes, "volume attached to the app instances")) {
    volumes.forEach((volume) =>
      volume.Encrypted
        ? found.fact(`${volume.VolumeId} encrypted with ${volume.KmsKeyId}`)
        : found.need(`${volume.VolumeId} is not encrypted`),
    );
  }
});

/** Item 13, IAM-1: every app instance is an online SSM managed instance. */
export const liveSessionManager = check(async (found, ctx) => {
  const ids = await instanceIdsOrNeed(ctx, found);
  if (ids.length === 0) {
    return;
  }
  // A paginated call (SSM API reference): an instance on a later page is not "offline".
  const info = await allPages(
    ctx,
    "ssm:DescribeInstanceInformation",
    (token) =>
      ctx.clients.ssm.send(
        new DescribeInstanceInformationCommand({
          Filters: [{ Key: "InstanceIds", Values: ids }],
          NextToken: token,
        }),
      ),
    (page) => page.InstanceInformationList,
  );
  for (const id of ids) {
    const managed = info.find((entry) => entry.InstanceId === id);
    if (managed?.PingStatus === "Online") {
      found.fact(`${id}: SSM managed instance Online (agent ${managed.AgentVersion})`);
    } else {
      found.need(`${id}: SSM ping status ${managed?.PingStatus ?? "not registered"}`);
    }
  }
});

/** Item 15, APP-3/APP-4: hosts boot the pinned AMI and Patch Manager has patched them without failures. */
export const liveAmi = check(async (found, ctx) => {
  const instances = await instancesOrNeed(ctx, found);
  instances.forEach((instance) =>
    instance.ImageId === ctx.settings.amiId
      ? found.fact(`${instance.InstanceId}: boots ${instance.ImageId}`)
      : found.need(
          `${instance.InstanceId}: boots ${instance.ImageId}, not the configured ${ctx.settings.amiId}`,
        ),
  );
  const ids = instances
    .map((instance) => instance.InstanceId)
    .filter((id): id is string => id !== undefined);
  if (ids.length === 0) {
    return;
  }
  const states = await allPages(
    ctx,
    "ssm:DescribeInstancePatchStates",
    (token) =>
      ctx.clients.ssm.send(
        new DescribeInstancePatchStatesCommand({ InstanceIds: ids, NextToken: token }),
      ),
    (page) => page.InstancePatchStates,
  );
  for (const id of ids) {
    const state = states.find((entry) => entry.InstanceId === id);
    if (!state) {
      found.need(`${id}: never patched by Patch Manager`);
    } else if ((state.FailedCount ?? 0) > 0) {
      found.need(
        `${id}: ${state.FailedCount} patches failed (${state.Operation} ended ${state.OperationEndTime?.toISOString()})`,
      );
    } else {
      found.fact(
        `${id}: ${state.Operation} ended ${state.OperationEndTime?.toISOString()}, ${state.MissingCount ?? 0} missing, ${state.FailedCount ?? 0} failed`,
      );
    }
  }
});

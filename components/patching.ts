import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PatchRebootOption } from "../config/types";
import { policyDocument } from "./shared/iam-documents";
import { stackPrefix } from "./shared/names";
import { StackIdentity } from "./shared/stack-identity";

/** Tag key Patch Manager reads; `PatchGroup` (no space) also works when instance-metadata tags are on. */
export const PATCH_GROUP_TAG = "PatchGroup";

/** The patch group of a stack: static, so the app tier can be tagged before `Patching` exists. */
export function patchGroupName(project: string, stack: string): string {
  return stackPrefix(project, stack);
}

/** Tags that put an instance under this stack's patch baseline and association (APP-4). */
export function patchGroupTags(project: string, stack: string): Readonly<Record<string, string>> {
  return Object.freeze({ [PATCH_GROUP_TAG]: patchGroupName(project, stack) });
}

/** Where `AWS-RunPatchBaseline` writes its command output: the instances upload it themselves. */
export interface PatchOutputLocation {
  readonly bucketName: pulumi.Input<string>;
  readonly bucketArn: pulumi.Input<string>;
  /** The bucket's SSE-KMS key: the upload needs `kms:GenerateDataKey` on it. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** The app instances' role, granted `s3:PutObject` on exactly the output prefix. */
  readonly instanceRoleName: pulumi.Input<string>;
  /** Default `ssm/patching`. */
  readonly keyPrefix?: string;
}

/** The identity names the patch group, baseline and association. */
export interface PatchingArgs extends StackIdentity {
  /**
   * SSM cron expression (UTC) from `decision-control:patchSchedule`; config validation keeps its
   * runs out of the database maintenance window (config/patch-window.ts).
   */
  readonly schedule: string;
  /**
   * What AWS-RunPatchBaseline may do after installing (the edition table's `patchRebootOption`):
   * `RebootIfNeeded` for a single instance; `NoReboot` for instances in an Auto Scaling group with
   * ELB health checks, where a reboot would fail the load balancer's check and the group would
   * replace the instance from the unpatched AMI. Required: there is no safe default for both.
   */
  readonly rebootOption: PatchRebootOption;
  /**
   * The app AMI's OS family. The vendor does not publish it; default `AMAZON_LINUX_2023`, the OS of
   * current AWS Marketplace Linux images. Set it when the AMI's OS is known to differ.
   */
  readonly operatingSystem?: string;
  /** Days after release before a security patch is approved. Default 7. */
  readonly approveAfterDays?: number;
  /** Where command output goes (the audit bucket, CMP-3). Default none (kept in SSM only). */
  readonly outputLocation?: PatchOutputLocation;
  /**
   * Instances patched at the same time. Default "50%": with an ALB in front, half the group keeps
   * serving while the other half installs (a package update may restart Docker and the app).
   */
  readonly maxConcurrency?: string;
}

/**
 * OS security patching on a schedule (APP-4): a patch baseline approving security updates (Critical
 * and Important) after a delay, registered for this stack's patch group, and a State Manager
 * association running `AWS-RunPatchBaseline` (Install, with `rebootOption`) on every instance tagged
 * with that group. Instances get the tag from `instanceTags`. With `NoReboot`, patches that need a
 * reboot stay `InstalledPendingReboot` and the instance reports NON_COMPLIANT until it is replaced
 * (Systems Manager API Reference, InstancePatchState `RebootOption`; DescribePatchGroupState).
 */
export class Patching extends pulumi.ComponentResource {
  readonly patchGroup: string;
  /** Tags to put on every app instance so the association and baseline apply to it. */
  readonly instanceTags: Readonly<Record<string, string>>;
  readonly baseline: aws.ssm.PatchBaseline;
  readonly association: aws.ssm.Association;
  readonly associationId: pulumi.Output<string>;

  constructor(name: string, args: PatchingArgs, opts?: pulumi.ComponentResourceOptions) {
    super("decision-control:patching:Patching", name, {}, opts);
    const parent = { parent: this };
    this.patchGroup = patchGroupName(args.project, args.stack);
    this.instanceTags = patchGroupTags(args.project, args.stack);
    const outputPrefix = args.outputLocation?.keyPrefix ?? "ssm/patching";
    const operatingSystem = args.operatingSystem ?? "AMAZON_LINUX_2023";

    this.baseline = new aws.ssm.PatchBaseline(
      `${name}-baseline`,
      {
        description: `${this.patchGroup}: security updates (Critical, Important) after ${args.approveAfterDays ?? 7} days (APP-4)`,
        operatingSystem,
        approvalRules: [
          {
            approveAfterDays: args.approveAfterDays ?? 7,
            complianceLevel: "CRITICAL",
            enableNonSecurity: false,
            patchFilters: [
              { key: "CLASSIFICATION", values: ["Security"] },
              { key: "SEVERITY", values: ["Critical", "Important"] },
            ],
          },
        ],
      },
      parent,
    );
    new aws.ssm.PatchGroup(
      `${name}-group`,
      { baselineId: this.baseline.id, patchGroup: this.patchGroup },
      parent,
    );

    this.association = new aws.ssm.Association(
      `${name}-association`,
      {
        name: "AWS-RunPatchBaseline",
        associationName: `${this.patchGroup}-patching`,
        targets: [{ key: `tag:${PATCH_GROUP_TAG}`, values: [this.patchGroup] }],
        parameters: { Operation: "Install", RebootOption: args.rebootOption },
        scheduleExpression: args.schedule,
        // Patch (and maybe reboot) in the scheduled window only, never as a side effect of a
        // deployment. SSM accepts this flag with cron schedules only, not rate expressions.
        applyOnlyAtCronInterval: args.schedule.startsWith("cron("),
        complianceSeverity: "CRITICAL",
        maxConcurrency: args.maxConcurrency ?? "50%",
        maxErrors: "1",
        ...(args.outputLocation
          ? {
              outputLocation: {
                s3BucketName: args.outputLocation.bucketName,
                s3KeyPrefix: outputPrefix,
              },
            }
          : {}),
      },
      parent,
    );
    if (args.outputLocation) {
      // Run Command output is uploaded with the instance profile's credentials, not by SSM.
      new aws.iam.RolePolicy(
        `${name}-output`,
        {
          role: args.outputLocation.instanceRoleName,
          policy: policyDocument([
            {
              Sid: "UploadPatchOutput",
              Effect: "Allow",
              Action: "s3:PutObject",
              Resource: pulumi.interpolate`${args.outputLocation.bucketArn}/${outputPrefix}/*`,
            },
            {
              Sid: "EncryptPatchOutput",
              Effect: "Allow",
              Action: "kms:GenerateDataKey",
              Resource: args.outputLocation.kmsKeyArn,
              Condition: { StringLike: { "kms:ViaService": "s3.*.amazonaws.com" } },
            },
          ]),
        },
        parent,
      );
    }
    this.associationId = this.association.associationId;
    this.registerOutputs({ patchGroup: this.patchGroup, associationId: this.associationId });
  }
}

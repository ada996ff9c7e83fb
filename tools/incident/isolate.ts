/**
 * IR-1 / IR-2: isolates one app instance (production: a member of the Auto Scaling group; sandbox:
 * the stack's single instance) with the AWS SDK, in the runbook's order, idempotently (each step
 * first checks, read-only, whether it is already done), and stops at the first failure with the
 * remaining steps as AWS CLI commands. With `dryRun` only the read-only checks run and the plan is
 * printed. Open connections are cut too, not only new ones: see ./contain-steps.ts.
 *
 * Clients are injected so tests drive it with aws-sdk-client-mock.
 */
import { DescribeInstancesCommand } from "@aws-sdk/client-ec2";
import { logExportPrefix } from "../../components/shared/audit-layout";
import { ContainmentRecord, containmentSteps } from "./contain-steps";
import {
  deregisterStep,
  detachStep,
  exportLogsStep,
  snapshotStep,
  tagStep,
} from "./evidence-steps";
import { IsolationTargets } from "./outputs";
import {
  denyEntryCommand,
  IsolationContext,
  KnownFacts,
  manualCommand,
  notApplicable,
  STEP_TITLES,
  StepName,
  STEPS,
} from "./plan";
import { IncidentClients, Inspection, Step, StepEnv } from "./step";

export type { IncidentClients } from "./step";

export interface IsolationRequest {
  readonly stack: string;
  readonly instanceId: string;
  /** Why: goes into the tags and snapshot descriptions. */
  readonly reason: string;
  /** Hours of application log to export, ending now. */
  readonly exportHours: number;
  /** Print the plan after read-only checks; change nothing. */
  readonly dryRun: boolean;
}

export interface StepOutcome {
  readonly step: StepName;
  readonly status: "done" | "skipped" | "planned" | "not applicable";
  readonly detail: string;
}

/** A step failed: names it, what was done, and what is left to do by hand. */
export class IsolationError extends Error {
  constructor(
    /** The failed step, or `inspect` when the instance could not even be looked up. */
    readonly step: StepName | "inspect",
    readonly cause: unknown,
    readonly completed: readonly StepOutcome[],
    readonly manual: readonly { step: StepName; command: string }[],
  ) {
    super(
      [
        step === "inspect"
          ? `Looking up the instance failed: ${describeError(cause)}`
          : `Step ${STEPS.indexOf(step) + 1}/${STEPS.length} "${STEP_TITLES[step]}" failed: ${describeError(cause)}`,
        completed.length > 0
          ? `Already done: ${completed.map((outcome) => `${outcome.step} (${outcome.status})`).join(", ")}.`
          : "Nothing was changed.",
        "Left to do by hand, in this order:",
        ...manual.map(
          ({ step: name, command }) =>
            `  ${STEPS.indexOf(name) + 1}. ${STEP_TITLES[name]}:\n      ${command}`,
        ),
      ].join("\n"),
    );
    this.name = "IsolationError";
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    return error.name && error.name !== "Error" ? `${error.name}: ${error.message}` : error.message;
  }
  return String(error);
}

const VERBS: Readonly<Record<StepOutcome["status"], string>> = {
  done: "done",
  skipped: "skipped, already done",
  planned: "would",
  "not applicable": "not applicable",
};

export class InstanceIsolation {
  private readonly log: (line: string) => void;
  private readonly now: () => Date;

  constructor(
    private readonly clients: IncidentClients,
    private readonly targets: IsolationTargets,
    options: { log?: (line: string) => void; now?: () => Date } = {},
  ) {
    this.log = options.log ?? ((line) => console.log(line));
    this.now = options.now ?? (() => new Date());
  }

  async isolate(request: IsolationRequest): Promise<StepOutcome[]> {
    const startedAt = this.now();
    const context: IsolationContext = {
      stack: request.stack,
      instanceId: request.instanceId,
      reason: request.reason,
      startedAt,
      exportFrom: new Date(startedAt.getTime() - request.exportHours * 3600 * 1000),
      exportPrefix: logExportPrefix(request.instanceId, startedAt),
      targets: this.targets,
    };
    this.log(
      `${request.dryRun ? "Plan (dry run, nothing is changed)" : "Isolating"} ${request.instanceId} of ${this.targets.edition} stack ${request.stack} in ${this.targets.region}: ${request.reason}`,
    );

    const facts: KnownFacts = {};
    const leftToDo = (from: readonly StepName[]) =>
      from
        .filter((step) => notApplicable(step, this.targets) === undefined)
        .map((step) => ({ step, command: manualCommand(step, context, facts) }));
    let inspection: Inspection;
    try {
      inspection = await this.inspect(request.instanceId);
    } catch (error) {
      throw new IsolationError("inspect", error, [], leftToDo(STEPS));
    }
    facts.vpcId = inspection.vpcId;
    facts.volumeIds = inspection.volumes.map((volume) => volume.volumeId);
    facts.interfaceIds = inspection.interfaces.map((eni) => eni.id);

    const record: ContainmentRecord = { denyEntries: [] };
    const steps = this.steps({ clients: this.clients, context, inspection, facts }, record);
    const outcomes: StepOutcome[] = [];
    for (const [index, name] of STEPS.entries()) {
      const label = `[${index + 1}/${STEPS.length}] ${STEP_TITLES[name]}`;
      const step = steps.get(name);
      try {
        const outcome: StepOutcome = step
          ? await this.run(step, request.dryRun)
          : {
              step: name,
              status: "not applicable",
              detail: notApplicable(name, this.targets) ?? "",
            };
        outcomes.push(outcome);
        this.log(`${label}: ${VERBS[outcome.status]}: ${outcome.detail}`);
      } catch (error) {
        this.log(`${label}: FAILED`);
        throw new IsolationError(name, error, outcomes, leftToDo(STEPS.slice(index)));
      }
    }
    this.log(
      request.dryRun
        ? "Dry run complete; run again without --dry-run to isolate."
        : this.summary(context, record),
    );
    return outcomes;
  }

  private async run(step: Step, dryRun: boolean): Promise<StepOutcome> {
    const skip = await step.check();
    if (skip) return { step: step.name, status: "skipped", detail: skip };
    if (dryRun) return { step: step.name, status: "planned", detail: step.plan() };
    return { step: step.name, status: "done", detail: await step.apply() };
  }

  private summary(context: IsolationContext, record: ContainmentRecord): string {
    const { instanceId, stack, targets } = context;
    return [
      `Isolated. Forensics: snapshots tagged QuarantineInstance=${instanceId}; logs under s3://${targets.auditBucketName}/${context.exportPrefix}/ once the export task completes.`,
      ...(targets.edition === "sandbox"
        ? [
            `Next, so the program agrees (until then it refuses to run): pulumi config set decision-control:quarantine true --stack ${stack} && pulumi up --stack ${stack}`,
          ]
        : []),
      ...(record.denyEntries.length > 0
        ? [
            "Once the instance is terminated, delete its network ACL deny entries (a new instance may get the same address):",
            ...record.denyEntries.map(
              (entry) => `  ${denyEntryCommand("delete", entry, targets.region)}`,
            ),
          ]
        : []),
    ].join("\n");
  }

  /** The steps this edition has, by name; a missing name is not applicable (see `notApplicable`). */
  private steps(env: StepEnv, record: ContainmentRecord): Map<StepName, Step> {
    const targets = this.targets;
    const all: Step[] = [
      snapshotStep(env),
      tagStep(env),
      ...(targets.edition === "production"
        ? [detachStep(env, targets), deregisterStep(env, targets)]
        : []),
      ...containmentSteps(env, record),
      exportLogsStep(env),
    ];
    return new Map(all.map((step) => [step.name, step]));
  }

  private async inspect(instanceId: string): Promise<Inspection> {
    const response = await this.clients.ec2.send(
      new DescribeInstancesCommand({ InstanceIds: [instanceId] }),
    );
    const instance = response.Reservations?.flatMap(
      (reservation) => reservation.Instances ?? [],
    ).find((candidate) => candidate.InstanceId === instanceId);
    if (!instance) {
      throw new Error(`instance ${instanceId} was not found in ${this.targets.region}`);
    }
    if (!instance.VpcId) {
      throw new Error(`instance ${instanceId} is in no VPC`);
    }
    return {
      instance,
      vpcId: instance.VpcId,
      volumes: (instance.BlockDeviceMappings ?? [])
        .filter((mapping) => mapping.Ebs?.VolumeId)
        .map((mapping) => ({
          volumeId: mapping.Ebs?.VolumeId as string,
          device: mapping.DeviceName ?? "unknown device",
        })),
      interfaces: (instance.NetworkInterfaces ?? []).map((eni) => ({
        id: eni.NetworkInterfaceId as string,
        subnetId: eni.SubnetId ?? instance.SubnetId ?? "",
        groups: (eni.Groups ?? []).map((group) => group.GroupId as string),
        addresses: [
          ...(eni.PrivateIpAddresses ?? []).map((address) => address.PrivateIpAddress),
          ...(eni.PrivateIpAddresses?.length ? [] : [eni.PrivateIpAddress]),
          ...(eni.Ipv6Addresses ?? []).map((address) => address.Ipv6Address),
        ].filter((address): address is string => !!address),
      })),
    };
  }
}

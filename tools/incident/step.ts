/** What every isolation step is given and what it provides (IR-1, IR-2). */
import { AutoScalingClient } from "@aws-sdk/client-auto-scaling";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import {
  EC2Client,
  Instance,
  ModifyInstanceAttributeCommand,
  ModifyNetworkInterfaceAttributeCommand,
} from "@aws-sdk/client-ec2";
import { ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { IsolationContext, KnownFacts, StepName } from "./plan";

export interface IncidentClients {
  readonly ec2: EC2Client;
  readonly autoScaling: AutoScalingClient;
  readonly elb: ElasticLoadBalancingV2Client;
  readonly logs: CloudWatchLogsClient;
}

export interface InterfaceFacts {
  readonly id: string;
  readonly subnetId: string;
  readonly groups: readonly string[];
  /** Private IPv4 and IPv6 addresses. */
  readonly addresses: readonly string[];
}

/** The instance as DescribeInstances showed it when the run started. */
export interface Inspection {
  readonly instance: Instance;
  readonly vpcId: string;
  readonly volumes: readonly { volumeId: string; device: string }[];
  readonly interfaces: readonly InterfaceFacts[];
}

export interface StepEnv {
  readonly clients: IncidentClients;
  readonly context: IsolationContext;
  readonly inspection: Inspection;
  /** Steps record what they learn here, for the manual commands of a later failure. */
  readonly facts: KnownFacts;
}

/** A step: a read-only check (a reason to skip, or undefined) and the change itself. */
export interface Step {
  readonly name: StepName;
  check(): Promise<string | undefined>;
  plan(): string;
  apply(): Promise<string>;
}

export const onlyIn = (eni: InterfaceFacts, groupId: string): boolean =>
  eni.groups.length === 1 && eni.groups[0] === groupId;

/**
 * Puts the given interfaces in exactly one group. ModifyInstanceAttribute refuses instances with
 * several interfaces, so those are changed interface by interface.
 */
export async function replaceGroups(
  env: StepEnv,
  interfaceIds: readonly string[],
  groupId: string,
): Promise<void> {
  const { ec2 } = env.clients;
  if (env.inspection.interfaces.length === 1 && interfaceIds.length === 1) {
    await ec2.send(
      new ModifyInstanceAttributeCommand({
        InstanceId: env.context.instanceId,
        Groups: [groupId],
      }),
    );
    return;
  }
  for (const eni of interfaceIds) {
    await ec2.send(
      new ModifyNetworkInterfaceAttributeCommand({ NetworkInterfaceId: eni, Groups: [groupId] }),
    );
  }
}

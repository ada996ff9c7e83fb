import { ResourceValidationPolicy } from "@pulumi/policy";
import { forTypes } from "../lib/policy-kit";
import { publicStatementFindings } from "../lib/resource-policy";
import { asString, get, has, show } from "../lib/values";

/**
 * Every @pulumi/aws v7 type whose property holds a resource policy that can open the resource to
 * other accounts or to everyone (S3 has its own policy, s3-no-public-bucket-policy). Left out on
 * purpose: API Gateway REST API policies and Lambda function URLs, which are public by design when
 * the API or URL is.
 */
export const RESOURCE_POLICY_FIELDS: Readonly<Record<string, string>> = {
  "aws:kms/key:Key": "policy",
  "aws:kms/keyPolicy:KeyPolicy": "policy",
  "aws:kms/replicaKey:ReplicaKey": "policy",
  "aws:kms/externalKey:ExternalKey": "policy",
  "aws:kms/replicaExternalKey:ReplicaExternalKey": "policy",
  "aws:secretsmanager/secret:Secret": "policy",
  "aws:secretsmanager/secretPolicy:SecretPolicy": "policy",
  "aws:sns/topic:Topic": "policy",
  "aws:sns/topicPolicy:TopicPolicy": "policy",
  "aws:sqs/queue:Queue": "policy",
  "aws:sqs/queuePolicy:QueuePolicy": "policy",
  "aws:ecr/repositoryPolicy:RepositoryPolicy": "policy",
  "aws:ecr/registryPolicy:RegistryPolicy": "policy",
  "aws:efs/fileSystemPolicy:FileSystemPolicy": "policy",
  "aws:glacier/vault:Vault": "accessPolicy",
  "aws:glacier/vaultLock:VaultLock": "policy",
  "aws:backup/vaultPolicy:VaultPolicy": "policy",
  "aws:opensearch/domain:Domain": "accessPolicies",
  "aws:opensearch/domainPolicy:DomainPolicy": "accessPolicies",
  "aws:elasticsearch/domain:Domain": "accessPolicies",
  "aws:elasticsearch/domainPolicy:DomainPolicy": "accessPolicies",
  "aws:cloudwatch/eventBusPolicy:EventBusPolicy": "policy",
  "aws:dynamodb/resourcePolicy:ResourcePolicy": "policy",
};

const LAMBDA_PERMISSION = "aws:lambda/permission:Permission";
/** Lambda permission fields that narrow a `principal: "*"` grant to a source or organization. */
const LAMBDA_RESTRICTING = ["sourceArn", "sourceAccount", "principalOrgId"];

export const resourcePolicyNotPublic: ResourceValidationPolicy = {
  name: "resource-policy-not-public",
  description:
    'IAM-2: No resource policy opens its resource to everyone: KMS keys, Secrets Manager secrets, SNS topics, SQS queues, ECR, EFS, Glacier, Backup vaults, OpenSearch/Elasticsearch domains, EventBridge buses and DynamoDB (inline or separate policy resources) allow Principal "*" only with a condition that restricts the caller (aws:SourceVpce, aws:SourceVpc, aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceAccount/SourceArn, aws:SourceIp narrower than the internet, ...), never with NotPrincipal; a Lambda permission to principal "*" names a sourceArn, sourceAccount or principalOrgId.',
  enforcementLevel: "mandatory",
  validateResource: forTypes(
    [...Object.keys(RESOURCE_POLICY_FIELDS), LAMBDA_PERMISSION],
    (props, args, report) => {
      if (args.type === LAMBDA_PERMISSION) {
        const principal = (asString(get(props, "principal")) ?? "").trim();
        const action = (asString(get(props, "action")) ?? "").trim().toLowerCase();
        if (
          principal === "*" &&
          action !== "lambda:invokefunctionurl" &&
          !LAMBDA_RESTRICTING.some((k) => has(props, k))
        ) {
          report(
            `IAM-2: Lambda permission '${args.name}' grants ${show(action)} to principal "*" with no sourceArn, sourceAccount or principalOrgId; name the calling service's sourceArn (or the account) so that only it can invoke the function.`,
          );
        }
        return;
      }
      const key = RESOURCE_POLICY_FIELDS[args.type];
      for (const f of publicStatementFindings(get(props, key))) {
        report(
          `IAM-2: '${args.name}' ${key} statement ${f.statementIndex} has ${f.reason}; name the principals (an account, a role or a service) or add a condition that restricts the caller, such as aws:PrincipalOrgID or aws:SourceVpce.`,
        );
      }
    },
  ),
};

export const resourcePolicies = [resourcePolicyNotPublic];

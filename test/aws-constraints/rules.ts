/**
 * The building blocks of the constraints table: character and length rules for names and free
 * text, the tag rules, and the size quotas, each with the AWS page that states it. Pure functions;
 * `table.ts` assigns them to resource properties and `check.ts` applies them.
 */

export interface Source {
  readonly title: string;
  readonly url: string;
}

/** A rule for one string value; returns the problems found (empty when the value is accepted). */
export interface TextRule {
  /** What the value is, for messages: "an ELB load balancer name". */
  readonly what: string;
  readonly check: (value: string) => string[];
}

interface TextRuleSpec {
  readonly min?: number;
  readonly max: number;
  /** The whole value must match. */
  readonly pattern?: RegExp;
  /** The allowed set in words, for the message. */
  readonly allowed?: string;
  /** Patterns the value must not match, each with the reason. */
  readonly forbidden?: readonly (readonly [RegExp, string])[];
}

export function textRule(what: string, spec: TextRuleSpec): TextRule {
  return {
    what,
    check(value) {
      const problems: string[] = [];
      const min = spec.min ?? 0;
      if (value.length < min || value.length > spec.max) {
        problems.push(
          `has ${value.length} characters; ${what} has ${min > 0 ? `${min} to ` : "at most "}${spec.max}`,
        );
      }
      if (spec.pattern && !spec.pattern.test(value)) {
        problems.push(`is not ${what}: ${spec.allowed ?? `must match ${String(spec.pattern)}`}`);
      }
      for (const [pattern, reason] of spec.forbidden ?? []) {
        if (pattern.test(value)) {
          problems.push(reason);
        }
      }
      return problems;
    },
  };
}

/** RDS identifiers (instances, snapshots, parameter groups): a letter, then letters, digits, hyphens. */
function rdsIdentifier(what: string, max: number): TextRule {
  return textRule(what, {
    min: 1,
    max,
    pattern: /^[a-z][a-z0-9-]*$/,
    allowed:
      "a lowercase letter, then lowercase letters, digits and hyphens (the provider refuses uppercase; RDS stores identifiers lowercase)",
    forbidden: [
      [/--/, "contains two consecutive hyphens"],
      [/-$/, "ends with a hyphen"],
    ],
  });
}

const IPV4_FORMAT = /^\d{1,3}(\.\d{1,3}){3}$/;

export const NAME_RULES = {
  loadBalancer: textRule("an ELB load balancer name", {
    min: 1,
    max: 32,
    pattern: /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/,
    allowed: "letters, digits and inner hyphens",
    forbidden: [
      [/^internal-/i, 'begins with "internal-", which ELB reserves for internal DNS names'],
    ],
  }),
  targetGroup: textRule("an ELB target group name", {
    min: 1,
    max: 32,
    pattern: /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/,
    allowed: "letters, digits and inner hyphens",
  }),
  iamRole: textRule("an IAM role name", {
    min: 1,
    max: 64,
    pattern: /^[\w+=,.@-]+$/,
    allowed: "letters, digits and +=,.@_-",
  }),
  iamEntity: textRule("an IAM instance profile or policy name", {
    min: 1,
    max: 128,
    pattern: /^[\w+=,.@-]+$/,
    allowed: "letters, digits and +=,.@_-",
  }),
  s3Bucket: textRule("an S3 bucket name", {
    min: 3,
    max: 63,
    pattern: /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/,
    allowed:
      "lowercase letters, digits, periods and hyphens, beginning and ending with a letter or digit",
    forbidden: [
      [/\.\./, "contains two adjacent periods"],
      [IPV4_FORMAT, "is formatted as an IP address"],
      [/^(xn--|sthree-|amzn-s3-demo-)/, "begins with a prefix S3 reserves"],
      [/(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/, "ends with a suffix S3 reserves"],
    ],
  }),
  rdsInstance: rdsIdentifier("an RDS DB instance identifier", 63),
  rdsSnapshot: rdsIdentifier("an RDS DB snapshot identifier", 255),
  rdsParameterGroup: rdsIdentifier("an RDS DB parameter group name", 255),
  rdsSubnetGroup: textRule("an RDS DB subnet group name", {
    min: 1,
    max: 255,
    pattern: /^[a-z0-9 ._-]+$/,
    allowed: "lowercase letters, digits, spaces, periods, underscores and hyphens",
    forbidden: [[/^default$/i, 'is "default", which RDS reserves']],
  }),
  cloudTrail: textRule("a CloudTrail trail name", {
    min: 3,
    max: 128,
    pattern: /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/,
    allowed:
      "letters, digits, periods, underscores and hyphens, beginning and ending with a letter or digit",
    forbidden: [
      [/[._-]{2}/, "has adjacent periods, underscores or hyphens"],
      [IPV4_FORMAT, "is formatted as an IP address"],
    ],
  }),
  kmsAlias: textRule("a KMS alias name", {
    min: 1,
    max: 256,
    pattern: /^alias\/[a-zA-Z0-9/_-]+$/,
    allowed: '"alias/" followed by letters, digits, slashes, underscores and hyphens',
    forbidden: [[/^alias\/aws\//i, 'begins with "alias/aws/", which AWS reserves']],
  }),
  logGroup: textRule("a CloudWatch Logs log group name", {
    min: 1,
    max: 512,
    pattern: /^[.\-_/#A-Za-z0-9]+$/,
    allowed: "letters, digits and ._-/#",
    forbidden: [[/^aws\//, 'begins with "aws/", which CloudWatch Logs reserves']],
  }),
  metricFilter: textRule("a CloudWatch Logs metric filter name", {
    min: 1,
    max: 512,
    pattern: /^[^:*]+$/,
    allowed: "no colon or asterisk",
  }),
  alarm: textRule("a CloudWatch alarm name", {
    min: 1,
    max: 255,
    pattern: /^[^\x00-\x1f\x7f]+$/,
    allowed: "UTF-8 without control characters",
  }),
  snsTopic: textRule("an SNS topic name", {
    min: 1,
    max: 256,
    pattern: /^[A-Za-z0-9_-]+$/,
    allowed: "letters, digits, underscores and hyphens",
  }),
  configRule: textRule("an AWS Config rule name", {
    min: 1,
    max: 128,
    pattern: /\S/,
    allowed: "at least one non-space character",
  }),
  configRecorder: textRule("an AWS Config recorder or delivery channel name", {
    min: 1,
    max: 256,
    pattern: /\S/,
    allowed: "at least one non-space character",
  }),
  ssm: textRule("an SSM patch baseline or association name", {
    min: 3,
    max: 128,
    pattern: /^[a-zA-Z0-9_.-]+$/,
    allowed: "letters, digits, underscores, periods and hyphens",
  }),
  ssmPatchGroup: textRule("an SSM patch group", {
    min: 1,
    max: 256,
    pattern: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u,
    allowed: "letters, digits, spaces and _.:/=+-@",
  }),
  launchTemplate: textRule("an EC2 launch template name", {
    min: 3,
    max: 128,
    pattern: /^[a-zA-Z0-9().\-/_]+$/,
    allowed: "letters, digits and ().-/_",
  }),
  securityGroup: textRule("an EC2 security group name", {
    min: 1,
    max: 255,
    pattern: /^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]+$/,
    allowed: "a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*",
    forbidden: [[/^sg-/i, 'begins with "sg-"']],
  }),
  secret: textRule("a Secrets Manager secret name", {
    min: 1,
    max: 512,
    pattern: /^[A-Za-z0-9/_+=.@-]+$/,
    allowed: "letters, digits and /_+=.@-",
    forbidden: [
      [
        /-[A-Za-z0-9]{6}$/,
        "ends with a hyphen and six characters, which Secrets Manager takes for the random suffix of a partial ARN",
      ],
    ],
  }),
  autoScalingGroup: textRule("an Auto Scaling group name", {
    min: 1,
    max: 255,
    pattern: /^[^\x00-\x08\x0b\x0c\x0e-\x1f]+$/,
    allowed: "no control characters",
  }),
} as const;

export const TEXT_RULES = {
  /** Security groups and IpRange / Ipv6Range rule descriptions. */
  ec2Description: textRule("an EC2 security group or CIDR rule description", {
    max: 255,
    pattern: /^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]*$/,
    allowed: "a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*",
  }),
  /** UserIdGroupPair / PrefixListId rule descriptions: the same set without `&`. */
  ec2GroupRuleDescription: textRule("an EC2 rule description that references a group", {
    max: 255,
    pattern: /^[a-zA-Z0-9 ._\-:/()#,@[\]+=;{}!$*]*$/,
    allowed: "a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=;{}!$*",
  }),
  iamDescription: textRule("an IAM role description", {
    max: 1000,
    pattern: /^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*$/,
    allowed: "tab, newline and printable Latin-1 characters",
  }),
  launchTemplateDescription: textRule("a launch template version description", { max: 255 }),
  alarmDescription: textRule("a CloudWatch alarm description", { max: 1024 }),
  metricFilterPattern: textRule("a metric filter pattern", { max: 1024 }),
  metricNamespace: textRule("a CloudWatch metric namespace", {
    min: 1,
    max: 255,
    pattern: /^[^:$][^$]*$/,
    allowed: "no leading colon, no dollar sign",
  }),
  configDescription: textRule("an AWS Config rule description", { max: 256 }),
  configInputParameters: textRule("AWS Config rule input parameters", { min: 1, max: 1024 }),
  ssmDescription: textRule("an SSM patch baseline description", { max: 1024 }),
  secretDescription: textRule("a Secrets Manager secret description", { max: 2048 }),
  snsDisplayName: textRule("an SNS display name", { max: 100 }),
  kmsDescription: textRule("a KMS key description", { max: 8192 }),
  rdsDescription: textRule("an RDS group description", { min: 1, max: 255 }),
  lifecycleRuleId: textRule("an S3 lifecycle rule ID", { max: 255 }),
} as const;

/** Tags (AWS tagging guide): counts include the provider's default tags. */
export const TAG_LIMITS = {
  perResource: 50,
  keyLength: 128,
  valueLength: 256,
  /** Characters every tagging service accepts (EC2 accepts more). */
  characters: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u,
  reservedPrefix: /^aws:/i,
} as const;

export type SizeMeasure = "non-whitespace characters" | "bytes";

export interface SizeLimit {
  readonly limit: number;
  readonly measure: SizeMeasure;
  readonly quota: string;
}

export const SIZE_LIMITS = {
  userData: { limit: 16 * 1024, measure: "bytes", quota: "EC2 user data (raw, before base64)" },
  trustPolicy: {
    limit: 2048,
    measure: "non-whitespace characters",
    quota: "IAM role trust policy (default quota)",
  },
  roleInlinePolicies: {
    limit: 10240,
    measure: "non-whitespace characters",
    quota: "IAM inline policies of one role, in total",
  },
  managedPolicy: {
    limit: 6144,
    measure: "non-whitespace characters",
    quota: "IAM customer managed policy",
  },
  kmsKeyPolicy: { limit: 32 * 1024, measure: "bytes", quota: "KMS key policy" },
  s3BucketPolicy: { limit: 20 * 1024, measure: "bytes", quota: "S3 bucket policy" },
  snsTopicPolicy: { limit: 30 * 1024, measure: "bytes", quota: "SNS topic access policy" },
} as const satisfies Record<string, SizeLimit>;

export const COUNT_LIMITS = {
  /** IAM quota, default (adjustable to 20). */
  managedPoliciesPerRole: 10,
  /** VPC quota, per direction and address family. */
  rulesPerSecurityGroup: 60,
  securityGroupsPerInterface: 5,
  alarmDimensions: 30,
} as const;

export function measure(text: string, unit: SizeMeasure): number {
  return unit === "bytes" ? Buffer.byteLength(text, "utf8") : text.replace(/\s/g, "").length;
}

/**
 * PostgreSQL key words marked "reserved" (PostgreSQL documentation, Appendix C, SQL Key Words),
 * plus the roles RDS creates for itself: RDS refuses them as master user or database name.
 */
export const POSTGRES_RESERVED_WORDS: ReadonlySet<string> = new Set(
  (
    "all analyse analyze and any array as asc asymmetric authorization binary both case cast check " +
    "collate collation column concurrently constraint create cross current_catalog current_date " +
    "current_role current_schema current_time current_timestamp current_user default deferrable " +
    "desc distinct do else end except false fetch for foreign freeze from full grant group having " +
    "ilike in initially inner intersect into is isnull join lateral leading left like limit " +
    "localtime localtimestamp natural not notnull null offset on only or order outer overlaps " +
    "placing primary references returning right select session_user similar some symmetric " +
    "system_user table tablesample then to trailing true union unique user using variadic verbose " +
    "when where window with rdsadmin rdsrepladmin rds_superuser"
  ).split(" "),
);

/** RDS for PostgreSQL MasterUsername and DBName: 1 to 63, a letter, then letters, digits, `_`. */
export function postgresIdentifierProblems(what: string, value: string): string[] {
  const problems: string[] = [];
  if (!/^[A-Za-z][A-Za-z0-9_]{0,62}$/.test(value)) {
    problems.push(
      `${what} "${value}" must be 1 to 63 letters, digits or underscores, beginning with a letter`,
    );
  }
  if (POSTGRES_RESERVED_WORDS.has(value.toLowerCase())) {
    problems.push(`${what} "${value}" is a word PostgreSQL or RDS reserves`);
  }
  return problems;
}

/** RFC 5280 ub-common-name: ACM's first domain name (RequestCertificate DomainName). */
export const CERTIFICATE_FIRST_NAME_MAX = 64;

/** DNS names: 253 octets in total, labels of 1 to 63. */
export function dnsNameProblems(what: string, value: string): string[] {
  const name = value.replace(/\.$/, "");
  const problems: string[] = [];
  if (name.length > 253) {
    problems.push(`${what} "${value}" has ${name.length} characters; DNS names have at most 253`);
  }
  if (name.split(".").some((label) => label.length < 1 || label.length > 63)) {
    problems.push(`${what} "${value}" has a label that is empty or longer than 63 characters`);
  }
  return problems;
}

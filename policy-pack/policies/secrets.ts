import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import {
  hintsCredential,
  isDatabaseSecretJson,
  namesCredential,
  namesDatabaseLogin,
} from "../lib/credential-hints";
import {
  forTypes,
  peek,
  PolicyResource,
  RefIndex,
  schema,
  settings,
  UNKNOWN_VALUE,
} from "../lib/policy-kit";
import { scheduleMaxInterval } from "../lib/schedule";
import { asBool, asList, asNumber, asString, get, show } from "../lib/values";
import { POLICY_DEFAULTS } from "../controls/defaults";

const SECRET = "aws:secretsmanager/secret:Secret";
const SECRET_VERSION = "aws:secretsmanager/secretVersion:SecretVersion";
const ROTATION = "aws:secretsmanager/secretRotation:SecretRotation";
const RDS_PROXY = "aws:rds/proxy:Proxy";
const SSM_PARAMETER = "aws:ssm/parameter:Parameter";
const rotationDefaults = POLICY_DEFAULTS["secrets-rotation-max-days"];

export const secretsRotation: ResourceValidationPolicy = {
  name: "secrets-rotation-max-days",
  description: `APP-1: Secrets Manager rotations run at least every ${rotationDefaults.maxRotationDays} days (configurable): automaticallyAfterDays, or the longest interval a rate() or cron() scheduleExpression really allows (AWS's six-field cron, exactly at the limit passes); RDS-managed master passwords (manageMasterUserPassword) are rotated by RDS and need no SecretRotation.`,
  enforcementLevel: "mandatory",
  configSchema: schema(
    {
      maxRotationDays: {
        type: "number",
        minimum: 1,
        description: "Longest allowed rotation interval in days.",
      },
    },
    rotationDefaults,
  ),
  validateResource: forTypes(ROTATION, (props, args, report) => {
    const max =
      asNumber(settings(args, rotationDefaults).maxRotationDays) ??
      rotationDefaults.maxRotationDays;
    const enabled = get(props, "rotationEnabled");
    if (asBool(enabled) === false) {
      report(
        `APP-1: secret rotation '${args.name}' has rotationEnabled false; enable rotation at least every ${max} days.`,
      );
      return;
    }
    const rules = get(props, "rotationRules");
    const after = get(rules, "automaticallyAfterDays");
    const days = asNumber(after);
    if (days !== undefined) {
      if (days > max) {
        report(
          `APP-1: secret rotation '${args.name}' has rotationRules.automaticallyAfterDays ${show(after)}; set it to ${max} or fewer.`,
        );
      }
      return;
    }
    const expr = asString(get(rules, "scheduleExpression"));
    if (expr !== undefined && expr.trim() !== "") {
      const verdict = scheduleMaxInterval(expr);
      if (verdict.kind === "invalid") {
        report(
          `APP-1: secret rotation '${args.name}' has rotationRules.scheduleExpression ${show(expr)}, which cannot be judged (${verdict.reason}); use rate(N days) with N at most ${max}, or AWS's six-field cron().`,
        );
      } else if (verdict.maxDays > max) {
        report(
          `APP-1: secret rotation '${args.name}' has rotationRules.scheduleExpression ${show(expr)}, whose rotations are ${verdict.detail} (more than ${max}); schedule it at least every ${max} days.`,
        );
      }
      return;
    }
    report(
      `APP-1: secret rotation '${args.name}' has no rotationRules.automaticallyAfterDays or scheduleExpression; set automaticallyAfterDays to ${max} or fewer.`,
    );
  }),
};

/** Why a secret holds a database login, or undefined; UNKNOWN_VALUE while its name is unknown. */
function databaseSecretReason(
  secret: PolicyResource,
  versions: readonly PolicyResource[],
  proxied: ReadonlySet<PolicyResource>,
): string | undefined | typeof UNKNOWN_VALUE {
  if (proxied.has(secret)) {
    return "an RDS proxy authenticates with it";
  }
  for (const v of versions) {
    const content = peek(() => [get(v.props, "secretString"), get(v.props, "secretStringWo")]);
    if (content !== UNKNOWN_VALUE && content.some(isDatabaseSecretJson)) {
      return `secret version '${v.name}' holds a database login (engine/host/password)`;
    }
  }
  const texts = peek(() =>
    ["name", "namePrefix", "description"].map((k) => asString(get(secret.props, k)) ?? ""),
  );
  if (texts === UNKNOWN_VALUE) {
    return UNKNOWN_VALUE;
  }
  return namesDatabaseLogin(...texts)
    ? `its name or description names a database login`
    : undefined;
}

export const secretsDatabaseSecretRotated: StackValidationPolicy = {
  name: "secrets-database-secret-rotated",
  description:
    "APP-1: A Secrets Manager secret that holds a database login (used by an RDS proxy, a secret version in AWS's database JSON structure, or a name/description with a database word and a login word) has an enabled aws.secretsmanager.SecretRotation in the stack.",
  enforcementLevel: "mandatory",
  validateStack: (args, report) => {
    const secrets = args.resources.filter((r) => r.type === SECRET);
    if (secrets.length === 0) {
      return;
    }
    const index = new RefIndex(secrets);
    const versionsOf = new Map<PolicyResource, PolicyResource[]>();
    const rotated = new Set<PolicyResource>();
    const proxied = new Set<PolicyResource>();
    for (const r of args.resources) {
      if (r.type === SECRET_VERSION) {
        for (const s of index.lookup(r, "secretId").found) {
          versionsOf.set(s, [...(versionsOf.get(s) ?? []), r]);
        }
      } else if (r.type === ROTATION) {
        const { found, unknown } = index.lookup(r, "secretId");
        if (unknown) {
          return; // a rotation whose secret is not known yet: decided at update
        }
        if (peek(() => asBool(get(r.props, "rotationEnabled"))) !== false) {
          found.forEach((s) => rotated.add(s));
        }
      } else if (r.type === RDS_PROXY) {
        const read = () => asList(get(r.props, "auths")).map((a) => get(a, "secretArn"));
        index.lookup(r, "auths", read).found.forEach((s) => proxied.add(s));
      }
    }
    for (const s of secrets) {
      if (rotated.has(s)) {
        continue;
      }
      const why = databaseSecretReason(s, versionsOf.get(s) ?? [], proxied);
      if (typeof why === "string") {
        report(
          `APP-1: secret '${s.name}' holds a database login (${why}) but no aws.secretsmanager.SecretRotation rotates it; add one with automaticallyAfterDays of at most ${rotationDefaults.maxRotationDays} (or let RDS manage the password: manageMasterUserPassword).`,
          s.urn,
        );
      }
    }
  },
};

/** A plain-text SSM parameter (String/StringList) and its name and description, or undefined. */
function plainParameter(
  props: Record<string, unknown>,
): { name: string; description: string } | undefined {
  const type = (asString(get(props, "type")) ?? "").trim();
  if (type === "SecureString") {
    return undefined;
  }
  return {
    name: asString(get(props, "name")) ?? "",
    description: asString(get(props, "description")) ?? "",
  };
}

export const ssmParameterNoPlaintextCredential: ResourceValidationPolicy = {
  name: "ssm-no-plaintext-credential",
  description:
    "APP-1: No SSM parameter of type String or StringList is named as a credential (its name ends in password, secret, token, credentials, api-key, private-key, ...): credentials go in SecureString parameters or Secrets Manager.",
  enforcementLevel: "mandatory",
  validateResource: forTypes(SSM_PARAMETER, (props, args, report) => {
    const p = plainParameter(props);
    if (p && namesCredential(p.name || args.name)) {
      report(
        `APP-1: SSM parameter '${args.name}' (${show(p.name || args.name)}) holds a credential as type ${show(get(props, "type"))}, readable in plain text; use type SecureString with a KMS key, or a Secrets Manager secret.`,
      );
    }
  }),
};

export const ssmParameterCredentialHint: ResourceValidationPolicy = {
  name: "ssm-parameter-credential-hint",
  description:
    "APP-1: An SSM parameter of type String or StringList whose name or description mentions a credential (but is not named as one) is reported for review.",
  enforcementLevel: "advisory",
  validateResource: forTypes(SSM_PARAMETER, (props, args, report) => {
    const p = plainParameter(props);
    const name = p?.name || args.name;
    if (p && !namesCredential(name) && hintsCredential(name, p.description)) {
      report(
        `APP-1: SSM parameter '${args.name}' is type ${show(get(props, "type"))} but its name or description mentions a credential; if it holds one, use type SecureString or Secrets Manager.`,
      );
    }
  }),
};

export const secretsPolicies = [
  secretsRotation,
  secretsDatabaseSecretRotated,
  ssmParameterNoPlaintextCredential,
  ssmParameterCredentialHint,
];

/**
 * EC2 accepts at most 16 KB of user data before base64 (EC2 User Guide, "Work with instance user
 * data"). The constraints test measures the shipped stack variants; this one builds the largest
 * user data config validation admits, every value at the longest length AWS or validation allows.
 */
import { strict as assert } from "assert";
import { renderUserData, UserDataParams } from "../../components/app/user-data";
import { EMAIL_MAX_LENGTH } from "../../config/rules";
import { APP_LOG_GROUPS, STACK_PREFIX_MAX_LENGTH } from "../../components/shared/names";
import { bashSyntaxError } from "../harness/bash";

const USER_DATA_MAX_BYTES = 16 * 1024;

/** The longest region names (`ap-southeast-7`, `eusc-de-east-1`) have 14 characters. */
const REGION = "ap-southeast-7";
const ACCOUNT = "123456789012";
/** `domain.subdomain.domain.zoneName` is refused above 64 characters (a certificate's CN). */
const FQDN = `${"d".repeat(64 - ".example.com".length)}.example.com`;
const STACK_PREFIX = "p".repeat(STACK_PREFIX_MAX_LENGTH);
/** pulumi-aws autonames with 7 random characters; Secrets Manager appends `-` and 6 to the ARN. */
const autonamedSecretArn = (logicalName: string) =>
  `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${logicalName}-abcdef0-AbCdEf`;
/**
 * Log groups named per stack under the vendor's name: `<vendor name>/<stack prefix>-` and the 26
 * characters pulumi-aws's `namePrefix` appends; the vendor's fixed names are shorter.
 */
const logGroup = (vendorName: string) => `${vendorName}/${STACK_PREFIX}-${"0".repeat(26)}`;

function worstCase(tls: UserDataParams["tls"]): UserDataParams {
  return {
    region: REGION,
    // An RDS identifier has at most 63 characters (CreateDBInstance).
    databaseAddress: `${"i".repeat(63)}.abcdefghijkl.${REGION}.rds.amazonaws.com`,
    // RDS names its managed secret `rds!db-<uuid>`.
    databaseSecretArn: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:rds!db-0a1b2c3d-0a1b-0a1b-0a1b-0a1b2c3d4e5f-AbCdEf`,
    appUrl: `https://${FQDN}`,
    tls,
    logGroups: {
      application: logGroup(APP_LOG_GROUPS.application),
      system: logGroup(APP_LOG_GROUPS.system),
    },
  };
}

describe("EC2's 16 KB user-data limit, at the longest values validation admits", () => {
  const letsEncrypt = renderUserData(
    worstCase({
      mode: "letsencrypt",
      fqdn: FQDN,
      contactEmail: `${"o".repeat(64)}@${"e".repeat(EMAIL_MAX_LENGTH - 64 - 1 - 4)}.com`,
      certificateSecretArn: autonamedSecretArn(`${STACK_PREFIX}-app-certificate-secret`),
    }),
  );

  it("the worst case is what it says: a 64-character host name, a 36-character stack prefix, the longest contact address", () => {
    assert.equal(FQDN.length, 64);
    assert.ok(letsEncrypt.includes(`--domain ${FQDN} `));
    assert.ok(letsEncrypt.includes(`${STACK_PREFIX}-app-certificate-secret`));
    assert.ok(letsEncrypt.includes(`@${"e".repeat(EMAIL_MAX_LENGTH - 64 - 1 - 4)}.com`));
    assert.equal(bashSyntaxError(letsEncrypt), undefined);
  });

  it("APP-2: Let's Encrypt mode (the largest) stays within 16,384 bytes before base64", () => {
    const size = Buffer.byteLength(letsEncrypt, "utf8");
    assert.ok(size <= USER_DATA_MAX_BYTES, `${size} bytes`);
  });

  it("production (load-balancer mode, with the drain) stays within 16,384 bytes before base64", () => {
    const production = renderUserData({
      ...worstCase({ mode: "load-balancer" }),
      restartDrain: {
        // ELB names have at most 32 characters.
        targetGroupArn: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/${"t".repeat(32)}/0123456789abcdef`,
        deregistrationDelaySeconds: 60,
      },
    });
    const size = Buffer.byteLength(production, "utf8");
    assert.ok(size <= USER_DATA_MAX_BYTES, `${size} bytes`);
  });
});

/**
 * APP-2, IAM-2, CMP-2: the sandbox keeps its Let's Encrypt certificate in a secret of its own, so a
 * replacement instance restores it (host side: test/components/host-certificate.test.ts).
 */
import { strict as assert } from "assert";
import { CERTIFICATE_STORE_ACTIONS } from "../../components/shared/certificate-store-access";
import { ProgramRun, RegisteredResource, runProgramOnce } from "../harness/program";

const T = {
  secret: "aws:secretsmanager/secret:Secret",
  secretVersion: "aws:secretsmanager/secretVersion:SecretVersion",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  instance: "aws:ec2/instance:Instance",
  role: "aws:iam/role:Role",
} as const;
const STORE = "decision-control-sandbox-app-certificate";

function ok(run: ProgramRun): ProgramRun {
  assert.equal(run.error, undefined, run.error?.message);
  return run;
}

describe("APP-2: the sandbox certificate store (Secrets Manager)", () => {
  let run: ProgramRun;
  let secret: RegisteredResource;
  before(async () => {
    run = ok(await runProgramOnce("sandbox"));
    secret = run.get(T.secret, `${STORE}-secret`);
  });

  it("CMP-2: the secret is encrypted with the stack key, and the program gives it no value (none in state)", () => {
    assert.equal(secret.inputs.kmsKeyId, run.outputs.kmsKeyArn);
    assert.equal(run.ofType(T.secret).length, 1);
    assert.equal(run.ofType(T.secretVersion).length, 0, "the host writes the value");
    for (const property of ["secretString", "secretBinary", "secretStringWo"]) {
      assert.equal(secret.inputs[property], undefined, property);
    }
    assert.equal(secret.inputs.name, undefined, "autonamed: a re-created stack never collides");
  });

  it("IAM-2: the instance role may get and put exactly that secret, and use the stack key for it only through Secrets Manager", () => {
    const access = run.get(T.rolePolicy, `${STORE}-access`);
    assert.equal(
      access.inputs.role,
      run.get(T.role, "decision-control-sandbox-instance-role").state.name,
    );
    assert.deepEqual(JSON.parse(String(access.inputs.policy)).Statement, [
      {
        Sid: "ReadAndWriteOwnCertificateSecret",
        Effect: "Allow",
        Action: [...CERTIFICATE_STORE_ACTIONS],
        Resource: secret.state.arn,
      },
      {
        Sid: "EncryptOwnCertificateSecretViaSecretsManager",
        Effect: "Allow",
        Action: ["kms:GenerateDataKey", "kms:Decrypt"],
        Resource: run.outputs.kmsKeyArn,
        Condition: {
          StringEquals: {
            "kms:ViaService": "secretsmanager.eu-west-1.amazonaws.com",
            "kms:EncryptionContext:SecretARN": secret.state.arn,
          },
        },
      },
    ]);
    assert.deepEqual(CERTIFICATE_STORE_ACTIONS, [
      "secretsmanager:GetSecretValue",
      "secretsmanager:PutSecretValue",
    ]);
  });

  it("APP-2: the host boots after its permission exists, and its user data names the secret", () => {
    const instance = run.ofType(T.instance)[0];
    const access = run.get(T.rolePolicy, `${STORE}-access`);
    assert.ok(instance.dependencies.includes(access.urn), "instance dependsOn the policy");
    assert.ok(String(instance.inputs.userData).includes(`--secret-id ${String(secret.state.arn)}`));
  });

  it("APP-2: without a domain there is nothing to keep: no secret, no policy", async () => {
    const bare = ok(await runProgramOnce("sandbox", { domain: undefined }));
    assert.equal(bare.ofType(T.secret).length, 0);
    assert.ok(!bare.ofType(T.rolePolicy).some((policy) => policy.name.startsWith(STORE)));
  });

  it("production has no certificate store (ACM certificates live on the load balancer)", async () => {
    const production = ok(await runProgramOnce("production"));
    assert.equal(production.ofType(T.secret).length, 0);
  });
});

/**
 * Credentials: AWS access is short-lived everywhere. The Pulumi ESC environment example
 * logs in by OIDC and exports only the session it gets; the stack files show where it is imported
 * without needing it offline; nothing in the repository's config holds a long-lived key.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { discoverStacks, ROOT } from "../tools/stacks/stack-files";

const ESC_EXAMPLE = path.join(ROOT, "docs", "esc", "aws-oidc.yaml");

/** Long-lived AWS credentials in a YAML text (parsed, and as text for key IDs), as readable findings. */
function staticKeyProblems(text: string): string[] {
  const problems: string[] = [];
  if (/\b(AKIA|ASIA)[0-9A-Z]{16}\b/.test(text)) {
    problems.push("an AWS access key ID");
  }
  const walk = (value: unknown, where: string): void => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, `${where}[${index}]`));
    } else if (value && typeof value === "object") {
      for (const [key, child] of Object.entries(value)) {
        if (
          key === "fn::open::aws-login" &&
          child &&
          typeof child === "object" &&
          "static" in child
        ) {
          problems.push(`${where}.${key}.static: static credentials`);
        }
        if (
          /^(AWS_SECRET_ACCESS_KEY|AWS_ACCESS_KEY_ID|aws_secret_access_key|secretAccessKey|accessKeyId)$/.test(
            key,
          ) &&
          !(typeof child === "string" && /^\$\{[\w.]+\}$/.test(child))
        ) {
          problems.push(`${where}.${key}: a literal, not the login's interpolated session`);
        }
        walk(child, `${where}.${key}`);
      }
    }
  };
  walk(YAML.parse(text), "");
  return problems;
}

function configFiles(): string[] {
  const under = (folder: string): string[] =>
    fs.existsSync(folder)
      ? fs
          .readdirSync(folder, { recursive: true, encoding: "utf8" })
          .filter((name) => /\.ya?ml$/.test(name))
          .map((name) => path.join(folder, name))
      : [];
  return [
    ...discoverStacks().map((stack) => stack.file),
    ...under(path.join(ROOT, ".github")),
    ...under(path.join(ROOT, "docs")),
  ];
}

describe("credentials: OIDC only, no long-lived keys", () => {
  it("docs/esc/aws-oidc.yaml: a Pulumi ESC environment that logs in to AWS by OIDC and exports only that session", () => {
    const environment = YAML.parse(fs.readFileSync(ESC_EXAMPLE, "utf8")) as {
      values: {
        aws: { login: Record<string, { oidc?: Record<string, string> }> };
        environmentVariables: Record<string, string>;
      };
    };
    const login = environment.values.aws.login["fn::open::aws-login"];
    assert.deepEqual(Object.keys(login), ["oidc"]);
    const oidc = login.oidc ?? {};
    assert.match(oidc.roleArn, /^arn:aws:iam::\d{12}:role\/[\w+=,.@-]+$/);
    // STS RoleSessionName: 2..64 of [\w+=,.@-], before ESC fills in the interpolation.
    assert.match(oidc.sessionName, /^[\w+=,.@-]*(\$\{context\.[\w.]+\})?$/);
    assert.equal(oidc.duration, "1h");
    assert.deepEqual(environment.values.environmentVariables, {
      AWS_ACCESS_KEY_ID: "${aws.login.accessKeyId}",
      AWS_SECRET_ACCESS_KEY: "${aws.login.secretAccessKey}",
      AWS_SESSION_TOKEN: "${aws.login.sessionToken}",
    });
  });

  it("no long-lived AWS key in any stack file, workflow, action or documented config", () => {
    const files = configFiles();
    assert.ok(files.includes(ESC_EXAMPLE));
    assert.ok(files.some((file) => file.endsWith(path.join("workflows", "deploy.yml"))));
    for (const file of files) {
      assert.deepEqual(staticKeyProblems(fs.readFileSync(file, "utf8")), [], file);
    }
  });

  it("the check finds static credentials, literal keys and access key IDs", () => {
    const esc = fs.readFileSync(ESC_EXAMPLE, "utf8");
    assert.equal(
      staticKeyProblems(
        esc.replace(
          "        oidc:",
          "        static:\n          accessKeyId: x\n          secretAccessKey: y\n        oidc:",
        ),
      ).length,
      3,
    );
    assert.deepEqual(
      staticKeyProblems(esc.replace("${aws.login.secretAccessKey}", "wJalrXUtnFEMIK7MDENG")),
      [
        ".values.environmentVariables.AWS_SECRET_ACCESS_KEY: a literal, not the login's interpolated session",
      ],
    );
    assert.deepEqual(staticKeyProblems("config:\n  note: AKIAIOSFODNN7EXAMPLE\n"), [
      "an AWS access key ID",
    ]);
  });

  it("the example stack files show the ESC import as a comment: offline runs need no environment", () => {
    for (const stack of discoverStacks()) {
      const text = fs.readFileSync(stack.file, "utf8");
      assert.match(
        text,
        new RegExp(`^# environment:\\n#   - decision-control/aws-${stack.edition}$`, "m"),
      );
      assert.equal((YAML.parse(text) as Record<string, unknown>).environment, undefined);
    }
  });
});

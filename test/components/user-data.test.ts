import { strict as assert } from "assert";
import {
  APP_IMAGE_PATTERN,
  APP_LOG_BUFFER_SIZE,
  appEnvironment,
  cloudWatchAgentConfig,
  containerLogOptions,
  HOST_PATHS,
  nginxHttpServer,
  nginxHttpsServer,
  nginxMainConfig,
  renderUserData,
  UserDataParams,
} from "../../components/app/user-data";
import { APP_LOG_GROUPS } from "../../components/shared/names";
import { allBashSyntaxErrors, bashSyntaxError, embeddedBashScripts } from "../harness/bash";

const SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-0a1b2c3d-AbCdEf";
const CERTIFICATE_SECRET_ARN =
  "arn:aws:secretsmanager:eu-west-1:123456789012:secret:decision-control-sandbox-app-certificate-secret-AbCdEf";

/** A valid baseline; each test changes one thing. */
function params(overrides: Partial<UserDataParams> = {}): UserDataParams {
  return {
    region: "eu-west-1",
    databaseAddress: "decision-control-sandbox.abcdefghijkl.eu-west-1.rds.amazonaws.com",
    databaseSecretArn: SECRET_ARN,
    appUrl: "https://decisions.example.com",
    tls: {
      mode: "letsencrypt",
      fqdn: "decisions.example.com",
      contactEmail: "ops@example.com",
      certificateSecretArn: CERTIFICATE_SECRET_ARN,
    },
    logGroups: APP_LOG_GROUPS,
    ...overrides,
  };
}

/** The lines the script writes into the environment file. */
function envFileLines(script: string): string[] {
  const start = script.indexOf(`cat > ${HOST_PATHS.envFile} <<'__DC_EOF__'`);
  assert.ok(start >= 0, "the script writes the environment file");
  const body = script.slice(start).split("\n");
  return body.slice(1, body.indexOf("__DC_EOF__"));
}

describe("user data (APP-1, MON-2, APP-2)", () => {
  it("APP-1: contains the secret's ARN and region but no password value or password variable assignment", () => {
    const script = renderUserData(params());
    assert.ok(script.includes(`DB_SECRET_ARN=${SECRET_ARN}`));
    assert.ok(script.includes("AWS_REGION=eu-west-1"));
    assert.doesNotMatch(
      script,
      /SPRING_DATASOURCE_PASSWORD=[^"$]/,
      "no literal password assignment",
    );
    assert.doesNotMatch(script, /PGPASSWORD|MasterUserPassword|"password"\s*:/i);
    assert.ok(
      !envFileLines(script).some((line) => /PASSWORD/i.test(line)),
      "the env file has no password key",
    );
  });

  it("APP-1: the environment file is root-only (0600, root:root)", () => {
    const script = renderUserData(params());
    assert.ok(script.includes(`chmod 0600 ${HOST_PATHS.envFile}`));
    assert.ok(script.includes(`chown root:root ${HOST_PATHS.envFile}`));
    assert.ok(script.includes("umask 077"));
  });

  it("APP-1: the password is fetched at start and passed to the container by name only, never echoed", () => {
    const script = renderUserData(params());
    assert.ok(script.includes("aws secretsmanager get-secret-value"));
    assert.ok(
      script.includes("--env SPRING_DATASOURCE_PASSWORD \\"),
      "docker takes the value from the environment",
    );
    assert.ok(script.includes("set +x"));
    assert.doesNotMatch(script, /echo[^\n]*SPRING_DATASOURCE_PASSWORD/);
  });

  it("ACC-1: the JDBC URL verifies the server certificate against the RDS CA bundle it downloads", () => {
    const env = appEnvironment(params());
    assert.equal(
      env.SPRING_DATASOURCE_URL,
      `jdbc:postgresql://decision-control-sandbox.abcdefghijkl.eu-west-1.rds.amazonaws.com:5432/decision_control?sslmode=verify-full&sslrootcert=${HOST_PATHS.rdsCaBundle}`,
    );
    const script = renderUserData(params());
    assert.ok(
      script.includes(
        `--output ${HOST_PATHS.rdsCaBundle} https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem`,
      ),
    );
  });

  it("writes the app settings the vendor app reads", () => {
    const lines = envFileLines(renderUserData(params()));
    for (const expected of [
      "SPRING_PROFILES_ACTIVE=postgres",
      "SPRING_DATASOURCE_USERNAME=aletyxadmin",
      "APP_HOST=https://decisions.example.com",
    ]) {
      assert.ok(lines.includes(expected), `${expected} in ${lines.join(" | ")}`);
    }
  });

  it("MON-2: the CloudWatch agent ships the host's logs to the system group, and is started", () => {
    const config = cloudWatchAgentConfig({ mode: "load-balancer" }, APP_LOG_GROUPS) as {
      logs: {
        logs_collected: {
          files: { collect_list: { file_path: string; log_group_name: string }[] };
        };
      };
    };
    const files = config.logs.logs_collected.files.collect_list;
    assert.ok(
      files.every((f) => f.log_group_name === APP_LOG_GROUPS.system),
      "the app's own output reaches its group through Docker, not through a file",
    );
    assert.ok(
      files.some(
        (f) => f.file_path === "/var/log/messages" && f.log_group_name === APP_LOG_GROUPS.system,
      ),
    );
    assert.ok(
      files.some(
        (f) => f.file_path === "/var/log/secure" && f.log_group_name === APP_LOG_GROUPS.system,
      ),
    );
    const script = renderUserData(params());
    assert.ok(script.includes("amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s"));
  });

  it("APP-2: the sandbox with a domain gets Let's Encrypt via the HTTP-01 webroot; port 80 only serves the challenge and a 301", () => {
    const script = renderUserData(params());
    assert.ok(script.includes("certbot certonly --webroot"));
    const port80 = nginxHttpServer("decisions.example.com");
    assert.ok(port80.includes("location /.well-known/acme-challenge/"));
    assert.ok(port80.includes("return 301 https://decisions.example.com$request_uri;"));
    assert.ok(!port80.includes("proxy_pass"), "port 80 never proxies to the app");
    assert.ok(
      !port80.includes("443"),
      "HTTPS is its own server block, installed with a certificate",
    );
    assert.ok(nginxHttpsServer("decisions.example.com").includes("ssl_protocols TLSv1.2 TLSv1.3;"));
  });

  it("APP-2: the sandbox without a domain gets a self-signed certificate for its Elastic IP and no certbot", () => {
    const script = renderUserData(
      params({
        appUrl: "https://198.51.100.10",
        tls: { mode: "self-signed", ipAddress: "198.51.100.10" },
      }),
    );
    assert.ok(script.includes('-addext "subjectAltName=IP:198.51.100.10"'));
    assert.ok(!script.includes("certbot"));
  });

  it("production: no nginx on the host and the container publishes the app port for the ALB", () => {
    const script = renderUserData(params({ tls: { mode: "load-balancer" } }));
    assert.ok(!script.includes("nginx"));
    assert.ok(script.includes("--publish 8080:8080"));
    assert.ok(
      renderUserData(params()).includes("--publish 127.0.0.1:8080:8080"),
      "the sandbox binds to loopback behind nginx",
    );
  });

  it("APP-3: the start script finds the AMI's preloaded image whatever its registry or namespace", () => {
    const pattern = new RegExp(APP_IMAGE_PATTERN);
    for (const reference of [
      "decision-control:1.4",
      "aletyx/decision-control:1.4",
      "123456789012.dkr.ecr.eu-west-1.amazonaws.com/aletyx/decision-control:latest",
    ]) {
      assert.ok(pattern.test(reference), reference);
    }
    for (const reference of [
      "nginx:latest",
      "decision-control/sidecar:1",
      "amazon/cloudwatch-agent:latest",
    ]) {
      assert.ok(!pattern.test(reference), reference);
    }
    assert.ok(
      renderUserData(params({ tls: { mode: "load-balancer" } })).includes(
        `grep -E '${APP_IMAGE_PATTERN}'`,
      ),
    );
  });

  it("APP-2: the sandbox's nginx.conf is entirely ours: only our server blocks, no stock default server", () => {
    const main = nginxMainConfig();
    assert.ok(!/\bserver\s*\{/.test(main), "no server block in nginx.conf itself");
    assert.match(main, /include \/etc\/nginx\/decision-control\/\*\.conf;/);
    assert.ok(!main.includes("conf.d"), "the distribution's conf.d is not included");
    assert.ok(
      renderUserData(params()).includes("cat > /etc/nginx/nginx.conf"),
      "the script writes it",
    );
  });

  it("APP-2: the certificate unit has no Restart= (rejected on oneshot units by older systemd); its timer retries", () => {
    const script = renderUserData(params());
    const service = script.slice(script.indexOf("decision-control-certificate.service"));
    assert.ok(
      !/^Restart=/m.test(
        service.slice(0, service.indexOf("[Install]") > 0 ? service.indexOf("[Install]") : 400),
      ),
    );
    assert.match(script, /OnUnitActiveSec=15min/);
  });

  it("refuses values that could break out of the host configuration", () => {
    assert.throws(
      () => renderUserData(params({ databaseAddress: "db.example.com\nSPRING_X=1" })),
      /databaseAddress/,
    );
    assert.throws(() => renderUserData(params({ appUrl: "https://x'; rm -rf /" })), /appUrl/);
  });

  const everyMode: UserDataParams["tls"][] = [
    { mode: "load-balancer" },
    {
      mode: "letsencrypt",
      fqdn: "decisions.example.com",
      contactEmail: "ops@example.com",
      certificateSecretArn: CERTIFICATE_SECRET_ARN,
    },
    {
      mode: "letsencrypt",
      fqdn: "decisions.example.com",
      certificateSecretArn: CERTIFICATE_SECRET_ARN,
    },
    { mode: "self-signed", ipAddress: "198.51.100.10" },
  ];

  it("is deterministic and within EC2's 16 KB user-data limit in every TLS mode", () => {
    assert.equal(renderUserData(params()), renderUserData(params()));
    for (const tls of everyMode) {
      const size = Buffer.byteLength(renderUserData(params({ tls })));
      assert.ok(size <= 16 * 1024, `${tls.mode}: ${size} bytes`);
    }
  });

  it("passes bash -n in every TLS mode, with and without the drained restart, and so does every script it writes", () => {
    const drains = [
      undefined,
      {
        targetGroupArn:
          "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/decision-control-tg/0123456789abcdef",
        deregistrationDelaySeconds: 60,
      },
    ];
    for (const tls of everyMode) {
      for (const restartDrain of drains) {
        const label = `${tls.mode}${restartDrain ? ", drained restart" : ""}`;
        const script = renderUserData(params({ tls, restartDrain }));
        const written = embeddedBashScripts(script).map((file) => file.path);
        assert.ok(written.includes("/usr/local/libexec/aletyx/start-decision-control"), label);
        assert.ok(written.includes("/usr/local/libexec/aletyx/watch-database-secret"), label);
        assert.equal(script.includes("aws elbv2 deregister-targets"), !!restartDrain, label);
        assert.deepEqual(allBashSyntaxErrors(script), [], label);
      }
    }
  });

  it("the bash -n check finds a syntax error, also inside a written script", () => {
    assert.match(bashSyntaxError('echo "unterminated') ?? "", /unexpected|matching/);
    const broken = renderUserData(params()).replace("exec docker run", 'exec docker run "');
    assert.equal(bashSyntaxError(broken), undefined, "the outer script never parses a heredoc");
    assert.match(allBashSyntaxErrors(broken).join("\n"), /start-decision-control/);
    const unclosed = renderUserData(params()).replace("\n  exit 0\nfi\n", "\n  exit 0\n");
    assert.notEqual(unclosed, renderUserData(params()), "a fi was removed");
    assert.match(allBashSyntaxErrors(unclosed).join("\n"), /issue-certificate: .*syntax error/);
  });

  describe("MON-1/MON-2: the app's output goes to /aletyx/application through Docker's awslogs driver", () => {
    const script = renderUserData(params({ tls: { mode: "load-balancer" } }));
    const start = embeddedBashScripts(script).find((file) =>
      file.path.endsWith("/start-decision-control"),
    );

    it("runs the container with the awslogs driver and every documented option", () => {
      assert.ok(start);
      assert.match(start.body, /--log-driver awslogs \\\n/);
      const options = containerLogOptions(params());
      assert.deepEqual(options, {
        "awslogs-region": "eu-west-1",
        "awslogs-group": APP_LOG_GROUPS.application,
        "awslogs-stream": '"$instance_id/application"',
        "awslogs-create-group": "false",
        mode: "non-blocking",
        "max-buffer-size": APP_LOG_BUFFER_SIZE,
      });
      for (const [name, value] of Object.entries(options)) {
        assert.ok(start.body.includes(`--log-opt ${name}=${value} \\`), `${name}=${value}`);
      }
      assert.match(APP_LOG_BUFFER_SIZE, /^[1-9]\d*m$/, "a go-units size Docker accepts");
    });

    it("names the stream after the instance, read from IMDSv2 (a token first) before the container starts", () => {
      assert.ok(start);
      const token = start.body.indexOf("-X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds:");
      const id = start.body.indexOf("latest/meta-data/instance-id");
      assert.ok(token >= 0 && id > token && start.body.indexOf("exec docker run") > id);
      assert.match(start.body, /-H "X-aws-ec2-metadata-token: \$imds_token"/);
    });

    it("does not depend on the container's user: no host log directory, no log file setting, no json-file options", () => {
      assert.ok(!script.includes("/var/log/aletyx"));
      assert.ok(!script.includes("LOGGING_FILE_NAME"));
      assert.ok(!/max-size=|max-file=/.test(script), "json-file options are invalid with awslogs");
      assert.ok(!Object.keys(appEnvironment(params())).some((name) => name.startsWith("LOGGING_")));
    });

    it("refuses a log group name that could break out of the command line", () =>
      assert.throws(
        () => containerLogOptions(params({ logGroups: { ...APP_LOG_GROUPS, application: "x y" } })),
        /logGroups\.application/,
      ));
  });
});

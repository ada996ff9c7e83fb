/**
 * The app host's first-boot script, rendered from plain values by a pure function so tests can read
 * exactly what an instance receives. Its text is in `assets/` (`boot/`: the script's sections,
 * `host/`: the files it writes), so it reads as the host runs it; this module holds the values and
 * which assets each edition needs. It never contains a secret value (APP-1): the host reads the
 * database password from Secrets Manager when the app starts and hands it only to the container.
 */
import {
  APP_HEALTH_PATH,
  APP_LIVENESS_PATH,
  DATABASE_NAME,
  DATABASE_USERNAME,
} from "../shared/names";
import { APP_PORT, HTTP_PORT, HTTPS_PORT, POSTGRES_PORT } from "../shared/ports";
import { AssetValue, AssetValues, checkWord, renderAsset } from "./render-asset";

/** Where the AWS RDS trust store publishes the CA bundle that signs every RDS server certificate. */
export const RDS_CA_BUNDLE_URL =
  "https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem";

/** Paths on the host; the README's runbooks refer to them. */
export const HOST_PATHS = {
  configDir: "/etc/aletyx",
  envFile: "/etc/aletyx/decision-control.env",
  rdsCaBundle: "/etc/aletyx/rds-global-bundle.pem",
  /** The certificate and key nginx serves (`fullchain.pem`, `privkey.pem`), copies, never links. */
  tlsDir: "/etc/aletyx/tls",
  /** Present exactly while `tlsDir` holds a publicly trusted certificate (HSTS is on). */
  trustedMarker: "/etc/aletyx/tls/trusted",
  /** The HTTPS server block, installed into `nginxSites` once there is a certificate to serve. */
  httpsTemplate: "/etc/aletyx/nginx-https.conf",
  /** Every `*.conf` here is a server of ours: `http.conf` from boot, `https.conf` once installed. */
  nginxSites: "/etc/nginx/decision-control",
  /** Included by the HTTPS server: the HSTS header, or nothing for a self-signed certificate. */
  hstsInclude: "/etc/nginx/decision-control-hsts.inc",
  libexec: "/usr/local/libexec/aletyx",
  runDir: "/run/aletyx",
  cloudWatchAgentConfig: "/opt/aws/amazon-cloudwatch-agent/etc/decision-control.json",
  acmeWebroot: "/var/www/letsencrypt",
  letsencryptLive: "/etc/letsencrypt/live",
} as const;

/** systemd unit of the app container; `systemctl restart decision-control` re-reads the secret. */
export const APP_SERVICE = "decision-control";

/**
 * The vendor AMI ships the app as a preloaded container image (the vendor guide: "New AMI versions
 * include updated containers"). The start script runs the newest local image whose repository's last
 * path segment contains `decision-control` (an extended regex over `repository:tag`: Docker's own
 * `reference=` filter cannot match across the `/` of `aletyx/...` or a registry host).
 */
export const APP_IMAGE_PATTERN = "(^|/)[^/:]*decision-control[^/:]*:";

export type HostTls =
  /** Production: the ALB terminates TLS; the container listens on the app port for the ALB only. */
  | { readonly mode: "load-balancer" }
  /**
   * Sandbox with a domain: nginx with a Let's Encrypt certificate (HTTP-01 via port 80), kept in
   * the Secrets Manager secret `certificateSecretArn` so a replacement host serves it at once.
   */
  | {
      readonly mode: "letsencrypt";
      readonly fqdn: string;
      readonly contactEmail?: string;
      /** ARN of the secret the host restores the certificate from and stores it in. */
      readonly certificateSecretArn: string;
    }
  /** Sandbox without a domain: nginx with a self-signed certificate for the Elastic IP. */
  | { readonly mode: "self-signed"; readonly ipAddress: string };

export interface UserDataParams {
  readonly region: string;
  /** RDS endpoint address (host name only). */
  readonly databaseAddress: string;
  /** ARN of the RDS-managed master secret: a pointer, not a secret value. */
  readonly databaseSecretArn: string;
  /** Production: leave the load balancer around the restart a secret rotation needs. Sandbox: none. */
  readonly restartDrain?: RestartDrain;
  /** Public base URL of the app (`https://<fqdn>` or `https://<elastic ip>`). */
  readonly appUrl: string;
  readonly tls: HostTls;
  /**
   * CloudWatch Logs groups (MON-2), created encrypted by `AppLogGroups`: Docker's awslogs driver
   * writes the container's output to `application`, the CloudWatch agent the host's logs to `system`.
   */
  readonly logGroups: { readonly application: string; readonly system: string };
}

/**
 * How a host behind the load balancer restarts the app after a rotation of the database secret
 * (APP-1): one Availability Zone at a time, each host first deregistered from the target group.
 */
export interface RestartDrain {
  /** The target group the Auto Scaling group registers the hosts in. */
  readonly targetGroupArn: string;
  /** The target group's deregistration delay: in-flight requests finish before the restart. */
  readonly deregistrationDelaySeconds: number;
}

/**
 * Seconds between the restart slots of two AZs after a rotation (AZ letter a = slot 0, b = 1, ...):
 * room for the drain, the app start and two passing health checks before the next AZ goes.
 */
export const ROTATION_RESTART_SLOT_SECONDS = 600;
/** Longest wait for the restarted app to answer its health check before the host rejoins anyway. */
export const RESTART_HEALTH_WAIT_SECONDS = 480;

/** Every value lands in a config file or a command line; refuse anything that could break out of it. */
function checked(name: string, value: string): string {
  return checkWord(`renderUserData: ${name}`, value);
}

/** The JDBC URL with full server verification against the RDS CA bundle (ACC-1, CMP-2). */
export function jdbcUrl(databaseAddress: string): string {
  return `jdbc:postgresql://${checked("databaseAddress", databaseAddress)}:${POSTGRES_PORT}/${DATABASE_NAME}?sslmode=verify-full&sslrootcert=${HOST_PATHS.rdsCaBundle}`;
}

/**
 * The root-only environment file the container reads (no secret values in it).
 * `MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED` is `management.endpoint.health.probes.enabled` in
 * Spring Boot's environment-variable form (reference, "Binding From Environment Variables"): it
 * serves the liveness group outside Kubernetes, which the load balancer checks (APP_LIVENESS_PATH).
 */
export function appEnvironment(params: UserDataParams): Record<string, string> {
  return {
    SPRING_PROFILES_ACTIVE: "postgres",
    MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED: "true",
    SPRING_DATASOURCE_URL: jdbcUrl(params.databaseAddress),
    SPRING_DATASOURCE_USERNAME: DATABASE_USERNAME,
    DB_SECRET_ARN: checked("databaseSecretArn", params.databaseSecretArn),
    AWS_REGION: checked("region", params.region),
    APP_HOST: checked("appUrl", params.appUrl),
  };
}

/**
 * In-memory buffer of the awslogs driver in non-blocking mode: about 4 MB of log lines ride out a
 * CloudWatch Logs outage or throttling; beyond it new lines are dropped rather than blocking the
 * app's writes to stdout, which would stall its request threads (Docker docs, "Configure logging
 * drivers": delivery mode). An app log is worth less than the app's availability.
 */
export const APP_LOG_BUFFER_SIZE = "4m";

/** Shell expression of the per-instance stream name (`$instance_id` is read from IMDSv2 at start). */
const APP_LOG_STREAM = '"$instance_id/application"';

/**
 * MON-1/MON-2: the container's stdout and stderr go straight to the application log group through
 * Docker's awslogs driver, whatever user the container runs as and wherever it would write files
 * (Docker docs, "Amazon CloudWatch Logs logging driver"). The Docker daemon writes with the instance
 * role (`logs:CreateLogStream`, `logs:PutLogEvents`); it never creates the group
 * (`awslogs-create-group=false`), which `AppLogGroups` owns, encrypted and with retention. One stream
 * per instance, like the agent's, so an incident export names the host.
 */
export function containerLogOptions(params: UserDataParams): Record<string, string> {
  return {
    "awslogs-region": checked("region", params.region),
    "awslogs-group": checked("logGroups.application", params.logGroups.application),
    "awslogs-stream": APP_LOG_STREAM,
    "awslogs-create-group": "false",
    mode: "non-blocking",
    "max-buffer-size": APP_LOG_BUFFER_SIZE,
  };
}

/** MON-2: the agent ships the host's own logs to the system group the monitoring tier owns. */
export function cloudWatchAgentConfig(
  tls: HostTls,
  logGroups: UserDataParams["logGroups"],
): object {
  const file = (filePath: string, group: string, stream: string) => ({
    file_path: filePath,
    log_group_name: group,
    log_stream_name: `{instance_id}/${stream}`,
  });
  const nginx =
    tls.mode === "load-balancer"
      ? []
      : [
          file("/var/log/nginx/access.log", logGroups.system, "nginx-access"),
          file("/var/log/nginx/error.log", logGroups.system, "nginx-error"),
        ];
  return {
    agent: { run_as_user: "root" },
    logs: {
      logs_collected: {
        files: {
          collect_list: [
            ...nginx,
            file("/var/log/messages", logGroups.system, "messages"),
            file("/var/log/secure", logGroups.system, "secure"),
            file("/var/log/cloud-init-output.log", logGroups.system, "cloud-init-output"),
          ],
        },
      },
    },
  };
}

/** A file written verbatim (quoted heredoc: the shell expands nothing inside). */
function writeFile(path: string, mode: string, content: string): string {
  if (content.split("\n").includes("__DC_EOF__")) {
    throw new Error(`renderUserData: content of ${path} contains the heredoc terminator`);
  }
  return [
    `cat > ${path} <<'__DC_EOF__'`,
    content.replace(/\n$/, ""),
    "__DC_EOF__",
    `chmod ${mode} ${path}`,
    `chown root:root ${path}`,
  ].join("\n");
}

function envFileContent(params: UserDataParams): string {
  return Object.entries(appEnvironment(params))
    .map(([name, value]) => `${name}=${value}`)
    .join("\n");
}

/** Two years, the HSTS preload list's minimum; sent only with a publicly trusted certificate. */
export const HSTS_HEADER = 'add_header Strict-Transport-Security "max-age=63072000" always;';

/**
 * Placeholders with the same value on every host. The regex and the header are not single words;
 * they are fixed here, never from config, and the assets quote them.
 */
const FIXED_VALUES = {
  ...HOST_PATHS,
  rdsCaBundleUrl: RDS_CA_BUNDLE_URL,
  appService: APP_SERVICE,
  appPort: String(APP_PORT),
  httpPort: String(HTTP_PORT),
  httpsPort: String(HTTPS_PORT),
  healthPath: APP_HEALTH_PATH,
  livenessPath: APP_LIVENESS_PATH,
  appImagePattern: { fixed: APP_IMAGE_PATTERN },
  hstsHeader: { fixed: HSTS_HEADER },
  restartSlotSeconds: String(ROTATION_RESTART_SLOT_SECONDS),
  healthWaitTries: String(RESTART_HEALTH_WAIT_SECONDS / 10),
} satisfies AssetValues;

/** Assets rendered one after the other, as one text. */
function renderRun(assets: readonly string[], values: AssetValues): string {
  return assets.map((asset) => renderAsset(asset, values)).join("");
}

/**
 * The whole of nginx.conf: replacing the distribution's file means no stock `default_server` block
 * competes for port 80 (a duplicate would stop nginx from starting) and nothing else is served.
 */
export function nginxMainConfig(): string {
  return renderAsset("host/nginx.conf", FIXED_VALUES);
}

/** NET-4 on the sandbox: port 80 serves only the ACME challenge and the redirect to HTTPS. */
export function nginxHttpServer(publicHost: string): string {
  return renderAsset("host/nginx-http.conf", { ...FIXED_VALUES, publicHost });
}

/**
 * APP-2 on the sandbox: TLS 1.2+ on 443. Installed only once there is a certificate to serve;
 * HSTS comes from `hstsInclude`, which `use-certificate` fills for a trusted certificate only.
 */
export function nginxHttpsServer(publicHost: string): string {
  return renderAsset("host/nginx-https.conf", { ...FIXED_VALUES, publicHost });
}

/**
 * Every placeholder of the assets, with this host's values (`undefined` where its edition has none).
 * The files the script writes are rendered only if a section of the edition writes them.
 */
function hostValues(params: UserDataParams): AssetValues {
  const tls = params.tls;
  const letsEncrypt = tls.mode === "letsencrypt" ? tls : undefined;
  const file = (path: string, mode: string, ...assets: string[]): AssetValue => ({
    lines: () => writeFile(path, mode, renderRun(assets, values)),
  });
  const script = (name: string, ...assets: string[]) =>
    file(`${HOST_PATHS.libexec}/${name}`, "0700", ...assets);
  const unit = (name: string) => file(`/etc/systemd/system/${name}`, "0644", `host/${name}`);
  const values: AssetValues = {
    ...FIXED_VALUES,
    region: params.region,
    // The sandbox's container is reached through nginx only.
    publish:
      tls.mode === "load-balancer"
        ? `${APP_PORT}:${APP_PORT}`
        : `127.0.0.1:${APP_PORT}:${APP_PORT}`,
    logOptions: {
      lines: () =>
        Object.entries(containerLogOptions(params))
          .map(([name, value]) => `--log-opt ${name}=${value} \\`)
          .join("\n"),
    },
    targetGroupArn: params.restartDrain?.targetGroupArn,
    deregistrationDelaySeconds: params.restartDrain?.deregistrationDelaySeconds.toString(),
    publicHost: letsEncrypt?.fqdn ?? (tls.mode === "self-signed" ? tls.ipAddress : undefined),
    subjectAltName: letsEncrypt
      ? `DNS:${letsEncrypt.fqdn}`
      : tls.mode === "self-signed"
        ? `IP:${tls.ipAddress}`
        : undefined,
    fqdn: letsEncrypt?.fqdn,
    certificateSecretArn: letsEncrypt?.certificateSecretArn,
    certbotContact:
      letsEncrypt &&
      (letsEncrypt.contactEmail
        ? ["--email", letsEncrypt.contactEmail]
        : ["--register-unsafely-without-email"]),
    selfSignedCertificate: { lines: () => renderAsset("boot/self-signed-certificate.sh", values) },
    writeEnvFile: { lines: () => writeFile(HOST_PATHS.envFile, "0600", envFileContent(params)) },
    writeCloudWatchAgentConfig: {
      lines: () =>
        writeFile(
          HOST_PATHS.cloudWatchAgentConfig,
          "0644",
          // One line: user data is limited to 16 KB (test/components/user-data-size.test.ts).
          JSON.stringify(cloudWatchAgentConfig(params.tls, params.logGroups)),
        ),
    },
    writeNginxConf: file("/etc/nginx/nginx.conf", "0644", "host/nginx.conf"),
    writeNginxHttpServer: file(
      `${HOST_PATHS.nginxSites}/http.conf`,
      "0644",
      "host/nginx-http.conf",
    ),
    writeNginxHttpsTemplate: file(HOST_PATHS.httpsTemplate, "0644", "host/nginx-https.conf"),
    /**
     * Serves HTTPS with the certificate in `tlsDir`. HSTS only for a trusted certificate: a browser
     * that has seen HSTS refuses a certificate error with no way to click through (RFC 6797, section
     * 12.1), so with a self-signed certificate the header would lock users out for its whole max-age.
     * nginx checks the configuration with the certificate before it is marked trusted; if nginx
     * refuses it, neither the marker nor `https.conf` stays, so the next issuance runs and nginx
     * keeps starting.
     */
    writeUseCertificate: script("use-certificate", "host/use-certificate.sh"),
    /**
     * `certificate-store restore`: reinstalls the certificate an earlier host stored (a replacement,
     * APP-2), served at once with HSTS and nothing asked of Let's Encrypt; fails when none is stored
     * yet (the secret has no value before the first issuance), it names another host, it does not
     * chain to a CA of the system's trust store for that host name, its key is not the certificate's,
     * or it expires within a day: HSTS is sent only for what a browser will trust. `certificate-store
     * store`: keeps the served certificate for the next host, encrypted with the stack key (the
     * secret's). The key passes through root-only files in /run (tmpfs), never through a command
     * line; the stored JSON is `{fqdn, fullchain, privkey}`, read and written by python3.
     */
    writeCertificateStore: script("certificate-store", "host/certificate-store.sh"),
    /**
     * Obtains the certificate, or renews it when due (certbot's lineage decides); a new one is served
     * with HSTS and stored. A restored certificate (no lineage on this host) good for 30 more days
     * asks Let's Encrypt for nothing, which keeps replacements clear of its 5 certificates per name a
     * week.
     */
    writeIssueCertificate: script("issue-certificate", "host/issue-certificate.sh"),
    writeCertificateService: unit("decision-control-certificate.service"),
    /**
     * The timer is the retry: systemd before 244 (Amazon Linux 2) rejects Restart= on oneshot units.
     * Every 15 minutes stays under Let's Encrypt's 5 failed authorizations per name and hour while
     * DNS propagates; once issued, --keep-until-expiring makes a run a local no-op until renewal is
     * due.
     */
    writeCertificateTimer: unit("decision-control-certificate.timer"),
    /**
     * Starts the container with the password in its environment only. `set +x` and no echo: the
     * value never reaches the journal; `--env SPRING_DATASOURCE_PASSWORD` without a value passes it
     * from this process's environment, so it is not on any command line either.
     */
    writeStartScript: script("start-decision-control", "host/start-decision-control.sh"),
    /**
     * RDS rotates the master password on schedule; restart the app when AWSCURRENT moves. Behind the
     * load balancer (`restart-drained`), the host's part of a rotation without an outage: leave the
     * target group, wait out the deregistration delay, restart, wait for the health check, rejoin
     * (the trap rejoins on any exit); the AZ's slot counts from the secret's LastRotatedDate (now if
     * AWS gave none). Only DeregisterTargets/RegisterTargets on the target group: the instance role
     * allows no more.
     */
    writeSecretWatchScript: script(
      "watch-database-secret",
      "host/watch-database-secret.sh",
      params.restartDrain ? "host/restart-drained.sh" : "host/restart-now.sh",
    ),
    writeAppService: unit(`${APP_SERVICE}.service`),
    writeSecretWatchService: unit("decision-control-secret-watch.service"),
    writeSecretWatchTimer: unit("decision-control-secret-watch.timer"),
  };
  return values;
}

/**
 * The first-boot script's sections per edition, a blank line between two. APP-2 on the sandbox
 * comes in two parts. The setup (before the app starts): nginx serving port 80 only, the HTTPS
 * server block and the certificate scripts. The certificate (last, once the app runs) HTTPS starts
 * with. With a domain: the stored one, else one issued now, synchronously, before anything is
 * served on 443; a self-signed one without HSTS only when Let's Encrypt cannot be reached yet (a
 * first deploy whose DNS record is not visible), replaced by the timer's next try.
 */
const SECTIONS: Record<HostTls["mode"], readonly (readonly string[])[]> = {
  "load-balancer": [
    ["boot/head.sh"],
    ["boot/tls-load-balancer.sh"],
    ["boot/app.sh"],
    ["boot/health-hints.sh"],
  ],
  "self-signed": [
    ["boot/head.sh"],
    ["boot/nginx.sh"],
    ["boot/app.sh"],
    ["boot/certificate-self-signed.sh"],
    ["boot/health-hints.sh"],
  ],
  letsencrypt: [
    ["boot/head.sh"],
    ["boot/nginx.sh", "boot/letsencrypt.sh"],
    ["boot/app.sh"],
    ["boot/certificate-letsencrypt.sh"],
    ["boot/health-hints.sh"],
  ],
};

/** The complete first-boot script for an app host. Pure: same inputs, same script. */
export function renderUserData(params: UserDataParams): string {
  const values = hostValues(params);
  return SECTIONS[params.tls.mode].map((section) => renderRun(section, values)).join("\n");
}

/**
 * The app host's first-boot script, rendered from plain values by a pure function so tests can read
 * exactly what an instance receives. It never contains a secret value (APP-1): the host reads the
 * database password from Secrets Manager when the app starts and hands it only to the container.
 */
import {
  APP_HEALTH_PATH,
  APP_LIVENESS_PATH,
  APP_PORT,
  DATABASE_NAME,
  DATABASE_USERNAME,
  POSTGRES_PORT,
} from "../shared/names";

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

const SAFE_VALUE = /^[A-Za-z0-9._:/@!+=,-]+$/;

/** Every value lands in a config file or a command line; refuse anything that could break out of it. */
function checked(name: string, value: string): string {
  if (!SAFE_VALUE.test(value)) {
    throw new Error(
      `renderUserData: ${name} ${JSON.stringify(value)} contains characters not allowed in host configuration`,
    );
  }
  return value;
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

/**
 * Starts the container with the password in its environment only. `set +x` and no echo: the value
 * never reaches the journal; `--env SPRING_DATASOURCE_PASSWORD` without a value passes it from this
 * process's environment, so it is not on any command line either.
 */
function startScript(params: UserDataParams): string {
  const publish =
    params.tls.mode === "load-balancer"
      ? `${APP_PORT}:${APP_PORT}`
      : `127.0.0.1:${APP_PORT}:${APP_PORT}`;
  const logOptions = Object.entries(containerLogOptions(params))
    .map(([name, value]) => `  --log-opt ${name}=${value} \\`)
    .join("\n");
  return `#!/bin/bash
set -euo pipefail
set +x
env_value() { sed -n "s/^$1=//p" ${HOST_PATHS.envFile}; }
imds_token="$(curl -fsS -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 300' http://169.254.169.254/latest/api/token)"
instance_id="$(curl -fsS -H "X-aws-ec2-metadata-token: $imds_token" http://169.254.169.254/latest/meta-data/instance-id)"
secret_arn="$(env_value DB_SECRET_ARN)"
region="$(env_value AWS_REGION)"
image="$(docker images --format '{{.Repository}}:{{.Tag}}' | grep -E '${APP_IMAGE_PATTERN}' | head -n 1 || true)"
if [ -z "$image" ]; then
  echo "no local image matches ${APP_IMAGE_PATTERN}; is this the Decision Control AMI?" >&2
  exit 1
fi
install -d -m 0700 /run/aletyx
# The secret's JSON goes straight into python; the version id (not secret) is kept to detect rotation.
SPRING_DATASOURCE_PASSWORD="$(aws secretsmanager get-secret-value --region "$region" --secret-id "$secret_arn" --output json \\
  | python3 -c 'import json,sys; s=json.load(sys.stdin); open("/run/aletyx/secret-version","w").write(s["VersionId"]); print(json.loads(s["SecretString"])["password"])')"
export SPRING_DATASOURCE_PASSWORD
exec docker run --rm --name ${APP_SERVICE} \\
  --env-file ${HOST_PATHS.envFile} --env SPRING_DATASOURCE_PASSWORD \\
  --publish ${publish} \\
  --volume ${HOST_PATHS.rdsCaBundle}:${HOST_PATHS.rdsCaBundle}:ro \\
  --log-driver awslogs \\
${logOptions}
  "$image"
`;
}

/**
 * The host's part of a rotation without an outage: leave the target group, wait out the
 * deregistration delay, restart, wait for the health check, rejoin (the trap rejoins on any exit).
 * Only DeregisterTargets/RegisterTargets on the target group: the instance role allows no more.
 */
function drainedRestart(drain: RestartDrain): string {
  const elbv2 = (action: string): string =>
    `aws elbv2 ${action} --region "$region" --target-group-arn ${checked("targetGroupArn", drain.targetGroupArn)} --targets "Id=$instance_id"`;
  return `imds() {
  local token
  token="$(curl -fsS -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 300' http://169.254.169.254/latest/api/token)"
  curl -fsS -H "X-aws-ec2-metadata-token: $token" "http://169.254.169.254/latest/meta-data/$1"
}
if instance_id="$(imds instance-id)" && zone="$(imds placement/availability-zone)"; then
  # One AZ at a time, so the others keep serving: slot n starts n x ${ROTATION_RESTART_SLOT_SECONDS} s after the rotation.
  slot=$(( $(printf '%d' "'\${zone: -1}") - 97 ))
  if (( slot < 0 || slot > 5 )); then slot=0; fi
  rotated="$(printf '%s' "$secret" | python3 -c '${LAST_ROTATED_EPOCH}')"
  delay=$(( rotated + slot * ${ROTATION_RESTART_SLOT_SECONDS} - $(date +%s) ))
  if (( delay > 0 )); then sleep "$delay"; fi
  if ${elbv2("deregister-targets")}; then
    trap '${elbv2("register-targets")}; logger -t ${APP_SERVICE} "rejoined the load balancer"' EXIT
    logger -t ${APP_SERVICE} "database secret rotated; left the load balancer (slot $slot), restarting after the drain"
    sleep ${drain.deregistrationDelaySeconds}
  fi
fi
systemctl restart ${APP_SERVICE}
for _ in $(seq 1 ${RESTART_HEALTH_WAIT_SECONDS / 10}); do
  if curl -fsS -o /dev/null http://127.0.0.1:${APP_PORT}${APP_HEALTH_PATH}; then break; fi
  sleep 10
done
`;
}

/** Epoch seconds of the secret's last rotation from describe-secret JSON; now if AWS gave none. */
const LAST_ROTATED_EPOCH = [
  "import datetime,json,sys,time",
  'v=json.load(sys.stdin).get("LastRotatedDate")',
  "try: t=float(v)",
  "except (TypeError,ValueError):",
  '  try: t=datetime.datetime.fromisoformat(str(v).replace("Z","+00:00")).timestamp()',
  "  except ValueError: t=time.time()",
  "print(int(t))",
].join("\n");

/** RDS rotates the master password on schedule; restart the app when AWSCURRENT moves. */
function secretWatchScript(drain?: RestartDrain): string {
  return `#!/bin/bash
set -euo pipefail
env_value() { sed -n "s/^$1=//p" ${HOST_PATHS.envFile}; }
region="$(env_value AWS_REGION)"
secret="$(aws secretsmanager describe-secret --region "$region" --secret-id "$(env_value DB_SECRET_ARN)" --output json)"
current="$(printf '%s' "$secret" | python3 -c 'import json,sys; v=json.load(sys.stdin)["VersionIdsToStages"]; print(next(k for k, s in v.items() if "AWSCURRENT" in s))')"
if [ ! -f /run/aletyx/secret-version ] || [ "$current" = "$(cat /run/aletyx/secret-version)" ]; then
  exit 0
fi
${
  drain
    ? drainedRestart(drain)
    : `logger -t ${APP_SERVICE} "database secret rotated; restarting ${APP_SERVICE}"
systemctl restart ${APP_SERVICE}
`
}`;
}

const APP_UNIT = `[Unit]
Description=Aletyx Decision Control (container)
Requires=docker.service
After=docker.service network-online.target
Wants=network-online.target

[Service]
ExecStartPre=-/usr/bin/docker rm --force ${APP_SERVICE}
ExecStart=${HOST_PATHS.libexec}/start-decision-control
ExecStop=/usr/bin/docker stop ${APP_SERVICE}
Restart=always
RestartSec=10

[Install]
WantedBy=multi-user.target
`;

const SECRET_WATCH_UNITS = {
  service: `[Unit]
Description=Restart Decision Control when its database secret rotates (APP-1)

[Service]
Type=oneshot
# Long enough for the latest AZ slot, the drain and a slow app start; the timer skips runs meanwhile.
TimeoutStartSec=2h
ExecStart=${HOST_PATHS.libexec}/watch-database-secret
`,
  timer: `[Unit]
Description=Check the database secret for rotation every 5 minutes

[Timer]
OnBootSec=5min
OnUnitActiveSec=5min

[Install]
WantedBy=timers.target
`,
};

/**
 * The whole of nginx.conf: replacing the distribution's file means no stock `default_server` block
 * competes for port 80 (a duplicate would stop nginx from starting) and nothing else is served.
 */
export function nginxMainConfig(): string {
  return `# Rendered by components/app/user-data.ts: the only server blocks are ours.
user nginx;
worker_processes auto;
error_log /var/log/nginx/error.log;
pid /run/nginx.pid;

events {
    worker_connections 1024;
}

http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log /var/log/nginx/access.log;
    sendfile on;
    server_tokens off;
    include ${HOST_PATHS.nginxSites}/*.conf;
}
`;
}

/** NET-4 on the sandbox: port 80 serves only the ACME challenge and the redirect to HTTPS. */
export function nginxHttpServer(publicHost: string): string {
  return `server {
    listen 80 default_server;
    server_name _;
    location /.well-known/acme-challenge/ {
        root ${HOST_PATHS.acmeWebroot};
    }
    location / {
        return 301 https://${publicHost}$request_uri;
    }
}
`;
}

/**
 * APP-2 on the sandbox: TLS 1.2+ on 443. Installed only once there is a certificate to serve;
 * HSTS comes from `hstsInclude`, which `use-certificate` fills for a trusted certificate only.
 */
export function nginxHttpsServer(publicHost: string): string {
  return `server {
    listen 443 ssl default_server;
    server_name ${publicHost};
    ssl_certificate ${HOST_PATHS.tlsDir}/fullchain.pem;
    ssl_certificate_key ${HOST_PATHS.tlsDir}/privkey.pem;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305;
    ssl_prefer_server_ciphers off;
    ssl_session_tickets off;
    server_tokens off;
    include ${HOST_PATHS.hstsInclude};
    location / {
        proxy_pass http://127.0.0.1:${APP_PORT};
        proxy_set_header Host $host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto https;
    }
}
`;
}

/** Two years, the HSTS preload list's minimum; sent only with a publicly trusted certificate. */
export const HSTS_HEADER = 'add_header Strict-Transport-Security "max-age=63072000" always;';

/**
 * Serves HTTPS with the certificate in `tlsDir`. HSTS only for a trusted certificate: a browser that
 * has seen HSTS refuses a certificate error with no way to click through (RFC 6797, section 12.1),
 * so with a self-signed certificate the header would lock users out for its whole max-age. nginx
 * checks the configuration with the certificate before it is marked trusted; if nginx refuses it,
 * neither the marker nor `https.conf` stays, so the next issuance runs and nginx keeps starting.
 */
function useCertificateScript(): string {
  const site = `${HOST_PATHS.nginxSites}/https.conf`;
  return `#!/bin/bash
set -euo pipefail
case "\${1:-}" in trusted|self-signed) ;; *) echo "usage: use-certificate trusted|self-signed" >&2; exit 2 ;; esac
rm -f ${HOST_PATHS.trustedMarker}; echo '# no HSTS' > ${HOST_PATHS.hstsInclude}
install -m 0644 ${HOST_PATHS.httpsTemplate} ${site}
nginx -t -q || { rm -f ${site}; exit 1; }
if [ "$1" = trusted ]; then echo '${HSTS_HEADER}' > ${HOST_PATHS.hstsInclude}; touch ${HOST_PATHS.trustedMarker}; fi
systemctl reload-or-restart nginx
`;
}

/** The stored certificate's JSON: `{fqdn, fullchain, privkey}`, read and written by python3. */
const STORED_CERTIFICATE = {
  write: `import json,sys; d=sys.argv[2]; json.dump({"fqdn": sys.argv[1], "fullchain": open(d+"/fullchain.pem").read(), "privkey": open(d+"/privkey.pem").read()}, open(sys.argv[3], "w"))`,
  read: `import json,sys; s=json.load(open(sys.argv[1])); s.get("fqdn")==sys.argv[2] or sys.exit(1); [open(sys.argv[3]+"/"+k+".pem","w").write(s[k]) for k in ("fullchain","privkey")]`,
};

/**
 * `certificate-store restore`: reinstalls the certificate an earlier host stored (a replacement,
 * APP-2), served at once with HSTS and nothing asked of Let's Encrypt; fails when none is stored
 * yet (the secret has no value before the first issuance), it names another host, it does not
 * chain to a CA of the system's trust store for that host name, its key is not the certificate's,
 * or it expires within a day: HSTS is sent only for what a browser will trust. `certificate-store
 * store`: keeps the served certificate for the next host, encrypted with the stack key (the
 * secret's). The key passes through root-only files in /run (tmpfs), never through a command line.
 */
function certificateStoreScript(tls: LetsEncryptTls, region: string): string {
  return `#!/bin/bash
set -euo pipefail
set +x
umask 077
install -d -m 0700 ${HOST_PATHS.runDir}
tmp="$(mktemp -d ${HOST_PATHS.runDir}/certificate.XXXXXX)"
trap 'rm -rf "$tmp"' EXIT
secret=(--region ${region} --secret-id ${tls.certificateSecretArn})
case "\${1:-}" in
  restore)
    aws secretsmanager get-secret-value "\${secret[@]}" --query SecretString --output text > "$tmp/stored.json"
    python3 -c '${STORED_CERTIFICATE.read}' "$tmp/stored.json" ${tls.fqdn} "$tmp"
    c="$tmp/fullchain.pem"
    openssl x509 -checkend 86400 -noout -in "$c" > /dev/null
    openssl verify -untrusted "$c" -verify_hostname ${tls.fqdn} "$c" > /dev/null
    [ "$(openssl x509 -noout -pubkey -in "$c")" = "$(openssl pkey -pubout -in "$tmp/privkey.pem")" ]
    mv "$c" "$tmp/privkey.pem" ${HOST_PATHS.tlsDir}/
    ${HOST_PATHS.libexec}/use-certificate trusted ;;
  store)
    python3 -c '${STORED_CERTIFICATE.write}' ${tls.fqdn} ${HOST_PATHS.tlsDir} "$tmp/stored.json"
    aws secretsmanager put-secret-value "\${secret[@]}" --secret-string "file://$tmp/stored.json" > /dev/null ;;
  *) echo "usage: certificate-store restore|store" >&2; exit 2 ;;
esac
`;
}

/**
 * Obtains the certificate, or renews it when due (certbot's lineage decides); a new one is served
 * with HSTS and stored. A restored certificate (no lineage on this host) good for 30 more days asks
 * Let's Encrypt for nothing, which keeps replacements clear of its 5 certificates per name a week.
 */
function issueCertificateScript(tls: LetsEncryptTls): string {
  const contact = tls.contactEmail
    ? `--email ${checked("contactEmail", tls.contactEmail)}`
    : "--register-unsafely-without-email";
  const live = `${HOST_PATHS.letsencryptLive}/${tls.fqdn}`;
  return `#!/bin/bash
set -euo pipefail
if [ ! -d ${live} ] && [ -e ${HOST_PATHS.trustedMarker} ] \\
  && openssl x509 -checkend 2592000 -noout -in ${HOST_PATHS.tlsDir}/fullchain.pem > /dev/null; then
  exit 0
fi
certbot certonly --webroot --webroot-path ${HOST_PATHS.acmeWebroot} --domain ${tls.fqdn} \\
  --non-interactive --agree-tos ${contact} --keep-until-expiring
if [ -e ${HOST_PATHS.trustedMarker} ] && cmp -s ${live}/fullchain.pem ${HOST_PATHS.tlsDir}/fullchain.pem; then
  exit 0
fi
install -m 0600 ${live}/fullchain.pem ${live}/privkey.pem ${HOST_PATHS.tlsDir}/
${HOST_PATHS.libexec}/certificate-store store || logger -t ${APP_SERVICE} "certificate not stored; a replacement host will request a new one"
${HOST_PATHS.libexec}/use-certificate trusted
`;
}

const CERTBOT_UNITS = {
  service: `[Unit]
Description=Obtain or renew the Let's Encrypt certificate (APP-2)
After=nginx.service network-online.target
StartLimitIntervalSec=0

[Service]
Type=oneshot
ExecStart=${HOST_PATHS.libexec}/issue-certificate
`,
  // The timer is the retry: systemd before 244 (Amazon Linux 2) rejects Restart= on oneshot units.
  // Every 15 minutes stays under Let's Encrypt's 5 failed authorizations per name and hour while DNS
  // propagates; once issued, --keep-until-expiring makes a run a local no-op until renewal is due.
  timer: `[Unit]
Description=Obtain the Let's Encrypt certificate at boot, retry until issued, then renew when due

[Timer]
OnBootSec=1min
OnUnitActiveSec=15min
RandomizedDelaySec=30min

[Install]
WantedBy=timers.target
`,
};

function unit(name: string, content: string): string {
  return writeFile(`/etc/systemd/system/${name}`, "0644", content);
}

type LetsEncryptTls = Extract<HostTls, { mode: "letsencrypt" }>;

/** A self-signed certificate for `subjectAltName` (`DNS:<name>` or `IP:<address>`) into `tlsDir`. */
function selfSignedCertificate(publicHost: string, subjectAltName: string): string {
  return [
    `openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=${publicHost}" -addext "subjectAltName=${subjectAltName}" \\`,
    `  -keyout ${HOST_PATHS.tlsDir}/privkey.pem -out ${HOST_PATHS.tlsDir}/fullchain.pem`,
    `${HOST_PATHS.libexec}/use-certificate self-signed`,
  ].join("\n");
}

/**
 * APP-2 on the sandbox, in two parts. `setup` (before the app starts): nginx serving port 80 only,
 * the HTTPS server block and the certificate scripts. `certificate` (last, once the app runs): the
 * certificate HTTPS starts with. With a domain: the stored one, else one issued now, synchronously,
 * before anything is served on 443; a self-signed one without HSTS only when Let's Encrypt cannot be
 * reached yet (a first deploy whose DNS record is not visible), replaced by the timer's next try.
 */
function hostTlsSections(tls: HostTls, region: string): { setup: string; certificate: string } {
  if (tls.mode === "load-balancer") {
    return {
      setup:
        "# TLS terminates at the load balancer (APP-2); the app port admits only the ALB (NET-4).",
      certificate: "",
    };
  }
  const publicHost =
    tls.mode === "letsencrypt" ? checked("fqdn", tls.fqdn) : checked("ipAddress", tls.ipAddress);
  const subjectAltName = tls.mode === "letsencrypt" ? `DNS:${publicHost}` : `IP:${publicHost}`;
  const script = (name: string, content: string) =>
    writeFile(`${HOST_PATHS.libexec}/${name}`, "0700", content);
  const setup = [
    "# --- HTTPS on the instance (APP-2): port 80 first; 443 once there is a certificate ---",
    "pkg_install nginx openssl",
    `install -d -m 0700 ${HOST_PATHS.tlsDir}`,
    `install -d -m 0755 ${HOST_PATHS.acmeWebroot} ${HOST_PATHS.nginxSites}`,
    writeFile("/etc/nginx/nginx.conf", "0644", nginxMainConfig()),
    writeFile(`${HOST_PATHS.nginxSites}/http.conf`, "0644", nginxHttpServer(publicHost)),
    writeFile(HOST_PATHS.httpsTemplate, "0644", nginxHttpsServer(publicHost)),
    script("use-certificate", useCertificateScript()),
    "systemctl enable --now nginx",
  ];
  if (tls.mode === "self-signed") {
    return {
      setup: setup.join("\n"),
      certificate: [
        "# --- Self-signed certificate for the Elastic IP (no domain): HTTPS without HSTS ---",
        selfSignedCertificate(publicHost, subjectAltName),
      ].join("\n"),
    };
  }
  const stored: LetsEncryptTls = {
    ...tls,
    certificateSecretArn: checked("certificateSecretArn", tls.certificateSecretArn),
  };
  setup.push(
    "pkg_install certbot || { python3 -m venv /opt/certbot && /opt/certbot/bin/pip install --quiet certbot && ln -sfn /opt/certbot/bin/certbot /usr/local/bin/certbot; }",
    script("certificate-store", certificateStoreScript(stored, region)),
    script("issue-certificate", issueCertificateScript(stored)),
    unit("decision-control-certificate.service", CERTBOT_UNITS.service),
    unit("decision-control-certificate.timer", CERTBOT_UNITS.timer),
  );
  return {
    setup: setup.join("\n"),
    certificate: [
      "# --- Certificate (APP-2): the stored one, else one issued now (4 tries 2 minutes apart stay",
      "# within Let's Encrypt's 5 failed authorizations an hour), else self-signed without HSTS ---",
      `if ! ${HOST_PATHS.libexec}/certificate-store restore; then`,
      "  for delay in 0 120 120 120; do",
      `    sleep "$delay"; ${HOST_PATHS.libexec}/issue-certificate && break`,
      "  done",
      `  if [ ! -e ${HOST_PATHS.trustedMarker} ]; then`,
      selfSignedCertificate(publicHost, subjectAltName)
        .split("\n")
        .map((line) => `    ${line}`)
        .join("\n"),
      "  fi",
      "fi",
      "systemctl enable --now decision-control-certificate.timer",
    ].join("\n"),
  };
}

/** The complete first-boot script for an app host. Pure: same inputs, same script. */
export function renderUserData(params: UserDataParams): string {
  const tls = hostTlsSections(params.tls, checked("region", params.region));
  return [
    "#!/bin/bash",
    "# Decision Control host bootstrap, rendered by components/app/user-data.ts. No secret values (APP-1).",
    "set -euo pipefail",
    "umask 077",
    'pkg_install() { if command -v dnf >/dev/null; then dnf install -y "$@"; else yum install -y "$@"; fi; }',
    "",
    "# --- App settings: root-only environment file (APP-1) ---",
    `install -d -m 0755 -o root -g root ${HOST_PATHS.configDir} ${HOST_PATHS.libexec}`,
    writeFile(HOST_PATHS.envFile, "0600", envFileContent(params)),
    "",
    "# --- RDS CA bundle for sslmode=verify-full (ACC-1, CMP-2) ---",
    `curl --fail --silent --show-error --retry 5 --proto '=https' --tlsv1.2 --output ${HOST_PATHS.rdsCaBundle} ${RDS_CA_BUNDLE_URL}`,
    `chmod 0644 ${HOST_PATHS.rdsCaBundle}`,
    "",
    "# --- Host logs to CloudWatch (MON-2): rsyslog writes /var/log/messages and /var/log/secure.",
    "# The app's own output goes there through Docker's awslogs driver (start script). ---",
    "pkg_install rsyslog amazon-cloudwatch-agent",
    "systemctl enable --now rsyslog",
    writeFile(
      HOST_PATHS.cloudWatchAgentConfig,
      "0644",
      // One line: user data is limited to 16 KB (test/components/user-data-size.test.ts).
      JSON.stringify(cloudWatchAgentConfig(params.tls, params.logGroups)),
    ),
    `/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c file:${HOST_PATHS.cloudWatchAgentConfig}`,
    "",
    tls.setup,
    "",
    "# --- The app container, its password read from Secrets Manager at each start (APP-1) ---",
    writeFile(`${HOST_PATHS.libexec}/start-decision-control`, "0700", startScript(params)),
    writeFile(
      `${HOST_PATHS.libexec}/watch-database-secret`,
      "0700",
      secretWatchScript(params.restartDrain),
    ),
    unit(`${APP_SERVICE}.service`, APP_UNIT),
    unit("decision-control-secret-watch.service", SECRET_WATCH_UNITS.service),
    unit("decision-control-secret-watch.timer", SECRET_WATCH_UNITS.timer),
    "systemctl daemon-reload",
    "systemctl enable --now docker",
    `systemctl enable --now ${APP_SERVICE}.service decision-control-secret-watch.timer`,
    "",
    ...(tls.certificate ? [tls.certificate, ""] : []),
    `# Liveness (the load balancer's check): curl -fsS http://127.0.0.1:${APP_PORT}${APP_LIVENESS_PATH}`,
    `# Full health, the database included: curl -fsS http://127.0.0.1:${APP_PORT}${APP_HEALTH_PATH}`,
    "",
  ].join("\n");
}

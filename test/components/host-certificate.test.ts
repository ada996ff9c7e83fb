/**
 * APP-2 on the sandbox: the host's certificate survives a replacement (restored from Secrets
 * Manager at boot), a first certificate is issued before HTTPS serves anything, and HSTS goes out
 * only with a publicly trusted certificate. The scripts user data writes run here on a fake host.
 */
import { strict as assert } from "assert";
import {
  HOST_PATHS,
  HSTS_HEADER,
  nginxHttpsServer,
  renderUserData,
  UserDataParams,
} from "../../components/app/user-data";
import { APP_LOG_GROUPS } from "../../components/shared/names";
import { FakeHost, testCa, testCertificate } from "../harness/host-script";

const FQDN = "decisions.example.com";
const CERTIFICATE_SECRET_ARN =
  "arn:aws:secretsmanager:eu-west-1:123456789012:secret:decision-control-sandbox-app-certificate-secret-AbCdEf";
const LIVE = `${HOST_PATHS.letsencryptLive}/${FQDN}`;
const TLS_FILES = [`${HOST_PATHS.tlsDir}/fullchain.pem`, `${HOST_PATHS.tlsDir}/privkey.pem`];
const libexec = (name: string) => `${HOST_PATHS.libexec}/${name}`;

function params(tls: UserDataParams["tls"]): UserDataParams {
  return {
    region: "eu-west-1",
    databaseAddress: "decision-control-sandbox.abcdefghijkl.eu-west-1.rds.amazonaws.com",
    databaseSecretArn:
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-0a1b2c3d-AbCdEf",
    appUrl: `https://${FQDN}`,
    tls,
    logGroups: APP_LOG_GROUPS,
  };
}

const letsEncrypt = renderUserData(
  params({
    mode: "letsencrypt",
    fqdn: FQDN,
    contactEmail: "ops@example.com",
    certificateSecretArn: CERTIFICATE_SECRET_ARN,
  }),
);
const selfSigned = renderUserData(params({ mode: "self-signed", ipAddress: "198.51.100.10" }));
/** Stands in for Let's Encrypt's root in the host's CA bundle. */
const PUBLIC_CA = testCa();

/** Fakes for a host: nginx and systemctl succeed; `aws` and `certbot` as each test needs. */
function host(commands: Record<string, string> = {}): FakeHost {
  const fake = new FakeHost(letsEncrypt, {
    nginx: "exit 0",
    systemctl: "exit 0",
    logger: "exit 0",
    aws: "exit 0",
    certbot: "exit 0",
    ...commands,
  });
  fake.trust(PUBLIC_CA.certificate);
  // What the user data sets up before any of these scripts runs.
  fake.mkdir(HOST_PATHS.tlsDir);
  fake.mkdir(HOST_PATHS.nginxSites);
  fake.write(HOST_PATHS.httpsTemplate, nginxHttpsServer(FQDN), 0o644);
  return fake;
}

/** A fake `aws` that answers get-secret-value with `stored` (JSON) and fails put-secret-value when asked. */
function awsWithStored(stored: object | undefined, putFails = false): string {
  const value = stored === undefined ? "" : JSON.stringify(stored).replace(/'/g, "'\\''");
  return [
    'case "$2" in',
    stored === undefined
      ? '  get-secret-value) echo "An error occurred (ResourceNotFoundException): Secrets Manager can\'t find the specified secret value for staging label: AWSCURRENT" >&2; exit 254 ;;'
      : `  get-secret-value) printf '%s\\n' '${value}' ;;`,
    putFails
      ? "  put-secret-value) exit 255 ;;"
      : '  put-secret-value) for a in "$@"; do case "$a" in file://*) cp "${a#file://}" "$HOST_ROOT/put.json" ;; esac; done ;;',
    "esac",
  ].join("\n");
}

describe("APP-2: the sandbox certificate across replacements (host scripts)", () => {
  it("APP-2: boot order: port 80 first, then the stored certificate, else one issued now, else self-signed; the renewal timer last", () => {
    const at = (text: string) => {
      const index = letsEncrypt.lastIndexOf(text);
      assert.ok(index >= 0, `user data runs ${text}`);
      return index;
    };
    const order = [
      at("systemctl enable --now nginx"),
      at(`systemctl enable --now decision-control.service`),
      at(`if ! ${libexec("certificate-store")} restore; then`),
      at(`${libexec("issue-certificate")} && break`),
      at("openssl req -x509"),
      at(`${libexec("use-certificate")} self-signed`),
      at("systemctl enable --now decision-control-certificate.timer"),
    ];
    assert.deepEqual(
      order,
      [...order].sort((a, b) => a - b),
      "in this order",
    );
    // The boot script's own commands: the scripts it writes (heredocs) run only when called.
    const bootCommands = (script: string) =>
      script.replace(/^cat > \S+ <<'__DC_EOF__'\n[\s\S]*?\n__DC_EOF__$/gm, "");
    const beforeCertificate = letsEncrypt.slice(
      0,
      at(`if ! ${libexec("certificate-store")} restore`),
    );
    assert.ok(
      !/use-certificate (trusted|self-signed)$/m.test(bootCommands(beforeCertificate)),
      "nothing is served on 443 before the certificate step",
    );
  });

  it("APP-2: without a domain the host serves its self-signed certificate and never sends HSTS", () => {
    assert.match(selfSigned, new RegExp(`^${libexec("use-certificate")} self-signed$`, "m"));
    assert.doesNotMatch(selfSigned, /use-certificate trusted$/m);
    assert.ok(!selfSigned.includes("certificate-store"), "nothing to keep without a domain");
    assert.ok(
      !nginxHttpsServer(FQDN).includes("Strict-Transport-Security"),
      "not in the server block",
    );
  });

  it("APP-2: use-certificate sends HSTS for a trusted certificate only, then checks and reloads nginx", () => {
    const fake = host();
    try {
      const untrusted = fake.run(libexec("use-certificate"), ["self-signed"]);
      assert.equal(untrusted.status, 0, untrusted.stderr);
      assert.ok(!untrusted.read(HOST_PATHS.hstsInclude)?.includes("Strict-Transport-Security"));
      assert.equal(untrusted.read(HOST_PATHS.trustedMarker), undefined);
      assert.equal(untrusted.read(`${HOST_PATHS.nginxSites}/https.conf`), nginxHttpsServer(FQDN));
      assert.deepEqual(untrusted.calls, ["nginx -t -q", "systemctl reload-or-restart nginx"]);

      const trusted = fake.run(libexec("use-certificate"), ["trusted"]);
      assert.equal(trusted.read(HOST_PATHS.hstsInclude)?.trim(), HSTS_HEADER);
      assert.notEqual(trusted.read(HOST_PATHS.trustedMarker), undefined);

      const back = fake.run(libexec("use-certificate"), ["self-signed"]);
      assert.ok(!back.read(HOST_PATHS.hstsInclude)?.includes("Strict-Transport-Security"));
      assert.equal(back.read(HOST_PATHS.trustedMarker), undefined);
      assert.notEqual(fake.run(libexec("use-certificate"), []).status, 0, "needs a mode");
    } finally {
      fake.dispose();
    }
  });

  it("APP-2: a certificate nginx refuses is never marked trusted: no HSTS, no marker, no https.conf (so issuance runs), no reload", () => {
    const fake = host({ nginx: "exit 1" });
    try {
      fake.write(HOST_PATHS.trustedMarker, "");
      fake.write(HOST_PATHS.hstsInclude, `${HSTS_HEADER}\n`, 0o644);
      const run = fake.run(libexec("use-certificate"), ["trusted"]);
      assert.notEqual(run.status, 0);
      assert.equal(run.read(HOST_PATHS.trustedMarker), undefined);
      assert.ok(!run.read(HOST_PATHS.hstsInclude)?.includes("Strict-Transport-Security"));
      assert.equal(run.read(`${HOST_PATHS.nginxSites}/https.conf`), undefined);
      assert.deepEqual(run.calls, ["nginx -t -q"], "nginx checked before anything is trusted");
    } finally {
      fake.dispose();
    }
  });

  it("APP-2: a replacement restores the stored certificate and serves it with HSTS, asking Let's Encrypt for nothing", () => {
    const stored = { fqdn: FQDN, ...testCertificate(FQDN, 60, PUBLIC_CA) };
    const fake = host({ aws: awsWithStored(stored) });
    try {
      const run = fake.run(libexec("certificate-store"), ["restore"]);
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.read(TLS_FILES[0]), stored.fullchain);
      assert.equal(run.read(TLS_FILES[1]), stored.privkey);
      assert.equal(run.read(HOST_PATHS.hstsInclude)?.trim(), HSTS_HEADER);
      assert.ok(
        run.calls[0].startsWith(
          `aws secretsmanager get-secret-value --region eu-west-1 --secret-id ${CERTIFICATE_SECRET_ARN}`,
        ),
        run.calls[0],
      );
      assert.ok(!run.calls.some((call) => call.startsWith("certbot")));
    } finally {
      fake.dispose();
    }
  });

  const issued = testCertificate(FQDN, 60, PUBLIC_CA);
  const unusable: [string, object | undefined][] = [
    ["nothing is stored yet", undefined],
    [
      "the stored certificate is for another name",
      { fqdn: "old.example.com", ...testCertificate("old.example.com", 60, PUBLIC_CA) },
    ],
    [
      "the stored certificate expires within a day",
      { fqdn: FQDN, ...testCertificate(FQDN, 1, PUBLIC_CA) },
    ],
    [
      "the stored certificate does not chain to a CA the host trusts (self-signed)",
      { fqdn: FQDN, ...testCertificate(FQDN, 60) },
    ],
    [
      "the stored certificate names another host than the one it is stored for",
      { fqdn: FQDN, ...testCertificate("other.example.com", 60, PUBLIC_CA) },
    ],
    [
      "the stored key is not the certificate's (a mismatched pair)",
      {
        fqdn: FQDN,
        fullchain: issued.fullchain,
        privkey: testCertificate(FQDN, 60, PUBLIC_CA).privkey,
      },
    ],
  ];
  for (const [why, stored] of unusable) {
    it(`APP-2: restore fails, installing nothing, when ${why}`, () => {
      const fake = host({ aws: awsWithStored(stored) });
      try {
        const run = fake.run(libexec("certificate-store"), ["restore"]);
        assert.notEqual(run.status, 0);
        TLS_FILES.forEach((file) => assert.equal(run.read(file), undefined, file));
        assert.equal(run.read(HOST_PATHS.trustedMarker), undefined);
      } finally {
        fake.dispose();
      }
    });
  }

  it("APP-2: store puts the certificate, the key and the name as JSON through a root-only file, never on a command line", () => {
    const served = testCertificate(FQDN, 60);
    const fake = host({ aws: awsWithStored(undefined) });
    try {
      fake.write(TLS_FILES[0], served.fullchain);
      fake.write(TLS_FILES[1], served.privkey);
      const run = fake.run(libexec("certificate-store"), ["store"]);
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.calls.length, 1);
      assert.match(
        run.calls[0],
        new RegExp(
          `^aws secretsmanager put-secret-value --region eu-west-1 --secret-id ${CERTIFICATE_SECRET_ARN} --secret-string file://`,
        ),
      );
      assert.ok(!run.calls[0].includes("PRIVATE KEY"));
      assert.deepEqual(JSON.parse(String(run.read("/put.json"))), { fqdn: FQDN, ...served });
    } finally {
      fake.dispose();
    }
  });

  it("APP-2: a newly issued certificate is stored, then served with HSTS", () => {
    const issued = testCertificate(FQDN, 90);
    const certbot = [
      `mkdir -p "$HOST_ROOT${LIVE}"`,
      `cat > "$HOST_ROOT${LIVE}/fullchain.pem" <<'PEM'\n${issued.fullchain}PEM`,
      `cat > "$HOST_ROOT${LIVE}/privkey.pem" <<'PEM'\n${issued.privkey}PEM`,
    ].join("\n");
    const fake = host({ certbot, aws: awsWithStored(undefined) });
    try {
      const run = fake.run(libexec("issue-certificate"));
      assert.equal(run.status, 0, run.stderr);
      const kinds = run.calls.map((call) => call.split(" ").slice(0, 3).join(" "));
      assert.deepEqual(kinds, [
        "certbot certonly --webroot",
        "aws secretsmanager put-secret-value",
        "nginx -t -q",
        "systemctl reload-or-restart nginx",
      ]);
      assert.ok(
        run.calls[0].includes(`--domain ${FQDN}`) && run.calls[0].includes("--keep-until-expiring"),
      );
      assert.equal(run.read(TLS_FILES[0]), issued.fullchain);
      assert.equal(run.read(TLS_FILES[1]), issued.privkey);
      assert.equal(run.read(HOST_PATHS.hstsInclude)?.trim(), HSTS_HEADER);
      assert.deepEqual(JSON.parse(String(run.read("/put.json"))).fqdn, FQDN);

      const again = fake.run(libexec("issue-certificate"));
      assert.equal(again.status, 0, again.stderr);
      assert.deepEqual(
        again.calls,
        [again.calls[0]],
        "not due: certbot only, nothing stored or reloaded",
      );
    } finally {
      fake.dispose();
    }
  });

  it("APP-2: a restored certificate good for 30 more days makes the renewal timer a no-op (no Let's Encrypt request)", () => {
    const fake = host();
    try {
      const restored = testCertificate(FQDN, 60);
      fake.write(TLS_FILES[0], restored.fullchain);
      fake.write(TLS_FILES[1], restored.privkey);
      fake.write(HOST_PATHS.trustedMarker, "");
      const run = fake.run(libexec("issue-certificate"));
      assert.equal(run.status, 0, run.stderr);
      assert.deepEqual(run.calls, []);

      fake.write(TLS_FILES[0], testCertificate(FQDN, 20).fullchain);
      const due = fake.run(libexec("issue-certificate"));
      assert.ok(due.calls[0]?.startsWith("certbot certonly"), "under 30 days left: renew");
    } finally {
      fake.dispose();
    }
  });

  it("APP-2: a certificate that cannot be stored is still served, and the failure is logged", () => {
    const issued = testCertificate(FQDN, 90);
    const certbot = [
      `mkdir -p "$HOST_ROOT${LIVE}"`,
      `cat > "$HOST_ROOT${LIVE}/fullchain.pem" <<'PEM'\n${issued.fullchain}PEM`,
      `cat > "$HOST_ROOT${LIVE}/privkey.pem" <<'PEM'\n${issued.privkey}PEM`,
    ].join("\n");
    const fake = host({ certbot, aws: awsWithStored(undefined, true) });
    try {
      const run = fake.run(libexec("issue-certificate"));
      assert.equal(run.status, 0, run.stderr);
      assert.ok(
        run.calls.some((call) =>
          call.startsWith("logger -t decision-control certificate not stored"),
        ),
      );
      assert.equal(run.read(HOST_PATHS.hstsInclude)?.trim(), HSTS_HEADER);
    } finally {
      fake.dispose();
    }
  });
});

/**
 * Runs the scripts user data writes on a host, here: every absolute host path is moved under a
 * temporary root, the commands a host has and a test machine lacks (aws, certbot, nginx,
 * systemctl, logger) are fakes, and the rest (bash, python3, openssl, coreutils) are real. So a
 * test sees what a script does to files, which commands it calls with which arguments, in order.
 * The host's CA trust store (what `openssl verify` trusts by default) is the fake host's own,
 * empty until a test trusts a CA: the test machine's CAs never count.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { embeddedBashScripts } from "./bash";

/** Host directories the scripts touch; each becomes `<root><dir>`. */
const HOST_ROOTS = [
  "/etc/aletyx",
  "/etc/nginx",
  "/etc/letsencrypt",
  "/run/aletyx",
  "/usr/local/libexec/aletyx",
  "/var/www/letsencrypt",
];

export interface HostRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Each fake command's calls, in order, as `name arg1 arg2 ...`. */
  readonly calls: readonly string[];
  /** A host path's content (under the root), or undefined when absent. */
  read(hostPath: string): string | undefined;
}

export class FakeHost {
  readonly root = fs.mkdtempSync(path.join(os.tmpdir(), "host-"));
  private readonly bin = path.join(this.root, "fake-bin");
  private readonly log = path.join(this.root, "calls.log");
  /** OpenSSL's default trust store for the scripts (SSL_CERT_FILE, SSL_CERT_DIR). */
  private readonly trustStore = path.join(this.root, "trust");

  /**
   * `userData`'s scripts installed under the root. `commands` are fake bodies (bash) by name; each
   * call is logged first. Their environment has HOST_ROOT.
   */
  constructor(userData: string, commands: Record<string, string>) {
    fs.mkdirSync(this.bin);
    fs.mkdirSync(this.trustStore);
    fs.writeFileSync(path.join(this.trustStore, "ca-bundle.pem"), "");
    for (const dir of HOST_ROOTS) {
      fs.mkdirSync(this.onHost(dir), { recursive: true });
    }
    for (const script of embeddedBashScripts(userData)) {
      this.write(script.path, this.relocate(script.body), 0o700);
    }
    for (const [name, body] of Object.entries(commands)) {
      fs.writeFileSync(
        path.join(this.bin, name),
        `#!/usr/bin/env bash\necho "${name} $*" >> ${this.log}\n${body}\n`,
        { mode: 0o755 },
      );
    }
  }

  onHost(hostPath: string): string {
    return path.join(this.root, hostPath);
  }

  /** A directory the user data itself creates before running the scripts. */
  mkdir(hostPath: string): void {
    fs.mkdirSync(this.onHost(hostPath), { recursive: true });
  }

  write(hostPath: string, content: string, mode = 0o600): void {
    fs.mkdirSync(path.dirname(this.onHost(hostPath)), { recursive: true });
    fs.writeFileSync(this.onHost(hostPath), content, { mode });
  }

  /** Adds a CA certificate (PEM) to the host's trust store, as the OS CA bundle would hold it. */
  trust(caCertificate: string): void {
    fs.appendFileSync(path.join(this.trustStore, "ca-bundle.pem"), caCertificate);
  }

  /** Runs a script the user data wrote (by its host path) with arguments. */
  run(hostPath: string, args: string[] = []): HostRun {
    fs.writeFileSync(this.log, "");
    const child = spawnSync("bash", [this.onHost(hostPath), ...args], {
      encoding: "utf8",
      env: {
        PATH: `${this.bin}:${process.env.PATH ?? ""}`,
        HOST_ROOT: this.root,
        SSL_CERT_FILE: path.join(this.trustStore, "ca-bundle.pem"),
        SSL_CERT_DIR: this.trustStore,
      },
    });
    return {
      status: child.status,
      stdout: child.stdout,
      stderr: child.stderr,
      calls: fs.readFileSync(this.log, "utf8").split("\n").filter(Boolean),
      read: (hostPath) =>
        fs.existsSync(this.onHost(hostPath))
          ? fs.readFileSync(this.onHost(hostPath), "utf8")
          : undefined,
    };
  }

  dispose(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }

  private relocate(script: string): string {
    return HOST_ROOTS.reduce((body, dir) => body.split(dir).join(this.onHost(dir)), script);
  }
}

/** A certificate authority a test can trust on a fake host and issue certificates from. */
export interface TestCa {
  readonly certificate: string;
  readonly key: string;
}

function openssl(args: string[]): void {
  const result = spawnSync("openssl", args, { encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(`openssl ${args[0]} failed: ${result.stderr}`);
  }
}

function inTempDir<T>(body: (file: (name: string) => string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cert-"));
  try {
    return body((name) => path.join(dir, name));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A self-signed CA (real openssl). */
export function testCa(name = "Test Root CA"): TestCa {
  return inTempDir((file) => {
    openssl([
      ...["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "3650"],
      ...["-subj", `/CN=${name}`, "-keyout", file("ca.key"), "-out", file("ca.pem")],
    ]);
    return {
      certificate: fs.readFileSync(file("ca.pem"), "utf8"),
      key: fs.readFileSync(file("ca.key"), "utf8"),
    };
  });
}

/**
 * A certificate and key (PEM) for `name` (CN and DNS subject alternative name), valid `days` days:
 * self-signed, or issued by `ca` as a public CA issues one (real openssl).
 */
export function testCertificate(
  name: string,
  days: number,
  ca?: TestCa,
): { fullchain: string; privkey: string } {
  return inTempDir((file) => {
    const subject = ["-subj", `/CN=${name}`, "-keyout", file("privkey.pem")];
    if (ca === undefined) {
      openssl([
        ...["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", String(days)],
        ...[...subject, "-addext", `subjectAltName=DNS:${name}`, "-out", file("fullchain.pem")],
      ]);
    } else {
      fs.writeFileSync(file("ca.pem"), ca.certificate);
      fs.writeFileSync(file("ca.key"), ca.key);
      fs.writeFileSync(file("san.ext"), `subjectAltName=DNS:${name}\n`);
      openssl(["req", "-new", "-newkey", "rsa:2048", "-nodes", ...subject, "-out", file("csr")]);
      openssl([
        ...["x509", "-req", "-in", file("csr"), "-CA", file("ca.pem"), "-CAkey", file("ca.key")],
        ...["-CAcreateserial", "-days", String(days), "-extfile", file("san.ext")],
        ...["-out", file("fullchain.pem")],
      ]);
    }
    return {
      fullchain: fs.readFileSync(file("fullchain.pem"), "utf8"),
      privkey: fs.readFileSync(file("privkey.pem"), "utf8"),
    };
  });
}

/**
 * The renderer of the host's assets refuses what it cannot substitute safely, naming the asset and
 * the placeholder: a mistake would otherwise surface only on a live instance at first boot.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { renderAsset } from "../../components/app/render-asset";
import { HOST_PATHS, renderUserData, UserDataParams } from "../../components/app/user-data";
import { APP_LOG_GROUPS } from "../../components/shared/names";

/** nginx-http.conf uses exactly `httpPort`, `acmeWebroot` and `publicHost`. */
const HTTP_SERVER = "host/nginx-http.conf";
const known = { httpPort: "80", acmeWebroot: HOST_PATHS.acmeWebroot };
const valid = { ...known, publicHost: "decisions.example.com" };

const ASSET_DIR = path.join(__dirname, "../../components/app/assets");

function sandbox(tls: UserDataParams["tls"]): UserDataParams {
  return {
    region: "eu-west-1",
    databaseAddress: "db.abcdefghijkl.eu-west-1.rds.amazonaws.com",
    databaseSecretArn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-0a1b-AbCdEf",
    appUrl: "https://decisions.example.com",
    tls,
    logGroups: APP_LOG_GROUPS,
  };
}

describe("host assets (components/app/assets)", () => {
  it("substitutes every placeholder and leaves the rest of the text as it is", () => {
    const text = renderAsset(HTTP_SERVER, valid);
    assert.ok(text.includes(`root ${HOST_PATHS.acmeWebroot};`));
    assert.ok(text.includes("return 301 https://decisions.example.com$request_uri;"));
    assert.ok(!text.includes("@"), text);
  });

  it("refuses a placeholder outside the fixed set of names, naming the asset and the placeholder", () => {
    assert.throws(
      () => renderAsset(HTTP_SERVER, known),
      /^Error: host\/nginx-http\.conf: @publicHost@ is not a known placeholder$/,
    );
  });

  it("refuses a placeholder with no value for this host, naming the asset and the placeholder", () => {
    assert.throws(
      () => renderAsset(HTTP_SERVER, { ...valid, publicHost: undefined }),
      /^Error: host\/nginx-http\.conf: @publicHost@ has no value here$/,
    );
  });

  it("refuses a value with a character that could break out of the line, naming the asset and the placeholder", () => {
    for (const publicHost of [
      "x; rm -rf /",
      "x y",
      "x\ny",
      "x'y",
      'x"y',
      "$(id)",
      "x#y",
      "x\\y",
      "",
    ]) {
      assert.throws(
        () => renderAsset(HTTP_SERVER, { ...valid, publicHost }),
        (error: Error) =>
          error.message ===
          `host/nginx-http.conf: @publicHost@ ${JSON.stringify(publicHost)} contains characters not allowed in host configuration`,
        JSON.stringify(publicHost),
      );
    }
    assert.throws(
      () => renderAsset(HTTP_SERVER, { ...valid, publicHost: ["decisions.example.com", "x;y"] }),
      /@publicHost@ "x;y" contains characters not allowed/,
      "each of several words is checked",
    );
  });

  it("substitutes fixed text only on one line, and generated lines only on a line of their own", () => {
    assert.throws(
      () => renderAsset(HTTP_SERVER, { ...valid, publicHost: { fixed: "a\nb" } }),
      /host\/nginx-http\.conf: @publicHost@ is fixed text on one line/,
    );
    assert.throws(
      () => renderAsset(HTTP_SERVER, { ...valid, publicHost: { lines: () => "a" } }),
      /host\/nginx-http\.conf: @publicHost@ takes lines: it must stand alone on its line/,
    );
  });

  it("the user data names the asset and the placeholder of a bad deployment value", () => {
    assert.throws(
      () =>
        renderUserData(
          sandbox({
            mode: "letsencrypt",
            fqdn: "decisions.example.com",
            contactEmail: "ops@example.com; reboot",
            certificateSecretArn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:c-AbCdEf",
          }),
        ),
      /^Error: host\/issue-certificate\.sh: @certbotContact@ "ops@example\.com; reboot" contains characters not allowed/,
    );
    assert.throws(
      () => renderUserData(sandbox({ mode: "self-signed", ipAddress: "198.51.100.10 -x" })),
      /^Error: host\/nginx-http\.conf: @publicHost@ "198\.51\.100\.10 -x"/,
    );
  });

  it("every asset ends with a newline, so the sections and files it is joined into keep their lines", () => {
    const assets = fs
      .readdirSync(ASSET_DIR, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile());
    assert.ok(assets.length > 10, `${assets.length} assets found`);
    for (const entry of assets) {
      const text = fs.readFileSync(path.join(entry.parentPath, entry.name), "utf8");
      assert.ok(text.endsWith("\n") && !text.endsWith("\n\n"), entry.name);
    }
  });
});

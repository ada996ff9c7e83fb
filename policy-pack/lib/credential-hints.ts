// APP-1: telling credentials from other values by their names. Words are split on path
// separators, punctuation and camelCase (`dbMasterPassword` -> db, master, password).

/** Words that name a database engine or service. */
export const DATABASE_WORDS: ReadonlySet<string> = new Set([
  "db",
  "database",
  "rds",
  "aurora",
  "postgres",
  "postgresql",
  "pg",
  "mysql",
  "mariadb",
  "sqlserver",
  "mssql",
  "oracle",
  "redshift",
  "docdb",
  "documentdb",
  "mongo",
  "mongodb",
  "neptune",
]);

/** Words that name a credential, alone. */
export const CREDENTIAL_WORDS: ReadonlySet<string> = new Set([
  "password",
  "passwd",
  "pwd",
  "passphrase",
  "secret",
  "token",
  "credential",
  "credentials",
  "creds",
  "apikey",
]);

/** Two-word credential names (`api key`, `private key`, ...). */
const CREDENTIAL_PAIRS = [
  ["api", "key"],
  ["private", "key"],
  ["access", "key"],
  ["secret", "key"],
  ["client", "secret"],
  ["auth", "token"],
  ["master", "password"],
];

/** Words that make a database secret a login rather than, say, a certificate. */
const LOGIN_WORDS: ReadonlySet<string> = new Set([
  ...CREDENTIAL_WORDS,
  "login",
  "master",
  "admin",
  "user",
  "username",
]);

export function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== "");
}

/** True when the last word(s) of the name's last path segment name a credential (`/app/db/password`). */
export function namesCredential(name: string): boolean {
  const segment =
    name
      .split("/")
      .filter((s) => s.trim() !== "")
      .pop() ?? "";
  const w = words(segment);
  const last = w[w.length - 1];
  if (last === undefined) {
    return false;
  }
  if (CREDENTIAL_WORDS.has(last)) {
    return true;
  }
  const before = w[w.length - 2];
  return CREDENTIAL_PAIRS.some(([a, b]) => before === a && last === b);
}

/** True when any word of the texts hints at a credential (`password-policy`, "the API token"). */
export function hintsCredential(...texts: string[]): boolean {
  return texts.some((t) => {
    const w = words(t);
    return (
      w.some((x) => CREDENTIAL_WORDS.has(x)) ||
      w.some((x, i) => CREDENTIAL_PAIRS.some(([a, b]) => x === a && w[i + 1] === b))
    );
  });
}

/** A database login by its words: a database word and a login word (`prod/rds/master-credentials`). */
export function namesDatabaseLogin(...texts: string[]): boolean {
  const all = texts.flatMap(words);
  return all.some((w) => DATABASE_WORDS.has(w)) && all.some((w) => LOGIN_WORDS.has(w));
}

/**
 * A database login by its content: AWS's JSON structure for database secrets (`engine`, or
 * `password` with `host`, `port`, `dbname` or an instance/cluster identifier).
 * https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_secret_json_structure.html
 */
export function isDatabaseSecretJson(secretString: unknown): boolean {
  if (typeof secretString !== "string") {
    return false;
  }
  let v: unknown;
  try {
    v = JSON.parse(secretString);
  } catch {
    return false;
  }
  if (typeof v !== "object" || v === null || Array.isArray(v)) {
    return false;
  }
  const keys = new Set(Object.keys(v).map((k) => k.toLowerCase()));
  return (
    keys.has("engine") ||
    (keys.has("password") &&
      ["host", "port", "dbname", "dbinstanceidentifier", "dbclusteridentifier"].some((k) =>
        keys.has(k),
      ))
  );
}

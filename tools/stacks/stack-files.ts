/**
 * Stacks are the user's: any `Pulumi.<stack>.yaml` next to `Pulumi.yaml` is a stack, whatever its
 * name (`acme-prod-euw1`, `dev-alice`). What a stack is comes from its config, not its name:
 * `decision-control:edition` picks the edition's defaults (config/editions.ts) and the policy pack
 * profile (`policy-pack/config/<edition>.json`). The checklist, the live checks, the incident and
 * bench commands and the CI stack discovery (scripts/stacks.ts) all resolve a stack here.
 */
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { EDITIONS } from "../../config/editions";
import type { Edition } from "../../config/types";

/** The Pulumi project name: the namespace of un-prefixed config keys. */
export const PROJECT = "decision-control";
export const ROOT = path.resolve(__dirname, "../..");
export const EDITION_KEY = `${PROJECT}:edition`;

/** Where the pack profiles live, relative to the project root. */
export const PACK_CONFIG_DIR = "policy-pack/config";

/**
 * The Pulumi CLI's rule for a stack name (pkg/tokens `IsName`, at most 100 characters): letters,
 * digits, `-`, `_` and `.`. A fully qualified `org/project/stack` names the same stack file.
 */
const STACK_NAME = /^[A-Za-z0-9_.-]{1,100}$/;
const STACK_FILE = /^Pulumi\.([A-Za-z0-9_.-]{1,100})\.yaml$/;

/**
 * The editions in the order of config/editions.ts, sandbox first: discovery lists (and the deploy
 * workflow deploys) sandbox-edition stacks before production-edition ones.
 */
export const EDITION_NAMES = Object.keys(EDITIONS) as readonly Edition[];

/** A stack file that cannot be used: missing, unreadable, or without a valid edition. */
export class StackFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StackFileError";
  }
}

export interface StackFile {
  readonly stack: string;
  /** Absolute path of `Pulumi.<stack>.yaml`. */
  readonly file: string;
  readonly edition: Edition;
  /** Pack profile name: `policy-pack/config/<profile>.json` judges this stack. */
  readonly profile: string;
  /** `policy-pack/config/<profile>.json`, relative to the project root (what `--policy-pack-config` takes). */
  readonly profilePath: string;
  /** The config as the engine hands it to the program: namespaced keys, string values. */
  readonly config: Readonly<Record<string, string>>;
}

export interface StackFileOptions {
  /** Folder holding the stack files (default: the project root). */
  readonly root?: string;
  /** Read this file instead of `<root>/Pulumi.<stack>.yaml` (like `pulumi --config-file`). */
  readonly file?: string;
}

export function isStackName(value: string): boolean {
  return STACK_NAME.test(value);
}

/** `org/project/stack`, `org/stack` or `stack`: the stack part, if every part is a valid name. */
export function stackNameOf(reference: string): string | undefined {
  const parts = reference.split("/");
  return parts.length <= 3 && parts.every(isStackName) ? parts[parts.length - 1] : undefined;
}

export function stackNameProblem(value: string): string {
  return `"${value}" is not a Pulumi stack name: up to 100 letters, digits, "-", "_" or "." (the <stack> of Pulumi.<stack>.yaml).`;
}

/** The one mapping from edition to pack profile. */
export function packProfileFor(edition: Edition): { profile: string; profilePath: string } {
  return { profile: edition, profilePath: `${PACK_CONFIG_DIR}/${edition}.json` };
}

export function encodeConfigValue(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function relative(file: string): string {
  const shown = path.relative(process.cwd(), file);
  return shown.startsWith("..") ? file : shown;
}

function parseYaml(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new StackFileError(
      code === "ENOENT"
        ? `${relative(file)} does not exist.`
        : `${relative(file)} cannot be read: ${(error as Error).message}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = YAML.parse(text);
  } catch (error) {
    throw new StackFileError(`${relative(file)} is not valid YAML: ${(error as Error).message}`);
  }
  if (parsed === null || parsed === undefined) {
    return {};
  }
  if (typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new StackFileError(`${relative(file)} must be a YAML mapping (config:, environment:).`);
  }
  return parsed as Record<string, unknown>;
}

/**
 * The `config:` block flattened as the engine hands it to a program (all strings); a key without a
 * namespace belongs to the project, as in `pulumi config set`. `environment:` (Pulumi ESC imports)
 * is left to the CLI: it supplies credentials and values at `pulumi up`, never needed offline.
 */
export function readConfigFile(file: string): Record<string, string> {
  const config = parseYaml(file).config ?? {};
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    throw new StackFileError(`${relative(file)}: config: must be a mapping of keys to values.`);
  }
  return Object.fromEntries(
    Object.entries(config).map(([key, value]) => [
      key.includes(":") ? key : `${PROJECT}:${key}`,
      encodeConfigValue(value),
    ]),
  );
}

function stackFilePath(stack: string, options: StackFileOptions): string {
  return path.resolve(options.file ?? path.join(options.root ?? ROOT, `Pulumi.${stack}.yaml`));
}

/** The stack names that have a `Pulumi.<stack>.yaml` in `root`, sorted. */
export function stackNamesIn(root: string = ROOT): string[] {
  return fs
    .readdirSync(root)
    .map((name) => STACK_FILE.exec(name)?.[1])
    .filter((name): name is string => name !== undefined)
    .sort();
}

/** Reads `Pulumi.<stack>.yaml` and resolves its edition and pack profile; throws StackFileError. */
export function readStackFile(stack: string, options: StackFileOptions = {}): StackFile {
  if (!isStackName(stack)) {
    throw new StackFileError(stackNameProblem(stack));
  }
  const file = stackFilePath(stack, options);
  if (!fs.existsSync(file)) {
    const root = options.root ?? ROOT;
    const known = options.file ? [] : stackNamesIn(root);
    throw new StackFileError(
      `No stack file ${relative(file)} for stack "${stack}". Create it (pulumi stack init ${stack}, then ` +
        `pulumi config set ${EDITION_KEY} <${EDITION_NAMES.join("|")}> and the required keys), or copy ` +
        `an example stack file.${known.length ? ` Stack files here: ${known.join(", ")}.` : ""}`,
    );
  }
  const config = readConfigFile(file);
  const edition = config[EDITION_KEY];
  const fix = `set it to ${EDITION_NAMES.map((name) => `"${name}"`).join(" or ")} in the stack file (the offline tools and CI read it there, not from an ESC environment)`;
  if (edition === undefined) {
    throw new StackFileError(`${relative(file)}: ${EDITION_KEY} is missing; ${fix}.`);
  }
  if (!(EDITION_NAMES as readonly string[]).includes(edition)) {
    throw new StackFileError(`${relative(file)}: ${EDITION_KEY} is "${edition}"; ${fix}.`);
  }
  return {
    stack,
    file,
    edition: edition as Edition,
    ...packProfileFor(edition as Edition),
    config,
  };
}

/**
 * Every stack in `root`, sandbox-edition stacks first (they deploy first), then by name. Every
 * unusable stack file is reported at once.
 */
export function discoverStacks(root: string = ROOT): StackFile[] {
  const stacks: StackFile[] = [];
  const problems: string[] = [];
  for (const name of stackNamesIn(root)) {
    try {
      stacks.push(readStackFile(name, { root }));
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  }
  if (problems.length > 0) {
    throw new StackFileError(problems.join("\n"));
  }
  return stacks.sort(
    (a, b) =>
      EDITION_NAMES.indexOf(a.edition) - EDITION_NAMES.indexOf(b.edition) ||
      a.stack.localeCompare(b.stack),
  );
}

/**
 * `npx ts-node --swc scripts/stacks.ts [--format text|json|github] [--root <dir>]`: the stacks of
 * this repository, one per `Pulumi.<stack>.yaml`, with the edition their config declares and the
 * pack profile that edition uses. The workflows' first job runs it with `--format github` and turns
 * the result into their matrices (`>> "$GITHUB_OUTPUT"`): `all`, then one list per edition, so
 * sandbox-edition stacks deploy before production-edition ones.
 * Exit code 0; 2 on bad usage or when any stack file is unusable (every problem printed).
 */
import { discoverStacks, EDITION_NAMES, ROOT, StackFile, StackFileError } from "./stack-files";

/** The matrix entry a workflow job gets for one stack. */
export interface MatrixEntry {
  readonly stack: string;
  readonly edition: string;
  /** `policy-pack/config/<edition>.json`, for `policyPackConfigs` / `--policy-pack-config`. */
  readonly profile: string;
  /** `aws:region` of the stack file ("" when unset): the region the CI credentials are requested in. */
  readonly region: string;
  /**
   * The stack name cut to 32 characters for STS role session names (at most 64 characters, with the
   * workflow's prefix and run id); a stack name may have up to 100.
   */
  readonly session: string;
}

const SESSION_NAME_LENGTH = 32;

export function matrixEntry(stack: StackFile): MatrixEntry {
  return {
    stack: stack.stack,
    edition: stack.edition,
    profile: stack.profilePath,
    region: stack.config["aws:region"] ?? "",
    session: stack.stack.slice(0, SESSION_NAME_LENGTH),
  };
}

/** `key=<json>` lines for `$GITHUB_OUTPUT`: `all`, then one per edition (possibly `[]`). */
export function githubOutputs(stacks: readonly StackFile[]): string {
  const entries = stacks.map(matrixEntry);
  const lines = [`all=${JSON.stringify(entries)}`];
  for (const edition of EDITION_NAMES) {
    lines.push(
      `${edition}=${JSON.stringify(entries.filter((entry) => entry.edition === edition))}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

function table(stacks: readonly StackFile[]): string {
  const rows = stacks.map((stack) => [stack.stack, stack.edition, stack.profilePath]);
  const header = ["stack", "edition", "pack profile"];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column].length)),
  );
  return `${[header, ...rows]
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i]))
        .join("  ")
        .trimEnd(),
    )
    .join("\n")}\n`;
}

const FORMATS = ["text", "json", "github"] as const;
type Format = (typeof FORMATS)[number];

export function main(
  argv: readonly string[],
  out: (text: string) => void = (text) => process.stdout.write(text),
  err: (text: string) => void = (text) => process.stderr.write(text),
): number {
  let format: Format = "text";
  let root = ROOT;
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    if (argv[i] === "--format" && (FORMATS as readonly string[]).includes(value)) {
      format = value as Format;
      i++;
    } else if (argv[i] === "--root" && value !== undefined) {
      root = value;
      i++;
    } else {
      err(
        `unknown or incomplete argument ${argv[i]}\nusage: scripts/stacks.ts [--format ${FORMATS.join("|")}] [--root <dir>]\n`,
      );
      return 2;
    }
  }
  let stacks: StackFile[];
  try {
    stacks = discoverStacks(root);
  } catch (error) {
    if (error instanceof StackFileError) {
      err(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (stacks.length === 0) {
    err(`No Pulumi.<stack>.yaml in ${root}: add a stack file (pulumi stack init <name>).\n`);
    return 2;
  }
  out(
    format === "github"
      ? githubOutputs(stacks)
      : format === "json"
        ? `${JSON.stringify(stacks.map(matrixEntry), null, 2)}\n`
        : table(stacks),
  );
  return 0;
}

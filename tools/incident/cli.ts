/**
 * Argument parsing for `npm run incident -- isolate --stack <stack> --instance <id> [--dry-run]
 * [--reason <text>] [--outputs <file>] [--export-hours <n>]`. Pure, so it is unit-tested.
 */
import { stackNameOf, stackNameProblem } from "../stacks/stack-files";

export const USAGE = `Usage (either edition; a sandbox then needs decision-control:quarantine true and pulumi up):
  pulumi stack output --json --stack <stack> | npm run incident -- isolate --stack <stack> --instance <i-...> [options]
  npm run incident -- isolate --stack <stack> --instance <i-...> --outputs <outputs.json> [options]

Options:
  --dry-run            check what is already done and print the plan; change nothing
  --reason <text>      why (tags and snapshot descriptions); default "security incident"
  --outputs <file>     stack outputs saved from "pulumi stack output --json" (default: read stdin)
  --export-hours <n>   hours of application log to export, ending now; default 24 (max 168)`;

export interface IsolateCommand {
  readonly command: "isolate";
  readonly stack: string;
  readonly instanceId: string;
  readonly dryRun: boolean;
  readonly reason: string;
  readonly outputsFile?: string;
  readonly exportHours: number;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(`${message}\n\n${USAGE}`);
    this.name = "UsageError";
  }
}

const VALUE_FLAGS = ["--stack", "--instance", "--reason", "--outputs", "--export-hours"] as const;

export function parseArgs(argv: readonly string[]): IsolateCommand {
  const [command, ...rest] = argv;
  if (command !== "isolate") {
    throw new UsageError(
      command === undefined ? "No command given." : `Unknown command "${command}".`,
    );
  }
  const values: Partial<Record<(typeof VALUE_FLAGS)[number], string>> = {};
  let dryRun = false;
  for (let index = 0; index < rest.length; index += 1) {
    const flag = rest[index];
    if (flag === "--dry-run") {
      dryRun = true;
      continue;
    }
    if (!(VALUE_FLAGS as readonly string[]).includes(flag)) {
      throw new UsageError(`Unknown option "${flag}".`);
    }
    const value = rest[index + 1];
    if (value === undefined || value.startsWith("--")) {
      throw new UsageError(`${flag} needs a value.`);
    }
    values[flag as (typeof VALUE_FLAGS)[number]] = value;
    index += 1;
  }
  const stack = values["--stack"];
  const instanceId = values["--instance"];
  if (!stack) throw new UsageError("--stack is required.");
  // Any stack name the Pulumi CLI accepts, bare or as org/project/stack, as `pulumi stack output` takes it.
  if (stackNameOf(stack) === undefined) throw new UsageError(stackNameProblem(stack));
  if (!instanceId) throw new UsageError("--instance is required.");
  if (!/^i-([0-9a-f]{8}|[0-9a-f]{17})$/.test(instanceId)) {
    throw new UsageError(
      `"${instanceId}" is not an EC2 instance ID (i- followed by 8 or 17 hex digits).`,
    );
  }
  const hoursText = values["--export-hours"] ?? "24";
  const exportHours = Number(hoursText);
  if (!Number.isInteger(exportHours) || exportHours < 1 || exportHours > 168) {
    throw new UsageError(
      `--export-hours must be a whole number from 1 to 168, not "${hoursText}".`,
    );
  }
  return {
    command: "isolate",
    stack,
    instanceId,
    dryRun,
    reason: values["--reason"] ?? "security incident",
    outputsFile: values["--outputs"],
    exportHours,
  };
}

/**
 * `npm run checklist -- --stack <stack> [--config-file <file>] [--format text|markdown|json] [--live [--outputs <file>]]`
 *
 * Any stack with a `Pulumi.<stack>.yaml` (or the file given with --config-file, as `pulumi
 * --config-file` takes it): its `decision-control:edition` picks the pack profile.
 * Without --live: runs the program for that stack under the SDK's mocks (no CLI, no AWS, no
 * credentials), evaluates it with the policy pack and prints the guide's 16-item checklist.
 * With --live: checks the deployed account with the AWS SDK, reading the stack's outputs
 * (`pulumi stack output --json` piped on stdin, or --outputs <file>).
 * `--schema` prints the JSON Schema of the JSON report.
 * Exit code: 0 when every item passes with no mandatory violation; 1 otherwise; 2 on bad usage or config.
 */
import * as fs from "fs";
import { ConfigError } from "../../config/validate";
import { FORMATS, Format, render } from "./render";
import { runChecklist, settingsFor } from "./run";
import { Report, reportJsonSchema } from "./schema";
import {
  isStackName,
  readStackFile,
  stackNameProblem,
  stackNamesIn,
  StackFileOptions,
} from "../stacks/stack-files";

const USAGE = `usage: npm run checklist -- --stack <stack> [--config-file <file>] [--format ${FORMATS.join("|")}] [--live [--outputs <file>]]
       <stack>: any stack with a Pulumi.<stack>.yaml (here: ${stackNamesIn().join(", ") || "none"})
       npm run checklist -- --schema   (the JSON Schema of --format json)`;

export interface Options {
  readonly stack: string;
  /** Stack file to read instead of `Pulumi.<stack>.yaml`. */
  readonly configFile?: string;
  readonly format: Format;
  readonly live: boolean;
  readonly outputs?: string;
}

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[]): Options {
  let stack: string | undefined;
  let format = "text";
  let live = false;
  let outputs: string | undefined;
  let configFile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined || next.startsWith("--")) {
        throw new UsageError(`${arg} needs a value`);
      }
      return next;
    };
    if (arg === "--stack" || arg === "-s") {
      stack = value();
    } else if (arg === "--format" || arg === "-f") {
      format = value();
    } else if (arg === "--live") {
      live = true;
    } else if (arg === "--outputs") {
      outputs = value();
    } else if (arg === "--config-file") {
      configFile = value();
    } else if (arg === "--help" || arg === "-h") {
      throw new UsageError("");
    } else {
      throw new UsageError(`unknown argument ${arg}`);
    }
  }
  if (!stack) {
    throw new UsageError("--stack is required");
  }
  if (!isStackName(stack)) {
    throw new UsageError(stackNameProblem(stack));
  }
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`unknown format ${format}`);
  }
  if (outputs !== undefined && !live) {
    throw new UsageError("--outputs goes with --live");
  }
  return { stack, configFile, format: format as Format, live, outputs };
}

async function readOutputs(file: string | undefined): Promise<string> {
  if (file) {
    return fs.readFileSync(file, "utf8");
  }
  if (process.stdin.isTTY) {
    throw new UsageError(
      "--live reads the stack outputs: pipe `pulumi stack output --json` into it or pass --outputs <file>",
    );
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function stackFileOptions(options: Options): StackFileOptions {
  return options.configFile ? { file: options.configFile } : {};
}

async function liveReport(options: Options): Promise<Report> {
  // Loaded only for --live, so the mocks path never loads the AWS SDK clients.
  const { runLiveChecklist } = await import("../live/verify");
  const { config } = readStackFile(options.stack, stackFileOptions(options));
  return runLiveChecklist({
    stack: options.stack,
    settings: settingsFor(options.stack, config),
    config,
    outputsJson: await readOutputs(options.outputs),
  });
}

/** Runs the command; returns the exit code (0 all PASS, 1 any FAIL/ERROR/mandatory violation, 2 usage or config). */
export async function main(
  argv: readonly string[],
  out: (text: string) => void = (text) => process.stdout.write(text),
  err: (text: string) => void = (text) => process.stderr.write(text),
): Promise<number> {
  if (argv.includes("--schema")) {
    out(`${JSON.stringify(reportJsonSchema(), null, 2)}\n`);
    return 0;
  }
  let options: Options;
  try {
    options = parseArgs(argv);
  } catch (error) {
    err(`${error instanceof Error && error.message ? `${error.message}\n` : ""}${USAGE}\n`);
    return 2;
  }
  try {
    const report = options.live
      ? await liveReport(options)
      : await runChecklist(options.stack, undefined, stackFileOptions(options));
    out(`${render(report, options.format)}\n`);
    return report.ok ? 0 : 1;
  } catch (error) {
    if (error instanceof ConfigError || (error instanceof Error && error.name === "ConfigError")) {
      err(`Configuration of stack ${options.stack} is invalid:\n${error.message}\n`);
      return 2;
    }
    // By name: the mock runner reloads project modules between runs, so classes may differ.
    if (error instanceof Error && error.name === "StackFileError") {
      err(`${error.message}\n`);
      return 2;
    }
    if (error instanceof UsageError) {
      err(`${error.message}\n${USAGE}\n`);
      return 2;
    }
    err(
      `checklist failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  }
}

/**
 * How validation reports: every problem at once, each under its full key
 * (`decision-control:database.backupRetentionDays`), and the edition a stack is judged by.
 */
import { EditionProfile } from "./editions";
import { Rule } from "./rules";
import { ConfigIssue, Edition } from "./types";

export const PROJECT_NAME = "decision-control";

/** The full key of a config path: `["database", "multiAz"]` -> `decision-control:database.multiAz`. */
export const configKey = (path: readonly PropertyKey[]): string =>
  `${PROJECT_NAME}:${path.map(String).join(".")}`;

export class ConfigError extends Error {
  constructor(readonly issues: readonly ConfigIssue[]) {
    super(issues.map((issue) => `${issue.key}: ${issue.message}`).join("\n"));
    this.name = "ConfigError";
  }
}

/** Collects the issues (which refuse the config) and warnings (which do not) of one validation. */
export class ConfigReport {
  readonly issues: ConfigIssue[] = [];
  readonly warnings: string[] = [];

  /** An issue under `decision-control:<path>`. */
  issue(path: readonly string[], message: string): void {
    this.issues.push({ key: configKey(path), message });
  }

  /** An issue under a key outside `decision-control:` (`aws:region`, the stack name). */
  issueAt(key: string, message: string): void {
    this.issues.push({ key, message });
  }

  warn(message: string): void {
    this.warnings.push(message);
  }

  /** Applies a format rule to a value that is set. */
  check<T>(path: readonly string[], value: T | undefined, rule: Rule<T>): void {
    const problem = value === undefined ? undefined : rule(value);
    if (problem) {
      this.issue(path, problem);
    }
  }

  /** Throws the issues found so far, if any. */
  throwIfAny(): void {
    if (this.issues.length > 0) {
      throw new ConfigError(this.issues);
    }
  }
}

/** The edition a stack is judged by, with its table row and the compliance profile's floors. */
export interface EditionScope {
  readonly edition: Edition;
  readonly profile: EditionProfile;
  /** As configured (named in messages); `floors` are the standard ones when it is not a profile. */
  readonly complianceProfile: string;
  readonly floors: { readonly backupRetentionDays: number; readonly logRetentionDays: number };
  readonly region?: string;
}

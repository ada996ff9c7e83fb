/**
 * Shared set-up for component tests: validated settings per edition, a provider to build under, and
 * readers for the JSON policy documents components write.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Settings, validateConfig } from "../../config";
import { MOCK_ACCOUNT_ID, MOCK_REGION } from "../harness/mocks";
import {
  applyOverrides,
  ConfigOverrides,
  RegisteredResource,
  stackConfig,
  StackName,
} from "../harness/program";

export { MOCK_ACCOUNT_ID, MOCK_REGION };

/** Settings exactly as the program would validate them for `Pulumi.<stack>.yaml` plus overrides. */
export function settingsFor(stack: StackName, overrides?: ConfigOverrides): Settings {
  return validateConfig(applyOverrides(stackConfig(stack), overrides), {
    region: MOCK_REGION,
    stack,
  }).settings;
}

/** Component options pinning the explicit regional provider, as index.ts does (CMP-1). */
export function withProvider(): pulumi.ComponentResourceOptions {
  return { providers: [new aws.Provider("test-provider", { region: MOCK_REGION as aws.Region })] };
}

export interface Statement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Principal?: "*" | Record<string, string | string[]>;
  Action: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

/** Statements of a resource's JSON policy input (`policy` or `assumeRolePolicy`). */
export function statementsOf(resource: RegisteredResource, field = "policy"): Statement[] {
  const document = JSON.parse(resource.inputs[field] as string) as { Statement: Statement[] };
  return document.Statement;
}

export function statement(resource: RegisteredResource, sid: string, field = "policy"): Statement {
  const found = statementsOf(resource, field).find((candidate) => candidate.Sid === sid);
  if (!found) {
    throw new Error(`No statement ${sid} in ${resource.name}`);
  }
  return found;
}

export function asList<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** True when `resource` was registered with a dependency on the resource named `name`. */
export function dependsOnName(resource: RegisteredResource, name: string): boolean {
  return resource.dependencies.some((urn) => urn.endsWith(`::${name}`));
}

/**
 * IAM's wildcard match of a policy value against a request value: `*` any run of characters, `?`
 * exactly one. Action names compare case-insensitively (`ignoreCase`), ARNs and strings exactly.
 */
export function iamPatternMatches(pattern: string, value: string, ignoreCase = false): boolean {
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${regex}$`, ignoreCase ? "i" : "").test(value);
}

/**
 * The checklist under mocks: reads the stack file (any stack name), validates its config, runs the
 * program the way the tests do, evaluates every registered custom resource (the provider included:
 * CMP-1) with the policy pack and the pack profile of the stack's edition, gathers each item's
 * evidence, and builds the report.
 */
import { validateConfig } from "../../config/validate";
import type { Settings } from "../../config/types";
import { applyOverrides, ConfigOverrides, ProgramRun, runWithMocks } from "../simulate/program";
import {
  packProfileFor,
  PROJECT,
  readStackFile,
  ROOT,
  StackFileOptions,
} from "../stacks/stack-files";
import {
  evaluateResources,
  loadPackConfig,
  PackConfigFile,
  preparePolicies,
  ResourceUnderTest,
} from "../../policy-pack/harness/evaluate";
import { architectureDiagram } from "./diagram";
import { EVIDENCE } from "./evidence";
import { buildReport, gatherEach, PackVerdict } from "./report";
import { ResourceView } from "./resources";
import { Report } from "./schema";
import { summarise } from "./summary";

/** The registered resources as the checklist reads them: inputs as props, ids and ARNs from state. */
export function toResourceViews(run: ProgramRun): ResourceView[] {
  return run.resources.map((resource) => ({
    type: resource.type,
    name: resource.name,
    urn: resource.urn,
    parent: resource.parent,
    custom: resource.custom,
    id: typeof resource.state.id === "string" ? resource.state.id : undefined,
    arn: typeof resource.state.arn === "string" ? resource.state.arn : undefined,
    physicalName: typeof resource.state.name === "string" ? resource.state.name : undefined,
    propertyDependencies: resource.propertyDependencies,
    props: resource.inputs,
  }));
}

/** What the engine hands the pack: every custom resource (the provider included), inputs as props. */
export function toResourcesUnderTest(resources: readonly ResourceView[]): ResourceUnderTest[] {
  return resources
    .filter((resource) => resource.custom)
    .map((resource) => ({
      type: resource.type,
      name: resource.name,
      urn: resource.urn,
      props: { ...resource.props },
      ...(resource.propertyDependencies
        ? {
            propertyDependencies: Object.fromEntries(
              Object.entries(resource.propertyDependencies).map(([key, urns]) => [key, [...urns]]),
            ),
          }
        : {}),
    }));
}

/** Validated settings for a stack's config (throws the program's ConfigError on a bad config). */
export function settingsFor(stack: string, config: Readonly<Record<string, string>>): Settings {
  return validateConfig(config, { region: config["aws:region"], stack, project: PROJECT }).settings;
}

/**
 * The policy pack's verdict on the custom resources, as `pulumi preview --policy-pack policy-pack
 * --policy-pack-config policy-pack/config/<profile>.json` would give it.
 */
export function packVerdict(
  profile: string,
  resources: readonly ResourceView[],
  config: PackConfigFile = loadPackConfig(profile),
): PackVerdict {
  const controls = new Map(
    preparePolicies(config).map((prepared) => [prepared.policy.name, prepared.controlIds]),
  );
  const result = evaluateResources(toResourcesUnderTest(resources), config);
  return {
    violations: result.violations.map((violation) => ({
      ...violation,
      controlIds: [...violation.controlIds],
    })),
    errors: result.errors.map((error) => ({
      ...error,
      controlIds: controls.get(error.policyName) ?? [],
    })),
  };
}

export interface ChecklistInput {
  readonly stack: string;
  readonly settings: Settings;
  readonly resources: readonly ResourceView[];
  /** Where the runbook is looked for; default the project root. */
  readonly root?: string;
  readonly now?: Date;
}

/** The report for a given resource list (tests mutate the list to prove an item turns to FAIL). */
export function checklistFromResources(input: ChecklistInput): Report {
  const { profile, profilePath } = packProfileFor(input.settings.edition);
  let verdict: PackVerdict;
  try {
    verdict = packVerdict(profile, input.resources);
  } catch (error) {
    // The pack itself failed to load or run: every control is unproven.
    verdict = {
      violations: [],
      errors: [
        {
          policyName: "policy-pack",
          error: error instanceof Error ? error.message : String(error),
          controlIds: [],
        },
      ],
    };
  }
  const facts = {
    stack: input.stack,
    settings: input.settings,
    resources: input.resources,
    root: input.root ?? ROOT,
  };
  const { evidence, checkErrors } = gatherEach(EVIDENCE, facts);
  return buildReport({
    stack: input.stack,
    edition: input.settings.edition,
    mode: "mocks",
    packProfile: profilePath,
    evidence,
    checkErrors,
    verdict,
    resources: summarise(input.resources),
    diagram: architectureDiagram(input.resources, input.settings.allowedCidr),
    now: input.now,
  });
}

/**
 * Reads the stack file (StackFileError when missing or without a valid edition), validates its
 * config plus overrides (ConfigError), runs the program under mocks, and checks it.
 */
export async function runChecklist(
  stack: string,
  overrides?: ConfigOverrides,
  options: StackFileOptions = {},
): Promise<Report> {
  const config = applyOverrides(readStackFile(stack, options).config, overrides);
  const settings = settingsFor(stack, config);
  const run = await runWithMocks(stack, config);
  if (run.error) {
    throw run.error;
  }
  return checklistFromResources({ stack, settings, resources: toResourceViews(run) });
}

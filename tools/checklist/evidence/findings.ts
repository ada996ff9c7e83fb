import type { Settings } from "../../../config/types";
import type { Evidence } from "../schema";
import { label, ResourceView } from "../resources";

/** What every evidence gatherer reads: the validated settings and the registered resources. */
export interface StackFacts {
  readonly stack: string;
  readonly settings: Settings;
  readonly resources: readonly ResourceView[];
  /** Project root, where the documented runbook is looked for (item 16). */
  readonly root: string;
}

export interface ItemEvidence {
  readonly evidence: Evidence[];
  /** Requirements of the item that the stack does not meet (each makes the item FAIL). */
  readonly missing: string[];
  /** Checks that could not be made (live mode): never a pass. */
  readonly unverified?: string[];
}

export type EvidenceGatherer = (facts: StackFacts) => ItemEvidence;

/** Collects an item's facts and unmet requirements while a gatherer walks the resources. */
export class Findings implements ItemEvidence {
  readonly evidence: Evidence[] = [];
  readonly missing: string[] = [];
  readonly unverified: string[] = [];

  cannotVerify(text: string): void {
    this.unverified.push(text);
  }

  /** Records a fact; `properties` are the values it rests on. */
  fact(text: string, resource?: ResourceView, properties?: Record<string, unknown>): void {
    this.evidence.push({
      text: resource ? `${label(resource)}: ${text}` : text,
      ...(resource ? { resourceType: resource.type, resourceName: resource.name } : {}),
      ...(properties ? { properties } : {}),
    });
  }

  need(text: string, resource?: ResourceView): void {
    this.missing.push(resource ? `${label(resource)}: ${text}` : text);
  }

  /** `fact` when `ok`, otherwise `need`: for a property that must hold a value. */
  check(
    ok: boolean,
    resource: ResourceView,
    good: string,
    bad: string,
    properties?: Record<string, unknown>,
  ): void {
    if (ok) {
      this.fact(good, resource, properties);
    } else {
      this.need(bad, resource);
    }
  }

  /** Fails the item when a required kind of resource is absent. */
  require<T>(found: readonly T[], what: string): found is readonly [T, ...T[]] {
    if (found.length === 0) {
      this.need(`no ${what} in the stack`);
      return false;
    }
    return true;
  }
}

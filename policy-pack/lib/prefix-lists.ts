// NET-1/NET-5: what a security-group rule that names a customer-managed prefix list really admits.
// A rule whose source is `pl-...` reaches whatever CIDRs the list holds, so the list's entries are
// judged like the rule's own CIDRs. Entries come from the list's inline `entries` and from separate
// aws.ec2.ManagedPrefixListEntry resources, joined at stack level.
import { internetCidrs } from "./cidr";
import { dependenciesOf, peek, PolicyResource, RefIndex, UNKNOWN_VALUE } from "./policy-kit";
import type { SgRule } from "./sg-rules";
import { asString, elementReaders, get } from "./values";

export const PREFIX_LIST = "aws:ec2/managedPrefixList:ManagedPrefixList";
export const PREFIX_LIST_ENTRY = "aws:ec2/managedPrefixListEntry:ManagedPrefixListEntry";

interface Entries {
  cidrs: string[];
  /** Some entries are not known yet (preview). */
  unknown: boolean;
}

/** What the pack knows of one prefix list a rule names. */
export interface ListEntries extends Entries {
  /** For messages: "prefix list 'corp'" or "prefix list pl-0abc (not defined in this stack)". */
  label: string;
  /** Not defined in this stack: entries added elsewhere cannot be seen. */
  external: boolean;
}

export interface RuleSources {
  lists: ListEntries[];
  /** The rule names prefix lists the stack cannot tie to a definition yet (unknown ID, no dependency). */
  unresolved: boolean;
}

function emptyEntries(): Entries {
  return { cidrs: [], unknown: false };
}

/** Adds one CIDR read by `read`; an unknown value marks the entries as incomplete. */
function addCidr(into: Entries, read: () => unknown): void {
  const cidr = peek(() => asString(read()));
  if (cidr === UNKNOWN_VALUE) {
    into.unknown = true;
  } else if (cidr !== undefined) {
    into.cidrs.push(cidr);
  }
}

/** Every prefix list of a stack with its entries, and the lists each rule names. */
export class PrefixListIndex {
  private readonly lists: RefIndex;
  private readonly entriesOf = new Map<PolicyResource, Entries>();
  /** Entries added by ManagedPrefixListEntry resources to lists defined outside the stack, by ID. */
  private readonly externalEntries = new Map<string, Entries>();
  private readonly listByUrn = new Map<string, PolicyResource>();
  /** Lists each ManagedPrefixListEntry resource adds to, by URN (a rule may depend on the entry). */
  private readonly listsOfEntry = new Map<string, PolicyResource[]>();
  /** An entry resource whose list is not known yet may belong to any list. */
  private anyListMayGrow = false;

  constructor(resources: readonly PolicyResource[]) {
    const lists = resources.filter((r) => r.type === PREFIX_LIST);
    this.lists = new RefIndex(lists);
    for (const list of lists) {
      const entries = emptyEntries();
      this.entriesOf.set(list, entries);
      this.listByUrn.set(list.urn, list);
      const readers = peek(() => elementReaders(get(list.props, "entries")));
      if (readers === UNKNOWN_VALUE) {
        entries.unknown = true;
        continue;
      }
      for (const read of readers) {
        addCidr(entries, () => get(read(), "cidr"));
      }
    }
    for (const entry of resources) {
      if (entry.type !== PREFIX_LIST_ENTRY) {
        continue;
      }
      const { found, unknown } = this.lists.lookup(entry, "prefixListId");
      this.listsOfEntry.set(entry.urn, found);
      for (const list of found) {
        addCidr(this.entriesOf.get(list) as Entries, () => get(entry.props, "cidr"));
      }
      if (found.length > 0) {
        continue;
      }
      if (unknown) {
        this.anyListMayGrow = true;
        continue;
      }
      const id = peek(() => asString(get(entry.props, "prefixListId")));
      if (typeof id === "string" && id.trim() !== "") {
        const key = id.trim();
        const entries = this.externalEntries.get(key) ?? emptyEntries();
        this.externalEntries.set(key, entries);
        addCidr(entries, () => get(entry.props, "cidr"));
      }
    }
  }

  private inStack(list: PolicyResource): ListEntries {
    const e = this.entriesOf.get(list) ?? emptyEntries();
    return {
      label: `prefix list '${list.name}'`,
      cidrs: e.cidrs,
      unknown: e.unknown || this.anyListMayGrow,
      external: false,
    };
  }

  private outside(id: string): ListEntries {
    const e = this.externalEntries.get(id) ?? emptyEntries();
    return {
      label: `prefix list ${id} (not defined in this stack)`,
      cidrs: e.cidrs,
      unknown: e.unknown || this.anyListMayGrow,
      external: true,
    };
  }

  /**
   * The prefix lists `rule` (a rule of resource `r`) names. IDs are matched to lists of the stack by
   * value (names and ids mocks return) or, since a list's ID is an output the engine never shows a
   * policy, through the rule's property dependencies. An inline rule shares its dependencies with
   * the other rules of the same direction, so when several lists are candidates every one of them
   * is judged (the conservative reading).
   */
  resolve(r: PolicyResource, rule: SgRule): RuleSources {
    const candidates = new Set<PolicyResource>();
    for (const d of dependenciesOf(r, rule.prefixListKey)) {
      const list = this.listByUrn.get(d.urn);
      const lists = list ? [list] : (this.listsOfEntry.get(d.urn) ?? []);
      lists.forEach((l) => candidates.add(l));
    }
    if (rule.prefixListsUnknown) {
      return {
        lists: [...candidates].map((l) => this.inStack(l)),
        unresolved: candidates.size === 0,
      };
    }
    const named = new Set<PolicyResource>();
    const unmatched: string[] = [];
    for (const raw of rule.prefixLists) {
      const id = raw.trim();
      const hits = this.lists.byValue(id);
      hits.forEach((l) => named.add(l));
      if (hits.length === 0 && id !== "") {
        unmatched.push(id);
      }
    }
    const lists = [...named].map((l) => this.inStack(l));
    const rest = [...candidates].filter((l) => !named.has(l));
    if (unmatched.length > 0 && rest.length > 0) {
      // At update the IDs are real (pl-...), never a list's name: the dependencies say which.
      lists.push(...rest.map((l) => this.inStack(l)));
    } else {
      lists.push(...unmatched.map((id) => this.outside(id)));
    }
    return { lists, unresolved: false };
  }
}

/** A rule that reaches world CIDRs through the entries of a prefix list it names. */
export interface PrefixListExposure {
  resource: PolicyResource;
  rule: SgRule;
  world: string[];
  /** The list, for messages. */
  via: string;
}

export interface PrefixListScan {
  exposures: PrefixListExposure[];
  /** Rules naming a list defined outside the stack, whose other entries cannot be seen. */
  external: Array<{ resource: PolicyResource; rule: SgRule; via: string }>;
  /** What could not be judged yet (preview): [resource name, property]. */
  unknown: string[][];
}

const scans = new WeakMap<readonly PolicyResource[], PrefixListScan>();

/**
 * Every security-group rule of the stack that names a prefix list, judged on the list's entries.
 * A rule that cannot be read at all is left to the per-resource policies (their advisory).
 */
export function scanPrefixLists(
  resources: readonly PolicyResource[],
  ruleTypes: readonly string[],
  readRules: (type: string, props: unknown) => Array<() => SgRule | undefined>,
): PrefixListScan {
  const cached = scans.get(resources);
  if (cached) {
    return cached;
  }
  const scan: PrefixListScan = { exposures: [], external: [], unknown: [] };
  let index: PrefixListIndex | undefined;
  for (const resource of resources) {
    if (!ruleTypes.includes(resource.type)) {
      continue;
    }
    for (const read of readRules(resource.type, resource.props)) {
      const rule = peek(read);
      if (rule === UNKNOWN_VALUE || !rule) {
        continue;
      }
      if (!rule.prefixListsUnknown && rule.prefixLists.length === 0) {
        continue;
      }
      index = index ?? new PrefixListIndex(resources);
      const sources = index.resolve(resource, rule);
      let unknown = sources.unresolved;
      for (const list of sources.lists) {
        const world = internetCidrs(list.cidrs);
        if (world.length > 0) {
          scan.exposures.push({ resource, rule, world, via: list.label });
        }
        if (list.external) {
          scan.external.push({ resource, rule, via: list.label });
        }
        unknown = unknown || list.unknown;
      }
      if (unknown) {
        scan.unknown.push([resource.name, rule.prefixListKey]);
      }
    }
  }
  scans.set(resources, scan);
  return scan;
}

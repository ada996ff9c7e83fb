/** Resource counts by type and by the component that owns them, for the report's summary. */
import { ResourceView } from "./resources";
import { ResourceSummary } from "./schema";

export const TOP_LEVEL = "(stack)";

/** `<component type> <name>` of the nearest component above the resource, or "(stack)". */
export function owningComponent(
  resource: ResourceView,
  byUrn: ReadonlyMap<string, ResourceView>,
): string {
  let parent = resource.parent ? byUrn.get(resource.parent) : undefined;
  while (parent && parent.custom) {
    parent = parent.parent ? byUrn.get(parent.parent) : undefined;
  }
  return parent ? `${parent.type} ${parent.name}` : TOP_LEVEL;
}

export function summarise(resources: readonly ResourceView[]): ResourceSummary {
  const byUrn = new Map(resources.map((resource) => [resource.urn, resource]));
  const custom = resources.filter((resource) => resource.custom);
  const byType: Record<string, number> = {};
  const byComponent: Record<string, number> = {};
  resources
    .filter((resource) => !resource.custom)
    .forEach((component) => (byComponent[`${component.type} ${component.name}`] = 0));
  for (const resource of custom) {
    byType[resource.type] = (byType[resource.type] ?? 0) + 1;
    const owner = owningComponent(resource, byUrn);
    byComponent[owner] = (byComponent[owner] ?? 0) + 1;
  }
  const sorted = (record: Record<string, number>): Record<string, number> =>
    Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
  return { total: custom.length, byType: sorted(byType), byComponent: sorted(byComponent) };
}

// Reads the values at a dotted path with list steps ("rules[].copyActions[].destinationVaultArn"),
// one value at a time, so that a value unknown at preview does not hide the others.
import { peek, UNKNOWN_VALUE } from "./policy-kit";
import { elementReaders, get } from "./values";

export interface PathValue {
  /** Where the value sits, with indexes: "rules[0].copyActions[1].destinationVaultArn". */
  where: string;
  value: unknown;
}

export interface PathRead {
  values: PathValue[];
  /** The first place a value was not known yet (preview), if any. */
  unknownAt?: string;
}

export function readPath(root: unknown, path: string): PathRead {
  const steps = path
    .split(".")
    .map((s) => ({ key: s.replace(/\[\]$/, ""), list: s.endsWith("[]") }));
  const out: PathRead = { values: [] };
  const walk = (node: unknown, i: number, where: string): void => {
    if (i === steps.length) {
      out.values.push({ where, value: node });
      return;
    }
    const { key, list } = steps[i];
    const here = where === "" ? key : `${where}.${key}`;
    const child = peek(() => get(node, key));
    if (child === UNKNOWN_VALUE) {
      out.unknownAt = out.unknownAt ?? here;
      return;
    }
    if (child === undefined || child === null) {
      return;
    }
    if (!list) {
      walk(child, i + 1, here);
      return;
    }
    elementReaders(child).forEach((read, j) => {
      const element = peek(read);
      if (element === UNKNOWN_VALUE) {
        out.unknownAt = out.unknownAt ?? `${here}[${j}]`;
      } else {
        walk(element, i + 1, `${here}[${j}]`);
      }
    });
  };
  walk(root, 0, "");
  return out;
}

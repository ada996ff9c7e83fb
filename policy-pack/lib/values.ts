// Tolerant readers for resource properties. Policies see whatever a program wrote (or whatever a
// fuzzer invents): numbers as strings, booleans as "true", single values where lists are expected.
// None of these helpers throws for an oddly typed value; the only exception that may escape is
// @pulumi/policy's UnknownValueError, raised by its proxy when a value is unknown at preview.

/** A plain property bag (the proxy wraps objects, so `typeof` still says "object"). */
export type Bag = Record<string, unknown>;

export function isBag(v: unknown): v is Bag {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Reads `obj[key]` when `obj` is an object; `undefined` otherwise. */
export function get(obj: unknown, key: string): unknown {
  if (typeof obj !== "object" || obj === null) {
    return undefined;
  }
  return (obj as Bag)[key];
}

/**
 * True when `key` holds a value other than undefined/null. An unknown value (preview) counts as
 * present: reading it through the proxy throws, and that is taken as "present, value not known".
 */
export function has(obj: unknown, key: string): boolean {
  if (typeof obj !== "object" || obj === null || !(key in obj)) {
    return false;
  }
  try {
    const v = (obj as Bag)[key];
    return v !== undefined && v !== null;
  } catch {
    return true;
  }
}

/** A list from an array, a single value as a one-element list, or an empty list. */
export function asList(v: unknown): unknown[] {
  if (v === undefined || v === null) {
    return [];
  }
  if (Array.isArray(v)) {
    // Copy element by element: reading through the proxy checks each element for unknowns.
    const out: unknown[] = [];
    for (let i = 0; i < v.length; i++) {
      out.push(v[i]);
    }
    return out;
  }
  return [v];
}

/**
 * One reader per element, so that an element unknown at preview does not hide the others (asList
 * reads every element at once).
 */
export function elementReaders(v: unknown): Array<() => unknown> {
  if (v === undefined || v === null) {
    return [];
  }
  if (Array.isArray(v)) {
    const out: Array<() => unknown> = [];
    for (let i = 0; i < v.length; i++) {
      out.push(() => v[i]);
    }
    return out;
  }
  return [() => v];
}

/** The two directions of a resource's inline rule lists (security groups, network ACLs). */
export type RuleDirection = "ingress" | "egress";

/**
 * One reader per inline rule of `props.ingress` and `props.egress`, each building its rule with
 * `build(element, direction, "ingress[0]")`. A list unknown at preview becomes one reader that
 * throws, so the other direction is still judged.
 */
export function inlineRuleReaders<T>(
  props: unknown,
  build: (element: unknown, direction: RuleDirection, where: string) => T,
): Array<() => T> {
  const out: Array<() => T> = [];
  for (const direction of ["ingress", "egress"] as const) {
    let list: Array<() => unknown>;
    try {
      list = elementReaders(get(props, direction));
    } catch (e) {
      out.push(() => {
        throw e;
      });
      continue;
    }
    list.forEach((read, i) => out.push(() => build(read(), direction, `${direction}[${i}]`)));
  }
  return out;
}

export function asString(v: unknown): string | undefined {
  if (typeof v === "string") {
    return v;
  }
  if (typeof v === "number" && Number.isFinite(v)) {
    return String(v);
  }
  return undefined;
}

export function asStrings(v: unknown): string[] {
  const out: string[] = [];
  for (const x of asList(v)) {
    const s = asString(x);
    if (s !== undefined) {
      out.push(s);
    }
  }
  return out;
}

/** `true`/`false` from booleans and the strings launch templates use; `undefined` otherwise. */
export function asBool(v: unknown): boolean | undefined {
  if (typeof v === "boolean") {
    return v;
  }
  if (typeof v === "string") {
    const s = v.trim().toLowerCase();
    if (s === "true") {
      return true;
    }
    if (s === "false") {
      return false;
    }
  }
  return undefined;
}

/** A finite number from a number or a numeric string; `undefined` otherwise. */
export function asNumber(v: unknown): number | undefined {
  if (typeof v === "number") {
    return Number.isFinite(v) ? v : undefined;
  }
  if (typeof v === "string" && v.trim() !== "") {
    const n = Number(v.trim());
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** Renders a found value for a message, short and without ever throwing. */
export function show(v: unknown): string {
  if (v === undefined) {
    return "unset";
  }
  let s: string | undefined;
  try {
    s = JSON.stringify(v);
  } catch {
    // An unknown part (preview) or a value JSON cannot render.
    s = Array.isArray(v)
      ? "[a list with values not known yet]"
      : typeof v === "object"
        ? "{an object with values not known yet}"
        : undefined;
  }
  if (s === undefined) {
    try {
      s = String(v);
    } catch {
      s = `(${typeof v})`;
    }
  }
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

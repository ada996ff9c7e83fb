// JSON text laid out the way Prettier lays out the repository's JSON (objects one key a line,
// arrays on one line when they fit in 100 columns), so a generated file passes `prettier --check`
// and regenerating it leaves no diff.

const WIDTH = 100;

function render(value: unknown, indent: string, prefix: string): string {
  if (Array.isArray(value)) {
    if (value.length === 0) {
      return "[]";
    }
    const inline = `[${value.map((v) => JSON.stringify(v)).join(", ")}]`;
    const scalars = value.every((v) => v === null || typeof v !== "object");
    // The line holds the indent, the key, the array and a trailing comma.
    if (scalars && indent.length + prefix.length + inline.length + 1 <= WIDTH) {
      return inline;
    }
    const inner = `${indent}  `;
    return `[\n${value.map((v) => `${inner}${render(v, inner, "")}`).join(",\n")}\n${indent}]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) {
      return "{}";
    }
    const inner = `${indent}  `;
    const lines = entries.map(([k, v]) => {
      const key = `${JSON.stringify(k)}: `;
      return `${inner}${key}${render(v, inner, key)}`;
    });
    return `{\n${lines.join(",\n")}\n${indent}}`;
  }
  return JSON.stringify(value);
}

/** `value` as the text of a JSON file, newline-terminated. */
export function formatJson(value: unknown): string {
  return `${render(value, "", "")}\n`;
}

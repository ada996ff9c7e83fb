/**
 * Renders the host's text assets (`assets/`): the bash, nginx and systemd files exactly as a host
 * receives them, with `@name@` placeholders. A value's type says how it may be substituted; anything
 * that could not be substituted safely is refused with an error naming the asset and the placeholder,
 * because a mistake here surfaces only on a live instance at first boot.
 */
import * as fs from "fs";
import * as path from "path";

/** Next to this module, so ts-node finds it from any working directory. */
const ASSET_DIR = path.join(__dirname, "assets");

/**
 * `@` then a letter: the assets' own text never has one between two `@` (bash's `"${array[@]}"` has
 * a bracket), and `{{...}}` would collide with docker's Go templates.
 */
const PLACEHOLDER = /@([A-Za-z][A-Za-z0-9]*)@/g;

/**
 * A value lands unquoted on a command line, in an nginx or systemd directive, in a heredoc and in an
 * env file: only characters inert in all of them (no space, quote, `$`, `;`, `#`, backslash, newline).
 */
const WORD = /^[A-Za-z0-9._:/@!+=,-]+$/;

export type AssetValue =
  /** A value of the deployment, a path or a name: one word of inert characters. */
  | string
  /** Words joined by a space, each of inert characters (an option and its argument). */
  | readonly string[]
  /** Text fixed in this program, on one line, substituted as is (a pattern inside quotes). */
  | { readonly fixed: string }
  /**
   * Lines generated here (another asset, a file written by heredoc). The placeholder stands alone on
   * its line and each line takes its indentation; produced only where an asset uses it, so an edition
   * never renders (nor needs values for) another edition's files.
   */
  | { readonly lines: () => string };

/** Every name an asset may use; `undefined` where the edition has no such value. */
export type AssetValues = Readonly<Record<string, AssetValue | undefined>>;

/** Throws `<where> "<value>" contains characters ...` unless `value` is one inert word. */
export function checkWord(where: string, value: string): string {
  if (!WORD.test(value)) {
    throw new Error(
      `${where} ${JSON.stringify(value)} contains characters not allowed in host configuration`,
    );
  }
  return value;
}

/** The asset (a path under `assets/`) with every placeholder replaced. */
export function renderAsset(asset: string, values: AssetValues): string {
  const text = fs.readFileSync(path.join(ASSET_DIR, asset), "utf8");
  const where = (name: string) => `${asset}: @${name}@`;
  const valueOf = (name: string): AssetValue => {
    if (!Object.hasOwn(values, name)) {
      throw new Error(`${where(name)} is not a known placeholder`);
    }
    const value = values[name];
    if (value === undefined) {
      throw new Error(`${where(name)} has no value here`);
    }
    return value;
  };
  const inline = (name: string): string => {
    const value = valueOf(name);
    if (typeof value === "string") {
      return checkWord(where(name), value);
    }
    if (Array.isArray(value)) {
      return value.map((word: string) => checkWord(where(name), word)).join(" ");
    }
    if ("fixed" in value) {
      if (value.fixed.includes("\n")) {
        throw new Error(`${where(name)} is fixed text on one line, but has a line break`);
      }
      return value.fixed;
    }
    throw new Error(`${where(name)} takes lines: it must stand alone on its line`);
  };
  return text
    .split("\n")
    .map((line) => {
      const alone = /^(\s*)@([A-Za-z][A-Za-z0-9]*)@$/.exec(line);
      const value = alone ? valueOf(alone[2]) : undefined;
      if (alone && typeof value === "object" && "lines" in value) {
        return value
          .lines()
          .replace(/\n$/, "")
          .split("\n")
          .map((generated) => `${alone[1]}${generated}`)
          .join("\n");
      }
      return line.replace(PLACEHOLDER, (_, name: string) => inline(name));
    })
    .join("\n");
}

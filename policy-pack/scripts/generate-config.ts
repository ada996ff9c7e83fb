// Writes config/sandbox.json and config/production.json from the control catalogue
// (`npm run generate-config`); test/controls/config-files.test.ts fails when the committed files
// differ from what this writes.
import * as fs from "fs";
import * as path from "path";
import { CATALOGUE, Catalogue, Edition, formatJson, packConfigFrom } from "../controls";
import type { PolicyLevelSource } from "../controls";
import { allPolicies } from "../policies";

const EDITIONS: readonly Edition[] = ["sandbox", "production"];

/** The pack's folder, whether this runs from scripts/ (ts-node) or bin/scripts/ (compiled). */
const PACK_ROOT =
  path.basename(path.resolve(__dirname, "..")) === "bin"
    ? path.resolve(__dirname, "../..")
    : path.resolve(__dirname, "..");

export interface GeneratedFile {
  /** Relative to the pack's folder. */
  readonly path: string;
  readonly text: string;
}

/** Each edition's config file as the catalogue makes it. */
export function packConfigFiles(
  catalogue: Catalogue = CATALOGUE,
  policies: readonly PolicyLevelSource[] = allPolicies,
): GeneratedFile[] {
  return EDITIONS.map((edition) => ({
    path: `config/${edition}.json`,
    text: formatJson(packConfigFrom(catalogue, edition, policies)),
  }));
}

export function packRoot(): string {
  return PACK_ROOT;
}

if (require.main === module) {
  for (const file of packConfigFiles()) {
    fs.writeFileSync(path.join(PACK_ROOT, file.path), file.text);
    console.log(`wrote ${file.path}`);
  }
}

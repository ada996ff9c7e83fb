/**
 * Every file generated from the control catalogue, with its text as the catalogue makes it: the
 * generator writes them, the staleness tests compare them with what is committed.
 */
import * as fs from "fs";
import * as path from "path";
import { CATALOGUE, Catalogue } from "../../policy-pack/controls";
import { allPolicies, packConfigFiles } from "../../policy-pack/harness/evaluate";
import { IMPLEMENTATION } from "./implementation";
import { controlsDoc, controlsTable, replaceBetweenMarkers } from "./render";

export const ROOT = path.resolve(__dirname, "../..");

export interface GeneratedFile {
  /** Relative to the repository root. */
  readonly path: string;
  readonly text: string;
}

/** README.md with its controls table regenerated (the rest as committed). */
export function readmeFrom(catalogue: Catalogue, readme: string): string {
  return replaceBetweenMarkers(readme, controlsTable(catalogue, allPolicies, IMPLEMENTATION));
}

export function generatedFiles(catalogue: Catalogue = CATALOGUE): GeneratedFile[] {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  return [
    { path: "README.md", text: readmeFrom(catalogue, readme) },
    { path: "docs/controls.md", text: controlsDoc(catalogue, allPolicies) },
    ...packConfigFiles(catalogue).map((file) => ({
      path: path.posix.join("policy-pack", file.path),
      text: file.text,
    })),
  ];
}

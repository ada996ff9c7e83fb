// A clone holds everything it refers to: no tracked file points at the control catalogue or any
// other file outside the repository (the catalogue lives in policy-pack/controls/ and
// docs/controls.md).
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../..");
// Spelled in pieces so that this file does not match itself.
const OUTSIDE_CATALOGUE = ["shared", "controls.md"].join("/");
const UP_TO_SHARED = ["..", "shared"].join("/");
const RELATIVE_SHARED = /(?:\.\.\/)+shared\b/g;

/**
 * Problems in one file's text: the outside catalogue, or a relative path up to a `shared` folder
 * that is not in the repository (one inside it, e.g. components/shared/, is fine).
 */
export function outsideReferences(file: string, text: string): string[] {
  const found: string[] = [];
  if (text.includes(OUTSIDE_CATALOGUE)) {
    found.push(`${file} mentions ${OUTSIDE_CATALOGUE}`);
  }
  for (const match of text.matchAll(RELATIVE_SHARED)) {
    const target = path.resolve(ROOT, path.dirname(file), match[0]);
    if (path.relative(ROOT, target).startsWith("..") || !fs.existsSync(target)) {
      found.push(`${file} refers to ${match[0]}, which is not in the repository`);
    }
  }
  return found;
}

function trackedTextFiles(): string[] {
  return execFileSync("git", ["ls-files", "-z"], { cwd: ROOT, encoding: "utf8" })
    .split("\0")
    .filter((file) => file !== "" && fs.existsSync(path.join(ROOT, file)))
    .filter((file) => !fs.readFileSync(path.join(ROOT, file)).subarray(0, 8000).includes(0));
}

describe("ALL: the repository refers to nothing outside it", () => {
  it("ALL: no tracked text file points at the control catalogue or at a shared folder outside the clone", () => {
    const found = trackedTextFiles().flatMap((file) =>
      outsideReferences(file, fs.readFileSync(path.join(ROOT, file), "utf8")),
    );
    assert.deepStrictEqual(found, []);
  });

  it("ALL: the check catches both spellings, and allows a folder named shared inside the repo", () => {
    assert.strictEqual(outsideReferences("docs/a.md", `see ${OUTSIDE_CATALOGUE}`).length, 1);
    assert.strictEqual(
      outsideReferences("docs/a.md", `see ${UP_TO_SHARED}/seed/guide.txt`).length,
      1,
    );
    assert.strictEqual(outsideReferences("README.md", `see ${UP_TO_SHARED}/x`).length, 1);
    assert.deepStrictEqual(
      outsideReferences("components/app/x.ts", `import { a } from "${UP_TO_SHARED}/names";`),
      [],
    );
  });
});

/** Temporary folders of stack files for tests (the real stack files are never touched). */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ROOT } from "../../../tools/stacks/stack-files";

/** A temporary folder of stack files, removed after the suite. */
export class StackDir {
  readonly root = fs.mkdtempSync(path.join(os.tmpdir(), "stacks-"));

  /** Writes `Pulumi.<stack>.yaml` from an example stack file, with some lines replaced. */
  copy(stack: string, example: string, replace: Record<string, string> = {}): string {
    let text = fs.readFileSync(path.join(ROOT, `Pulumi.${example}.yaml`), "utf8");
    for (const [from, to] of Object.entries(replace)) {
      assert.ok(text.includes(from), `Pulumi.${example}.yaml has no "${from}"`);
      text = text.replace(from, to);
    }
    return this.write(stack, text);
  }

  write(stack: string, text: string): string {
    const file = path.join(this.root, `Pulumi.${stack}.yaml`);
    fs.writeFileSync(file, text);
    return file;
  }

  remove(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

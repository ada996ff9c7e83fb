import { strict as assert } from "assert";
import { runProgram } from "../harness/program";

describe("program smoke", () => {
  it("runs sandbox", async () => {
    const run = await runProgram("sandbox");
    assert.equal(run.error, undefined, run.error?.message);
    console.log(run.resources.length, run.resources.map((r) => `${r.type} ${r.name} parent=${r.parent?.split("::").pop()}`).join("\n"));
    console.log(run.outputs);
  });
});

/**
 * The policy pack's tests judge policy-pack/test/fixtures/stacks.ts, a generated copy of what this
 * program registers (the pack is tested without the root project). A copy that no longer matches
 * the program would let the pack pass stacks we no longer deploy.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import { FIXTURES_FILE, renderPackFixtures } from "../../tools/simulate/pack-fixtures";

describe("policy pack fixtures: generated from the program", () => {
  it("ALL: policy-pack/test/fixtures/stacks.ts is what `npm run pack-fixtures` generates now", async () => {
    const committed = fs.readFileSync(FIXTURES_FILE, "utf8");
    const rendered = await renderPackFixtures();
    // A line-level hint first: the whole file is too long for a useful diff.
    const committedLines = committed.split("\n");
    const firstDifference = rendered
      .split("\n")
      .findIndex((line, index) => line !== committedLines[index]);
    assert.ok(
      committed === rendered,
      `stale at line ${firstDifference + 1}: run \`npm run pack-fixtures\` and commit the result`,
    );
  });
});

// Mocha's dot reporter plus the plain closing line CI reads: "N passed, N failed[, N skipped]".
"use strict";
const Mocha = require("mocha");

class DotWithSummary extends Mocha.reporters.Dot {
  constructor(runner, options) {
    super(runner, options);
    runner.once("end", () => {
      const s = this.stats;
      console.log(
        `policy-pack: ${s.passes} passed, ${s.failures} failed${s.pending ? `, ${s.pending} skipped` : ""}`,
      );
    });
  }
}

module.exports = DotWithSummary;

// Mocha's spec reporter plus the plain closing line CI reads: "N passed, N failed[, N skipped]".
// (policy-pack/ has its own: the pack is published alone and cannot import from the root.)
"use strict";
const Mocha = require("mocha");

class SpecWithSummary extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once("end", () => {
      const { passes, failures, pending } = this.stats;
      console.log(
        `program: ${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ""}`,
      );
    });
  }
}

module.exports = SpecWithSummary;

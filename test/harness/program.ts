/**
 * The run-under-mocks harness now lives in lib/mock-run/program.ts (shared with the checklist CLI);
 * this file keeps the tests' import path.
 */
export * from "../../lib/mock-run/program";

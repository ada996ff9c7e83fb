/**
 * The run-under-mocks harness now lives in tools/simulate/program.ts (shared with the checklist CLI);
 * this file keeps the tests' import path.
 */
export * from "../../tools/simulate/program";

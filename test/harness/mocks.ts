/**
 * The mocks now live in tools/simulate/mocks.ts (the checklist CLI runs the program under the same
 * mocks, and a CLI must not import from test/). Append new `computed` / `mockCalls` entries there.
 */
export * from "../../tools/simulate/mocks";

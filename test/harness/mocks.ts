/**
 * The mocks now live in lib/mock-run/mocks.ts (the checklist CLI runs the program under the same
 * mocks, and a CLI must not import from test/). Append new `computed` / `mockCalls` entries there.
 */
export * from "../../lib/mock-run/mocks";

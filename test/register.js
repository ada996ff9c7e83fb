// Tests load TypeScript through ts-node with SWC: no type checking here (`npm run lint` does that),
// and about ten times faster than ts-node's TypeScript transpiler on this suite.
require("ts-node").register({ swc: true });

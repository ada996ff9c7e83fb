// The pack's one meaning of "the internet", a port range and a security-group rule, as the root
// program, its config validation and its tools import it (package.json `exports["./semantics"]`):
// whatever the pack judges, the program builds and the checklist reports by the same rules.
export * from "./cidr";
export * from "./ports";
export * from "./sg-rules";

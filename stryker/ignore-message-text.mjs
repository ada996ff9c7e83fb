// StrykerJS ignorer: mutants that can only change the wording of a message are not counted.
//
// A violation, a config problem or a warning must be raised (or not) for the right reason; that is
// what the tests pin and what the mutation score measures. The sentence itself is checked by the
// message tests (control ID and fix named), not by mutation: a mutant that empties the text of a
// `report(...)` call still reports, so it would survive any test that does not compare whole
// sentences, and counting it would hide the mutants that matter. Excluding every StringLiteral
// mutant instead (`mutator.excludedMutations`) would be too broad: a rule that returns its message
// (config/rules.ts) fails open when the message becomes "", and type tokens, policy names, enforcement
// levels and protocol names are string literals too.
//
// Ignored (the node and everything in it):
// - the first argument of `report(...)` (a policy's ReportViolation);
// - the arguments of `warnings.push(...)` (config warnings, printed and never parsed);
// - the first argument of `new ...Error(...)`;
// - the value of an object property named `message` (config issues: `{ key, message }`),
//   `description` (a policy's or a config field's documentation) or `what` (the name a table
//   entry goes by in messages, e.g. "RDS cluster").
// Anything else that is only wording is marked in the source with
// `// Stryker disable next-line <mutator>: message text`.
import { declareValuePlugin, PluginKind } from "@stryker-mutator/api/plugin";

const TEXT_PROPERTIES = new Set(["message", "description", "what"]);

function propertyName(node) {
  if (node.computed) {
    return undefined;
  }
  if (node.key.type === "Identifier") {
    return node.key.name;
  }
  return node.key.type === "StringLiteral" ? node.key.value : undefined;
}

function calleeName(callee) {
  if (callee.type === "Identifier") {
    return callee.name;
  }
  if (callee.type === "MemberExpression" && !callee.computed) {
    const object = callee.object.type === "Identifier" ? callee.object.name : "";
    return `${object}.${callee.property.name}`;
  }
  return "";
}

export const messageTextIgnorer = {
  shouldIgnore(path) {
    const parent = path.parentPath;
    if (!parent) {
      return undefined;
    }
    if (parent.isObjectProperty() && path.key === "value") {
      const name = propertyName(parent.node);
      return TEXT_PROPERTIES.has(name) ? `${name} text` : undefined;
    }
    if (path.listKey !== "arguments") {
      return undefined;
    }
    if (parent.isCallExpression()) {
      const name = calleeName(parent.node.callee);
      if (name === "report" && path.key === 0) {
        return "violation message text";
      }
      if (name === "warnings.push") {
        return "config warning text";
      }
    }
    if (
      parent.isNewExpression() &&
      path.key === 0 &&
      /Error$/.test(calleeName(parent.node.callee))
    ) {
      return "error message text";
    }
    return undefined;
  },
};

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, "message-text", messageTextIgnorer),
];

/**
 * `bash -n` on a rendered script, and on every script it writes through a quoted heredoc (the outer
 * `bash -n` never parses a heredoc's body). EC2 runs user data once, at first boot: a syntax error
 * there is found only on a live instance, so every rendered script is parsed here.
 */
import { spawnSync } from "child_process";

/** The bodies of `cat > <path> <<'__DC_EOF__'` heredocs whose body starts with a bash shebang. */
export function embeddedBashScripts(script: string): { path: string; body: string }[] {
  const found: { path: string; body: string }[] = [];
  const heredoc = /^cat > (\S+) <<'__DC_EOF__'\n([\s\S]*?)\n__DC_EOF__$/gm;
  for (const match of script.matchAll(heredoc)) {
    if (match[2].startsWith("#!/bin/bash")) {
      found.push({ path: match[1], body: match[2] });
    }
  }
  return found;
}

/** bash's complaint about `script`, or undefined when it parses. */
export function bashSyntaxError(script: string): string | undefined {
  const result = spawnSync("bash", ["-n"], { input: script, encoding: "utf8" });
  if (result.error) {
    throw result.error;
  }
  return result.status === 0
    ? undefined
    : result.stderr.trim() || `bash -n exited ${result.status}`;
}

/** Every syntax error in the script and in the bash scripts it writes, labelled by where it is. */
export function allBashSyntaxErrors(script: string): string[] {
  return [{ path: "user data", body: script }, ...embeddedBashScripts(script)].flatMap(
    ({ path, body }) => {
      const error = bashSyntaxError(body);
      return error ? [`${path}: ${error}`] : [];
    },
  );
}

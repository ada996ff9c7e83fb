/**
 * Child process for test/components/sandbox-quarantine.test.ts: runs the sandbox program with one
 * disagreement between decision-control:quarantine and the incident command's tag, and prints the
 * error the program fails with. A separate process because, under the SDK's mocks, a failed input
 * leaves the run waiting forever (the real engine reports the unhandled rejection and stops, as
 * this script does).
 * Usage: node -r ./test/register.js <this file> <quarantine true|false> <isolated instance ids, comma separated>
 */
import { runWithIsolatedInstances } from "../harness/isolated-instance";

const [quarantine, ids = ""] = process.argv.slice(2);
process.on("unhandledRejection", (error: unknown) => {
  console.log(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(3);
});
void runWithIsolatedInstances(ids.split(",").filter(Boolean), {
  quarantine: quarantine === "true",
}).then(({ run }) => {
  console.log(`COMPLETED: ${run.error?.message ?? "no error"}`);
  process.exit(0);
});

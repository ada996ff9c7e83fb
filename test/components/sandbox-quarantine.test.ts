import { strict as assert } from "assert";
import { execFile } from "child_process";
import * as path from "path";
import {
  interfaceSecurityGroups,
  QuarantineMismatchError,
  QuarantineState,
} from "../../components/app/quarantine";
import { GET_INSTANCES, runWithIsolatedInstances } from "../harness/isolated-instance";
import { ProgramRun, ROOT } from "../harness/program";

const NAME = "decision-control-sandbox-app";
const INSTANCE = "i-0123456789abcdef0";
const T = {
  eni: "aws:ec2/networkInterface:NetworkInterface",
  instance: "aws:ec2/instance:Instance",
};

/** A valid baseline: not quarantined, not isolated by the command. */
const state = (overrides: Partial<QuarantineState> = {}): QuarantineState => ({
  name: NAME,
  quarantine: false,
  isolatedByCommand: [],
  appSecurityGroupId: "sg-app",
  quarantineSecurityGroupId: "sg-quarantine",
  ...overrides,
});

/** Runs the sandbox program in a child process and returns what it printed (see the child). */
function runChild(quarantine: boolean, isolated: string[]): Promise<{ code: number; out: string }> {
  const child = path.join(__dirname, "quarantine-mismatch.child.ts");
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["-r", path.join(ROOT, "test", "register.js"), child, String(quarantine), isolated.join(",")],
      { cwd: ROOT, timeout: 120_000 },
      (error, stdout) =>
        resolve({ code: (error as { code?: number } | null)?.code ?? 0, out: stdout }),
    );
  });
}

describe("IR-1: the sandbox program agrees with the isolate command", () => {
  describe("interfaceSecurityGroups (pure)", () => {
    it("IR-1: not quarantined and not isolated: the app group", () => {
      assert.deepEqual(interfaceSecurityGroups(state()), ["sg-app"]);
    });

    it("IR-1: quarantined after the command isolated the instance: the quarantine group only", () => {
      assert.deepEqual(
        interfaceSecurityGroups(state({ quarantine: true, isolatedByCommand: [INSTANCE] })),
        ["sg-quarantine"],
      );
    });

    it("IR-1: quarantine without the command is refused: a one-step swap leaves tracked connections open", () => {
      assert.throws(
        () => interfaceSecurityGroups(state({ quarantine: true })),
        (error: unknown) =>
          error instanceof QuarantineMismatchError &&
          error.message.includes("decision-control:quarantine is true") &&
          error.message.includes('"npm run incident -- isolate"') &&
          error.message.includes("tracked connections open"),
      );
    });

    it("IR-1: an update that would undo the command's isolation is refused and names the key to set", () => {
      assert.throws(
        () => interfaceSecurityGroups(state({ isolatedByCommand: [INSTANCE] })),
        (error: unknown) =>
          error instanceof QuarantineMismatchError &&
          error.message.includes(`instance ${INSTANCE} was isolated`) &&
          error.message.includes("Set decision-control:quarantine to true"),
      );
    });
  });

  describe("in the program", () => {
    let normal: { run: ProgramRun; asked: Record<string, unknown>[] };
    before(async () => {
      normal = await runWithIsolatedInstances([], {});
      assert.equal(normal.run.error, undefined, normal.run.error?.message);
    });

    it(`IR-1: asks the provider (${GET_INSTANCES}) for live instances of this name tagged Quarantine=true`, () => {
      assert.deepEqual(normal.asked, [
        {
          instanceTags: { Name: NAME, Quarantine: "true" },
          instanceStateNames: ["pending", "running", "stopping", "stopped"],
        },
      ]);
    });

    it("IR-1: the isolate command's tags on the instance survive a refresh and an update (evidence)", () => {
      const instance = normal.run.ofType(T.instance)[0];
      assert.deepEqual(instance.ignoreChanges, [
        "tags.Quarantine",
        "tags.QuarantineReason",
        "tags.QuarantineTime",
      ]);
    });

    it("IR-1: with quarantine set after the command ran, the interface is declared in the quarantine group", async () => {
      const { run } = await runWithIsolatedInstances([INSTANCE], { quarantine: true });
      assert.equal(run.error, undefined, run.error?.message);
      const eni = run.ofType(T.eni)[0];
      assert.deepEqual(eni.inputs.securityGroups, [run.outputs.quarantineSecurityGroupId]);
    });

    it("IR-1: both disagreements stop the update with the error naming the fix (run as the engine would, in a child process)", async () => {
      const [undo, swapOnly] = await Promise.all([runChild(false, [INSTANCE]), runChild(true, [])]);
      assert.equal(undo.code, 3, undo.out);
      assert.match(undo.out, /FAILED: .*QuarantineMismatchError|FAILED: .*was isolated by/);
      assert.match(undo.out, /Set decision-control:quarantine to true/);
      assert.equal(swapOnly.code, 3, swapOnly.out);
      assert.match(swapOnly.out, /decision-control:quarantine is true, but no live instance/);
    });
  });
});

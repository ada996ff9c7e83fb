/**
 * IR-1: runs the program while the provider reports the sandbox instance as isolated by the
 * incident command (tagged Quarantine=true), and records what the program asked for.
 */
import { mockCalls, State } from "../../tools/simulate/mocks";
import { ConfigOverrides, ProgramRun, runProgram, StackName } from "../../tools/simulate/program";

export const GET_INSTANCES = "aws:ec2/getInstances:getInstances";

export async function runWithIsolatedInstances(
  isolatedIds: readonly string[],
  overrides: ConfigOverrides,
  stack: StackName = "sandbox",
  stackName?: string,
): Promise<{ run: ProgramRun; asked: State[] }> {
  const original = mockCalls[GET_INSTANCES];
  const asked: State[] = [];
  mockCalls[GET_INSTANCES] = (inputs) => {
    asked.push(inputs);
    return { ...original(inputs), ids: [...isolatedIds] };
  };
  try {
    return { run: await runProgram(stack, overrides, { stackName }), asked };
  } finally {
    mockCalls[GET_INSTANCES] = original;
  }
}

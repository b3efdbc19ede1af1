/** run-smoke-tests and check-smoke-tests: the smoke test commands through SSM Run Command, polled until they end. */
import { SmokeTestFailedError } from './errors.ts';
import type { RunCommandPort } from './ports.ts';

const RUNNING = new Set(['Pending', 'InProgress', 'Delayed']);
const EXCERPT = 600;

export async function runSmokeTests(
  input: { instanceId: string; region: string; commands: string[]; timeoutSeconds: number; documentName?: string },
  deps: { commands: RunCommandPort },
): Promise<{ commandId: string; instanceId: string; region: string }> {
  const commandId = await deps.commands.send(input.region, {
    instanceId: input.instanceId,
    documentName: input.documentName ?? 'AWS-RunShellScript',
    commands: input.commands,
    timeoutSeconds: input.timeoutSeconds,
    comment: 'Goldsmith smoke tests',
  });
  return { commandId, instanceId: input.instanceId, region: input.region };
}

export async function checkSmokeTests(
  input: { commandId: string; instanceId: string; region: string },
  deps: { commands: RunCommandPort },
): Promise<{ commandId: string; instanceId: string; region: string; done: boolean; status: string }> {
  const invocation = await deps.commands.invocation(input.region, input.commandId, input.instanceId);
  // Just after SendCommand the invocation may not exist yet.
  const status = invocation?.status ?? 'Pending';
  if (status === 'Success') return { ...input, done: true, status };
  if (RUNNING.has(status)) return { ...input, done: false, status };
  const detail = (invocation?.error || invocation?.output || '').trim().slice(-EXCERPT);
  throw new SmokeTestFailedError(input.commandId, input.instanceId, status, detail || undefined);
}

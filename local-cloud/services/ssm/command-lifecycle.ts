import type { CloudRuntime } from '../../cloud.ts';
import type { RegionalStore } from '../../service.ts';
import { simulatedStdout } from './command-outcome.ts';
import type { CommandRecord, CommandStatus, InvocationRecord, SsmState } from './store.ts';

/** Simulated time for the agent to pick up a command (Pending → InProgress). */
export const DELIVERY_MS = 1_000;
/** Simulated time a script runs before it ends (InProgress → Success or Failed). */
export const EXECUTION_MS = 2_000;
/** Simulated time for the agent to stop a cancelled command (Cancelling → Cancelled). */
export const CANCEL_MS = 1_000;

type Scope = { accountId: string; region: string };

const ACTIVE: CommandStatus[] = ['Pending', 'InProgress', 'Cancelling'];

export const isActive = (status: CommandStatus) => ACTIVE.includes(status);

/** The command's status follows its invocations: any still running keeps it running; otherwise the worst result wins. */
function aggregate(command: CommandRecord): { status: CommandStatus; details: string } {
  const statuses = command.invocations.map((i) => i.status);
  if (statuses.length === 0) return { status: command.status, details: command.statusDetails };
  if (statuses.includes('Cancelling')) return { status: 'Cancelling', details: 'Cancelling' };
  if (statuses.every((s) => s === 'Pending')) return { status: 'Pending', details: 'Pending' };
  if (statuses.some((s) => s === 'Pending' || s === 'InProgress')) return { status: 'InProgress', details: 'InProgress' };
  if (statuses.every((s) => s === 'Success')) return { status: 'Success', details: 'Success' };
  if (statuses.includes('Failed')) return { status: 'Failed', details: 'Failed' };
  if (statuses.includes('TimedOut')) return { status: 'TimedOut', details: 'ExecutionTimedOut' };
  return { status: 'Cancelled', details: 'Cancelled' };
}

const iso = (ms: number) => new Date(ms).toISOString();
const instanceArn = (scope: Scope, instanceId: string) => `arn:aws:ec2:${scope.region}:${scope.accountId}:instance/${instanceId}`;

// Linux agents report a script stopped by a timeout as killed (128 + SIGKILL); Windows agents report -1.
const stoppedExitCode = (command: CommandRecord) => (command.pluginName === 'aws:runPowerShellScript' ? -1 : 137);

/** Moves Run Command invocations through Pending → InProgress → a final status on the simulated clock. */
export class CommandLifecycle {
  private readonly cloud: CloudRuntime;
  private readonly store: RegionalStore<SsmState>;

  constructor(cloud: CloudRuntime, store: RegionalStore<SsmState>) {
    this.cloud = cloud;
    this.store = store;
  }

  /** Starts a freshly sent command: each invocation is delivered after DELIVERY_MS. */
  start(scope: Scope, command: CommandRecord): void {
    this.emitCommand(scope, command);
    for (const invocation of command.invocations) {
      this.emitInvocation(scope, command, invocation);
      this.arm(scope, command.commandId, invocation);
    }
  }

  /** Re-arms every step still due, after state was restored from disk. */
  resume(): void {
    for (const { accountId, region, state } of this.store.entries())
      for (const command of state.commands) for (const invocation of command.invocations) this.arm({ accountId, region }, command.commandId, invocation);
  }

  cancel(scope: Scope, command: CommandRecord, instanceIds: string[] | undefined): void {
    const now = this.cloud.clock.now();
    for (const invocation of command.invocations) {
      if (instanceIds && !instanceIds.includes(invocation.instanceId)) continue;
      if (invocation.status !== 'Pending' && invocation.status !== 'InProgress') continue;
      invocation.status = 'Cancelling';
      invocation.statusDetails = 'Cancelling';
      invocation.nextAt = now + CANCEL_MS;
      this.emitInvocation(scope, command, invocation);
      this.arm(scope, command.commandId, invocation);
    }
    this.refresh(scope, command);
  }

  private arm(scope: Scope, commandId: string, invocation: InvocationRecord): void {
    const at = invocation.nextAt;
    if (at === undefined) return;
    this.cloud.clock.setTimeout(() => this.step(scope, commandId, invocation.instanceId, at), Math.max(0, at - this.cloud.clock.now()));
  }

  private step(scope: Scope, commandId: string, instanceId: string, at: number): void {
    const command = this.store.get(scope.accountId, scope.region).commands.find((c) => c.commandId === commandId);
    const invocation = command?.invocations.find((i) => i.instanceId === instanceId);
    // A reset, or a cancel that rescheduled the invocation, makes this step stale.
    if (!command || !invocation || invocation.nextAt !== at) return;
    // Steps happen at their scheduled time, so durations are exact even when a real timer fires late.
    const now = at;
    invocation.nextAt = undefined;
    if (invocation.status === 'Pending') {
      invocation.status = 'InProgress';
      invocation.statusDetails = 'InProgress';
      invocation.startedAt = now;
      invocation.nextAt = now + (invocation.outcome.status === 'TimedOut' ? command.executionTimeoutSeconds * 1000 : EXECUTION_MS);
    } else if (invocation.status === 'InProgress') {
      this.finish(command, invocation, now);
    } else if (invocation.status === 'Cancelling') {
      invocation.status = 'Cancelled';
      invocation.statusDetails = 'Cancelled';
      invocation.responseCode = -1;
      invocation.finishedAt = now;
    }
    this.emitInvocation(scope, command, invocation);
    this.refresh(scope, command);
    this.arm(scope, commandId, invocation);
  }

  private finish(command: CommandRecord, invocation: InvocationRecord, now: number): void {
    const { status, output } = invocation.outcome;
    invocation.finishedAt = now;
    invocation.status = status;
    if (status === 'Success') {
      invocation.statusDetails = 'Success';
      invocation.responseCode = 0;
      invocation.stdout = output ?? simulatedStdout(command.parameters.commands ?? []);
      return;
    }
    const exitCode = status === 'Failed' ? 1 : stoppedExitCode(command);
    invocation.statusDetails = status === 'Failed' ? 'Failed' : 'ExecutionTimedOut';
    invocation.responseCode = exitCode;
    invocation.stdout = '';
    invocation.stderr = `${output ? `${output}\n` : ''}failed to run commands: exit status ${exitCode}`;
  }

  private refresh(scope: Scope, command: CommandRecord): void {
    const { status, details } = aggregate(command);
    if (status === command.status && details === command.statusDetails) return;
    command.status = status;
    command.statusDetails = details;
    this.emitCommand(scope, command);
  }

  private emitCommand(scope: Scope, command: CommandRecord): void {
    this.cloud.emitEvent({
      source: 'aws.ssm',
      'detail-type': 'EC2 Command Status-change Notification',
      detail: {
        'command-id': command.commandId,
        'document-name': command.documentName,
        'expire-after': iso(command.expiresAfter),
        parameters: command.parameters,
        'requested-date-time': iso(command.requestedAt),
        status: command.status,
      },
      resources: command.invocations.map((i) => instanceArn(scope, i.instanceId)),
      account: scope.accountId,
      region: scope.region,
    });
  }

  private emitInvocation(scope: Scope, command: CommandRecord, invocation: InvocationRecord): void {
    this.cloud.emitEvent({
      source: 'aws.ssm',
      'detail-type': 'EC2 Command Invocation Status-change Notification',
      detail: {
        'command-id': command.commandId,
        'document-name': command.documentName,
        'instance-id': invocation.instanceId,
        'requested-date-time': iso(command.requestedAt),
        status: invocation.status,
      },
      resources: [instanceArn(scope, invocation.instanceId)],
      account: scope.accountId,
      region: scope.region,
    });
  }
}

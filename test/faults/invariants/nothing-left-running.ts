/**
 * Once a scenario comes to rest nothing is left running: no test instance, no open task token, no idempotency
 * record in progress, no instance refresh or smoke test command still active, no release recorded as running
 * after its execution ended, no notification claim left 'sending' (a later retry would send it again).
 */
import type { Invariant } from './invariant.ts';

const ACTIVE_REFRESH = new Set(['Pending', 'InProgress', 'Cancelling', 'RollbackInProgress', 'Baking']);
const ACTIVE_COMMAND = new Set(['Pending', 'InProgress', 'Delayed', 'Cancelling']);

export const nothingLeftRunning: Invariant = {
  name: 'nothing-left-running',
  contract: 'DESIGN §5.3, §5.5',
  check(history) {
    const problems: string[] = [];
    for (const instance of history.instances) {
      if (instance.launchedByClient && instance.state !== 'terminated' && instance.state !== 'shutting-down')
        problems.push(`test instance ${instance.instanceId} is still ${instance.state}`);
    }
    for (const token of history.openTaskTokens) problems.push(`a task token of ${token} is still open`);
    for (const item of history.tables.idempotency) {
      if (item.status === 'INPROGRESS') problems.push(`idempotency record ${String(item.id)} is still in progress`);
    }
    const executions = new Map(history.executions.map((e) => [e.name, e]));
    for (const item of history.tables.release) {
      const execution = executions.get(String(item.releaseId ?? ''));
      if (item.kind === 'release' && item.status === 'running' && execution && execution.status !== 'RUNNING')
        problems.push(`release ${execution.name} is recorded as running, but its execution ${execution.status}`);
      if (item.kind === 'notification' && item.status === 'sending')
        problems.push(`notification ${String(item.pk)} ${String(item.sk)} is still claimed as 'sending': it was never marked sent`);
    }
    for (const refresh of history.refreshes)
      if (ACTIVE_REFRESH.has(refresh.status)) problems.push(`instance refresh ${refresh.id} of ${refresh.group} is still ${refresh.status}`);
    for (const command of history.commands) {
      for (const invocation of command.invocations)
        if (ACTIVE_COMMAND.has(invocation.status)) problems.push(`command ${command.commandId} on ${invocation.instanceId} is still ${invocation.status}`);
    }
    return problems;
  },
};

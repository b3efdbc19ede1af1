/**
 * The same workflow with polling waits, for the cost and latency comparison: every task-token wait that
 * reconciles on timeout (Wait For Image, Wait For Refresh) becomes a Wait state of `pollSeconds` in front of
 * its reconcile task, so the release polls GetImage / DescribeInstanceRefreshes instead of waiting on events.
 * Everything else (validation, publication, rollout, notifications) stays as deployed, so the difference
 * between the two runs is the waiting design alone.
 */

type Json = Record<string, unknown>;
interface StateSet {
  States: Record<string, Json>;
}

const TOKEN_WAIT = /\.waitForTaskToken$/;

export interface PollingVariant {
  definition: Json;
  /** The token waits replaced, by name. */
  replaced: string[];
}

export function pollingVariant(definition: Json, pollSeconds = 60): PollingVariant {
  const replaced: string[] = [];
  const copy = structuredClone(definition);
  rewrite(copy as unknown as StateSet, pollSeconds, replaced);
  return { definition: copy, replaced };
}

function rewrite(machine: StateSet, pollSeconds: number, replaced: string[]): void {
  for (const [name, state] of Object.entries(machine.States)) {
    for (const nested of nestedMachines(state)) rewrite(nested, pollSeconds, replaced);
    const reconcile = reconcileTarget(machine, name, state);
    if (!reconcile) continue;
    machine.States[name] = {
      Type: 'Wait',
      Comment: `Polling variant of the task-token wait '${name}': waits ${pollSeconds} s, then polls with '${reconcile}'.`,
      Seconds: pollSeconds,
      Next: reconcile,
    };
    replaced.push(name);
  }
}

/**
 * The reconcile task of a token wait: the Task its States.Timeout catcher leads to, whose Choice loops back to
 * the wait. A token wait without such a loop (an approval) is a wait on a person, not on AWS, and stays.
 */
function reconcileTarget(machine: StateSet, name: string, state: Json): string | undefined {
  if (state.Type !== 'Task' || typeof state.Resource !== 'string' || !TOKEN_WAIT.test(state.Resource)) return undefined;
  const catchers = (state.Catch ?? []) as Array<{ ErrorEquals: string[]; Next: string }>;
  const onTimeout = catchers.find((c) => c.ErrorEquals.includes('States.Timeout'))?.Next;
  const reconcile = onTimeout ? machine.States[onTimeout] : undefined;
  if (reconcile?.Type !== 'Task' || typeof reconcile.Next !== 'string') return undefined;
  const choice = machine.States[reconcile.Next];
  if (choice?.Type !== 'Choice') return undefined;
  const targets = [choice.Default, ...((choice.Choices ?? []) as Array<{ Next?: string }>).map((c) => c.Next)];
  return targets.includes(name) ? onTimeout : undefined;
}

function nestedMachines(state: Json): StateSet[] {
  const nested: StateSet[] = [];
  for (const key of ['ItemProcessor', 'Iterator'] as const) if (state[key]) nested.push(state[key] as StateSet);
  for (const branch of (state.Branches ?? []) as StateSet[]) nested.push(branch);
  return nested;
}

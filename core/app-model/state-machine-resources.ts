import { functionNameOf, type Workflow, workflows } from '../../statemachines/index.ts';
import type { RoleResource, StateMachineResource, Tags } from './app-model.ts';
import { ref, type Value } from './references.ts';
import { boundedName, NAME_LIMITS } from './resource-names.ts';

export const STATE_MACHINE_ROLE = 'state-machines';

/** What the state machines call: functions, child executions (`.sync:2` needs the managed rule), Goldsmith's events. */
const STATE_MACHINE_ACTIONS = [
  'lambda:InvokeFunction',
  'states:StartExecution',
  'states:DescribeExecution',
  'states:StopExecution',
  'events:PutTargets',
  'events:PutRule',
  'events:DescribeRule',
  'events:PutEvents',
] as const;

export class UnknownSubstitutionError extends Error {
  constructor(workflow: string, key: string) {
    super(
      `statemachines/${workflow}: the substitution \${${key}} names no function, state machine or bus the app model knows. Name functions <VerbNoun>FunctionArn, workflows <Name>StateMachineArn.`,
    );
    this.name = 'UnknownSubstitutionError';
  }
}

/** `RolloutWaveStateMachineArn` → `rollout-wave`. */
export function workflowNameOf(key: string): string | undefined {
  const match = /^([A-Z][A-Za-z]+)StateMachineArn$/.exec(key);
  return match?.[1].replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
}

function substitutionValue(workflow: Workflow, key: string, eventBusName: string): Value {
  const fn = functionNameOf(key);
  if (fn) return ref('function', fn);
  const machine = workflowNameOf(key);
  if (machine && workflows.some((w) => w.name === machine)) return ref('stateMachine', machine);
  if (key === 'EventBusName') return eventBusName;
  throw new UnknownSubstitutionError(workflow.file, key);
}

/** Each workflow of statemachines/index.ts, its `${Key}`s filled with references, in dependency order. */
export function stateMachineResources(options: { prefix: string; tags: Tags; eventBusName: string }): {
  stateMachines: StateMachineResource[];
  roles: RoleResource[];
} {
  const stateMachines = workflows.map(
    (workflow): StateMachineResource => ({
      key: workflow.name,
      name: boundedName(options.prefix, workflow.name, NAME_LIMITS.stateMachine),
      definitionFile: `statemachines/${workflow.file}`,
      substitutions: Object.fromEntries(workflow.substitutions.map((key) => [key, substitutionValue(workflow, key, options.eventBusName)])),
      type: 'STANDARD',
      role: ref('role', STATE_MACHINE_ROLE),
      tags: options.tags,
    }),
  );
  const role: RoleResource = {
    key: STATE_MACHINE_ROLE,
    name: boundedName(options.prefix, STATE_MACHINE_ROLE, NAME_LIMITS.role),
    principal: 'states.amazonaws.com',
    actions: [...STATE_MACHINE_ACTIONS],
    managedPolicyArns: [],
  };
  return { stateMachines, roles: [role] };
}

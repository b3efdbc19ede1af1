import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as contracts from '../../core/release/contracts.ts';
import { functionNameOf } from '../../statemachines/index.ts';

type State = { Type: string; Resource?: string; Parameters?: Record<string, unknown>; InputPath?: string } & Record<string, unknown>;
type Machine = { States: Record<string, State> };

/** What each function takes, as its handler parses it. */
const INPUTS: Record<string, { shape: Record<string, { _zod: { optin?: string } }> }> = {
  'plan-release': contracts.PlanReleaseInput,
  'start-build': contracts.StartBuildInput,
  'wait-for-image': contracts.WaitForImageInput,
  'reconcile-image': contracts.ReconcileImageInput,
  'gate-findings': contracts.GateFindingsInput,
  'launch-test-instance': contracts.LaunchTestInstanceInput,
  'check-test-instance': contracts.CheckTestInstanceInput,
  'run-smoke-tests': contracts.RunSmokeTestsInput,
  'check-smoke-tests': contracts.CheckSmokeTestsInput,
  'terminate-test-instances': contracts.TerminateTestInstancesInput,
  'reject-image': contracts.RejectImageInput,
  'request-approval': contracts.RequestApprovalInput,
  'publish-channel': contracts.PublishChannelInput,
  'verify-channel': contracts.VerifyChannelInput,
  'notify-release': contracts.NotifyInput,
  'retire-images': contracts.RetireImagesInput,
  'release-lock': contracts.ReleaseLockInput,
  'roll-launch-templates': contracts.RollLaunchTemplatesInput,
  'start-refresh': contracts.StartRefreshInput,
  'wait-for-refresh': contracts.WaitForRefreshInput,
  'reconcile-refresh': contracts.ReconcileRefreshInput,
  'restore-launch-templates': contracts.RestoreLaunchTemplatesInput,
};

function* tasks(machine: Machine): Generator<[string, State]> {
  for (const [name, state] of Object.entries(machine.States)) {
    if (state.Type === 'Task') yield [name, state];
    for (const branch of (state.Branches as Machine[] | undefined) ?? []) yield* tasks(branch);
    if (state.ItemProcessor) yield* tasks(state.ItemProcessor as Machine);
  }
}

/** The function a Task calls, and the fields it hands it (Payload for `.waitForTaskToken`). */
function call(state: State): { fn: string; fields?: string[] } | undefined {
  const direct = /^\$\{([A-Za-z]+)\}$/.exec(state.Resource ?? '');
  const viaInvoke = /^\$\{([A-Za-z]+)\}$/.exec(String(state.Parameters?.FunctionName ?? ''));
  const key = direct?.[1] ?? viaInvoke?.[1];
  const fn = key && functionNameOf(key);
  if (!fn) return undefined;
  const parameters = (viaInvoke ? state.Parameters?.Payload : state.Parameters) as Record<string, unknown> | undefined;
  return { fn, fields: parameters && Object.keys(parameters).map((k) => k.replace(/\.\$$/, '')) };
}

describe('State machines and function contracts', () => {
  for (const file of ['release.asl.json', 'rollout-wave.asl.json']) {
    it(`hands every function of ${file} exactly the fields its contract takes`, () => {
      // Prepare
      const machine = JSON.parse(readFileSync(new URL(`../../statemachines/${file}`, import.meta.url), 'utf8')) as Machine;
      for (const [name, state] of tasks(machine)) {
        // Act
        const called = call(state);
        if (!called) continue;
        const schema = INPUTS[called.fn];
        // Assess
        expect(schema, `${name} calls ${called.fn}`).toBeDefined();
        if (!called.fields) {
          expect(state.InputPath, `${name} passes its input as it is`).toBeDefined();
          continue;
        }
        const keys = Object.keys(schema.shape);
        const required = keys.filter((k) => schema.shape[k]._zod.optin !== 'optional');
        for (const field of called.fields) expect(keys, `${name} passes '${field}' to ${called.fn}`).toContain(field);
        for (const field of required) expect(called.fields, `${name} omits '${field}' that ${called.fn} requires`).toContain(field);
      }
    });
  }
});

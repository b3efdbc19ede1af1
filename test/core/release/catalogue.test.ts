import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FUNCTION_DEFAULTS } from '../../../core/app-model/function-resources.ts';
import { functions } from '../../../core/release/catalogue.ts';
import { PUT_RETRY_DELAYS } from '../../../core/release/publish-channel.ts';
import { functionNameOf, workflows } from '../../../statemachines/index.ts';

describe('Catalogue: release functions', () => {
  it('lists every function a workflow calls, under the workflow that calls it', () => {
    for (const workflow of workflows) {
      const called = workflow.substitutions.map(functionNameOf).filter((n): n is string => Boolean(n));
      for (const name of called) {
        const spec = functions.find((f) => f.name === name);
        expect(spec, `${workflow.name} calls ${name}, which the catalogue does not list`).toBeDefined();
        expect(spec?.triggers).toContainEqual({ kind: 'state-machine', workflow: workflow.name });
      }
    }
  });

  it('has no state-machine function that its workflow does not call', () => {
    for (const spec of functions) {
      for (const trigger of spec.triggers) {
        if (trigger.kind !== 'state-machine') continue;
        const workflow = workflows.find((w) => w.name === trigger.workflow);
        expect(workflow?.substitutions.map(functionNameOf), `${spec.name}`).toContain(spec.name);
      }
    }
  });

  it('names functions in kebab-case verb-noun, once each, with scoped actions only', () => {
    const names = functions.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (const spec of functions) {
      expect(spec.name).toMatch(/^[a-z]+(-[a-z]+)+$/);
      for (const action of spec.actions) expect(action).toMatch(/^[a-z0-9-]+:[A-Za-z]+$/);
    }
  });
});

describe('Catalogue: function timeouts', () => {
  const tasks = (file: string) => {
    const found: Array<{ key: string; timeout?: number }> = [];
    const walk = (states: Record<string, Record<string, unknown>>) => {
      for (const state of Object.values(states)) {
        const key = /\$\{([A-Za-z]+FunctionArn)\}/.exec(
          JSON.stringify(state.Resource ?? (state.Parameters as { FunctionName?: string })?.FunctionName ?? ''),
        )?.[1];
        if (state.Type === 'Task' && key) found.push({ key, timeout: state.TimeoutSeconds as number | undefined });
        for (const branch of (state.Branches as Array<{ States: typeof states }>) ?? []) walk(branch.States);
        if (state.ItemProcessor) walk((state.ItemProcessor as { States: typeof states }).States);
      }
    };
    walk(JSON.parse(readFileSync(new URL(`../../../statemachines/${file}`, import.meta.url), 'utf8')).States);
    return found;
  };

  it('gives every function a Lambda timeout within its Tasks, and publish-channel room to wait out an earlier put', () => {
    // Prepare
    const lambdaTimeout = (name: string) => functions.find((f) => f.name === name)?.timeoutSeconds ?? FUNCTION_DEFAULTS.timeoutSeconds;
    const waitsSeconds = PUT_RETRY_DELAYS.reduce((sum, ms) => sum + ms, 0) / 1000;
    // Act
    const all = workflows.flatMap((w) => tasks(w.file));
    // Assess
    for (const task of all.filter((t) => t.timeout !== undefined)) {
      const name = functionNameOf(task.key) as string;
      expect(lambdaTimeout(name), `${name}: its Task times out after ${task.timeout} s`).toBeLessThanOrEqual(task.timeout as number);
    }
    expect(lambdaTimeout('publish-channel')).toBeGreaterThan(waitsSeconds + 5);
  });
});

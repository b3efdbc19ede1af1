import { describe, expect, it } from 'vitest';
import { functions } from '../../../core/release/catalogue.ts';
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

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import aslValidator from 'asl-validator';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppModel } from '../../core/app-model/index.ts';
import { substitute } from '../../statemachines/index.ts';
import { exampleModel, ROOT, type SynthesizedApp, synthesizedApp } from './synthesized-app.ts';
import { NAME_PROPERTY, referencedResource, resourceWith } from './template-queries.ts';

const ARN_FORMATS: Record<string, (name: string) => string> = {
  'AWS::Lambda::Function': (name) => `arn:aws:lambda:eu-central-1:123456789012:function:${name}`,
  'AWS::StepFunctions::StateMachine': (name) => `arn:aws:states:eu-central-1:123456789012:stateMachine:${name}`,
};

describe('Stack: Release state machines', () => {
  let app: SynthesizedApp;
  let model: AppModel;
  beforeAll(async () => {
    app = await synthesizedApp();
    ({ model } = await exampleModel());
  }, 240_000);

  it('deploys each ASL file unchanged, with a substitution for every placeholder it has', () => {
    for (const machine of model.stateMachines) {
      // Prepare
      const file = readFileSync(join(ROOT, machine.definitionFile), 'utf8');
      const { properties } = resourceWith(app, 'AWS::StepFunctions::StateMachine', 'StateMachineName', machine.name);
      // Act
      const keys = [...new Set([...file.matchAll(/\$\{([A-Za-z0-9]+)\}/g)].map((m) => m[1]))].sort();
      // Assess
      expect(JSON.parse(properties.DefinitionString as string)).toEqual(JSON.parse(file));
      expect(Object.keys(properties.DefinitionSubstitutions as object).sort()).toEqual(keys);
      expect(Object.keys(machine.substitutions).sort()).toEqual(keys);
    }
  });

  it('fills every function and state machine substitution with a Ref or GetAtt of the model resource', () => {
    for (const machine of model.stateMachines) {
      // Prepare
      const { properties } = resourceWith(app, 'AWS::StepFunctions::StateMachine', 'StateMachineName', machine.name);
      const substitutions = properties.DefinitionSubstitutions as Record<string, unknown>;
      for (const [key, value] of Object.entries(machine.substitutions)) {
        // Act
        const target = referencedResource(app, 'Release', substitutions[key]);
        // Assess
        if (typeof value === 'string') {
          expect(substitutions[key]).toBe(value);
          continue;
        }
        expect(target, key).toBeDefined();
        const names = { function: model.functions, stateMachine: model.stateMachines }[value.ref as 'function' | 'stateMachine'];
        expect(target?.properties[NAME_PROPERTY[target.resource.Type]], key).toBe(names.find((r) => r.key === value.name)?.name);
      }
    }
  });

  it('leaves no placeholder after substitution and passes asl-validator', () => {
    for (const machine of model.stateMachines) {
      // Prepare
      const { properties } = resourceWith(app, 'AWS::StepFunctions::StateMachine', 'StateMachineName', machine.name);
      const values = Object.fromEntries(
        Object.entries(properties.DefinitionSubstitutions as Record<string, unknown>).map(([key, value]) => {
          const target = referencedResource(app, 'Release', value);
          return [key, target ? ARN_FORMATS[target.resource.Type](target.properties[NAME_PROPERTY[target.resource.Type]] as string) : (value as string)];
        }),
      );
      // Act
      const definition = substitute(properties.DefinitionString as string, values);
      const { isValid, errorsText } = aslValidator(JSON.parse(definition), { checkArn: true, checkPaths: true });
      // Assess
      expect(definition).not.toMatch(/\$\{/);
      expect(isValid, `${machine.key}: ${errorsText('\n')}`).toBe(true);
    }
  });
});

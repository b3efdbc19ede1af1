import { beforeAll, describe, expect, it } from 'vitest';
import { type AppModel, resourcesOf } from '../../core/app-model/index.ts';
import { exampleModel, type SynthesizedApp, synthesizedApp } from './synthesized-app.ts';
import { NAME_PROPERTY, resourcesOfType } from './template-queries.ts';

/** The CloudFormation type each kind of model resource maps to. */
const TYPE_OF = {
  component: 'AWS::ImageBuilder::Component',
  imageRecipe: 'AWS::ImageBuilder::ImageRecipe',
  infrastructureConfiguration: 'AWS::ImageBuilder::InfrastructureConfiguration',
  distributionConfiguration: 'AWS::ImageBuilder::DistributionConfiguration',
  imagePipeline: 'AWS::ImageBuilder::ImagePipeline',
  function: 'AWS::Lambda::Function',
  stateMachine: 'AWS::StepFunctions::StateMachine',
  rule: 'AWS::Events::Rule',
  schedule: 'AWS::Scheduler::Schedule',
  topic: 'AWS::SNS::Topic',
  table: 'AWS::DynamoDB::Table',
  secret: 'AWS::SecretsManager::Secret',
  queue: 'AWS::SQS::Queue',
  role: 'AWS::IAM::Role',
  instanceProfile: 'AWS::IAM::InstanceProfile',
} as const;

describe('Stacks: agreement with the app model', () => {
  let app: SynthesizedApp;
  let model: AppModel;
  beforeAll(async () => {
    app = await synthesizedApp();
    ({ model } = await exampleModel());
  }, 240_000);

  it('deploys every resource of the model exactly once', () => {
    // Prepare
    const resources = resourcesOf(model);
    // Act
    const counts = resources.map((r) => ({
      resource: `${r.kind} ${r.name}`,
      count: resourcesOfType(app, TYPE_OF[r.kind]).filter((t) => t.properties[NAME_PROPERTY[TYPE_OF[r.kind]]] === r.name).length,
    }));
    // Assess
    expect(resources.length).toBeGreaterThan(40);
    expect(counts.filter((c) => c.count !== 1)).toEqual([]);
  });

  it('deploys nothing of the model’s kinds that the model does not describe', () => {
    for (const [kind, type] of Object.entries(TYPE_OF)) {
      // Prepare
      const names = new Set(
        resourcesOf(model)
          .filter((r) => r.kind === kind)
          .map((r) => r.name),
      );
      // Act
      const extra = resourcesOfType(app, type).filter((t) => !names.has(t.properties[NAME_PROPERTY[type]] as string));
      // Assess
      expect(
        extra.map((e) => `${e.stack}/${e.logicalId}`),
        kind,
      ).toEqual([]);
    }
  });

  it('sizes and names each function as the model does', () => {
    for (const fn of model.functions) {
      // Prepare
      const found = resourcesOfType(app, 'AWS::Lambda::Function').find((f) => f.properties.FunctionName === fn.name);
      // Act
      const settings = found && { memory: found.properties.MemorySize, timeout: found.properties.Timeout, handler: found.properties.Handler };
      // Assess
      expect(settings).toEqual({ memory: fn.memoryMiB, timeout: fn.timeoutSeconds, handler: `${fn.entry.replace(/\.ts$/, '')}.handler` });
    }
  });
});

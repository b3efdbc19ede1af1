import { beforeAll, describe, expect, it } from 'vitest';
import type { AppModel } from '../../core/app-model/index.ts';
import { RELEASE_METRICS } from '../../stacks/Observability.ts';
import { exampleModel, type SynthesizedApp, synthesizedApp } from './synthesized-app.ts';
import { flatten, referencedResource, resourcesOfType } from './template-queries.ts';

describe('Stack: Observability', () => {
  let app: SynthesizedApp;
  let model: AppModel;
  beforeAll(async () => {
    app = await synthesizedApp();
    ({ model } = await exampleModel());
  }, 240_000);

  const alarms = () => resourcesOfType(app, 'AWS::CloudWatch::Alarm').map((a) => ({ ...a, name: a.properties.AlarmName as string }));

  it('alarms on failed releases, timed-out executions, dead letters and every function’s errors', () => {
    // Prepare
    const byName = new Map(alarms().map((a) => [a.name, a.properties]));
    // Act
    const expected = [
      [`${model.prefix}-release-failed`, 'AWS/States', 'ExecutionsFailed'],
      ...model.stateMachines.map((m) => [`${model.prefix}-${m.key}-timed-out`, 'AWS/States', 'ExecutionsTimedOut']),
      ...model.queues.map((q) => [`${model.prefix}-${q.key}-not-empty`, 'AWS/SQS', 'ApproximateNumberOfMessagesVisible']),
      ...model.functions.map((f) => [`${model.prefix}-${f.key}-errors`, 'AWS/Lambda', 'Errors']),
    ];
    // Assess
    expect(byName.size).toBe(expected.length);
    for (const [name, namespace, metric] of expected) {
      expect(byName.get(name), name).toMatchObject({
        Namespace: namespace,
        MetricName: metric,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      });
    }
  });

  it('sends every alarm to Goldsmith’s topic', () => {
    for (const alarm of alarms()) {
      // Prepare
      const actions = alarm.properties.AlarmActions as unknown[];
      // Act
      const topic = referencedResource(app, 'Observability', actions[0]);
      // Assess
      expect(actions).toHaveLength(1);
      expect(flatten(actions[0])).toContain('Topic');
      expect(topic?.properties.TopicName).toBe(model.topics.find((t) => t.key === 'goldsmith')?.name);
    }
  });

  it('graphs the release metrics Goldsmith emits in its namespace', () => {
    // Prepare
    const [dashboard] = resourcesOfType(app, 'AWS::CloudWatch::Dashboard');
    // Act
    const body = flatten(dashboard.properties.DashboardBody);
    // Assess
    for (const metric of Object.values(RELEASE_METRICS.names)) expect(body).toContain(`"${RELEASE_METRICS.namespace}","${metric}","service","goldsmith"`);
    expect(dashboard.properties.DashboardName).toBe(model.prefix);
  });
});

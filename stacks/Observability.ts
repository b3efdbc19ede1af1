import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  Metric,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { StackContext } from 'sst/constructs';
import { GOLDSMITH_TOPIC, POWERTOOLS_ENVIRONMENT } from '../core/app-model/index.ts';
import { useGoldsmith } from './model/goldsmith-app.ts';
import { removeUnusedHandler } from './security/unused-handler.ts';

/** The custom metrics Goldsmith's functions emit with Powertools (EMF), in its namespace, under the default `service` dimension. */
export const RELEASE_METRICS = {
  namespace: POWERTOOLS_ENVIRONMENT.POWERTOOLS_METRICS_NAMESPACE,
  dimensions: { service: POWERTOOLS_ENVIRONMENT.POWERTOOLS_SERVICE_NAME },
  names: { succeeded: 'ReleaseSucceeded', failed: 'ReleaseFailed', timeToStable: 'TimeToStable', imagesRetired: 'ImagesRetired' },
} as const;

const FIVE_MINUTES = Duration.minutes(5);

/**
 * What an operator watches: a dashboard of releases, workflows, functions and dead letters, and alarms
 * (to Goldsmith's topic) on failed releases, executions that outlived their bound, dead letters and function errors.
 */
export async function Observability({ stack, app }: StackContext) {
  const goldsmith = await useGoldsmith(app);
  const { model, registry } = goldsmith;
  const topic = Topic.fromTopicArn(stack, 'AlarmTopic', registry.get('topic', GOLDSMITH_TOPIC).arn);
  const action = new SnsAction(topic);
  const alarms: Alarm[] = [];
  const alarm = (id: string, name: string, description: string, metric: IMetric) => {
    const created = new Alarm(stack, id, {
      // The notifications key and topic accept alarms whose names start with the prefix.
      alarmName: `${model.prefix}-${name}`,
      alarmDescription: description,
      metric,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    created.addAlarmAction(action);
    alarms.push(created);
    return created;
  };

  const states = (metricName: string, key: string, statistic = 'Sum') =>
    new Metric({
      namespace: 'AWS/States',
      metricName,
      dimensionsMap: { StateMachineArn: registry.get('stateMachine', key).arn },
      statistic,
      period: FIVE_MINUTES,
    });
  const release = model.stateMachines.find((m) => m.key === 'release');
  if (release) {
    alarm(
      'ReleaseFailed',
      'release-failed',
      'A release failed: read its execution in the Step Functions console and the release message.',
      states('ExecutionsFailed', release.key),
    );
  }
  for (const machine of model.stateMachines) {
    alarm(
      `TimedOut-${machine.key}`,
      `${machine.key}-timed-out`,
      `A ${machine.key} execution ran longer than its workflow allows (TimeoutSeconds) and was stopped: something it waited for never happened.`,
      states('ExecutionsTimedOut', machine.key),
    );
  }
  const queueDepth = (key: string) =>
    new Metric({
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      dimensionsMap: { QueueName: registry.get('queue', key).name },
      statistic: 'Maximum',
      period: FIVE_MINUTES,
    });
  for (const queue of model.queues) {
    alarm(
      `DeadLetters-${queue.key}`,
      `${queue.key}-not-empty`,
      `${queue.description}: read the messages to see which events were lost, then redrive or delete them.`,
      queueDepth(queue.key),
    );
  }
  const lambda = (metricName: string, key: string) =>
    new Metric({
      namespace: 'AWS/Lambda',
      metricName,
      dimensionsMap: { FunctionName: registry.get('function', key).name },
      statistic: 'Sum',
      period: FIVE_MINUTES,
    });
  for (const fn of model.functions) {
    alarm(`Errors-${fn.key}`, `${fn.key}-errors`, `Function ${fn.key} failed: see its log group /aws/lambda/${fn.name}.`, lambda('Errors', fn.key));
  }

  const custom = (metricName: string, statistic: string, period = Duration.days(1)) =>
    new Metric({ namespace: RELEASE_METRICS.namespace, metricName, dimensionsMap: { ...RELEASE_METRICS.dimensions }, statistic, period });
  const { names } = RELEASE_METRICS;
  new Dashboard(stack, 'Dashboard', {
    dashboardName: `${model.prefix}`,
    widgets: [
      [new TextWidget({ markdown: `# Goldsmith ${model.project} (${model.stage})\nReleases of ${model.pipelines.join(', ')}.`, width: 24, height: 2 })],
      [
        new GraphWidget({ title: 'Releases', left: [custom(names.succeeded, 'Sum'), custom(names.failed, 'Sum')], width: 8 }),
        new GraphWidget({ title: 'Time to stable (s)', left: [custom(names.timeToStable, 'Average'), custom(names.timeToStable, 'Maximum')], width: 8 }),
        new GraphWidget({ title: 'Images retired', left: [custom(names.imagesRetired, 'Sum')], width: 8 }),
      ],
      [
        new GraphWidget({
          title: 'Workflow executions',
          left: model.stateMachines.flatMap((m) =>
            ['ExecutionsStarted', 'ExecutionsSucceeded', 'ExecutionsFailed', 'ExecutionsTimedOut'].map((name) =>
              states(name, m.key).with({ label: `${m.key} ${name}` }),
            ),
          ),
          width: 12,
        }),
        new GraphWidget({ title: 'Dead letters', left: model.queues.map((q) => queueDepth(q.key).with({ label: q.key })), width: 12 }),
      ],
      [
        new GraphWidget({ title: 'Function errors', left: model.functions.map((fn) => lambda('Errors', fn.key).with({ label: fn.key })), width: 12 }),
        new GraphWidget({ title: 'Function throttles', left: model.functions.map((fn) => lambda('Throttles', fn.key).with({ label: fn.key })), width: 12 }),
      ],
      [new AlarmStatusWidget({ title: 'Alarms', alarms, width: 24, height: 6 })],
    ],
  });
  removeUnusedHandler(stack);
}

import { loadModel } from '../../protocol/model.ts';
import { runtimeError, StatesError } from '../states-error.ts';
import type { Integration, IntegrationContext } from './integration.ts';
import { parametersObject } from './integration.ts';
import { asText, optimizedServiceError, withSdkMetadata } from './optimized-output.ts';
import { toModelInput, toPascalOutput } from './sdk-casing.ts';
import { callService } from './service-call.ts';

interface OptimizedSpec {
  signingName: string;
  operation: string;
  /** The error prefix (`SNS`, `DynamoDB`, `EventBridge`) and the Java SDK's service label in causes. */
  errorPrefix: string;
  serviceLabel: string;
  contentType: string;
  /** Adjusts the parameters before the call, as the optimized integration does. */
  prepare?(parameters: Record<string, unknown>, ctx: IntegrationContext): Record<string, unknown>;
  /** Fails the Task on a response that AWS treats as a failure. */
  check?(output: Record<string, unknown>): void;
}

/** An optimized integration that calls one operation of an emulated service. */
function optimizedIntegration(spec: OptimizedSpec): Integration {
  return {
    async call(parameters: unknown, ctx: IntegrationContext): Promise<unknown> {
      const definition = ctx.cloud.definition(spec.signingName);
      if (!definition) throw runtimeError(`The local cloud does not serve ${spec.signingName}.`);
      const model = loadModel(definition.model);
      const op = model.operations[spec.operation];
      const prepared = spec.prepare ? spec.prepare(parametersObject(parameters), ctx) : parametersObject(parameters);
      const input = (toModelInput(model, op?.input, prepared) ?? {}) as Record<string, unknown>;
      let output: Record<string, unknown>;
      try {
        output = (toPascalOutput(model, op?.output, await callService(ctx.cloud, spec.signingName, spec.operation, input, ctx.scope)) ?? {}) as Record<
          string,
          unknown
        >;
      } catch (error) {
        throw optimizedServiceError(error, spec.errorPrefix, spec.serviceLabel);
      }
      spec.check?.(output);
      return withSdkMetadata(output, spec.contentType, ctx.cloud.clock.now());
    },
  };
}

/** `sns:publish`: a JSON Message is sent as its text. */
export const snsPublish = optimizedIntegration({
  signingName: 'sns',
  operation: 'Publish',
  errorPrefix: 'SNS',
  serviceLabel: 'AmazonSNS',
  contentType: 'text/xml',
  prepare: (parameters) => (parameters.Message === undefined ? parameters : { ...parameters, Message: asText(parameters.Message) }),
});

/**
 * `events:putEvents`: a JSON Detail is sent as its text, and the state machine's and execution's
 * ARNs are added to each entry's Resources. Any failed entry fails the Task with EventBridge.FailedEntry.
 */
export const eventsPutEvents = optimizedIntegration({
  signingName: 'events',
  operation: 'PutEvents',
  errorPrefix: 'EventBridge',
  serviceLabel: 'AmazonEventBridge',
  contentType: 'application/x-amz-json-1.1',
  prepare: (parameters, ctx) => ({
    ...parameters,
    Entries: Array.isArray(parameters.Entries)
      ? parameters.Entries.map((entry: Record<string, unknown>) => ({
          ...entry,
          ...(entry.Detail === undefined ? {} : { Detail: asText(entry.Detail) }),
          Resources: [...(Array.isArray(entry.Resources) ? entry.Resources : []), ctx.execution.stateMachineArn, ctx.execution.executionArn],
        }))
      : parameters.Entries,
  }),
  check: (output) => {
    if (Number(output.FailedEntryCount ?? 0) > 0) throw new StatesError('EventBridge.FailedEntry', JSON.stringify(output));
  },
});

/** `dynamodb:getItem|putItem|updateItem|deleteItem`. */
export const dynamoDbItem = (operation: string) =>
  optimizedIntegration({
    signingName: 'dynamodb',
    operation,
    errorPrefix: 'DynamoDB',
    serviceLabel: 'AmazonDynamoDBv2',
    contentType: 'application/x-amz-json-1.0',
  });

import { randomUUID } from 'node:crypto';
import { AwsServiceError } from '../../errors.ts';
import { loadModel } from '../../protocol/model.ts';
import { runtimeError, StatesError } from '../states-error.ts';
import type { Integration, IntegrationContext } from './integration.ts';
import { pascal, toModelInput, toPascalOutput } from './sdk-casing.ts';
import { sdkErrorName } from './sdk-error-name.ts';
import { SDK_SERVICES } from './sdk-services.ts';
import { callService } from './service-call.ts';

/**
 * `arn:aws:states:::aws-sdk:<service>:<apiAction>`: the emulated service's operation, with
 * PascalCase parameters mapped onto the API model and the answer mapped back to PascalCase.
 * Failures are named `<Prefix>.<Error>` and described `<message> (Service: <Prefix>, Status Code: …,
 * Request ID: …)`, as Step Functions reports SDK integration errors.
 */
export function awsSdkIntegration(sdkService: string, action: string): Integration {
  return {
    async call(parameters: unknown, ctx: IntegrationContext): Promise<unknown> {
      const service = SDK_SERVICES[sdkService];
      const definition = service && ctx.cloud.definition(service.signingName);
      if (!service || !definition) throw runtimeError(`The local cloud does not serve the AWS SDK integration for '${sdkService}'.`);
      const model = loadModel(definition.model);
      const operation = pascal(action);
      const op = model.operations[operation];
      if (!op) throw runtimeError(`The API action '${action}' does not exist for the service '${sdkService}'.`);
      const input = (toModelInput(model, op.input, parameters ?? {}) ?? {}) as Record<string, unknown>;
      try {
        const output = await callService(ctx.cloud, service.signingName, operation, input, ctx.scope);
        return toPascalOutput(model, op.output, output) ?? {};
      } catch (error) {
        if (!(error instanceof AwsServiceError)) throw new StatesError('States.TaskFailed', error instanceof Error ? error.message : String(error));
        const cause = `${error.message} (Service: ${service.errorPrefix}, Status Code: ${error.status}, Request ID: ${randomUUID()})`;
        throw new StatesError(await sdkErrorName(service, error.code), cause);
      }
    },
  };
}

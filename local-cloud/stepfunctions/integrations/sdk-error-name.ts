import { withExceptionSuffix } from './optimized-output.ts';
import type { SdkService } from './sdk-services.ts';

const modeledCodes = new Map<string, Promise<Set<string> | undefined>>();

/**
 * The error name Step Functions reports for a failed AWS SDK integration: `<Prefix>.<Code>` with an
 * `Exception` suffix added when the code lacks one (`ParameterNotFound` → `Ssm.ParameterNotFoundException`),
 * for errors the service's API model declares. Errors it does not declare reach Step Functions as the
 * SDK's generic exception, `<Prefix>.<Prefix>Exception` (e.g. `DynamoDb.DynamoDbException` for a
 * ValidationException, and every EC2 error as `Ec2.Ec2Exception`).
 */
export async function sdkErrorName(service: SdkService, code: string): Promise<string> {
  const codes = await modeledErrorCodes(service.client);
  // A client that cannot be loaded gives no evidence either way: the code is taken as declared.
  if (codes && !codes.has(code)) return `${service.errorPrefix}.${service.errorPrefix}Exception`;
  return `${service.errorPrefix}.${withExceptionSuffix(code)}`;
}

/** The wire codes of the errors an AWS SDK v3 client models, read from its exported error schemas. */
function modeledErrorCodes(client: string): Promise<Set<string> | undefined> {
  let codes = modeledCodes.get(client);
  if (!codes) {
    codes = import(client).then(
      (module: Record<string, unknown>) => {
        const found = new Set<string>();
        for (const value of Object.values(module)) {
          // An error schema: [-3, namespace, shapeName, traits, …]; awsQuery errors carry their wire code.
          if (!Array.isArray(value) || value[0] !== -3 || typeof value[2] !== 'string') continue;
          const traits = value[3] as { awsQueryError?: [string, number] } | undefined;
          found.add(value[2]);
          if (traits?.awsQueryError?.[0]) found.add(traits.awsQueryError[0]);
        }
        return found;
      },
      () => undefined,
    );
    modeledCodes.set(client, codes);
  }
  return codes;
}

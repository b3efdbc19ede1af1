import type { Parameter } from '@aws-sdk/client-ssm';
import { AwsServiceError } from '../../errors.ts';
import type { RequestContext } from '../../service.ts';
import { parameterNotFound, validation } from './errors.ts';

export const SECRETS_REFERENCE_PREFIX = '/aws/reference/secretsmanager/';

/**
 * Reads a Secrets Manager secret through Parameter Store, as `GetParameter` does for
 * `/aws/reference/secretsmanager/<secret-id>[:<version-id or staging label>]`.
 */
export async function getSecretReference(ctx: RequestContext, name: string, decrypt: boolean | undefined): Promise<Parameter> {
  if (decrypt !== true) throw validation('WithDecryption flag must be True for retrieving a Secret Manager secret.');
  const reference = name.slice(SECRETS_REFERENCE_PREFIX.length);
  const [secretId, selector] = reference.split(':');
  const input: Record<string, unknown> = { SecretId: secretId };
  if (selector) input[/^[0-9a-f-]{32,64}$/i.test(selector) ? 'VersionId' : 'VersionStage'] = selector;
  try {
    const secret = await ctx.cloud.invoke<Record<string, unknown>>('secretsmanager', 'GetSecretValue', input, ctx, 'ssm');
    return {
      Name: name,
      Type: 'SecureString',
      Value: (secret.SecretString as string | undefined) ?? Buffer.from(secret.SecretBinary as Uint8Array).toString('base64'),
      Version: 0,
      Selector: selector ? `:${selector}` : undefined,
      SourceResult: JSON.stringify(secret),
      LastModifiedDate: secret.CreatedDate as Date,
      ARN: secret.ARN as string,
      DataType: 'text',
    };
  } catch (error) {
    if (error instanceof AwsServiceError && error.code === 'ResourceNotFoundException') throw parameterNotFound();
    throw error;
  }
}

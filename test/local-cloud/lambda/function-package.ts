import { createHash } from 'node:crypto';
import { CreateFunctionCommand, type CreateFunctionCommandInput, type LambdaClient } from '@aws-sdk/client-lambda';
import { strToU8, zipSync } from 'fflate';

/** A role ARN of the right shape: the local cloud records roles, it does not assume them. */
export const ROLE = 'arn:aws:iam::123456789012:role/lambda-test';

/** A deployment package built in the test, from file names and contents. */
export function zipOf(files: Record<string, string>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])));
}

/** CodeSha256 as Lambda computes it: base64 of the zip's SHA-256. */
export function sha256Of(zip: Uint8Array): string {
  return createHash('sha256').update(zip).digest('base64');
}

/** An ESM handler module (index.mjs) exporting `handler`. */
export const esm = (body: string) => ({ 'index.mjs': `export const handler = async (event, context) => {\n${body}\n};\n` });

export async function createFunction(lambda: LambdaClient, name: string, files: Record<string, string>, extra: Partial<CreateFunctionCommandInput> = {}) {
  return lambda.send(
    new CreateFunctionCommand({ FunctionName: name, Runtime: 'nodejs22.x', Handler: 'index.handler', Role: ROLE, Code: { ZipFile: zipOf(files) }, ...extra }),
  );
}

/** A JSON event as the SDK sends it. */
export const payloadOf = (event: unknown) => Buffer.from(JSON.stringify(event));

/** The JSON a function answered. */
export const resultOf = (payload: Uint8Array | undefined) => JSON.parse(Buffer.from(payload ?? []).toString('utf8'));

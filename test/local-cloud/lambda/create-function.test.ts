import { CreateFunctionCommand, type CreateFunctionCommandInput, LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';
import { createFunction, esm, ROLE, sha256Of, zipOf } from './function-package.ts';

describe('Lambda: CreateFunction', () => {
  let cloud: TestCloud;
  let lambda: LambdaClient;
  const code = zipOf(esm('return event;'));
  const valid = (name: string): CreateFunctionCommandInput => ({
    FunctionName: name,
    Runtime: 'nodejs22.x',
    Handler: 'index.handler',
    Role: ROLE,
    Code: { ZipFile: code },
  });

  beforeAll(async () => {
    cloud = await startTestCloud();
    lambda = new LambdaClient(cloud.config());
  });
  afterAll(() => cloud.stop());

  it('creates an active function with its ARN, code hash and size', async () => {
    // Prepare
    const input: CreateFunctionCommandInput = {
      ...valid('create-basic'),
      Description: 'echoes its event',
      Timeout: 30,
      MemorySize: 512,
      Architectures: ['arm64'],
      Environment: { Variables: { STAGE: 'test' } },
    };
    // Act
    const created = await lambda.send(new CreateFunctionCommand(input));
    // Assess
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created).toMatchObject({
      FunctionName: 'create-basic',
      FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:create-basic',
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      Role: ROLE,
      Description: 'echoes its event',
      Timeout: 30,
      MemorySize: 512,
      Architectures: ['arm64'],
      Environment: { Variables: { STAGE: 'test' } },
      CodeSha256: sha256Of(code),
      CodeSize: code.byteLength,
      Version: '$LATEST',
      State: 'Active',
      LastUpdateStatus: 'Successful',
      PackageType: 'Zip',
    });
    expect(created.LastModified).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
  });

  it('applies the defaults Lambda applies', async () => {
    // Act
    const created = await lambda.send(new CreateFunctionCommand(valid('create-defaults')));
    // Assess
    expect(created).toMatchObject({ Timeout: 3, MemorySize: 128, Architectures: ['x86_64'], Description: '', EphemeralStorage: { Size: 512 } });
    expect(created.Environment).toBeUndefined();
  });

  it('publishes version 1 when asked to', async () => {
    // Act
    const created = await lambda.send(new CreateFunctionCommand({ ...valid('create-published'), Publish: true }));
    // Assess
    expect(created.Version).toBe('1');
  });

  it('throws ResourceConflictException for a name already taken', async () => {
    // Prepare
    await createFunction(lambda, 'create-twice', esm('return 1;'));
    // Act
    const error = await lambda.send(new CreateFunctionCommand(valid('create-twice'))).catch((e) => e);
    // Assess
    expect(error.name).toBe('ResourceConflictException');
    expect(error.message).toBe('Function already exist: create-twice');
    expect(error.$metadata.httpStatusCode).toBe(409);
  });

  it('throws AccessDeniedException for an ARN in another account', async () => {
    // Act
    const error = await lambda.send(new CreateFunctionCommand(valid('arn:aws:lambda:us-east-1:111122223333:function:theirs'))).catch((e) => e);
    // Assess
    expect(error.name).toBe('AccessDeniedException');
    expect(error.message).toContain('is not authorized to perform: lambda:CreateFunction on resource: arn:aws:lambda:us-east-1:111122223333:function:theirs');
    expect(error.$metadata.httpStatusCode).toBe(403);
  });

  it('throws InvalidParameterValueException for a runtime Lambda does not know', async () => {
    // Act
    const error = await lambda.send(new CreateFunctionCommand({ ...valid('create-bad-runtime'), Runtime: 'nodejs99.x' as 'nodejs22.x' })).catch((e) => e);
    // Assess
    expect(error.name).toBe('InvalidParameterValueException');
    expect(error.message).toMatch(
      /^Value nodejs99\.x at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: \[.*nodejs24\.x.*\] or be a valid ARN$/,
    );
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it('throws InvalidParameterValueException for a runtime the local cloud cannot run', async () => {
    // Act
    const error = await lambda.send(new CreateFunctionCommand({ ...valid('create-python'), Runtime: 'python3.12' })).catch((e) => e);
    // Assess
    expect(error.name).toBe('InvalidParameterValueException');
    expect(error.message).toContain('python3.12');
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it('throws ValidationException for a role that is not an IAM role ARN', async () => {
    // Act
    const error = await lambda.send(new CreateFunctionCommand({ ...valid('create-bad-role'), Role: 'my-role' })).catch((e) => e);
    // Assess
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe(
      "1 validation error detected: Value 'my-role' at 'role' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+",
    );
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it.each([
    ['Timeout', 0, "Value '0' at 'timeout' failed to satisfy constraint: Member must have value greater than or equal to 1"],
    ['Timeout', 901, "Value '901' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900"],
    ['MemorySize', 64, "Value '64' at 'memorySize' failed to satisfy constraint: Member must have value greater than or equal to 128"],
    ['MemorySize', 10241, "Value '10241' at 'memorySize' failed to satisfy constraint: Member must have value less than or equal to 10240"],
  ])('throws ValidationException for %s %d', async (field, value, message) => {
    // Act
    const error = await lambda.send(new CreateFunctionCommand({ ...valid(`create-${field}-${value}`), [field]: value })).catch((e) => e);
    // Assess
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe(`1 validation error detected: ${message}`);
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it('throws InvalidParameterValueException for reserved environment variables', async () => {
    // Act
    const error = await lambda
      .send(new CreateFunctionCommand({ ...valid('create-reserved'), Environment: { Variables: { AWS_REGION: 'eu-west-1', OK: '1' } } }))
      .catch((e) => e);
    // Assess
    expect(error.name).toBe('InvalidParameterValueException');
    expect(error.message).toBe(
      'Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: AWS_REGION',
    );
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it('throws InvalidParameterValueException for a package that is not a zip', async () => {
    // Act
    const error = await lambda.send(new CreateFunctionCommand({ ...valid('create-not-zip'), Code: { ZipFile: Buffer.from('plain text') } })).catch((e) => e);
    // Assess
    expect(error.name).toBe('InvalidParameterValueException');
    expect(error.message).toBe('Could not unzip uploaded file. Please check your file, then try to upload again.');
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it('throws InvalidParameterValueException without a handler', async () => {
    // Act
    const error = await lambda.send(new CreateFunctionCommand({ ...valid('create-no-handler'), Handler: undefined })).catch((e) => e);
    // Assess
    expect(error.name).toBe('InvalidParameterValueException');
    expect(error.message).toBe('Runtime and Handler are mandatory parameters for functions created with deployment packages.');
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it('creates nothing when the request is invalid', async () => {
    // Prepare
    await lambda.send(new CreateFunctionCommand({ ...valid('create-rejected'), Timeout: 0 })).catch(() => undefined);
    // Act
    const retried = await lambda.send(new CreateFunctionCommand(valid('create-rejected')));
    // Assess
    expect(retried.FunctionName).toBe('create-rejected');
  });
});

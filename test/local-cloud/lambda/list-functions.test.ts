import { LambdaClient, ListFunctionsCommand, ListVersionsByFunctionCommand, PublishVersionCommand } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';
import { createFunction, esm } from './function-package.ts';

describe('Lambda: ListFunctions', () => {
  let cloud: TestCloud;
  let lambda: LambdaClient;

  beforeAll(async () => {
    cloud = await startTestCloud();
    lambda = new LambdaClient(cloud.config());
    for (const name of ['alpha', 'bravo', 'charlie']) await createFunction(lambda, name, esm(`return '${name}';`));
    await lambda.send(new PublishVersionCommand({ FunctionName: 'alpha' }));
  });
  afterAll(() => cloud.stop());

  it('lists the functions of the account and region', async () => {
    // Act
    const listed = await lambda.send(new ListFunctionsCommand({}));
    // Assess
    expect(listed.Functions?.map((f) => f.FunctionName)).toEqual(['alpha', 'bravo', 'charlie']);
    expect(listed.Functions?.[0].FunctionArn).toBe('arn:aws:lambda:us-east-1:123456789012:function:alpha');
    expect(listed.NextMarker).toBeUndefined();
  });

  it('pages with MaxItems and NextMarker', async () => {
    // Act
    const first = await lambda.send(new ListFunctionsCommand({ MaxItems: 2 }));
    const second = await lambda.send(new ListFunctionsCommand({ MaxItems: 2, Marker: first.NextMarker }));
    // Assess
    expect(first.Functions?.map((f) => f.FunctionName)).toEqual(['alpha', 'bravo']);
    expect(second.Functions?.map((f) => f.FunctionName)).toEqual(['charlie']);
    expect(second.NextMarker).toBeUndefined();
  });

  it('includes published versions with FunctionVersion ALL', async () => {
    // Act
    const listed = await lambda.send(new ListFunctionsCommand({ FunctionVersion: 'ALL' }));
    // Assess
    expect(listed.Functions?.filter((f) => f.FunctionName === 'alpha').map((f) => f.FunctionArn)).toEqual([
      'arn:aws:lambda:us-east-1:123456789012:function:alpha:$LATEST',
      'arn:aws:lambda:us-east-1:123456789012:function:alpha:1',
    ]);
  });

  it('lists nothing in another account', async () => {
    // Prepare
    const other = new LambdaClient({ ...cloud.config(), credentials: { accessKeyId: '111122223333', secretAccessKey: 'x' } });
    // Act
    const listed = await other.send(new ListFunctionsCommand({}));
    // Assess
    expect(listed.Functions).toEqual([]);
  });

  it('throws ValidationException for a FunctionVersion other than ALL', async () => {
    // Act
    const error = await lambda.send(new ListFunctionsCommand({ FunctionVersion: 'LATEST' as 'ALL' })).catch((e) => e);
    // Assess
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe(
      "1 validation error detected: Value 'LATEST' at 'functionVersion' failed to satisfy constraint: Member must satisfy enum value set: [ALL]",
    );
    expect(error.$metadata.httpStatusCode).toBe(400);
  });
});

describe('Lambda: ListVersionsByFunction', () => {
  let cloud: TestCloud;
  let lambda: LambdaClient;

  beforeAll(async () => {
    cloud = await startTestCloud();
    lambda = new LambdaClient(cloud.config());
    await createFunction(lambda, 'versioned', esm('return 1;'), { Publish: true });
  });
  afterAll(() => cloud.stop());

  it('lists $LATEST and the published versions', async () => {
    // Act
    const listed = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'versioned' }));
    // Assess
    expect(listed.Versions?.map((v) => v.Version)).toEqual(['$LATEST', '1']);
  });

  it('throws ResourceNotFoundException for an unknown function', async () => {
    // Act
    const error = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'unversioned' })).catch((e) => e);
    // Assess
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.message).toBe('Function not found: arn:aws:lambda:us-east-1:123456789012:function:unversioned');
    expect(error.$metadata.httpStatusCode).toBe(404);
  });
});

describe('Lambda: PublishVersion', () => {
  let cloud: TestCloud;
  let lambda: LambdaClient;

  beforeAll(async () => {
    cloud = await startTestCloud();
    lambda = new LambdaClient(cloud.config());
    await createFunction(lambda, 'publishable', esm('return 1;'));
  });
  afterAll(() => cloud.stop());

  it('publishes $LATEST once while it does not change', async () => {
    // Act
    const first = await lambda.send(new PublishVersionCommand({ FunctionName: 'publishable', Description: 'first' }));
    const again = await lambda.send(new PublishVersionCommand({ FunctionName: 'publishable' }));
    // Assess
    expect(first.Version).toBe('1');
    expect(first.FunctionArn).toBe('arn:aws:lambda:us-east-1:123456789012:function:publishable:1');
    expect(first.Description).toBe('first');
    expect(again.Version).toBe('1');
  });

  it('throws InvalidParameterValueException when CodeSha256 is not the current code', async () => {
    // Act
    const error = await lambda.send(new PublishVersionCommand({ FunctionName: 'publishable', CodeSha256: 'abc' })).catch((e) => e);
    // Assess
    expect(error.name).toBe('InvalidParameterValueException');
    expect(error.message).toMatch(
      /^CodeSHA256 \(abc\) is different from current CodeSHA256 in \$LATEST \(.+\)\. Please try again with the CodeSHA256 in \$LATEST\.$/,
    );
    expect(error.$metadata.httpStatusCode).toBe(400);
  });
});

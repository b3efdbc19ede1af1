import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { AwsServiceError } from '../../../local-cloud/errors.ts';
import { startTestCloud } from '../harness.ts';
import { fakeService, recorder, serve, type WireRequest } from './wire.ts';

const json = (target: string, body: unknown): WireRequest => ({
  headers: { 'x-amz-target': target, 'content-type': 'application/x-amz-json-1.1' },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

describe('Protocol: awsJson', () => {
  it('parses epoch-second timestamps into Dates and base64 blobs into Buffers', async () => {
    // Prepare
    const events = recorder({ FailedEntryCount: 0, Entries: [] });
    const secrets = recorder({});
    const eventBridge = fakeService('events-2015-10-07', { PutEvents: events.operation });
    const secretsManager = fakeService('secretsmanager-2017-10-17', { CreateSecret: secrets.operation });
    // Act
    await serve(eventBridge, json('AWSEvents.PutEvents', { Entries: [{ Time: 1795514400.25, Source: 'goldsmith', DetailType: 'x', Detail: '{}' }] }));
    await serve(secretsManager, json('secretsmanager.CreateSecret', { Name: 'bin', SecretBinary: Buffer.from([0, 255, 13]).toString('base64') }));
    // Assess
    expect(events.calls).toEqual([{ Entries: [{ Time: new Date(1795514400250), Source: 'goldsmith', DetailType: 'x', Detail: '{}' }] }]);
    expect(secrets.calls).toEqual([{ Name: 'bin', SecretBinary: Buffer.from([0, 255, 13]) }]);
  });

  it('writes timestamps as epoch seconds with milliseconds, blobs as base64, and leaves out absent members', async () => {
    // Prepare
    const service = fakeService('secretsmanager-2017-10-17', {
      GetSecretValue: () => ({
        Name: 'bin',
        SecretBinary: Buffer.from([0, 255, 13]),
        SecretString: undefined,
        VersionStages: [],
        CreatedDate: new Date(1795514400250),
      }),
    });
    // Act
    const response = await serve(service, json('secretsmanager.GetSecretValue', { SecretId: 'bin' }));
    // Assess
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(response.headers['x-amzn-requestid']).toBe('req-0001');
    expect(response.text).toBe('{"Name":"bin","SecretBinary":"AP8N","VersionStages":[],"CreatedDate":1795514400.25}');
  });

  it('answers a service error with a bare __type, its message and x-amzn-errortype', async () => {
    // Prepare
    const service = fakeService('ssm-2014-11-06', {
      GetParameter: () => {
        throw new AwsServiceError('ParameterNotFound', '', 400);
      },
    });
    // Act
    const response = await serve(service, json('AmazonSSM.GetParameter', { Name: '/missing' }));
    // Assess
    expect(response.status).toBe(400);
    expect(response.headers['x-amzn-errortype']).toBe('ParameterNotFound');
    expect(response.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(JSON.parse(response.text)).toEqual({ __type: 'ParameterNotFound', message: '' });
  });

  it('answers UnknownOperationException for a target the API does not have, and SerializationException for a body that is not JSON', async () => {
    // Prepare
    const service = fakeService('ssm-2014-11-06', { GetParameter: () => ({}) });
    // Act
    const unknown = await serve(service, json('AmazonSSM.GetEverything', {}));
    const missing = await serve(service, { body: '{}' });
    const garbled = await serve(service, json('AmazonSSM.GetParameter', '{"Name": '));
    // Assess
    expect([unknown.status, JSON.parse(unknown.text).__type]).toEqual([400, 'UnknownOperationException']);
    expect([missing.status, JSON.parse(missing.text).__type]).toEqual([400, 'UnknownOperationException']);
    expect([garbled.status, JSON.parse(garbled.text).__type]).toEqual([400, 'SerializationException']);
  });

  it('lets the SDK read a namespaced __type (com.amazonaws.dynamodb.v20120810#Code) as the bare error code', async () => {
    // Prepare
    const cloud = await startTestCloud();
    const dynamodb = new DynamoDBClient(cloud.config());
    try {
      // Act
      const wire = await fetch(cloud.endpoint, {
        method: 'POST',
        headers: {
          authorization: 'AWS4-HMAC-SHA256 Credential=test/20261124/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
          'x-amz-target': 'DynamoDB_20120810.DescribeTable',
          'content-type': 'application/x-amz-json-1.0',
        },
        body: JSON.stringify({ TableName: 'no-such-table' }),
      });
      const error = await dynamodb
        .send(new DescribeTableCommand({ TableName: 'no-such-table' }))
        .catch((e: Error & { $metadata: { httpStatusCode?: number } }) => e);
      // Assess
      expect(((await wire.json()) as { __type: string }).__type).toBe('com.amazonaws.dynamodb.v20120810#ResourceNotFoundException');
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).name).toBe('ResourceNotFoundException');
      expect((error as { $metadata: { httpStatusCode?: number } }).$metadata.httpStatusCode).toBe(400);
    } finally {
      await cloud.stop();
    }
  });
});

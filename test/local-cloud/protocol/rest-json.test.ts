import { describe, expect, it } from 'vitest';
import { AwsServiceError } from '../../../local-cloud/errors.ts';
import { fakeService, recorder, serve } from './wire.ts';

describe('Protocol: restJson1', () => {
  it('reads labels, query strings, headers and a blob payload into the input', async () => {
    // Prepare
    const { operation, calls } = recorder({ StatusCode: 200, Payload: Buffer.from('{}') });
    const service = fakeService('lambda-2015-03-31', { Invoke: operation });
    // Act
    await serve(service, {
      method: 'POST',
      url: '/2015-03-31/functions/web%3Aprod/invocations?Qualifier=7',
      headers: { 'x-amz-invocation-type': 'RequestResponse', 'x-amz-log-type': 'Tail' },
      body: '{"detail":{"x":1}}',
    });
    // Assess
    expect(calls).toEqual([
      { FunctionName: 'web:prod', Qualifier: '7', InvocationType: 'RequestResponse', LogType: 'Tail', Payload: Buffer.from('{"detail":{"x":1}}') },
    ]);
  });

  it('reads epoch-second timestamps in a JSON body into Dates', async () => {
    // Prepare
    const { operation, calls } = recorder({ ScheduleArn: 'arn:aws:scheduler:us-east-1:123456789012:schedule/default/nightly' });
    const service = fakeService('scheduler-2021-06-30', { CreateSchedule: operation });
    // Act
    await serve(service, {
      method: 'POST',
      url: '/schedules/nightly',
      body: JSON.stringify({ ScheduleExpression: 'rate(1 day)', StartDate: 1795514400, FlexibleTimeWindow: { Mode: 'OFF' } }),
    });
    // Assess
    expect(calls).toEqual([{ Name: 'nightly', ScheduleExpression: 'rate(1 day)', StartDate: new Date(1795514400_000), FlexibleTimeWindow: { Mode: 'OFF' } }]);
  });

  it('writes timestamps in a JSON body as epoch seconds', async () => {
    // Prepare
    const service = fakeService('scheduler-2021-06-30', {
      GetSchedule: () => ({ Name: 'nightly', CreationDate: new Date(1795514400_500), State: 'ENABLED' }),
    });
    // Act
    const response = await serve(service, { method: 'GET', url: '/schedules/nightly' });
    // Assess
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({ Name: 'nightly', CreationDate: 1795514400.5, State: 'ENABLED' });
  });

  it('writes header members, with timestamps as HTTP dates, and the status code member as the status', async () => {
    // Prepare
    const store = fakeService('mediastore-data-2017-09-01', {
      DescribeObject: () => ({ ETag: 'abc', LastModified: new Date('2026-11-24T10:00:00Z') }),
    });
    const lambda = fakeService('lambda-2015-03-31', {
      Invoke: () => ({ StatusCode: 202, FunctionError: 'Unhandled', ExecutedVersion: '$LATEST', Payload: Buffer.from('') }),
    });
    // Act
    const described = await serve(store, { method: 'HEAD', url: '/folder/object.txt' });
    const invoked = await serve(lambda, { method: 'POST', url: '/2015-03-31/functions/web/invocations', headers: { 'x-amz-invocation-type': 'Event' } });
    // Assess
    expect(described.headers['last-modified']).toBe('Tue, 24 Nov 2026 10:00:00 GMT');
    expect(described.headers.etag).toBe('abc');
    expect(invoked.status).toBe(202);
    expect(invoked.headers['x-amz-function-error']).toBe('Unhandled');
    expect(invoked.headers['x-amz-executed-version']).toBe('$LATEST');
  });

  it('answers a 204 with no body at all', async () => {
    // Prepare
    const service = fakeService('lambda-2015-03-31', { DeleteFunction: () => ({}) });
    // Act
    const response = await serve(service, { method: 'DELETE', url: '/2015-03-31/functions/web' });
    // Assess
    expect(response.status).toBe(204);
    expect(response.text).toBe('');
  });

  it('answers a service error with x-amzn-errortype and the message in the body', async () => {
    // Prepare
    const service = fakeService('lambda-2015-03-31', {
      GetFunction: () => {
        throw new AwsServiceError('ResourceNotFoundException', 'Function not found: arn:aws:lambda:us-east-1:123456789012:function:web', 404);
      },
    });
    // Act
    const response = await serve(service, { method: 'GET', url: '/2015-03-31/functions/web' });
    // Assess
    expect(response.status).toBe(404);
    expect(response.headers['x-amzn-errortype']).toBe('ResourceNotFoundException');
    expect(JSON.parse(response.text)).toMatchObject({ message: 'Function not found: arn:aws:lambda:us-east-1:123456789012:function:web' });
  });

  it('answers UnknownOperationException for a path no operation serves', async () => {
    // Prepare
    const service = fakeService('lambda-2015-03-31', {});
    // Act
    const response = await serve(service, { method: 'PATCH', url: '/2015-03-31/nowhere' });
    // Assess
    expect(response.status).toBe(404);
    expect(response.headers['x-amzn-errortype']).toBe('UnknownOperationException');
  });
});

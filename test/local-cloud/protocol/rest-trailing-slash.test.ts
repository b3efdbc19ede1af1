import { describe, expect, it } from 'vitest';
import { operationOf } from '../../../local-cloud/protocol/index.ts';
import type { RawRequest, ServiceDefinition } from '../../../local-cloud/service.ts';

const lambda: ServiceDefinition = { signingName: 'lambda', model: 'lambda-2015-03-31', operations: {} };

const get = (url: string): RawRequest => ({ method: 'GET', url, headers: {}, body: Buffer.alloc(0) });

describe('Protocol: restJson1 routes', () => {
  it('routes a request without the trailing slash its model template has', () => {
    // Prepare: Lambda's model writes ListFunctions as GET /2015-03-31/functions/; the v3 SDK sends no slash.
    const request = get('/2015-03-31/functions?MaxItems=10');
    // Act
    const operation = operationOf(lambda, request);
    // Assess
    expect(operation).toBe('ListFunctions');
  });

  it('routes a request with the trailing slash as the AWS CLI sends it', () => {
    // Prepare
    const request = get('/2015-03-31/functions/');
    // Act
    const operation = operationOf(lambda, request);
    // Assess
    expect(operation).toBe('ListFunctions');
  });

  it('still routes a templated path under the same prefix to its own operation', () => {
    // Prepare
    const request = get('/2015-03-31/functions/my-function');
    // Act
    const operation = operationOf(lambda, request);
    // Assess
    expect(operation).toBe('GetFunction');
  });
});

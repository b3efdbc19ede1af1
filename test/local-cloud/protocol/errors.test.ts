import { GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';

const sign = (service: string) => `AWS4-HMAC-SHA256 Credential=test/20261124/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=0`;

describe('Local cloud: protocol errors', () => {
  let cloud: TestCloud;
  beforeAll(async () => {
    cloud = await startTestCloud();
  });
  afterAll(() => cloud.stop());

  it('answers NotImplementedException naming an operation that is not implemented', async () => {
    // Prepare
    const sts = new STSClient(cloud.config());
    // Act
    const error = (await sts.send(new GetSessionTokenCommand({})).catch((e: unknown) => e)) as Error & { $metadata: { httpStatusCode: number } };
    // Assess
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('NotImplementedException');
    expect(error.message).toContain('STS GetSessionToken');
    expect(error.$metadata.httpStatusCode).toBe(501);
  });

  it('answers InvalidAction for an unknown query action', async () => {
    // Act
    const response = await fetch(cloud.endpoint, {
      method: 'POST',
      headers: { authorization: sign('sts'), 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=NoSuchThing&Version=2011-06-15',
    });
    // Assess
    expect(response.status).toBe(400);
    const body = await response.text();
    expect(body).toContain('<Code>InvalidAction</Code>');
    expect(body).toContain('The action NoSuchThing is not valid for this web service.');
  });

  it('answers UnknownServiceException for a service the local cloud does not serve', async () => {
    const response = await fetch(cloud.endpoint, { method: 'POST', headers: { authorization: sign('kinesis') }, body: '{}' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ __type: 'UnknownServiceException', message: expect.stringContaining("'kinesis'") });
  });

  it('explains how to sign a request that names no service', async () => {
    const response = await fetch(cloud.endpoint, { method: 'POST', body: '{}' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toContain('SigV4');
  });

  it('answers the scenario API fault and records the call', async () => {
    // Prepare
    cloud.setScenario({ api: [{ service: 'sts', operation: 'GetCallerIdentity', error: 'ThrottlingException', times: 1 }] });
    const sts = new STSClient(cloud.config());
    const { GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
    // Act
    const first = await sts.send(new GetCallerIdentityCommand({})).catch((e: Error & { $metadata: { httpStatusCode: number } }) => e);
    const second = await sts.send(new GetCallerIdentityCommand({}));
    // Assess
    expect((first as Error).name).toBe('ThrottlingException');
    expect((first as Error).message).toBe('Rate exceeded');
    expect(second.Account).toBe('123456789012');
    const calls = cloud.runtime.calls.filter((c) => c.operation === 'GetCallerIdentity');
    expect(calls.map((c) => c.status)).toEqual([400, 200]);
    cloud.setScenario({});
  });
});

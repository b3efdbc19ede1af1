import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from './harness.ts';

describe('Local cloud: admin API', () => {
  let cloud: TestCloud;
  beforeAll(async () => {
    cloud = await startTestCloud({ startTime: Date.parse('2026-11-24T00:00:00Z') });
  });
  afterAll(() => cloud.stop());

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${cloud.endpoint}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('reports health with the simulated time and the services', async () => {
    const { status, body } = await call('GET', '/_local/health');
    expect(status).toBe(200);
    expect(body.simulatedTime).toBe('2026-11-24T00:00:00.000Z');
    expect(body.services).toEqual(expect.arrayContaining(['ec2', 'imagebuilder', 'autoscaling', 'ssm', 'states', 'lambda', 'dynamodb']));
  });

  it('advances the clock by seconds and to a time', async () => {
    // Act
    const byDuration = await call('POST', '/_local/clock', { advanceSeconds: 3600 });
    const toTime = await call('POST', '/_local/clock', { advanceTo: '2026-12-08T02:00:00Z' });
    // Assess
    expect(byDuration.body.iso).toBe('2026-11-24T01:00:00.000Z');
    expect(toTime.body.iso).toBe('2026-12-08T02:00:00.000Z');
  });

  it('rejects a bad clock request with the field and the fix, changing nothing', async () => {
    const before = cloud.clock.now();
    const { status, body } = await call('POST', '/_local/clock', { advanceSeconds: -5 });
    expect(status).toBe(400);
    expect(body.error).toBe('advanceSeconds: must be a number of seconds ≥ 0.');
    expect(cloud.clock.now()).toBe(before);
  });

  it('sets a valid scenario and rejects an invalid one naming the field', async () => {
    // Act
    const ok = await call('PUT', '/_local/scenario', { builds: { '*': { failAtComponent: 'install-nginx' } } });
    const bad = await call('PUT', '/_local/scenario', { refreshes: { web: { failAtPercentage: 150 } } });
    // Assess
    expect(ok.status).toBe(200);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain('scenario.refreshes.web.failAtPercentage');
    expect((await call('GET', '/_local/scenario')).body).toEqual({ builds: { '*': { failAtComponent: 'install-nginx' } } });
  });

  it('answers 404 listing the routes for an unknown admin route', async () => {
    const { status, body } = await call('GET', '/_local/nope');
    expect(status).toBe(404);
    expect(body.error).toContain('GET /_local/health');
  });

  it('rejects a body that is not JSON', async () => {
    const response = await fetch(`${cloud.endpoint}/_local/scenario`, { method: 'PUT', body: '{nope' });
    expect(response.status).toBe(400);
  });
});

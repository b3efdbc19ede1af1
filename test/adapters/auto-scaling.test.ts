import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AutoScalingAdapter } from '../../adapters/aws/auto-scaling.ts';
import { type FunctionCloud, REGION, startFunctionCloud } from '../functions/function-harness.ts';

const preferences = { minHealthyPercentage: 90, skipMatching: true, autoRollback: true };

describe('Adapter: Auto Scaling', () => {
  let fc: FunctionCloud;

  beforeAll(async () => {
    fc = await startFunctionCloud('{}');
  });
  afterAll(() => fc.stop());

  it('sends StartInstanceRefresh once even where the SDK retries, so a lost answer never starts a second refresh', async () => {
    // Prepare: the SDK retries as in Lambda, and the first answer is a 500
    process.env.AWS_MAX_ATTEMPTS = '3';
    fc.cloud.setScenario({ api: [{ service: 'autoscaling', operation: 'StartInstanceRefresh', error: 'InternalFailure', times: 1 }] });
    const adapter = new AutoScalingAdapter({ region: REGION });
    const before = fc.cloud.runtime.calls.filter((c) => c.operation === 'StartInstanceRefresh').length;
    try {
      // Act
      const attempt = adapter.startRefresh(REGION, { autoScalingGroupName: 'web', launchTemplateId: 'lt-0123456789abcdef0', version: 2, preferences });
      // Assess
      await expect(attempt).rejects.toMatchObject({ name: 'InternalFailure' });
      expect(fc.cloud.runtime.calls.filter((c) => c.operation === 'StartInstanceRefresh').length - before).toBe(1);
    } finally {
      process.env.AWS_MAX_ATTEMPTS = '1';
      fc.cloud.setScenario({});
    }
  });
});

import { CreateDistributionConfigurationCommand, GetDistributionConfigurationCommand } from '@aws-sdk/client-imagebuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectImageBuilderError, type ImageBuilderTestCloud, startImageBuilderTestCloud } from './imagebuilder-test-cloud.ts';

describe('Image Builder: GetDistributionConfiguration', () => {
  let t: ImageBuilderTestCloud;
  beforeAll(async () => {
    t = await startImageBuilderTestCloud();
  });
  afterAll(() => t.cloud.stop());

  it('returns the configuration with its dates and the unused timeout', async () => {
    // Prepare
    const created = await t.ib.send(
      new CreateDistributionConfigurationCommand({
        name: 'dist',
        distributions: [{ region: 'us-east-1', amiDistributionConfiguration: { name: 'a-{{ imagebuilder:buildDate }}' } }],
      }),
    );
    // Act
    const { distributionConfiguration } = await t.ib.send(
      new GetDistributionConfigurationCommand({ distributionConfigurationArn: created.distributionConfigurationArn }),
    );
    // Assess
    expect(distributionConfiguration).toMatchObject({
      arn: created.distributionConfigurationArn,
      timeoutMinutes: 720,
      dateCreated: t.cloud.clock.date().toISOString(),
    });
  });

  it('answers ResourceNotFoundException for a configuration that does not exist', async () => {
    // Prepare
    const arn = 'arn:aws:imagebuilder:us-east-1:123456789012:distribution-configuration/none';
    // Act
    const call = t.ib.send(new GetDistributionConfigurationCommand({ distributionConfigurationArn: arn }));
    // Assess
    await expectImageBuilderError(
      call,
      'ResourceNotFoundException',
      `The following required resource 'DistributionConfiguration' cannot be found: '${arn}'.`,
      404,
    );
  });
});

import {
  CreateDistributionConfigurationCommand,
  GetDistributionConfigurationCommand,
  UpdateDistributionConfigurationCommand,
} from '@aws-sdk/client-imagebuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectImageBuilderError, type ImageBuilderTestCloud, startImageBuilderTestCloud } from './imagebuilder-test-cloud.ts';

describe('Image Builder: UpdateDistributionConfiguration', () => {
  let t: ImageBuilderTestCloud;
  beforeAll(async () => {
    t = await startImageBuilderTestCloud();
  });
  afterAll(() => t.cloud.stop());

  it('replaces the distributions', async () => {
    // Prepare
    const { distributionConfigurationArn } = await t.ib.send(
      new CreateDistributionConfigurationCommand({
        name: 'dist',
        distributions: [{ region: 'us-east-1', amiDistributionConfiguration: { name: 'a-{{ imagebuilder:buildDate }}' } }],
      }),
    );
    t.cloud.clock.advance(1_000);
    const distributions = [{ region: 'us-west-2', amiDistributionConfiguration: { name: 'b-{{ imagebuilder:buildDate }}', amiTags: { v: '2' } } }];
    // Act
    const updated = await t.ib.send(new UpdateDistributionConfigurationCommand({ distributionConfigurationArn, description: 'Moved', distributions }));
    // Assess
    expect(updated.distributionConfigurationArn).toBe(distributionConfigurationArn);
    const { distributionConfiguration } = await t.ib.send(new GetDistributionConfigurationCommand({ distributionConfigurationArn }));
    expect(distributionConfiguration).toMatchObject({ description: 'Moved', distributions, dateUpdated: t.cloud.clock.date().toISOString() });
  });

  it('answers ResourceNotFoundException for a configuration that does not exist', async () => {
    // Prepare
    const arn = 'arn:aws:imagebuilder:us-east-1:123456789012:distribution-configuration/none';
    // Act
    const call = t.ib.send(
      new UpdateDistributionConfigurationCommand({
        distributionConfigurationArn: arn,
        distributions: [{ region: 'us-east-1', amiDistributionConfiguration: { name: 'a-{{ imagebuilder:buildDate }}' } }],
      }),
    );
    // Assess
    await expectImageBuilderError(
      call,
      'ResourceNotFoundException',
      `The following required resource 'DistributionConfiguration' cannot be found: '${arn}'.`,
      404,
    );
  });
});

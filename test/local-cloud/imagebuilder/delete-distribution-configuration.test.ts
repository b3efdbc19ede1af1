import {
  CreateDistributionConfigurationCommand,
  DeleteDistributionConfigurationCommand,
  GetDistributionConfigurationCommand,
} from '@aws-sdk/client-imagebuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectImageBuilderError, type ImageBuilderTestCloud, startImageBuilderTestCloud } from './imagebuilder-test-cloud.ts';

describe('Image Builder: DeleteDistributionConfiguration', () => {
  let t: ImageBuilderTestCloud;
  beforeAll(async () => {
    t = await startImageBuilderTestCloud();
  });
  afterAll(() => t.cloud.stop());

  it('deletes a configuration no pipeline uses', async () => {
    // Prepare
    const { distributionConfigurationArn } = await t.ib.send(
      new CreateDistributionConfigurationCommand({
        name: 'unused',
        distributions: [{ region: 'us-east-1', amiDistributionConfiguration: { name: 'a-{{ imagebuilder:buildDate }}' } }],
      }),
    );
    // Act
    const deleted = await t.ib.send(new DeleteDistributionConfigurationCommand({ distributionConfigurationArn }));
    // Assess
    expect(deleted.distributionConfigurationArn).toBe(distributionConfigurationArn);
    await expectImageBuilderError(
      t.ib.send(new GetDistributionConfigurationCommand({ distributionConfigurationArn })),
      'ResourceNotFoundException',
      /cannot be found/,
      404,
    );
  });

  it('refuses to delete a configuration a pipeline uses', async () => {
    // Prepare
    const setup = await t.pipeline();
    // Act
    const call = t.ib.send(new DeleteDistributionConfigurationCommand({ distributionConfigurationArn: setup.distributionArn }));
    // Assess
    await expectImageBuilderError(
      call,
      'ResourceDependencyException',
      `Resource dependency error: The resource ARN '${setup.distributionArn}' has other resources depended on it.`,
    );
  });
});

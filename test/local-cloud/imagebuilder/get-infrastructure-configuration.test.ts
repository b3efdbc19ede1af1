import { CreateInfrastructureConfigurationCommand, GetInfrastructureConfigurationCommand } from '@aws-sdk/client-imagebuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectImageBuilderError, type ImageBuilderTestCloud, startImageBuilderTestCloud } from './imagebuilder-test-cloud.ts';

describe('Image Builder: GetInfrastructureConfiguration', () => {
  let t: ImageBuilderTestCloud;
  beforeAll(async () => {
    t = await startImageBuilderTestCloud();
  });
  afterAll(() => t.cloud.stop());

  it('returns the configuration with its creation date', async () => {
    // Prepare
    const created = await t.ib.send(
      new CreateInfrastructureConfigurationCommand({ name: 'build-infra', instanceProfileName: 'profile', description: 'Builds' }),
    );
    // Act
    const { infrastructureConfiguration } = await t.ib.send(
      new GetInfrastructureConfigurationCommand({ infrastructureConfigurationArn: created.infrastructureConfigurationArn }),
    );
    // Assess
    expect(infrastructureConfiguration).toMatchObject({
      arn: created.infrastructureConfigurationArn,
      description: 'Builds',
      dateCreated: t.cloud.clock.date().toISOString(),
    });
    expect(infrastructureConfiguration?.dateUpdated).toBeUndefined();
  });

  it('answers ResourceNotFoundException for a configuration that does not exist', async () => {
    // Act
    const call = t.ib.send(
      new GetInfrastructureConfigurationCommand({
        infrastructureConfigurationArn: 'arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/none',
      }),
    );
    // Assess
    await expectImageBuilderError(
      call,
      'ResourceNotFoundException',
      "The following required resource 'InfrastructureConfiguration' cannot be found: 'arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/none'.",
      404,
    );
  });
});

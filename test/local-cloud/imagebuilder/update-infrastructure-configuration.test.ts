import {
  CreateInfrastructureConfigurationCommand,
  GetInfrastructureConfigurationCommand,
  UpdateInfrastructureConfigurationCommand,
} from '@aws-sdk/client-imagebuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectImageBuilderError, type ImageBuilderTestCloud, startImageBuilderTestCloud } from './imagebuilder-test-cloud.ts';

describe('Image Builder: UpdateInfrastructureConfiguration', () => {
  let t: ImageBuilderTestCloud;
  beforeAll(async () => {
    t = await startImageBuilderTestCloud();
  });
  afterAll(() => t.cloud.stop());

  it('replaces the settings, keeps the tags and records the update time', async () => {
    // Prepare
    const { infrastructureConfigurationArn } = await t.ib.send(
      new CreateInfrastructureConfigurationCommand({ name: 'infra', instanceProfileName: 'old', instanceTypes: ['t3.large'], tags: { team: 'web' } }),
    );
    t.cloud.clock.advance(60_000);
    // Act
    const updated = await t.ib.send(
      new UpdateInfrastructureConfigurationCommand({
        infrastructureConfigurationArn,
        instanceProfileName: 'new',
        instanceMetadataOptions: { httpTokens: 'required' },
        terminateInstanceOnFailure: false,
      }),
    );
    // Assess
    expect(updated.infrastructureConfigurationArn).toBe(infrastructureConfigurationArn);
    const { infrastructureConfiguration } = await t.ib.send(new GetInfrastructureConfigurationCommand({ infrastructureConfigurationArn }));
    expect(infrastructureConfiguration).toMatchObject({
      instanceProfileName: 'new',
      instanceMetadataOptions: { httpTokens: 'required' },
      terminateInstanceOnFailure: false,
      tags: { team: 'web' },
      dateUpdated: t.cloud.clock.date().toISOString(),
    });
    expect(infrastructureConfiguration?.instanceTypes).toBeUndefined();
  });

  it('answers ResourceNotFoundException for a configuration that does not exist', async () => {
    // Prepare
    const arn = 'arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/none';
    // Act
    const call = t.ib.send(new UpdateInfrastructureConfigurationCommand({ infrastructureConfigurationArn: arn, instanceProfileName: 'p' }));
    // Assess
    await expectImageBuilderError(
      call,
      'ResourceNotFoundException',
      `The following required resource 'InfrastructureConfiguration' cannot be found: '${arn}'.`,
      404,
    );
  });
});

import { CreateInfrastructureConfigurationCommand, GetInfrastructureConfigurationCommand } from '@aws-sdk/client-imagebuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectImageBuilderError, type ImageBuilderTestCloud, startImageBuilderTestCloud } from './imagebuilder-test-cloud.ts';

describe('Image Builder: CreateInfrastructureConfiguration', () => {
  let t: ImageBuilderTestCloud;
  beforeAll(async () => {
    t = await startImageBuilderTestCloud();
  });
  afterAll(() => t.cloud.stop());

  it('creates a configuration with IMDSv2, a topic, resource tags and tags', async () => {
    // Act
    const created = await t.ib.send(
      new CreateInfrastructureConfigurationCommand({
        name: 'Golden Build',
        instanceProfileName: 'ImageBuilderInstanceProfile',
        instanceTypes: ['m7i.large', 'm6i.large'],
        instanceMetadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 2 },
        terminateInstanceOnFailure: true,
        snsTopicArn: 'arn:aws:sns:us-east-1:123456789012:golden-builds',
        resourceTags: { 'goldsmith:managed': 'true' },
        tags: { team: 'platform' },
      }),
    );
    // Assess
    expect(created.infrastructureConfigurationArn).toBe('arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/golden-build');
    const { infrastructureConfiguration } = await t.ib.send(
      new GetInfrastructureConfigurationCommand({ infrastructureConfigurationArn: created.infrastructureConfigurationArn }),
    );
    expect(infrastructureConfiguration).toMatchObject({
      name: 'Golden Build',
      instanceProfileName: 'ImageBuilderInstanceProfile',
      instanceTypes: ['m7i.large', 'm6i.large'],
      instanceMetadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 2 },
      terminateInstanceOnFailure: true,
      snsTopicArn: 'arn:aws:sns:us-east-1:123456789012:golden-builds',
      resourceTags: { 'goldsmith:managed': 'true' },
      tags: { team: 'platform' },
    });
  });

  it('terminates instances on failure unless told otherwise', async () => {
    // Act
    const created = await t.ib.send(new CreateInfrastructureConfigurationCommand({ name: 'defaults', instanceProfileName: 'profile' }));
    // Assess
    const { infrastructureConfiguration } = await t.ib.send(
      new GetInfrastructureConfigurationCommand({ infrastructureConfigurationArn: created.infrastructureConfigurationArn }),
    );
    expect(infrastructureConfiguration?.terminateInstanceOnFailure).toBe(true);
  });

  it('refuses a name that exists already', async () => {
    // Prepare
    await t.ib.send(new CreateInfrastructureConfigurationCommand({ name: 'taken', instanceProfileName: 'profile' }));
    // Act
    const call = t.ib.send(new CreateInfrastructureConfigurationCommand({ name: 'taken', instanceProfileName: 'other' }));
    // Assess
    await expectImageBuilderError(
      call,
      'ResourceAlreadyExistsException',
      "The following resource 'InfrastructureConfiguration' already exists: 'arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/taken'.",
    );
  });

  it('refuses an httpTokens value other than optional or required', async () => {
    // Act
    const call = t.ib.send(
      new CreateInfrastructureConfigurationCommand({ name: 'imds', instanceProfileName: 'profile', instanceMetadataOptions: { httpTokens: 'always' } }),
    );
    // Assess
    await expectImageBuilderError(
      call,
      'InvalidParameterValueException',
      "The value supplied for parameter 'instanceMetadataOptions.httpTokens' is not valid. instanceMetadataOptions.httpTokens must match pattern optional|required",
    );
  });

  it('refuses a topic ARN that is not an SNS topic ARN', async () => {
    // Act
    const call = t.ib.send(
      new CreateInfrastructureConfigurationCommand({ name: 'topic', instanceProfileName: 'profile', snsTopicArn: 'arn:aws:sqs:us-east-1:123456789012:q' }),
    );
    // Assess
    await expectImageBuilderError(
      call,
      'InvalidParameterValueException',
      /^The value supplied for parameter 'snsTopicArn' is not valid\. snsTopicArn must match pattern /,
    );
  });
});

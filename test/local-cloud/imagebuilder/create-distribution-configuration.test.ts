import { CreateDistributionConfigurationCommand, GetDistributionConfigurationCommand } from '@aws-sdk/client-imagebuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectImageBuilderError, type ImageBuilderTestCloud, startImageBuilderTestCloud } from './imagebuilder-test-cloud.ts';

describe('Image Builder: CreateDistributionConfiguration', () => {
  let t: ImageBuilderTestCloud;
  beforeAll(async () => {
    t = await startImageBuilderTestCloud();
  });
  afterAll(() => t.cloud.stop());

  it('creates a configuration with AMI settings per region', async () => {
    // Prepare
    const distributions = [
      {
        region: 'us-east-1',
        amiDistributionConfiguration: {
          name: 'web-{{ imagebuilder:buildDate }}',
          description: 'Golden web AMI',
          amiTags: { channel: 'candidate' },
          kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
          launchPermission: { userIds: ['111122223333'], organizationalUnitArns: ['arn:aws:organizations::123456789012:ou/o-abcdefghij/ou-ab12-cdefgh34'] },
        },
      },
      {
        region: 'eu-west-1',
        amiDistributionConfiguration: { name: 'web-{{imagebuilder:buildVersion}}-{{imagebuilder:buildDate}}', targetAccountIds: ['444455556666'] },
      },
    ];
    // Act
    const created = await t.ib.send(new CreateDistributionConfigurationCommand({ name: 'web-dist', description: 'Web', distributions, tags: { team: 'web' } }));
    // Assess
    expect(created.distributionConfigurationArn).toBe('arn:aws:imagebuilder:us-east-1:123456789012:distribution-configuration/web-dist');
    const { distributionConfiguration } = await t.ib.send(
      new GetDistributionConfigurationCommand({ distributionConfigurationArn: created.distributionConfigurationArn }),
    );
    expect(distributionConfiguration).toMatchObject({ name: 'web-dist', description: 'Web', distributions, tags: { team: 'web' } });
  });

  it('refuses an AMI name without the build date', async () => {
    // Act
    const call = t.ib.send(
      new CreateDistributionConfigurationCommand({
        name: 'no-date',
        distributions: [{ region: 'us-east-1', amiDistributionConfiguration: { name: 'AmazonLinux2-EKS-1.27' } }],
      }),
    );
    // Assess
    await expectImageBuilderError(
      call,
      'InvalidParameterValueException',
      "The value supplied for parameter 'distributions[0].amiDistributionConfiguration.name' is not valid. The EC2 AMI name must contain '{{ imagebuilder:buildDate }}' to ensure that the name will be unique.",
    );
  });

  it('refuses a region with no output', async () => {
    // Act
    const call = t.ib.send(new CreateDistributionConfigurationCommand({ name: 'no-output', distributions: [{ region: 'us-east-1' }] }));
    // Assess
    await expectImageBuilderError(
      call,
      'InvalidParameterValueException',
      "The value supplied for parameter 'distributions[0]' is not valid. One or more outputs should be provided for each region in a distribution configuration.",
    );
  });

  it('refuses a target account that is not an account ID', async () => {
    // Act
    const call = t.ib.send(
      new CreateDistributionConfigurationCommand({
        name: 'bad-account',
        distributions: [{ region: 'us-east-1', amiDistributionConfiguration: { name: 'x-{{ imagebuilder:buildDate }}', targetAccountIds: ['1234'] } }],
      }),
    );
    // Assess
    await expectImageBuilderError(
      call,
      'InvalidParameterValueException',
      "The value supplied for parameter 'distributions[0].amiDistributionConfiguration.targetAccountIds[0]' is not valid. distributions[0].amiDistributionConfiguration.targetAccountIds[0] must match pattern ^[0-9]{12}$",
    );
  });
});

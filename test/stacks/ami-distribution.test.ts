import { describe, expect, it } from 'vitest';
import { amiDistribution } from '../../stacks/image-factory/ami-distribution.ts';
import { variantModel } from './variant-model.ts';

describe('Stacks: AMI distribution', () => {
  const { model } = variantModel();
  const distributionOf = (key: string) => model.distributionConfigurations.find((d) => d.key === key)?.distributions ?? [];

  it('shares an AMI with the listed accounts and organizations, with CloudFormation’s key names and the Region’s key', () => {
    // Prepare
    const [shared] = distributionOf('app-server');
    // Act
    const mapped = amiDistribution(shared);
    // Assess
    expect(mapped).toEqual({
      region: 'eu-central-1',
      amiDistributionConfiguration: {
        Name: 'acme-platform-app-server-{{ imagebuilder:buildDate }}',
        Description: 'App tier built on the web tier',
        AmiTags: expect.objectContaining({ 'goldsmith:managed': 'true', 'goldsmith:pipeline': 'app-server' }),
        KmsKeyId: 'arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
        LaunchPermissionConfiguration: {
          UserIds: ['444455556666'],
          OrganizationArns: ['arn:aws:organizations::111122223333:organization/o-exampleorgid'],
        },
      },
    });
  });

  it('shares an unshared pipeline’s AMIs with nobody', () => {
    // Prepare
    const regions = distributionOf('web-server');
    // Act
    const mapped = regions.map(amiDistribution);
    // Assess
    expect(mapped.map((m) => m.region)).toEqual(['eu-central-1', 'eu-west-1']);
    for (const m of mapped) expect(m.amiDistributionConfiguration).not.toHaveProperty('LaunchPermissionConfiguration');
  });
});

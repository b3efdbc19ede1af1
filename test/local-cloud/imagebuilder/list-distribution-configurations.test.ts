import { CreateDistributionConfigurationCommand, ListDistributionConfigurationsCommand } from '@aws-sdk/client-imagebuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectImageBuilderError, type ImageBuilderTestCloud, startImageBuilderTestCloud } from './imagebuilder-test-cloud.ts';

describe('Image Builder: ListDistributionConfigurations', () => {
  let t: ImageBuilderTestCloud;
  beforeAll(async () => {
    t = await startImageBuilderTestCloud();
    const ami = { name: 'ami-{{ imagebuilder:buildDate }}' };
    await t.ib.send(
      new CreateDistributionConfigurationCommand({
        name: 'multi-region',
        distributions: [
          { region: 'us-east-1', amiDistributionConfiguration: ami },
          { region: 'eu-west-1', amiDistributionConfiguration: ami },
        ],
      }),
    );
    await t.ib.send(new CreateDistributionConfigurationCommand({ name: 'home', distributions: [{ region: 'us-east-1', amiDistributionConfiguration: ami }] }));
  });
  afterAll(() => t.cloud.stop());

  it('lists configurations with their regions, filtered by name', async () => {
    // Act
    const all = await t.ib.send(new ListDistributionConfigurationsCommand({}));
    const filtered = await t.ib.send(new ListDistributionConfigurationsCommand({ filters: [{ name: 'name', values: ['multi-region'] }] }));
    // Assess
    expect(all.distributionConfigurationSummaryList?.map((d) => d.name)).toEqual(['home', 'multi-region']);
    expect(filtered.distributionConfigurationSummaryList?.[0].regions).toEqual(['us-east-1', 'eu-west-1']);
  });

  it('refuses a filter value with characters filters do not allow', async () => {
    // Act
    const call = t.ib.send(new ListDistributionConfigurationsCommand({ filters: [{ name: 'name', values: ['multi*'] }] }));
    // Assess
    await expectImageBuilderError(call, 'InvalidParameterValueException', /^The value supplied for parameter 'filters\[0\]\.values\[0\]' is not valid\. /);
  });
});

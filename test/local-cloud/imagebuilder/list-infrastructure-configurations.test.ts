import { CreateInfrastructureConfigurationCommand, ListInfrastructureConfigurationsCommand } from '@aws-sdk/client-imagebuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectImageBuilderError, type ImageBuilderTestCloud, startImageBuilderTestCloud } from './imagebuilder-test-cloud.ts';

describe('Image Builder: ListInfrastructureConfigurations', () => {
  let t: ImageBuilderTestCloud;
  beforeAll(async () => {
    t = await startImageBuilderTestCloud();
    for (const name of ['zeta', 'alpha'])
      await t.ib.send(new CreateInfrastructureConfigurationCommand({ name, instanceProfileName: 'profile', instanceTypes: ['t3.large'] }));
  });
  afterAll(() => t.cloud.stop());

  it('lists configurations by name, and filters on name', async () => {
    // Act
    const all = await t.ib.send(new ListInfrastructureConfigurationsCommand({}));
    const filtered = await t.ib.send(new ListInfrastructureConfigurationsCommand({ filters: [{ name: 'name', values: ['zeta'] }] }));
    // Assess
    expect(all.infrastructureConfigurationSummaryList?.map((c) => c.name)).toEqual(['alpha', 'zeta']);
    expect(filtered.infrastructureConfigurationSummaryList).toEqual([
      expect.objectContaining({ name: 'zeta', instanceProfileName: 'profile', instanceTypes: ['t3.large'] }),
    ]);
  });

  it('refuses a filter other than name', async () => {
    // Act
    const call = t.ib.send(new ListInfrastructureConfigurationsCommand({ filters: [{ name: 'instanceType', values: ['t3.large'] }] }));
    // Assess
    await expectImageBuilderError(
      call,
      'InvalidParameterValueException',
      "The value supplied for parameter 'filters[0].name' is not valid. Valid filter names are: name.",
    );
  });
});

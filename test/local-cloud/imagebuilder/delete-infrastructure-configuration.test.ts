import {
  CreateInfrastructureConfigurationCommand,
  DeleteInfrastructureConfigurationCommand,
  ListInfrastructureConfigurationsCommand,
} from '@aws-sdk/client-imagebuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectImageBuilderError, type ImageBuilderTestCloud, startImageBuilderTestCloud } from './imagebuilder-test-cloud.ts';

describe('Image Builder: DeleteInfrastructureConfiguration', () => {
  let t: ImageBuilderTestCloud;
  beforeAll(async () => {
    t = await startImageBuilderTestCloud();
  });
  afterAll(() => t.cloud.stop());

  it('deletes a configuration no pipeline uses', async () => {
    // Prepare
    const { infrastructureConfigurationArn } = await t.ib.send(
      new CreateInfrastructureConfigurationCommand({ name: 'unused', instanceProfileName: 'profile' }),
    );
    // Act
    const deleted = await t.ib.send(new DeleteInfrastructureConfigurationCommand({ infrastructureConfigurationArn }));
    // Assess
    expect(deleted.infrastructureConfigurationArn).toBe(infrastructureConfigurationArn);
    const listed = await t.ib.send(new ListInfrastructureConfigurationsCommand({ filters: [{ name: 'name', values: ['unused'] }] }));
    expect(listed.infrastructureConfigurationSummaryList).toEqual([]);
  });

  it('refuses to delete a configuration a pipeline uses', async () => {
    // Prepare
    const setup = await t.pipeline();
    // Act
    const call = t.ib.send(new DeleteInfrastructureConfigurationCommand({ infrastructureConfigurationArn: setup.infrastructureArn }));
    // Assess
    await expectImageBuilderError(
      call,
      'ResourceDependencyException',
      `Resource dependency error: The resource ARN '${setup.infrastructureArn}' has other resources depended on it.`,
    );
  });
});

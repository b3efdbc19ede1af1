import type {
  CreateInfrastructureConfigurationCommandInput,
  CreateInfrastructureConfigurationCommandOutput,
  DeleteInfrastructureConfigurationCommandInput,
  DeleteInfrastructureConfigurationCommandOutput,
  GetInfrastructureConfigurationCommandInput,
  GetInfrastructureConfigurationCommandOutput,
  InfrastructureConfiguration,
  ListInfrastructureConfigurationsCommandInput,
  ListInfrastructureConfigurationsCommandOutput,
  UpdateInfrastructureConfigurationCommandInput,
  UpdateInfrastructureConfigurationCommandOutput,
} from '@aws-sdk/client-imagebuilder';
import type { RequestContext } from '../../../service.ts';
import { buildArn } from '../arns.ts';
import { oncePerClientToken } from '../client-token.ts';
import { resourceAlreadyExists, resourceDependency } from '../errors.ts';
import { applyFilters } from '../filters.ts';
import { validateInput } from '../input-validation.ts';
import { iso, required, stateOf } from '../lookup.ts';
import { paginate } from '../pagination.ts';
import type { InfrastructureRecord } from '../store.ts';

type Output<T> = Omit<T, '$metadata'>;

/** The settings Create and Update share; Update replaces them all, as on AWS. */
function settingsOf(input: UpdateInfrastructureConfigurationCommandInput | CreateInfrastructureConfigurationCommandInput) {
  return {
    description: input.description,
    instanceTypes: input.instanceTypes,
    instanceProfileName: input.instanceProfileName as string,
    securityGroupIds: input.securityGroupIds,
    subnetId: input.subnetId,
    logging: input.logging,
    keyPair: input.keyPair,
    terminateInstanceOnFailure: input.terminateInstanceOnFailure ?? true,
    snsTopicArn: input.snsTopicArn,
    resourceTags: input.resourceTags,
    instanceMetadataOptions: input.instanceMetadataOptions,
    placement: input.placement,
  };
}

export function createInfrastructureConfiguration(
  input: CreateInfrastructureConfigurationCommandInput,
  ctx: RequestContext,
): Output<CreateInfrastructureConfigurationCommandOutput> {
  validateInput('CreateInfrastructureConfiguration', input);
  const state = stateOf(ctx);
  // Differs from AWS: there is no IAM here, so the instance profile is not checked to exist.
  return oncePerClientToken(state, 'CreateInfrastructureConfiguration', input, ctx, () => {
    const arn = buildArn(ctx, 'infrastructure-configuration', input.name as string);
    if (state.infrastructures[arn]) throw resourceAlreadyExists('InfrastructureConfiguration', arn);
    state.infrastructures[arn] = { arn, name: input.name as string, ...settingsOf(input), dateCreated: ctx.cloud.clock.now(), tags: { ...input.tags } };
    return { infrastructureConfigurationArn: arn };
  });
}

export function updateInfrastructureConfiguration(
  input: UpdateInfrastructureConfigurationCommandInput,
  ctx: RequestContext,
): Output<UpdateInfrastructureConfigurationCommandOutput> {
  validateInput('UpdateInfrastructureConfiguration', input);
  const arn = input.infrastructureConfigurationArn as string;
  const state = stateOf(ctx);
  return oncePerClientToken(state, 'UpdateInfrastructureConfiguration', input, ctx, () => {
    const record = required(state.infrastructures[arn], 'InfrastructureConfiguration', arn);
    state.infrastructures[arn] = {
      arn,
      name: record.name,
      ...settingsOf(input),
      dateCreated: record.dateCreated,
      dateUpdated: ctx.cloud.clock.now(),
      tags: record.tags,
    };
    return { infrastructureConfigurationArn: arn };
  });
}

export function getInfrastructureConfiguration(
  input: GetInfrastructureConfigurationCommandInput,
  ctx: RequestContext,
): Output<GetInfrastructureConfigurationCommandOutput> {
  validateInput('GetInfrastructureConfiguration', input);
  const arn = input.infrastructureConfigurationArn as string;
  return {
    requestId: ctx.requestId,
    infrastructureConfiguration: infrastructureView(required(stateOf(ctx).infrastructures[arn], 'InfrastructureConfiguration', arn)),
  };
}

export function listInfrastructureConfigurations(
  input: ListInfrastructureConfigurationsCommandInput,
  ctx: RequestContext,
): Output<ListInfrastructureConfigurationsCommandOutput> {
  validateInput('ListInfrastructureConfigurations', input);
  const all = Object.values(stateOf(ctx).infrastructures).sort((a, b) => a.name.localeCompare(b.name));
  const { page, nextToken } = paginate(applyFilters(all, input.filters, { name: (r) => r.name }), input);
  return {
    requestId: ctx.requestId,
    infrastructureConfigurationSummaryList: page.map((r) => ({
      arn: r.arn,
      name: r.name,
      description: r.description,
      dateCreated: iso(r.dateCreated),
      dateUpdated: iso(r.dateUpdated),
      resourceTags: r.resourceTags,
      tags: r.tags,
      instanceTypes: r.instanceTypes,
      instanceProfileName: r.instanceProfileName,
      placement: r.placement,
    })),
    nextToken,
  };
}

export function deleteInfrastructureConfiguration(
  input: DeleteInfrastructureConfigurationCommandInput,
  ctx: RequestContext,
): Output<DeleteInfrastructureConfigurationCommandOutput> {
  validateInput('DeleteInfrastructureConfiguration', input);
  const arn = input.infrastructureConfigurationArn as string;
  const state = stateOf(ctx);
  required(state.infrastructures[arn], 'InfrastructureConfiguration', arn);
  if (Object.values(state.pipelines).some((p) => p.infrastructureConfigurationArn === arn)) throw resourceDependency(arn);
  delete state.infrastructures[arn];
  return { requestId: ctx.requestId, infrastructureConfigurationArn: arn };
}

export function infrastructureView(r: InfrastructureRecord): InfrastructureConfiguration {
  return { ...r, dateCreated: iso(r.dateCreated), dateUpdated: iso(r.dateUpdated) };
}

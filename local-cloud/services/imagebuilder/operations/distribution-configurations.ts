import type {
  CreateDistributionConfigurationCommandInput,
  CreateDistributionConfigurationCommandOutput,
  DeleteDistributionConfigurationCommandInput,
  DeleteDistributionConfigurationCommandOutput,
  Distribution,
  DistributionConfiguration,
  GetDistributionConfigurationCommandInput,
  GetDistributionConfigurationCommandOutput,
  ListDistributionConfigurationsCommandInput,
  ListDistributionConfigurationsCommandOutput,
  UpdateDistributionConfigurationCommandInput,
  UpdateDistributionConfigurationCommandOutput,
} from '@aws-sdk/client-imagebuilder';
import type { RequestContext } from '../../../service.ts';
import { BUILD_DATE } from '../ami-name.ts';
import { buildArn } from '../arns.ts';
import { oncePerClientToken } from '../client-token.ts';
import { invalidParameterValue, resourceAlreadyExists, resourceDependency } from '../errors.ts';
import { applyFilters } from '../filters.ts';
import { validateInput } from '../input-validation.ts';
import { iso, required, stateOf } from '../lookup.ts';
import { paginate } from '../pagination.ts';
import type { DistributionRecord } from '../store.ts';

type Output<T> = Omit<T, '$metadata'>;

const OUTPUTS = [
  'amiDistributionConfiguration',
  'containerDistributionConfiguration',
  'licenseConfigurationArns',
  'launchTemplateConfigurations',
  's3ExportConfiguration',
  'fastLaunchConfigurations',
  'ssmParameterConfigurations',
] as const;

/** Image Builder's checks on the distributions themselves, beyond the model's constraints. */
function checkDistributions(distributions: Distribution[]): void {
  const regions = new Set<string>();
  distributions.forEach((distribution, i) => {
    if (!OUTPUTS.some((output) => distribution[output] !== undefined))
      throw invalidParameterValue(`distributions[${i}]`, 'One or more outputs should be provided for each region in a distribution configuration.');
    const region = distribution.region as string;
    if (regions.has(region)) throw invalidParameterValue(`distributions[${i}].region`, `The region '${region}' is listed more than once.`);
    regions.add(region);
    const name = distribution.amiDistributionConfiguration?.name;
    if (name !== undefined && !BUILD_DATE.test(name))
      throw invalidParameterValue(
        `distributions[${i}].amiDistributionConfiguration.name`,
        "The EC2 AMI name must contain '{{ imagebuilder:buildDate }}' to ensure that the name will be unique.",
      );
  });
}

export function createDistributionConfiguration(
  input: CreateDistributionConfigurationCommandInput,
  ctx: RequestContext,
): Output<CreateDistributionConfigurationCommandOutput> {
  validateInput('CreateDistributionConfiguration', input);
  checkDistributions(input.distributions ?? []);
  const state = stateOf(ctx);
  return oncePerClientToken(state, 'CreateDistributionConfiguration', input, ctx, () => {
    const arn = buildArn(ctx, 'distribution-configuration', input.name as string);
    if (state.distributions[arn]) throw resourceAlreadyExists('DistributionConfiguration', arn);
    state.distributions[arn] = {
      arn,
      name: input.name as string,
      description: input.description,
      distributions: input.distributions ?? [],
      dateCreated: ctx.cloud.clock.now(),
      tags: { ...input.tags },
    };
    return { distributionConfigurationArn: arn };
  });
}

export function updateDistributionConfiguration(
  input: UpdateDistributionConfigurationCommandInput,
  ctx: RequestContext,
): Output<UpdateDistributionConfigurationCommandOutput> {
  validateInput('UpdateDistributionConfiguration', input);
  checkDistributions(input.distributions ?? []);
  const arn = input.distributionConfigurationArn as string;
  const state = stateOf(ctx);
  return oncePerClientToken(state, 'UpdateDistributionConfiguration', input, ctx, () => {
    const record = required(state.distributions[arn], 'DistributionConfiguration', arn);
    state.distributions[arn] = { ...record, description: input.description, distributions: input.distributions ?? [], dateUpdated: ctx.cloud.clock.now() };
    return { distributionConfigurationArn: arn };
  });
}

export function getDistributionConfiguration(
  input: GetDistributionConfigurationCommandInput,
  ctx: RequestContext,
): Output<GetDistributionConfigurationCommandOutput> {
  validateInput('GetDistributionConfiguration', input);
  const arn = input.distributionConfigurationArn as string;
  return { requestId: ctx.requestId, distributionConfiguration: distributionView(required(stateOf(ctx).distributions[arn], 'DistributionConfiguration', arn)) };
}

export function listDistributionConfigurations(
  input: ListDistributionConfigurationsCommandInput,
  ctx: RequestContext,
): Output<ListDistributionConfigurationsCommandOutput> {
  validateInput('ListDistributionConfigurations', input);
  const all = Object.values(stateOf(ctx).distributions).sort((a, b) => a.name.localeCompare(b.name));
  const { page, nextToken } = paginate(applyFilters(all, input.filters, { name: (r) => r.name }), input);
  return {
    requestId: ctx.requestId,
    distributionConfigurationSummaryList: page.map((r) => ({
      arn: r.arn,
      name: r.name,
      description: r.description,
      dateCreated: iso(r.dateCreated),
      dateUpdated: iso(r.dateUpdated),
      tags: r.tags,
      regions: r.distributions.map((d) => d.region as string),
    })),
    nextToken,
  };
}

export function deleteDistributionConfiguration(
  input: DeleteDistributionConfigurationCommandInput,
  ctx: RequestContext,
): Output<DeleteDistributionConfigurationCommandOutput> {
  validateInput('DeleteDistributionConfiguration', input);
  const arn = input.distributionConfigurationArn as string;
  const state = stateOf(ctx);
  required(state.distributions[arn], 'DistributionConfiguration', arn);
  if (Object.values(state.pipelines).some((p) => p.distributionConfigurationArn === arn)) throw resourceDependency(arn);
  delete state.distributions[arn];
  return { requestId: ctx.requestId, distributionConfigurationArn: arn };
}

export function distributionView(r: DistributionRecord): DistributionConfiguration {
  // timeoutMinutes is a property Image Builder reports but does not use.
  return { ...r, timeoutMinutes: 720, dateCreated: iso(r.dateCreated), dateUpdated: iso(r.dateUpdated) };
}

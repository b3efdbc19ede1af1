import type {
  CreateImageRecipeCommandInput,
  CreateImageRecipeCommandOutput,
  DeleteImageRecipeCommandInput,
  DeleteImageRecipeCommandOutput,
  GetImageRecipeCommandInput,
  GetImageRecipeCommandOutput,
  ImageRecipe,
  ImageRecipeSummary,
  ListImageRecipesCommandInput,
  ListImageRecipesCommandOutput,
  Platform,
} from '@aws-sdk/client-imagebuilder';
import type { RequestContext } from '../../../service.ts';
import { buildArn, compareVersions, isValidSelector, parseArn } from '../arns.ts';
import { oncePerClientToken } from '../client-token.ts';
import { invalidParameterValue, invalidRequest, resourceAlreadyExists, resourceDependency } from '../errors.ts';
import { applyFilters } from '../filters.ts';
import { validateInput } from '../input-validation.ts';
import { findComponent, findImage, findRecipe, iso, required, stateOf } from '../lookup.ts';
import { paginate } from '../pagination.ts';
import type { RecipeRecord } from '../store.ts';
import { checkVersionBounds } from '../version-bounds.ts';

type Output<T> = Omit<T, '$metadata'>;

export function createImageRecipe(input: CreateImageRecipeCommandInput, ctx: RequestContext): Output<CreateImageRecipeCommandOutput> {
  validateInput('CreateImageRecipe', input);
  const version = input.semanticVersion as string;
  // Differs from AWS: the local cloud does not pick the next version for a wildcard recipe version.
  if (version.includes('x'))
    throw invalidRequest(`The local cloud does not assign recipe versions from wildcards ('${version}'): give an exact version such as 1.0.0.`);
  checkVersionBounds('semanticVersion', version);
  const state = stateOf(ctx);
  return oncePerClientToken(state, 'CreateImageRecipe', input, ctx, () => {
    const platform = recipePlatform(input, ctx);
    checkParentImage(input.parentImage as string, ctx);
    const arn = buildArn(ctx, 'image-recipe', input.name as string, version);
    if (state.recipes[arn]) throw resourceAlreadyExists('ImageRecipe', arn);
    state.recipes[arn] = {
      arn,
      name: input.name as string,
      version,
      description: input.description,
      platform,
      components: input.components ?? [],
      parentImage: input.parentImage as string,
      blockDeviceMappings: input.blockDeviceMappings,
      workingDirectory: input.workingDirectory,
      additionalInstanceConfiguration: input.additionalInstanceConfiguration,
      amiTags: input.amiTags,
      dateCreated: ctx.cloud.clock.now(),
      tags: { ...input.tags },
    };
    return { imageRecipeArn: arn };
  });
}

export function getImageRecipe(input: GetImageRecipeCommandInput, ctx: RequestContext): Output<GetImageRecipeCommandOutput> {
  validateInput('GetImageRecipe', input);
  const arn = input.imageRecipeArn as string;
  return { requestId: ctx.requestId, imageRecipe: recipeView(required(findRecipe(ctx, arn), 'ImageRecipe', arn), ctx.accountId) };
}

export function listImageRecipes(input: ListImageRecipesCommandInput, ctx: RequestContext): Output<ListImageRecipesCommandOutput> {
  validateInput('ListImageRecipes', input);
  // Only the account's own recipes exist in the local cloud.
  const own = (input.owner ?? 'Self') === 'Self' ? Object.values(stateOf(ctx).recipes) : [];
  const filtered = applyFilters(
    own.sort((a, b) => a.name.localeCompare(b.name) || compareVersions(a.version, b.version)),
    input.filters,
    { name: (r) => r.name, parentImage: (r) => r.parentImage, platform: (r) => r.platform },
  );
  const { page, nextToken } = paginate(filtered, input);
  return {
    requestId: ctx.requestId,
    imageRecipeSummaryList: page.map(
      (r): ImageRecipeSummary => ({
        arn: r.arn,
        name: r.name,
        platform: r.platform as Platform,
        owner: ctx.accountId,
        parentImage: r.parentImage,
        dateCreated: iso(r.dateCreated),
        tags: r.tags,
      }),
    ),
    nextToken,
  };
}

export function deleteImageRecipe(input: DeleteImageRecipeCommandInput, ctx: RequestContext): Output<DeleteImageRecipeCommandOutput> {
  validateInput('DeleteImageRecipe', input);
  const arn = input.imageRecipeArn as string;
  const state = stateOf(ctx);
  required(state.recipes[arn], 'ImageRecipe', arn);
  if (Object.values(state.pipelines).some((p) => p.imageRecipeArn === arn)) throw resourceDependency(arn);
  delete state.recipes[arn];
  return { requestId: ctx.requestId, imageRecipeArn: arn };
}

export function recipeView(r: RecipeRecord, owner: string): ImageRecipe {
  return {
    arn: r.arn,
    type: 'AMI',
    name: r.name,
    description: r.description,
    platform: r.platform as Platform,
    owner,
    version: r.version,
    components: r.components,
    parentImage: r.parentImage,
    blockDeviceMappings: r.blockDeviceMappings,
    dateCreated: iso(r.dateCreated),
    tags: r.tags,
    workingDirectory: r.workingDirectory,
    additionalInstanceConfiguration: r.additionalInstanceConfiguration,
    amiTags: r.amiTags,
  };
}

/** Checks each component and its parameters; the recipe takes the components' platform. */
function recipePlatform(input: CreateImageRecipeCommandInput, ctx: RequestContext): string {
  const platforms = new Set<string>();
  (input.components ?? []).forEach((configuration, i) => {
    const arn = configuration.componentArn as string;
    const parsed = parseArn(arn);
    if (parsed?.kind !== 'component' || !isValidSelector(parsed.version ?? ''))
      throw invalidParameterValue(`components[${i}].componentArn`, 'Wildcards (x) may only follow fixed version nodes, as in 1.x.x or x.x.x.');
    const component = required(findComponent(ctx, arn), 'Component', arn);
    platforms.add(component.platform);
    const declared = new Map((component.parameters ?? []).map((p) => [p.name as string, p]));
    const given = new Set<string>();
    (configuration.parameters ?? []).forEach((parameter, j) => {
      if (!declared.has(parameter.name as string))
        throw invalidParameterValue(`components[${i}].parameters[${j}].name`, `The parameter '${parameter.name}' is not defined in component '${arn}'.`);
      given.add(parameter.name as string);
    });
    for (const [name, detail] of declared)
      if (!given.has(name) && !detail.defaultValue?.length)
        throw invalidParameterValue(`components[${i}].parameters`, `The component '${arn}' requires a value for parameter '${name}', which has no default.`);
  });
  if (platforms.size > 1)
    throw invalidParameterValue('components', `All components of a recipe must be for one platform (got ${[...platforms].join(' and ')}).`);
  const parentArn = parseArn(input.parentImage as string);
  const parentPlatform = parentArn?.owner === ctx.accountId ? findImage(ctx, input.parentImage as string)?.platform : undefined;
  return [...platforms][0] ?? parentPlatform ?? 'Linux';
}

/** A parent image is an AMI ID, an `ssm:` parameter that holds one, or an Image Builder image ARN. */
function checkParentImage(parentImage: string, ctx: RequestContext): void {
  if (/^ami-[0-9a-f]{8,17}$/.test(parentImage) || /^ssm:.+/.test(parentImage)) return;
  const parsed = parseArn(parentImage);
  if (parsed?.kind !== 'image')
    throw invalidParameterValue(
      'parentImage',
      'The parent image must be an AMI ID, an SSM parameter given as ssm:<parameter-name>, or an Image Builder image ARN.',
    );
  // Amazon-managed images (owner `aws`) are not catalogued locally; the build resolves them through EC2.
  if (parsed.owner !== 'aws') required(findImage(ctx, parentImage), 'Image', parentImage);
}

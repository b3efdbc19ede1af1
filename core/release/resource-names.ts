/**
 * Names and ARNs that functions derive instead of looking up. The app model must create the Image Builder
 * pipeline under `imagePipelineName` (the recipe's name, `<project>-<pipeline>`).
 */
import type { ReleaseConfig } from './release-config.ts';

/** Tags Goldsmith puts on what it creates. */
export const Tags = {
  managed: 'goldsmith:managed',
  pipeline: 'goldsmith:pipeline',
  release: 'goldsmith:release',
  role: 'goldsmith:role',
  status: 'goldsmith:status',
} as const;

/** Image Builder puts ARNs' names in lowercase, with spaces and underscores as hyphens. */
export function arnName(name: string): string {
  return name.toLowerCase().replace(/[ _]/g, '-');
}

export function imagePipelineName(config: ReleaseConfig, pipeline: string): string {
  return `${config.config.project}-${pipeline}`;
}

export function imagePipelineArn(region: string, accountId: string, name: string): string {
  return `arn:aws:imagebuilder:${region}:${accountId}:image-pipeline/${arnName(name)}`;
}

/** Every image build of a recipe starts with this ARN (`…:image/<recipe>/<version>/<build>`). */
export function recipeImageArnPrefix(region: string, accountId: string, recipeName: string): string {
  return `arn:aws:imagebuilder:${region}:${accountId}:image/${arnName(recipeName)}/`;
}

/** The 12-digit account of an ARN (a Lambda context's invokedFunctionArn, an execution ARN). */
export function accountOf(arn: string): string {
  const account = arn.split(':')[4];
  if (!/^\d{12}$/.test(account ?? '')) throw new Error(`Cannot read an AWS account id from '${arn}'.`);
  return account;
}

/** The region of an ARN. */
export function regionOf(arn: string): string {
  return arn.split(':')[3] ?? '';
}

import { z } from 'zod';
import { problem } from './config-issue.ts';
import { AMI_ID, isSsmParameterName } from './identifiers.ts';

/** What a pipeline builds on. */
export type ParentImage =
  /** An SSM parameter that holds an AMI id, e.g. AWS's public Amazon Linux 2023 parameter. Image Builder reads it at build time. */
  | { readonly kind: 'ssm-parameter'; readonly parameterName: string; readonly recipeParentImage: string }
  /** A fixed AMI. */
  | { readonly kind: 'ami'; readonly imageId: string; readonly recipeParentImage: string }
  /** Another Goldsmith pipeline's `stable` channel: a chained pipeline, released when its parent publishes. */
  | { readonly kind: 'pipeline'; readonly pipeline: string };

/** A parent image with the value the Image Builder recipe takes; a chained parent reads its parent's `stable` channel parameter. */
export type ResolvedParentImage =
  | Extract<ParentImage, { kind: 'ssm-parameter' | 'ami' }>
  | { readonly kind: 'pipeline'; readonly pipeline: string; readonly parameterName: string; readonly recipeParentImage: string };

const PIPELINE_PREFIX = 'pipeline:';
const FORMS =
  "Use an SSM parameter path like '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64', an AMI id like 'ami-0123456789abcdef0', or 'pipeline:<name>' to build on another pipeline's stable image";

/** Reads a `parentImage` value. Chained parents get their recipe value once the parent's channel is known (see resolveConfig). */
export function parseParentImage(value: string): ParentImage | undefined {
  if (value.startsWith(PIPELINE_PREFIX)) {
    const pipeline = value.slice(PIPELINE_PREFIX.length);
    return pipeline ? { kind: 'pipeline', pipeline } : undefined;
  }
  if (AMI_ID.test(value)) return { kind: 'ami', imageId: value, recipeParentImage: value };
  // Image Builder takes an SSM parameter as `ssm:<name>`; accept both spellings here.
  const parameterName = value.startsWith('ssm:') ? value.slice(4) : value;
  if (isSsmParameterName(parameterName)) return { kind: 'ssm-parameter', parameterName, recipeParentImage: `ssm:${parameterName}` };
  return undefined;
}

/** The architecture an AWS public AMI parameter names in its last part (`…-x86_64`, `…-arm64`), if any. */
export function parameterArchitecture(parameterName: string): 'x86_64' | 'arm64' | undefined {
  const match = /[-_](x86_64|arm64)$/.exec(parameterName);
  return match ? (match[1] as 'x86_64' | 'arm64') : undefined;
}

export const parentImageSchema = z.string().superRefine((value, ctx) => {
  if (!parseParentImage(value)) ctx.addIssue({ code: 'custom', input: value, message: problem('is not a parent image Goldsmith understands', FORMS) });
});

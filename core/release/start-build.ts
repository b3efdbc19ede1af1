/** start-build: starts the pipeline with the release's client token, so a repeated start answers the same build. */
import type { ImageBuilderPort } from './ports.ts';

export async function startBuild(input: { imagePipelineArn: string; clientToken: string }, deps: { imageBuilder: ImageBuilderPort }) {
  return { imageBuildVersionArn: await deps.imageBuilder.startPipeline(input.imagePipelineArn, input.clientToken) };
}

/** start-build: starts the Image Builder pipeline with the release's client token. */
import type { z } from 'zod';
import { ImageBuilderAdapter } from '../adapters/aws/image-builder.ts';
import { StartBuildInput } from '../core/release/contracts.ts';
import { startBuild } from '../core/release/start-build.ts';
import { loadEnv } from './lib/env.ts';
import { parseInput } from './lib/parse-input.ts';
import { instrument } from './lib/powertools.ts';
import { withPowertools } from './lib/with-powertools.ts';

const env = loadEnv([]);
const imageBuilder = new ImageBuilderAdapter({ region: env.region, instrument });

const main = async (input: z.output<typeof StartBuildInput>) => startBuild(input, { imageBuilder });

export const handler = withPowertools(main).use(parseInput(StartBuildInput, 'start-build'));

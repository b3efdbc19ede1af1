/** wait-for-image (`.waitForTaskToken`): stores the token under the image, then checks the image once. */
import type { z } from 'zod';
import { ImageBuilderAdapter } from '../adapters/aws/image-builder.ts';
import { ReleaseTable } from '../adapters/aws/release-table.ts';
import { StepFunctionsAdapter } from '../adapters/aws/step-functions.ts';
import { WaitForImageInput } from '../core/release/contracts.ts';
import { waitForImage } from '../core/release/wait-for-image.ts';
import { loadEnv } from './lib/env.ts';
import { parseInput } from './lib/parse-input.ts';
import { instrument } from './lib/powertools.ts';
import { withPowertools } from './lib/with-powertools.ts';

const env = loadEnv(['table']);
const aws = { region: env.region, instrument };
const tokens = new ReleaseTable(env.table, aws).tokens;
const tasks = new StepFunctionsAdapter(aws);
const imageBuilder = new ImageBuilderAdapter(aws);

const main = async (input: z.output<typeof WaitForImageInput>) => waitForImage(input, Date.now(), { tokens, tasks, imageBuilder });

export const handler = withPowertools(main).use(parseInput(WaitForImageInput, 'wait-for-image'));

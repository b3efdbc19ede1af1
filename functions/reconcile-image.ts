/** reconcile-image: GetImage after a wait timed out: ready, still building (with the next, longer wait), failed, or overdue. */
import type { z } from 'zod';
import { ImageBuilderAdapter } from '../adapters/aws/image-builder.ts';
import { ReconcileImageInput } from '../core/release/contracts.ts';
import { reconcileImage } from '../core/release/reconcile-image.ts';
import { loadEnv } from './lib/env.ts';
import { parseInput } from './lib/parse-input.ts';
import { instrument } from './lib/powertools.ts';
import { withPowertools } from './lib/with-powertools.ts';
import { workflowTime } from './lib/workflow-time.ts';

const env = loadEnv([]);
const imageBuilder = new ImageBuilderAdapter({ region: env.region, instrument });

const main = async (input: z.output<typeof ReconcileImageInput>) => reconcileImage(input, workflowTime(input.checkedAt), { imageBuilder });

export const handler = withPowertools(main).use(parseInput(ReconcileImageInput, 'reconcile-image'));

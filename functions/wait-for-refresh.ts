/** wait-for-refresh (`.waitForTaskToken`): stores the token under the refresh, then checks it once. */
import type { z } from 'zod';
import { AutoScalingAdapter } from '../adapters/aws/auto-scaling.ts';
import { ReleaseTable } from '../adapters/aws/release-table.ts';
import { StepFunctionsAdapter } from '../adapters/aws/step-functions.ts';
import { WaitForRefreshInput } from '../core/release/contracts.ts';
import { waitForRefresh } from '../core/release/refresh-waits.ts';
import { loadEnv } from './lib/env.ts';
import { parseInput } from './lib/parse-input.ts';
import { instrument } from './lib/powertools.ts';
import { withPowertools } from './lib/with-powertools.ts';

const env = loadEnv(['table']);
const aws = { region: env.region, instrument };
const tokens = new ReleaseTable(env.table, aws).tokens;
const tasks = new StepFunctionsAdapter(aws);
const autoScaling = new AutoScalingAdapter(aws);

const main = async (input: z.output<typeof WaitForRefreshInput>) => waitForRefresh(input, Date.now(), { tokens, tasks, autoScaling });

export const handler = withPowertools(main).use(parseInput(WaitForRefreshInput, 'wait-for-refresh'));

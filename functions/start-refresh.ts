/** start-refresh: an instance refresh naming the numbered launch template version. */
import type { z } from 'zod';
import { AutoScalingAdapter } from '../adapters/aws/auto-scaling.ts';
import { PlannedRefresh } from '../core/release/contracts.ts';
import { startRefresh } from '../core/release/start-refresh.ts';
import { loadEnv } from './lib/env.ts';
import { parseInput } from './lib/parse-input.ts';
import { instrument } from './lib/powertools.ts';
import { withPowertools } from './lib/with-powertools.ts';

const env = loadEnv([]);
const autoScaling = new AutoScalingAdapter({ region: env.region, instrument });

const main = async (input: z.output<typeof PlannedRefresh>) => startRefresh(input, { autoScaling });

export const handler = withPowertools(main).use(parseInput(PlannedRefresh, 'start-refresh'));

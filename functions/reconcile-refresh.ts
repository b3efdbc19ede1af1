/** reconcile-refresh: DescribeInstanceRefreshes after a wait timed out: done, still running (with the next, longer wait), failed, or overdue. */
import type { z } from 'zod';
import { AutoScalingAdapter } from '../adapters/aws/auto-scaling.ts';
import { ReconcileRefreshInput } from '../core/release/contracts.ts';
import { reconcileRefresh } from '../core/release/refresh-waits.ts';
import { loadEnv } from './lib/env.ts';
import { parseInput } from './lib/parse-input.ts';
import { instrument } from './lib/powertools.ts';
import { withPowertools } from './lib/with-powertools.ts';
import { workflowTime } from './lib/workflow-time.ts';

const env = loadEnv([]);
const autoScaling = new AutoScalingAdapter({ region: env.region, instrument });

const main = async (input: z.output<typeof ReconcileRefreshInput>) => reconcileRefresh(input, workflowTime(input.checkedAt), { autoScaling });

export const handler = withPowertools(main).use(parseInput(ReconcileRefreshInput, 'reconcile-refresh'));

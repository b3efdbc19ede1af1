/** start-refresh: an instance refresh naming the numbered launch template version, started once per group and wave. */
import type { z } from 'zod';
import { AutoScalingAdapter } from '../adapters/aws/auto-scaling.ts';
import { Ec2Adapter } from '../adapters/aws/ec2.ts';
import { ReleaseTable } from '../adapters/aws/release-table.ts';
import { StartRefreshInput } from '../core/release/contracts.ts';
import { startRefresh } from '../core/release/start-refresh.ts';
import { plannedRefresh } from '../core/release/wave-rollout.ts';
import { loadEnv } from './lib/env.ts';
import { parseInput } from './lib/parse-input.ts';
import { instrument } from './lib/powertools.ts';
import { readReleaseConfig } from './lib/release-config-file.ts';
import { withPowertools } from './lib/with-powertools.ts';

const env = loadEnv(['table', 'configFile']);
const aws = { region: env.region, instrument };
const records = new ReleaseTable(env.table, aws).rollout;
const autoScaling = new AutoScalingAdapter(aws);
const templates = new Ec2Adapter(aws);

const main = async (input: z.output<typeof StartRefreshInput>) =>
  startRefresh(await plannedRefresh(input, { config: readReleaseConfig(env.configFile), records }), { autoScaling, templates });

export const handler = withPowertools(main).use(parseInput(StartRefreshInput, 'start-refresh'));

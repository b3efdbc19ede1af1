/** restore-launch-templates: after a failed wave, previous default versions back and running refreshes rolled back. */
import type { z } from 'zod';
import { AutoScalingAdapter } from '../adapters/aws/auto-scaling.ts';
import { Ec2Adapter } from '../adapters/aws/ec2.ts';
import { ReleaseTable } from '../adapters/aws/release-table.ts';
import { RestoreLaunchTemplatesInput } from '../core/release/contracts.ts';
import { restoreLaunchTemplates } from '../core/release/restore-launch-templates.ts';
import { loadEnv } from './lib/env.ts';
import { parseInput } from './lib/parse-input.ts';
import { instrument } from './lib/powertools.ts';
import { withPowertools } from './lib/with-powertools.ts';

const env = loadEnv(['table']);
const aws = { region: env.region, instrument };
const records = new ReleaseTable(env.table, aws).rollout;
const templates = new Ec2Adapter(aws);
const autoScaling = new AutoScalingAdapter(aws);

const main = async (input: z.output<typeof RestoreLaunchTemplatesInput>) => restoreLaunchTemplates(input, { records, templates, autoScaling });

export const handler = withPowertools(main).use(parseInput(RestoreLaunchTemplatesInput, 'restore-launch-templates'));

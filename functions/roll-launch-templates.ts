/** roll-launch-templates: new launch template versions with the literal AMI id, made the default; each change recorded first. */
import type { z } from 'zod';
import { Ec2Adapter } from '../adapters/aws/ec2.ts';
import { ReleaseTable } from '../adapters/aws/release-table.ts';
import { RollLaunchTemplatesInput } from '../core/release/contracts.ts';
import { rollWave } from '../core/release/wave-rollout.ts';
import { loadEnv } from './lib/env.ts';
import { parseInput } from './lib/parse-input.ts';
import { instrument } from './lib/powertools.ts';
import { readReleaseConfig } from './lib/release-config-file.ts';
import { withPowertools } from './lib/with-powertools.ts';

const env = loadEnv(['table', 'configFile']);
const aws = { region: env.region, instrument };
const records = new ReleaseTable(env.table, aws).rollout;
const templates = new Ec2Adapter(aws);

const main = async (input: z.output<typeof RollLaunchTemplatesInput>) =>
  rollWave(input, Date.now(), { config: readReleaseConfig(env.configFile), templates, records });

export const handler = withPowertools(main).use(parseInput(RollLaunchTemplatesInput, 'roll-launch-templates'));

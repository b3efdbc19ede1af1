/** launch-test-instance: a tagged test instance from the AMI, with IMDSv2 required. */
import type { z } from 'zod';
import { Ec2Adapter } from '../adapters/aws/ec2.ts';
import { LaunchTestInstanceInput } from '../core/release/contracts.ts';
import { launchTestInstance } from '../core/release/test-instance.ts';
import { loadEnv } from './lib/env.ts';
import { parseInput } from './lib/parse-input.ts';
import { instrument } from './lib/powertools.ts';
import { withPowertools } from './lib/with-powertools.ts';

const env = loadEnv([]);
const instances = new Ec2Adapter({ region: env.region, instrument });

const main = async (input: z.output<typeof LaunchTestInstanceInput>) => launchTestInstance(input, { instances });

export const handler = withPowertools(main).use(parseInput(LaunchTestInstanceInput, 'launch-test-instance'));

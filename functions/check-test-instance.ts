/** check-test-instance: is the test instance running with its SSM agent online (within its bound)? */
import type { z } from 'zod';
import { Ec2Adapter } from '../adapters/aws/ec2.ts';
import { SsmAdapter } from '../adapters/aws/ssm.ts';
import { CheckTestInstanceInput } from '../core/release/contracts.ts';
import { checkTestInstance } from '../core/release/test-instance.ts';
import { loadEnv } from './lib/env.ts';
import { parseInput } from './lib/parse-input.ts';
import { instrument } from './lib/powertools.ts';
import { withPowertools } from './lib/with-powertools.ts';
import { workflowTime } from './lib/workflow-time.ts';

const env = loadEnv([]);
const aws = { region: env.region, instrument };
const instances = new Ec2Adapter(aws);
const commands = new SsmAdapter(aws);

const main = async (input: z.output<typeof CheckTestInstanceInput>) => checkTestInstance(input, workflowTime(input.checkedAt), { instances, commands });

export const handler = withPowertools(main).use(parseInput(CheckTestInstanceInput, 'check-test-instance'));

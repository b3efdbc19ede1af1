/** terminate-test-instances: terminates every test instance of the release, found by tag. Idempotent. */
import type { z } from 'zod';
import { Ec2Adapter } from '../adapters/aws/ec2.ts';
import { TerminateTestInstancesInput } from '../core/release/contracts.ts';
import { terminateTestInstances } from '../core/release/test-instance.ts';
import { loadEnv } from './lib/env.ts';
import { parseInput } from './lib/parse-input.ts';
import { instrument } from './lib/powertools.ts';
import { withPowertools } from './lib/with-powertools.ts';

const env = loadEnv([]);
const instances = new Ec2Adapter({ region: env.region, instrument });

const main = async (input: z.output<typeof TerminateTestInstancesInput>) => terminateTestInstances(input, { instances });

export const handler = withPowertools(main).use(parseInput(TerminateTestInstancesInput, 'terminate-test-instances'));

/** check-smoke-tests: reads the smoke test command; SmokeTestFailedError on anything but Success. */
import type { z } from 'zod';
import { SsmAdapter } from '../adapters/aws/ssm.ts';
import { CheckSmokeTestsInput } from '../core/release/contracts.ts';
import { checkSmokeTests } from '../core/release/smoke-tests.ts';
import { loadEnv } from './lib/env.ts';
import { parseInput } from './lib/parse-input.ts';
import { instrument } from './lib/powertools.ts';
import { withPowertools } from './lib/with-powertools.ts';

const env = loadEnv([]);
const commands = new SsmAdapter({ region: env.region, instrument });

const main = async (input: z.output<typeof CheckSmokeTestsInput>) => checkSmokeTests(input, { commands });

export const handler = withPowertools(main).use(parseInput(CheckSmokeTestsInput, 'check-smoke-tests'));

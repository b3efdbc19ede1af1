/** run-smoke-tests: sends the smoke test commands through SSM Run Command. */
import type { z } from 'zod';
import { SsmAdapter } from '../adapters/aws/ssm.ts';
import { RunSmokeTestsInput } from '../core/release/contracts.ts';
import { runSmokeTests } from '../core/release/smoke-tests.ts';
import { loadEnv } from './lib/env.ts';
import { parseInput } from './lib/parse-input.ts';
import { instrument } from './lib/powertools.ts';
import { withPowertools } from './lib/with-powertools.ts';

const env = loadEnv([]);
const commands = new SsmAdapter({ region: env.region, instrument });

const main = async (input: z.output<typeof RunSmokeTestsInput>) => runSmokeTests(input, { commands });

export const handler = withPowertools(main).use(parseInput(RunSmokeTestsInput, 'run-smoke-tests'));

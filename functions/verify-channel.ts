/** verify-channel: reads a channel parameter back after publish-channel, once per Wait of the state machine. */
import type { z } from 'zod';
import { SsmAdapter } from '../adapters/aws/ssm.ts';
import { VerifyChannelInput } from '../core/release/contracts.ts';
import { verifyChannel } from '../core/release/publish-channel.ts';
import { loadEnv } from './lib/env.ts';
import { parseInput } from './lib/parse-input.ts';
import { instrument } from './lib/powertools.ts';
import { withPowertools } from './lib/with-powertools.ts';

const env = loadEnv([]);
const parameters = new SsmAdapter({ region: env.region, instrument });

const main = async (input: z.output<typeof VerifyChannelInput>) => verifyChannel(input, { parameters });

export const handler = withPowertools(main).use(parseInput(VerifyChannelInput, 'verify-channel'));

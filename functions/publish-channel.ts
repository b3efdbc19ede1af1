/** publish-channel: points a channel parameter at the AMI in every region; verify-channel reads it back. */
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import { Ec2Adapter } from '../adapters/aws/ec2.ts';
import { SsmAdapter } from '../adapters/aws/ssm.ts';
import { PublishChannelInput } from '../core/release/contracts.ts';
import { publishChannel } from '../core/release/publish-channel.ts';
import { accountOf } from '../core/release/resource-names.ts';
import { loadEnv } from './lib/env.ts';
import { parseInput } from './lib/parse-input.ts';
import { instrument } from './lib/powertools.ts';
import { withPowertools } from './lib/with-powertools.ts';
import { sleep } from './lib/workflow-time.ts';

const env = loadEnv([]);
const aws = { region: env.region, instrument };
const parameters = new SsmAdapter(aws);
const images = new Ec2Adapter(aws);

const main = async (input: z.output<typeof PublishChannelInput>, context: Context) =>
  publishChannel(input, { parameters, images, accountId: accountOf(context.invokedFunctionArn), sleep });

export const handler = withPowertools(main).use(parseInput(PublishChannelInput, 'publish-channel'));

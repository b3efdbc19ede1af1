/** retire-images: deprecates, then deregisters, old images beyond the last N, keeping any still in use. */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import { AutoScalingAdapter } from '../adapters/aws/auto-scaling.ts';
import { Ec2Adapter } from '../adapters/aws/ec2.ts';
import { SsmAdapter } from '../adapters/aws/ssm.ts';
import { RetireImagesInput } from '../core/release/contracts.ts';
import { accountOf } from '../core/release/resource-names.ts';
import { retireImages } from '../core/release/retire-images.ts';
import { loadEnv } from './lib/env.ts';
import { parseInput } from './lib/parse-input.ts';
import { instrument, metrics } from './lib/powertools.ts';
import { readReleaseConfig } from './lib/release-config-file.ts';
import { withPowertools } from './lib/with-powertools.ts';
import { workflowTime } from './lib/workflow-time.ts';

const env = loadEnv(['configFile']);
const aws = { region: env.region, instrument };
const ec2 = new Ec2Adapter(aws);
const parameters = new SsmAdapter(aws);
const autoScaling = new AutoScalingAdapter(aws);

const main = async (input: z.output<typeof RetireImagesInput>, context: Context) => {
  const config = readReleaseConfig(env.configFile);
  const accountId = accountOf(context.invokedFunctionArn);
  const result = await retireImages(input, workflowTime(input.now), { config, accountId, images: ec2, templates: ec2, parameters, autoScaling });
  metrics.addDimension('pipeline', input.pipeline);
  metrics.addMetric('ImagesRetired', MetricUnit.Count, result.deregistered.length);
  return result;
};

export const handler = withPowertools(main).use(parseInput(RetireImagesInput, 'retire-images'));

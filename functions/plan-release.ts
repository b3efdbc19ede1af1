/** plan-release: takes the pipeline's lock and decides what the release does. */
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import { ImageBuilderAdapter } from '../adapters/aws/image-builder.ts';
import { ReleaseTable } from '../adapters/aws/release-table.ts';
import { SsmAdapter } from '../adapters/aws/ssm.ts';
import { StepFunctionsAdapter } from '../adapters/aws/step-functions.ts';
import { PlanReleaseInput } from '../core/release/contracts.ts';
import { planRelease } from '../core/release/plan-release.ts';
import { accountOf } from '../core/release/resource-names.ts';
import { loadEnv } from './lib/env.ts';
import { parseInput } from './lib/parse-input.ts';
import { instrument } from './lib/powertools.ts';
import { readReleaseConfig } from './lib/release-config-file.ts';
import { withPowertools } from './lib/with-powertools.ts';
import { workflowTime } from './lib/workflow-time.ts';

const env = loadEnv(['table', 'configFile']);
const aws = { region: env.region, instrument };
const table = new ReleaseTable(env.table, aws);
const imageBuilder = new ImageBuilderAdapter(aws);
const parameters = new SsmAdapter(aws);
const executions = new StepFunctionsAdapter(aws);

const main = async (input: z.output<typeof PlanReleaseInput>, context: Context) =>
  planRelease(
    { release: input.release, executionArn: input.executionArn, now: workflowTime(input.startedAt) },
    {
      config: readReleaseConfig(env.configFile),
      accountId: accountOf(context.invokedFunctionArn),
      locks: table.locks,
      executions,
      history: table.history,
      imageBuilder,
      parameters,
    },
  );

export const handler = withPowertools(main).use(parseInput(PlanReleaseInput, 'plan-release'));

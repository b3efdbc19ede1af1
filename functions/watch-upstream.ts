/** watch-upstream: starts `<pipeline>-upstream-<ami>` when the parent image parameter names a new AMI. */
import { ReleaseTable } from '../adapters/aws/release-table.ts';
import { SsmAdapter } from '../adapters/aws/ssm.ts';
import { ReleaseStarter } from '../adapters/aws/step-functions.ts';
import { UpstreamWatchInput } from '../core/release/events.ts';
import { watchUpstream } from '../core/release/watch-upstream.ts';
import { loadEnv } from './lib/env.ts';
import { parseInput } from './lib/parse-input.ts';
import { instrument } from './lib/powertools.ts';
import { readReleaseConfig } from './lib/release-config-file.ts';
import { withPowertools } from './lib/with-powertools.ts';

const env = loadEnv(['table', 'releaseStateMachineArn', 'configFile']);
const aws = { region: env.region, instrument };
const table = new ReleaseTable(env.table, aws);
const parameters = new SsmAdapter(aws);
const starter = new ReleaseStarter(env.releaseStateMachineArn, aws);

const main = async (input: { pipeline: string }) =>
  watchUpstream(input, { config: readReleaseConfig(env.configFile), parameters, history: table.history, starter });

export const handler = withPowertools(main).use(parseInput(UpstreamWatchInput, 'watch-upstream'));

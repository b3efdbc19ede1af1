/** release-lock: frees the per-pipeline lock if this execution holds it. */
import type { z } from 'zod';
import { ReleaseTable } from '../adapters/aws/release-table.ts';
import { ReleaseLockInput } from '../core/release/contracts.ts';
import { releaseReleaseLock } from '../core/release/release-lock.ts';
import { loadEnv } from './lib/env.ts';
import { parseInput } from './lib/parse-input.ts';
import { instrument } from './lib/powertools.ts';
import { withPowertools } from './lib/with-powertools.ts';

const env = loadEnv(['table']);
const locks = new ReleaseTable(env.table, { region: env.region, instrument }).locks;

const main = async (input: z.output<typeof ReleaseLockInput>) => releaseReleaseLock(input, { locks });

export const handler = withPowertools(main).use(parseInput(ReleaseLockInput, 'release-lock'));

/** gate-findings: fails the image (ValidationGateError) when scan findings exceed the thresholds. */
import type { z } from 'zod';
import { ImageBuilderAdapter } from '../adapters/aws/image-builder.ts';
import { GateFindingsInput } from '../core/release/contracts.ts';
import { gateFindings } from '../core/release/findings-gate.ts';
import { loadEnv } from './lib/env.ts';
import { parseInput } from './lib/parse-input.ts';
import { instrument } from './lib/powertools.ts';
import { withPowertools } from './lib/with-powertools.ts';

const env = loadEnv([]);
const imageBuilder = new ImageBuilderAdapter({ region: env.region, instrument });

const main = async (input: z.output<typeof GateFindingsInput>) => gateFindings(input, { imageBuilder });

export const handler = withPowertools(main).use(parseInput(GateFindingsInput, 'gate-findings'));

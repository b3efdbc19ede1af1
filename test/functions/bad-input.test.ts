import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functions } from '../../core/release/catalogue.ts';
import { releaseConfigOf } from '../core/release/release-fixture.ts';
import { type FunctionCloud, failure, invoke, startFunctionCloud } from './function-harness.ts';

/** Inputs no caller should send: nothing, the wrong type, an empty object, an event from elsewhere. */
const BAD_INPUTS: Array<[string, unknown]> = [
  ['null', null],
  ['a string', 'release web-server please'],
  ['an array', [{ pipeline: 'web-server' }]],
  ['an empty object', {}],
  ['a foreign event', { version: '0', id: 'e1', 'detail-type': 'Object Created', source: 'aws.s3', account: '123456789012', detail: {} }],
];

describe('Handlers: bad input', () => {
  let fc: FunctionCloud;
  // biome-ignore lint/suspicious/noExplicitAny: every handler, whatever its input type.
  const handlers = new Map<string, (event: any, context: any) => Promise<unknown>>();

  beforeAll(async () => {
    fc = await startFunctionCloud(JSON.stringify(releaseConfigOf()));
    for (const spec of functions) handlers.set(spec.name, (await import(`../../functions/${spec.name}.ts`)).handler);
  });
  afterAll(() => fc.stop());

  it.each(functions.map((spec) => spec.name))('%s throws InvalidInputError naming what is wrong, for every malformed input', async (name) => {
    for (const [what, event] of BAD_INPUTS) {
      // Act
      const error = await failure(invoke(handlers.get(name) as never, event, name));
      // Assess
      expect(error, `${name} with ${what}`).toMatchObject({ name: 'InvalidInputError' });
      expect(error?.message, `${name} with ${what}`).toMatch(new RegExp(`^Invalid input for ${name}: .+: .+\\. Nothing was changed\\.$`, 's'));
    }
  });
});

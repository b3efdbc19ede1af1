import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { strictObject, string } from 'zod/mini';
import { loadEnv } from '../../functions/lib/env.ts';
import { parseInput } from '../../functions/lib/parse-input.ts';
import { readReleaseConfig } from '../../functions/lib/release-config-file.ts';
import { releaseConfigOf } from '../core/release/release-fixture.ts';

describe('Function lib', () => {
  it('reads the variables the catalogue names, and fails naming every one that is missing', () => {
    // Act
    const env = loadEnv(['table', 'slackSecretId'], { AWS_REGION: 'eu-central-1', GOLDSMITH_TABLE: 'releases' });
    const missing = () => loadEnv(['table', 'configFile', 'topicArn'], { GOLDSMITH_TABLE: '' });
    // Assess
    expect(env).toEqual({ region: 'eu-central-1', table: 'releases', slackSecretId: undefined });
    expect(missing).toThrow(
      expect.objectContaining({ name: 'MissingEnvironmentError', message: expect.stringContaining('AWS_REGION, GOLDSMITH_TABLE, GOLDSMITH_CONFIG_FILE') }),
    );
  });

  it('reads the config from the task root once, and says what is wrong with a missing or foreign file', () => {
    // Prepare
    const root = mkdtempSync(join(tmpdir(), 'goldsmith-lib-'));
    writeFileSync(join(root, 'goldsmith.config.json'), JSON.stringify(releaseConfigOf()));
    writeFileSync(join(root, 'other.json'), JSON.stringify({ hello: 'world' }));
    // Act
    const config = readReleaseConfig('goldsmith.config.json', root);
    const again = readReleaseConfig('goldsmith.config.json', root);
    // Assess
    expect(config.pipelines.map((p) => p.config.name)).toEqual(['web-server']);
    expect(again).toBe(config);
    expect(() => readReleaseConfig('missing.json', root)).toThrow(
      expect.objectContaining({ name: 'ConfigFileError', message: expect.stringContaining('missing.json cannot be read') }),
    );
    expect(() => readReleaseConfig('other.json', root)).toThrow(
      expect.objectContaining({ name: 'ConfigFileError', message: expect.stringContaining('has no config.project') }),
    );
  });

  it('turns a schema mismatch into InvalidInputError naming each field and what is wrong', async () => {
    // Prepare
    const middleware = parseInput(strictObject({ pipeline: string(), releaseId: string() }), 'some-function');
    const request = { event: { pipeline: 7, extra: true } as unknown };
    // Act
    const error = await Promise.resolve()
      .then(() => middleware.before?.(request as never))
      .catch((e: Error) => e);
    // Assess
    expect(error).toMatchObject({
      name: 'InvalidInputError',
      message:
        'Invalid input for some-function: pipeline: Invalid input: expected string, received number; releaseId: Invalid input: expected string, received undefined; (the whole input): Unrecognized key: "extra". Nothing was changed.',
    });
  });
});

import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleFunctions } from '../../adapters/aws/bundle.ts';
import { isRuntimeProvided } from '../../adapters/aws/runtime-provided-sdk.ts';
import { ROOT } from '../e2e/harness.ts';

const ENTRY = `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SSMClient } from '@aws-sdk/client-ssm';
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const ssm = new SSMClient({});
export const handler = async () => [typeof doc.send, typeof ssm.send];
`;

/** The SDK packages a minified bundle loads at run time: `require("@aws-sdk/client-ssm")`, whatever the minified name of require. */
const sdkLoadsOf = (code: string) => [...code.matchAll(/[\w$]+\("(@(?:aws-sdk|smithy|aws-crypto)\/[^"\s]+)"\)/g)].map((m) => m[1]);

describe('Adapter: function bundles', () => {
  let rootDir: string;
  beforeAll(() => {
    rootDir = mkdtempSync(join(tmpdir(), 'goldsmith-bundle-'));
    mkdirSync(join(rootDir, 'functions'));
    writeFileSync(join(rootDir, 'functions', 'read-things.ts'), ENTRY);
    symlinkSync(join(ROOT, 'node_modules'), join(rootDir, 'node_modules'));
  });
  afterAll(() => rmSync(rootDir, { recursive: true, force: true }));

  it('leaves the SDK the Lambda runtime provides out of the bundle, loaded by require, and bundles the DynamoDB document client', async () => {
    // Prepare
    const entries = [{ key: 'read-things', entry: 'functions/read-things.ts' }];
    // Act
    const bundle = (await bundleFunctions(entries, { rootDir, cacheDir: join(rootDir, '.bundles') })).get('read-things');
    // Assess
    const code = Buffer.from(bundle?.code ?? []).toString();
    const loads = sdkLoadsOf(code);
    expect(loads).toEqual(expect.arrayContaining(['@aws-sdk/client-dynamodb', '@aws-sdk/client-ssm']));
    expect(loads.filter((path) => path.startsWith('@aws-sdk/lib-dynamodb') || path.startsWith('@aws-sdk/util-dynamodb'))).toEqual([]);
    expect(code).toContain('@aws-sdk/lib-dynamodb - ERROR: incompatible version of DynamoDBClient');
    // Through require(), not an ESM import: Node would parse each CommonJS package once more to detect its format.
    expect(code).not.toMatch(/from\s*"@(aws-sdk|smithy|aws-crypto)\//);
  });

  it('treats the clients, the SDK core and Smithy as the runtime’s, and the document client as the function’s', () => {
    // Prepare
    const specifiers = [
      '@aws-sdk/client-ec2',
      '@aws-sdk/core',
      '@smithy/core',
      '@aws-crypto/sha256-js',
      '@aws-sdk/lib-dynamodb',
      '@aws-sdk/util-dynamodb',
      'zod',
    ];
    // Act
    const provided = specifiers.filter(isRuntimeProvided);
    // Assess
    expect(provided).toEqual(['@aws-sdk/client-ec2', '@aws-sdk/core', '@smithy/core', '@aws-crypto/sha256-js']);
  });
});

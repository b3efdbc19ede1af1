/**
 * DESIGN §3: adapters/aws/ are the only importers of `@aws-sdk/client-*`, and core/ is pure TypeScript with no
 * `@aws-sdk` at all. Data flows trigger → state machine → function → core → adapter, so the product folders
 * above the adapters reach AWS only through them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Every module specifier a file names: static and type imports, re-exports, dynamic imports and require. */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]([^'"]+)['"]/g;

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.[cm]?[jt]s$/.test(entry.name) && !entry.parentPath.includes('node_modules'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

/** `file: specifier` for each import in the folders that matches. */
function importsOf(folders: readonly string[], matches: RegExp): string[] {
  return folders.flatMap((folder) =>
    sourceFiles(folder).flatMap((file) =>
      [...readFileSync(join(ROOT, file), 'utf8').matchAll(SPECIFIER)]
        .map((m) => m[1])
        .filter((s) => matches.test(s))
        .map((s) => `${file}: ${s}`),
    ),
  );
}

const SDK_CLIENT = /^@aws-sdk\/client-/;
const ANY_SDK = /^@aws-sdk\//;

describe('Layout: AWS SDK imports', () => {
  it('finds the SDK clients the adapters import, so the checks below see real imports', () => {
    // Act
    const found = importsOf(['adapters/aws'], SDK_CLIENT);
    // Assess
    expect(found).toContain('adapters/aws/ssm.ts: @aws-sdk/client-ssm');
    expect(found).toContain('adapters/aws/release-console.ts: @aws-sdk/client-sfn');
  });

  it('keeps @aws-sdk/client-* out of cli/, functions/ and stacks/: they reach AWS through adapters/aws/', () => {
    // Act
    const found = importsOf(['cli', 'functions', 'stacks'], SDK_CLIENT);
    // Assess
    expect(found).toEqual([]);
  });

  it('keeps core/ free of any @aws-sdk package', () => {
    // Act
    const found = importsOf(['core'], ANY_SDK);
    // Assess
    expect(found).toEqual([]);
  });
});

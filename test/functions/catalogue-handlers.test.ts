import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { functions } from '../../core/release/catalogue.ts';

const dir = new URL('../../functions/', import.meta.url);
const source = (name: string) => readFileSync(new URL(`${name}.ts`, dir), 'utf8');
/** The keys a handler passes to loadEnv([...]). */
const envKeys = (text: string) => [...(/loadEnv\(\[([^\]]*)\]\)/.exec(text)?.[1] ?? '').matchAll(/'([A-Za-z]+)'/g)].map((m) => m[1]).sort();

describe('Handlers: the catalogue', () => {
  it('has one handler per catalogued function, and no other', () => {
    // Act
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    // Assess
    expect(files).toEqual(functions.map((f) => f.name).sort());
    for (const spec of functions) expect(existsSync(new URL(`${spec.name}.ts`, dir))).toBe(true);
  });

  it('reads exactly the environment variables the catalogue lists for each function, through the one chain', () => {
    for (const spec of functions) {
      // Act
      const text = source(spec.name);
      // Assess
      expect(envKeys(text), spec.name).toEqual([...spec.env].sort());
      expect(text, spec.name).toMatch(/export const handler = withPowertools\(main\)/);
      expect(text, spec.name).toMatch(/\.use\(parseInput\(/);
    }
  });

  it('bundles every function under 300 KB minified, with the AWS SDK left to the runtime', async () => {
    // Act
    const sizes = await Promise.all(
      functions.map(async (spec) => {
        const result = await build({
          entryPoints: [new URL(`${spec.name}.ts`, dir).pathname],
          bundle: true,
          minify: true,
          platform: 'node',
          format: 'esm',
          target: 'node22',
          external: ['@aws-sdk/*'],
          write: false,
          logLevel: 'silent',
        });
        return [spec.name, result.outputFiles[0].contents.byteLength] as const;
      }),
    );
    // Assess
    for (const [name, bytes] of sizes) expect(bytes, `${name}: ${bytes} bytes`).toBeLessThan(300_000);
  }, 120_000);
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderCoverage } from '../../local-cloud/coverage.ts';

describe('Local cloud: COVERAGE.md', () => {
  it('matches the operation tables (run `npm run coverage` to regenerate)', () => {
    const committed = readFileSync(new URL('../../local-cloud/COVERAGE.md', import.meta.url), 'utf8');
    expect(committed).toBe(renderCoverage());
  });
});

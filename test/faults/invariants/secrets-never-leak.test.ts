import { describe, expect, it } from 'vitest';
import { healthyRelease } from '../history-fixture.ts';
import { secretsNeverLeak } from './secrets-never-leak.ts';

describe('Invariant: secrets-never-leak', () => {
  it('passes when only the secret id appears', () => {
    // Prepare
    const history = healthyRelease();

    // Act
    const problems = secretsNeverLeak.check(history);

    // Assess
    expect(problems).toEqual([]);
  });

  it('reports a webhook URL in a log line, even JSON-escaped', () => {
    // Prepare
    const history = healthyRelease();
    history.surfaces.push({ where: 'the log of acme-notify-release', text: JSON.stringify({ url: history.secrets[0] }) });

    // Act
    const problems = secretsNeverLeak.check(history);

    // Assess
    expect(problems).toEqual(['a secret (https://hook…) appears in the log of acme-notify-release']);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pollingVariant } from '../../bench/polling-variant.ts';

const asl = (file: string) => JSON.parse(readFileSync(new URL(`../../statemachines/${file}`, import.meta.url), 'utf8')) as Record<string, unknown>;
type States = Record<string, Record<string, unknown>>;

describe('Bench: polling variant', () => {
  it('replaces the image wait of the release by a 60-second Wait in front of its reconcile task', () => {
    // Prepare
    const release = asl('release.asl.json');
    // Act
    const variant = pollingVariant(release, 60);
    // Assess
    const states = variant.definition.States as States;
    expect(variant.replaced).toEqual(['Wait For Image']);
    expect(states['Wait For Image']).toMatchObject({ Type: 'Wait', Seconds: 60, Next: 'Reconcile Image' });
    expect(states['Image Ready?'].Default).toBe('Wait For Image');
  });

  it('leaves a task-token wait on a person (approval) as it is', () => {
    // Prepare
    const release = asl('release.asl.json');
    // Act
    const variant = pollingVariant(release);
    // Assess
    expect((variant.definition.States as States)['Request Approval']).toEqual((release.States as States)['Request Approval']);
  });

  it('replaces the refresh wait inside the wave Map', () => {
    // Prepare
    const wave = asl('rollout-wave.asl.json');
    // Act
    const variant = pollingVariant(wave, 30);
    // Assess
    const map = (variant.definition.States as States)['Refresh Groups'] as { ItemProcessor: { States: States } };
    expect(variant.replaced).toEqual(['Wait For Refresh']);
    expect(map.ItemProcessor.States['Wait For Refresh']).toMatchObject({ Type: 'Wait', Seconds: 30, Next: 'Reconcile Refresh' });
  });

  it('does not change the definition it is given', () => {
    // Prepare
    const wave = asl('rollout-wave.asl.json');
    const before = JSON.stringify(wave);
    // Act
    pollingVariant(wave);
    // Assess
    expect(JSON.stringify(wave)).toBe(before);
  });

  it('keeps a token wait whose timeout does not loop back through a reconcile task', () => {
    // Prepare
    const definition = {
      StartAt: 'Wait',
      States: {
        Wait: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
          Catch: [{ ErrorEquals: ['States.Timeout'], Next: 'Check' }],
          End: true,
        },
        Check: { Type: 'Task', Resource: 'arn:aws:lambda:eu-central-1:123456789012:function:check', Next: 'Done?' },
        'Done?': { Type: 'Choice', Choices: [{ Variable: '$.done', BooleanEquals: true, Next: 'End' }], Default: 'End' },
        End: { Type: 'Succeed' },
      },
    };
    // Act
    const variant = pollingVariant(definition);
    // Assess
    expect(variant.replaced).toEqual([]);
    expect(variant.definition).toEqual(definition);
  });
});

import { describe, expect, it } from 'vitest';
import { snsMessage } from '../../../core/notifications/sns-message.ts';

describe('Notifications: SNS message', () => {
  it('carries pipeline and outcome attributes for filter policies, and an ASCII subject under 100 characters', () => {
    // Act
    const message = snsMessage({
      releaseId: 'r1',
      pipeline: 'a-very-long-pipeline-name-for-a-subject-that-would-overflow-the-limit-of-sns',
      outcome: 'failed',
      error: { Error: 'BuildFailedError', Cause: 'component failed' },
    });
    // Assess
    expect(message.attributes).toEqual({
      pipeline: 'a-very-long-pipeline-name-for-a-subject-that-would-overflow-the-limit-of-sns',
      outcome: 'failed',
      release: 'r1',
    });
    expect(message.subject.length).toBeLessThan(100);
    expect(message.subject).toMatch(/^[\x20-\x7E]+$/);
    expect(message.message).toContain('BuildFailedError: component failed');
    expect(message.message).toContain('goldsmith run a-very-long-pipeline-name');
  });
});

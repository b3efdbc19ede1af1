/**
 * What a release notification says, whatever carries it: what happened, which AMI in which region, what
 * changed, and what to do next (with the exact commands).
 */
import type { RegionalAmi } from '../release/contracts.ts';
import type { ComponentVersion } from '../release/ports.ts';
import type { Outcome } from '../release/release-outcome.ts';

export interface ReleaseMessage {
  releaseId: string;
  pipeline: string;
  outcome: Outcome;
  amis?: RegionalAmi[];
  error?: { Error: string; Cause?: string };
  summary?: string;
  /** Why the release built: the parent image and components that changed. */
  changes?: string;
  parentImageId?: string;
  components?: ComponentVersion[];
}

export interface NextStep {
  text: string;
  command?: string;
}

const CAUSE_LIMIT = 600;

/** The error's cause, readable: Step Functions hands Lambda errors over as a JSON string. */
export function errorText(error: { Error: string; Cause?: string }): string {
  let cause = error.Cause ?? '';
  try {
    const parsed = JSON.parse(cause) as { errorMessage?: string };
    if (typeof parsed?.errorMessage === 'string') cause = parsed.errorMessage;
  } catch {
    // Not JSON: the cause is already text.
  }
  cause = cause.length > CAUSE_LIMIT ? `${cause.slice(0, CAUSE_LIMIT)}…` : cause;
  return cause ? `${error.Error}: ${cause}` : error.Error;
}

export function headline(message: ReleaseMessage): string {
  const p = message.pipeline;
  switch (message.outcome) {
    case 'started':
      return `Release of ${p} started`;
    case 'awaiting-approval':
      return `${p} awaits approval`;
    case 'succeeded':
      return `${p} released`;
    case 'failed':
      return `Release of ${p} failed`;
    case 'skipped':
      return `Release of ${p} skipped`;
    case 'rejected':
      return `${p} image rejected`;
  }
}

export function whatHappened(message: ReleaseMessage): string {
  const id = message.releaseId;
  switch (message.outcome) {
    case 'started':
      return `Release ${id} is building a new image of ${message.pipeline}.`;
    case 'awaiting-approval':
      return `The image of release ${id} passed validation and waits for approval before it is published.`;
    case 'succeeded':
      return `Release ${id} rolled out every wave, and the stable channel points at the new image.`;
    case 'failed':
      return `Release ${id} failed${message.error ? ` with ${errorText(message.error)}` : ''}. The fleet stays on its previous image.`;
    case 'skipped':
      return `Release ${id} did nothing: ${message.summary ?? 'nothing changed since the last release'}`;
    case 'rejected':
      return `The image of release ${id} was rejected${message.error ? ` (${errorText(message.error)})` : ''}: it is deprecated and never published.`;
  }
}

export function whatChanged(message: ReleaseMessage): string | undefined {
  const parts: string[] = [];
  if (message.changes) parts.push(message.changes);
  if (message.parentImageId) parts.push(`Parent image: ${message.parentImageId}.`);
  if (message.components?.length) parts.push(`Components: ${message.components.map((c) => `${c.name} ${c.version}`).join(', ')}.`);
  return parts.length > 0 ? parts.join(' ') : undefined;
}

export function nextSteps(message: ReleaseMessage): NextStep[] {
  const { releaseId, pipeline } = message;
  switch (message.outcome) {
    case 'started':
      return [{ text: 'Nothing to do. Follow it with', command: `goldsmith status ${pipeline}` }];
    case 'awaiting-approval':
      return [
        { text: 'Approve to publish and roll out:', command: `goldsmith approve ${releaseId}` },
        { text: 'Reject to deprecate the image:', command: `goldsmith reject ${releaseId}` },
      ];
    case 'succeeded':
      return [{ text: 'If the new image misbehaves, roll back:', command: `goldsmith rollback ${pipeline}` }];
    case 'failed':
    case 'rejected':
      return [
        { text: 'Read the error, fix its cause, then release again:', command: `goldsmith run ${pipeline}` },
        { text: 'See what ran:', command: `goldsmith status ${pipeline}` },
      ];
    case 'skipped':
      return [{ text: 'Nothing to do. To build anyway:', command: `goldsmith run ${pipeline} --force` }];
  }
}

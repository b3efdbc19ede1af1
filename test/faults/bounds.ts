/**
 * The bound within which a release must reach a terminal state (DESIGN §5.5), from its configured timeouts: the
 * sum of its phases (build, validation, approval, publishing candidate and stable, each wave), plus 40 minutes per
 * phase for the lost-event reconcile window (10 minutes) and the retries and notifications between phases.
 */

import type { PipelineShape } from './fault-scenario.ts';
import { APPROVAL_MINUTES, TIMEOUTS } from './fleet-config.ts';

const PER_PHASE_MARGIN_SECONDS = 40 * 60;

export function waveBoundSeconds(): number {
  return TIMEOUTS.waveMinutes * 60 + PER_PHASE_MARGIN_SECONDS;
}

export function releaseBoundSeconds(pipeline: PipelineShape): number {
  const phases = [
    TIMEOUTS.buildMinutes,
    TIMEOUTS.validationMinutes,
    TIMEOUTS.publishMinutes,
    TIMEOUTS.publishMinutes,
    ...(pipeline.approval ? [APPROVAL_MINUTES] : []),
  ];
  return phases.reduce((sum, minutes) => sum + minutes * 60 + PER_PHASE_MARGIN_SECONDS, 0) + pipeline.waves.length * waveBoundSeconds();
}

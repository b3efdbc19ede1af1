/**
 * gate-findings: the image's scan findings (Amazon Inspector, through Image Builder) against the pipeline's
 * thresholds. The error names every severity over its threshold, so the operator sees all of them at once.
 */
import { ValidationGateError } from './errors.ts';
import type { ImageBuilderPort } from './ports.ts';

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'informational', 'untriaged'];

export interface Exceeded {
  severity: string;
  count: number;
  threshold: number;
}

/** Severities whose count is over the threshold, most severe first. Thresholds name severities in any case. */
export function exceededThresholds(counts: Record<string, number>, thresholds: Record<string, number>): Exceeded[] {
  const count = (severity: string) => Object.entries(counts).reduce((sum, [name, n]) => (name.toLowerCase() === severity ? sum + n : sum), 0);
  return Object.entries(thresholds)
    .map(([severity, threshold]) => ({ severity: severity.toLowerCase(), count: count(severity.toLowerCase()), threshold }))
    .filter((e) => e.count > e.threshold)
    .sort((a, b) => rank(a.severity) - rank(b.severity));
}

const rank = (severity: string) => {
  const index = SEVERITIES.indexOf(severity);
  return index < 0 ? SEVERITIES.length : index;
};

const plural = (n: number) => (n === 1 ? 'finding' : 'findings');

export function gateMessage(imageBuildVersionArn: string, exceeded: readonly Exceeded[]): string {
  const parts = exceeded.map((e) => `${e.count} ${e.severity} ${plural(e.count)} (at most ${e.threshold} allowed)`);
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0];
  return `Image ${imageBuildVersionArn} has ${list}. Fix them (a newer parent image or updated components), or raise validation.findings in goldsmith.config.ts.`;
}

export async function gateFindings(
  input: { imageBuildVersionArn: string; thresholds: Record<string, number> },
  deps: { imageBuilder: ImageBuilderPort },
): Promise<{ counts: Record<string, number> }> {
  const counts = await deps.imageBuilder.scanFindingCounts(input.imageBuildVersionArn);
  const exceeded = exceededThresholds(counts, input.thresholds);
  if (exceeded.length > 0) throw new ValidationGateError(gateMessage(input.imageBuildVersionArn, exceeded));
  return { counts };
}

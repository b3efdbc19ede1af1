import { MAX_VERSION_NODE } from './arns.ts';
import { invalidVersionNumber } from './errors.ts';

/** Refuses a semantic version with a node above 2^30 - 1, as Image Builder does. */
export function checkVersionBounds(parameter: string, version: string): void {
  if (version.split('.').some((node) => node !== 'x' && Number(node) > MAX_VERSION_NODE)) throw invalidVersionNumber(parameter, version);
}

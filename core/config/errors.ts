import { type ConfigIssue, formatIssue } from './config-issue.ts';

/**
 * The one error of the config area: the config, a component document or the config file is invalid.
 * The message lists every problem on its own line; `issues` holds them as data.
 */
export class ConfigError extends Error {
  readonly issues: readonly ConfigIssue[];
  /** The config file the problems were found through, when known. */
  readonly source?: string;

  constructor(issues: readonly ConfigIssue[], options: { source?: string; cause?: unknown } = {}) {
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    const header = `Invalid Goldsmith config${options.source ? ` (${options.source})` : ''}: ${count}. Fix each one below, then run again.`;
    super([header, ...issues.map(formatIssue)].join('\n'), { cause: options.cause });
    this.name = 'ConfigError';
    this.issues = issues;
    this.source = options.source;
  }
}

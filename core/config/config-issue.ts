/**
 * One problem found in a Goldsmith config or in a component document.
 *
 * Config problems read `<path>: <what is wrong> (got <value>). <how to fix>`;
 * document problems read `<file>:<line>: <path>: <what is wrong>. <how to fix>`.
 */
export interface ConfigIssue {
  /** Where in the config or document, e.g. `pipelines[0].rollout.waves[1].name`. Empty for the whole file. */
  readonly path: string;
  /** What is wrong, e.g. `must be 0–100`. */
  readonly message: string;
  /** How to fix it, as a sentence. */
  readonly fix?: string;
  /** The offending value, when there is one worth showing. */
  readonly got?: { readonly value: unknown };
  /** The file the problem is in, relative to the project root (component documents, the config file itself). */
  readonly file?: string;
  /** 1-based line in `file`. */
  readonly line?: number;
}

// Zod carries one message string per issue; this joins "what" and "fix" so the formatter can put the value between them.
const FIX_SEPARATOR = '\u001f';

/** Encodes a schema message as what is wrong plus how to fix it. */
export function problem(what: string, fix?: string): string {
  return fix ? `${what}${FIX_SEPARATOR}${fix}` : what;
}

/** Splits a message made by {@link problem}. */
export function splitProblem(message: string): { message: string; fix?: string } {
  const at = message.indexOf(FIX_SEPARATOR);
  return at < 0 ? { message } : { message: message.slice(0, at), fix: message.slice(at + 1) };
}

/** Renders a value for "(got …)": short, and never the secret part of a URL, however deep. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(truncate(redactUrl(value), 80));
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  try {
    const json = JSON.stringify(value, (_key, item: unknown) => (typeof item === 'string' ? redactUrl(item) : item));
    return truncate(json ?? String(value), 80);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

// A URL in config may be a secret (a Slack webhook): show where it points, never its path or query.
function redactUrl(text: string): string {
  const origin = /^([a-z][a-z0-9+.-]*:\/\/[^/?#\s]*)/i.exec(text);
  if (!origin) return text;
  return text.length > origin[1].length ? `${origin[1]}/…` : origin[1];
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Formats one issue as a single line. */
export function formatIssue(issue: ConfigIssue): string {
  const where: string[] = [];
  if (issue.file) where.push(issue.line ? `${issue.file}:${issue.line}` : issue.file);
  if (issue.path) where.push(issue.path);
  const got = issue.got ? ` (got ${describeValue(issue.got.value)})` : '';
  const fix = issue.fix ? `. ${issue.fix}` : '';
  return `${where.map((part) => `${part}: `).join('')}${issue.message}${got}${fix}`;
}

/** Formats a config path from its parts: `pipelines[0].distribution.kmsKeys["eu-west-1"]`. */
export function formatPath(parts: readonly PropertyKey[]): string {
  let path = '';
  for (const part of parts) {
    if (typeof part === 'number') path += `[${part}]`;
    else if (typeof part === 'string' && /^[A-Za-z_$][\w$]*$/.test(part)) path += path ? `.${part}` : part;
    else path += `[${JSON.stringify(String(part))}]`;
  }
  return path;
}

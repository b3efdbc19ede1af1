/**
 * Parses JSON text as Step Functions accepts it (execution input, task output), and words a syntax
 * error as AWS does, in the terms of the Jackson parser behind it.
 */
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; reason: string; position: number } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, ...jacksonReason(text) };
  }
}

/** Jackson's location suffix: the source (cut at 500 characters) and the 1-based line and column after the problem. */
export function jacksonLocation(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - (before.lastIndexOf('\n') + 1) + 2;
  const source = text.length > 500 ? `${text.slice(0, 500)}"[truncated ${text.length - 500} chars]` : `${text}"`;
  return `[Source: (String)"${source}; line: ${line}, column: ${column}]`;
}

const EXPECTED_VALUE = "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')";

class SyntaxProblem extends Error {
  readonly position: number;

  constructor(message: string, position: number) {
    super(message);
    this.position = position;
  }
}

/** Finds the first problem with a small scanner and describes it in Jackson's words. */
function jacksonReason(text: string): { reason: string; position: number } {
  let pos = 0;
  const fail = (reason: string): never => {
    throw new SyntaxProblem(reason, pos);
  };
  const at = () => text[pos];
  const unexpected = (expecting: string) => {
    const char = at();
    if (char === undefined) return fail(`Unexpected end-of-input: ${expecting}`);
    return fail(`Unexpected character ('${char}' (code ${char.codePointAt(0)})): ${expecting}`);
  };
  const skip = () => {
    while (/\s/.test(at() ?? '')) pos++;
  };
  const string = () => {
    pos++;
    while (at() !== '"') {
      if (at() === undefined) fail('Unexpected end-of-input: was expecting closing quote for a string value');
      pos += at() === '\\' ? 2 : 1;
    }
    pos++;
  };
  const value = (): void => {
    skip();
    const char = at();
    if (char === undefined) fail('Unexpected end-of-input: expected a value');
    else if (char === '{') container('}', true);
    else if (char === '[') container(']', false);
    else if (char === '"') string();
    else if (/[-0-9]/.test(char)) while (/[-+0-9.eE]/.test(at() ?? '')) pos++;
    else if (/[A-Za-z]/.test(char)) {
      const token = /^[A-Za-z0-9_]+/.exec(text.slice(pos))?.[0] ?? char;
      if (!['true', 'false', 'null'].includes(token)) fail(`Unrecognized token '${token}': was expecting ${EXPECTED_VALUE}`);
      pos += token.length;
    } else unexpected(`expected a valid value ${EXPECTED_VALUE}`);
  };
  const container = (close: string, object: boolean) => {
    pos++;
    skip();
    if (at() === close) {
      pos++;
      return;
    }
    for (;;) {
      skip();
      if (object) {
        if (at() !== '"') unexpected('was expecting double-quote to start field name');
        string();
        skip();
        if (at() !== ':') unexpected('was expecting a colon to separate field name and value');
        pos++;
      }
      value();
      skip();
      if (at() === ',') {
        pos++;
        continue;
      }
      if (at() === close) {
        pos++;
        return;
      }
      if (at() === undefined) fail(`Unexpected end-of-input: expected close marker for ${object ? 'Object' : 'Array'}`);
      unexpected(`was expecting comma to separate ${object ? 'Object' : 'Array'} entries`);
    }
  };
  try {
    skip();
    if (at() === undefined) return { reason: 'No content to map due to end-of-input', position: 0 };
    value();
    skip();
    if (at() !== undefined) unexpected('expected end of input');
    return { reason: 'Invalid JSON', position: pos };
  } catch (error) {
    if (error instanceof SyntaxProblem) return { reason: error.message, position: error.position };
    throw error;
  }
}

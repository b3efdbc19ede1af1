import { invalidName } from './errors.ts';

// Whitespace, brackets, wildcards and the special characters AWS lists.
const FORBIDDEN = /[\s<>{}[\]?*"#%\\^|~`$&,;:/]/;
const isControl = (char: string) => {
  const code = char.codePointAt(0) ?? 0;
  return code <= 0x1f || (code >= 0x7f && code <= 0x9f);
};

/**
 * State machine and execution names: 1 to 80 characters, none of them white space, brackets
 * `< > { } [ ]`, wildcards `? *`, the characters `" # % \ ^ | ~ ` $ & , ; : /`, or control characters.
 */
export function checkName(name: string): void {
  if (name.length < 1 || name.length > 80 || FORBIDDEN.test(name) || [...name].some(isControl)) throw invalidName(name);
}

import { constraintViolations } from './errors.ts';

/**
 * Checks input against the API model's constraints (required members, lengths, ranges, enums) and
 * reports every violation at once, as AWS's front end does:
 * `2 validation errors detected: Value null at 'maxSize' failed to satisfy constraint: …; …`.
 * Paths use AWS's lowerCamelCase member names, e.g. `preferences.minHealthyPercentage`.
 */
export class Constraints {
  private readonly violations: string[] = [];

  required(value: unknown, path: string): this {
    if (value === undefined || value === null) this.violations.push(`Value null at '${path}' failed to satisfy constraint: Member must not be null`);
    return this;
  }

  length(value: string | undefined, path: string, min: number, max: number): this {
    if (typeof value !== 'string') return this;
    const length = [...value].length;
    if (length < min) this.fail(value, path, `Member must have length greater than or equal to ${min}`);
    else if (length > max) this.fail(value, path, `Member must have length less than or equal to ${max}`);
    return this;
  }

  integer(value: unknown, path: string, min?: number, max?: number): this {
    if (value === undefined || value === null) return this;
    if (typeof value !== 'number' || !Number.isInteger(value)) return this.fail(value, path, 'Member must be an integer');
    if (min !== undefined && value < min) this.fail(value, path, `Member must have value greater than or equal to ${min}`);
    else if (max !== undefined && value > max) this.fail(value, path, `Member must have value less than or equal to ${max}`);
    return this;
  }

  oneOf(value: string | undefined, path: string, allowed: readonly string[]): this {
    if (value !== undefined && !allowed.includes(value)) this.fail(value, path, `Member must satisfy enum value set: [${allowed.join(', ')}]`);
    return this;
  }

  /** Throws AWS's ValidationError listing every violation found, if any. */
  check(): void {
    if (this.violations.length) throw constraintViolations(this.violations);
  }

  private fail(value: unknown, path: string, rule: string): this {
    this.violations.push(`Value '${String(value)}' at '${path}' failed to satisfy constraint: ${rule}`);
    return this;
  }
}

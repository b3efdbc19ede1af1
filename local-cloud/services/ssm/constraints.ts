import { validation } from './errors.ts';

/**
 * AWS's model-level input validation: every broken constraint is collected and reported in one
 * ValidationException, "N validation errors detected: Value 'x' at 'field' failed to satisfy constraint: …".
 */
export class Constraints {
  private readonly problems: string[] = [];

  private add(value: unknown, field: string, constraint: string): void {
    const shown = Array.isArray(value) ? `[${value.join(', ')}]` : String(value);
    this.problems.push(`Value '${shown}' at '${field}' failed to satisfy constraint: ${constraint}`);
  }

  required(value: unknown, field: string): this {
    if (value === undefined || value === null) this.problems.push(`Value null at '${field}' failed to satisfy constraint: Member must not be null`);
    return this;
  }

  length(value: string | unknown[] | undefined, field: string, min: number, max: number): this {
    if (value === undefined || value === null) return this;
    if (typeof value !== 'string' && !Array.isArray(value)) {
      this.add(value, field, 'Member must be a string');
      return this;
    }
    if (value.length < min) this.add(value, field, `Member must have length greater than or equal to ${min}`);
    else if (value.length > max) this.add(value, field, `Member must have length less than or equal to ${max}`);
    return this;
  }

  range(value: number | undefined, field: string, min: number, max: number): this {
    if (value === undefined || value === null) return this;
    if (typeof value !== 'number' || !Number.isInteger(value)) this.add(value, field, 'Member must be a number');
    else if (value < min) this.add(value, field, `Member must have value greater than or equal to ${min}`);
    else if (value > max) this.add(value, field, `Member must have value less than or equal to ${max}`);
    return this;
  }

  oneOf(value: string | undefined, field: string, allowed: readonly string[]): this {
    if (value === undefined || value === null) return this;
    if (!allowed.includes(value)) this.add(value, field, `Member must satisfy enum value set: [${allowed.join(', ')}]`);
    return this;
  }

  pattern(value: string | undefined, field: string, regex: RegExp, source: string): this {
    if (value === undefined || value === null) return this;
    if (typeof value !== 'string' || !regex.test(value)) this.add(value, field, `Member must satisfy regular expression pattern: ${source}`);
    return this;
  }

  check(): void {
    const count = this.problems.length;
    if (count === 0) return;
    throw validation(`${count} validation error${count > 1 ? 's' : ''} detected: ${this.problems.join('; ')}`);
  }
}

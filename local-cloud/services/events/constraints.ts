import { AwsServiceError } from '../../errors.ts';

/**
 * Collects model-constraint violations and reports them in AWS's words:
 * `2 validation errors detected: Value 'x' at 'name' failed to satisfy constraint: …; …`.
 */
export class Constraints {
  private readonly violations: string[] = [];

  private add(value: unknown, at: string, constraint: string): void {
    const item = (v: unknown) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));
    const shown = value === undefined || value === null ? 'null' : `'${Array.isArray(value) ? `[${value.map(item).join(', ')}]` : item(value)}'`;
    this.violations.push(`Value ${shown} at '${at}' failed to satisfy constraint: ${constraint}`);
  }

  required(value: unknown, at: string): this {
    if (value === undefined || value === null) this.add(value, at, 'Member must not be null');
    return this;
  }

  length(value: string | unknown[] | undefined, at: string, min: number, max: number): this {
    if (value === undefined) return this;
    if (value.length < min) this.add(value, at, `Member must have length greater than or equal to ${min}`);
    else if (value.length > max) this.add(value, at, `Member must have length less than or equal to ${max}`);
    return this;
  }

  pattern(value: string | undefined, at: string, pattern: string): this {
    if (value !== undefined && !new RegExp(`^(?:${pattern})$`).test(value)) this.add(value, at, `Member must satisfy regular expression pattern: ${pattern}`);
    return this;
  }

  oneOf(value: string | undefined, at: string, allowed: readonly string[]): this {
    if (value !== undefined && !allowed.includes(value)) this.add(value, at, `Member must satisfy enum value set: [${allowed.join(', ')}]`);
    return this;
  }

  range(value: number | undefined, at: string, min: number, max: number): this {
    if (value === undefined) return this;
    if (value < min) this.add(value, at, `Member must have value greater than or equal to ${min}`);
    else if (value > max) this.add(value, at, `Member must have value less than or equal to ${max}`);
    return this;
  }

  check(): void {
    const n = this.violations.length;
    if (n) throw new AwsServiceError('ValidationException', `${n} validation error${n > 1 ? 's' : ''} detected: ${this.violations.join('; ')}`, 400);
  }
}

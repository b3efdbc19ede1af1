import { createRequire } from 'node:module';
import { invalidParameterValue } from './errors.ts';

/** A shape from AWS's model, reduced to what validation needs. */
interface ConstraintShape {
  type: 'structure' | 'list' | 'map' | 'string' | 'integer' | 'long' | 'boolean' | 'timestamp' | 'double' | 'float' | 'blob';
  required?: string[];
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  members?: Record<string, string>;
  member?: string;
  key?: string;
  value?: string;
}

interface InputModel {
  operations: Record<string, string>;
  shapes: Record<string, ConstraintShape>;
}

// The v2 aws-sdk model the protocol layer uses carries no constraints; these come from botocore's.
const model = createRequire(import.meta.url)('./input-model.json') as InputModel;
const patterns = new Map<string, RegExp>();

function regex(pattern: string): RegExp {
  let compiled = patterns.get(pattern);
  if (!compiled) {
    // AWS's patterns are Java regexes matched against the whole value.
    compiled = new RegExp(`^(?:${pattern})$`);
    patterns.set(pattern, compiled);
  }
  return compiled;
}

/**
 * Checks an operation's input against AWS's published constraints (required members, enums, lengths,
 * ranges, patterns) and throws InvalidParameterValueException naming the first offending parameter.
 */
export function validateInput(operation: string, input: object): void {
  const shapeName = model.operations[operation];
  if (shapeName) check(shapeName, input, '');
}

function check(shapeName: string, value: unknown, path: string): void {
  const shape = model.shapes[shapeName];
  if (!shape || value === undefined || value === null) return;
  const name = path || 'input';
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || Array.isArray(value)) throw invalidParameterValue(name, `${name} must be an object`);
      const record = value as Record<string, unknown>;
      for (const member of shape.required ?? []) {
        if (record[member] === undefined || record[member] === null) {
          const memberPath = join(path, member);
          throw invalidParameterValue(memberPath, `${memberPath} is required`);
        }
      }
      for (const [member, memberShape] of Object.entries(shape.members ?? {})) check(memberShape, record[member], join(path, member));
      return;
    }
    case 'list': {
      if (!Array.isArray(value)) throw invalidParameterValue(name, `${name} must be a list`);
      size(shape, value.length, name, 'item(s)');
      value.forEach((item, index) => {
        check(shape.member as string, item, `${name}[${index}]`);
      });
      return;
    }
    case 'map': {
      if (typeof value !== 'object') throw invalidParameterValue(name, `${name} must be a map`);
      const entries = Object.entries(value as Record<string, unknown>);
      size(shape, entries.length, name, 'entries');
      for (const [key, item] of entries) {
        check(shape.key as string, key, `${name}.key`);
        check(shape.value as string, item, `${name}.${key}`);
      }
      return;
    }
    case 'string': {
      if (typeof value !== 'string') throw invalidParameterValue(name, `${name} must be a string`);
      if (shape.enum && !shape.enum.includes(value)) throw invalidParameterValue(name, `${name} must be one of the following values: ${shape.enum.join(', ')}`);
      if (shape.min !== undefined && value.length < shape.min)
        throw invalidParameterValue(name, `${name} must have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value.length > shape.max) throw invalidParameterValue(name, `${name} must have length less than or equal to ${shape.max}`);
      if (shape.pattern && !regex(shape.pattern).test(value)) throw invalidParameterValue(name, `${name} must match pattern ${shape.pattern}`);
      return;
    }
    case 'integer':
    case 'long':
    case 'double':
    case 'float': {
      if (typeof value !== 'number' || Number.isNaN(value)) throw invalidParameterValue(name, `${name} must be a number`);
      if (shape.min !== undefined && value < shape.min) throw invalidParameterValue(name, `${name} must be greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value > shape.max) throw invalidParameterValue(name, `${name} must be less than or equal to ${shape.max}`);
      return;
    }
    case 'boolean':
      if (typeof value !== 'boolean') throw invalidParameterValue(name, `${name} must be a boolean`);
      return;
    default:
      return;
  }
}

function size(shape: ConstraintShape, length: number, name: string, unit: string): void {
  if (shape.min !== undefined && length < shape.min) throw invalidParameterValue(name, `${name} must have at least ${shape.min} ${unit}`);
  if (shape.max !== undefined && length > shape.max) throw invalidParameterValue(name, `${name} must have at most ${shape.max} ${unit}`);
}

function join(path: string, member: string): string {
  return path ? `${path}.${member}` : member;
}

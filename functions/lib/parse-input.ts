/**
 * A tiny middy `before`: the event must match the function's zod schema. The error names every field that is
 * wrong and how, so whoever sent it can fix it; the handler never runs on bad input.
 */
import type { MiddlewareObj } from '@middy/core';
import { en } from 'zod/locales';
import { config, type z } from 'zod/mini';
import { InvalidInputError } from './errors.ts';

// zod/mini ships without messages; English ones say what is wrong ("expected string, received undefined").
config(en());

export function describeIssues(error: { issues: readonly z.core.$ZodIssue[] }): string[] {
  return error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(the whole input)'}: ${issue.message}`);
}

export function parseInput<S extends z.ZodMiniType>(schema: S, functionName: string): MiddlewareObj<z.output<S>> {
  const before = (request: { event: unknown }) => {
    const parsed = schema.safeParse(request.event);
    if (!parsed.success) throw new InvalidInputError(functionName, describeIssues(parsed.error));
    request.event = parsed.data;
  };
  return { before, name: 'parseInput' };
}

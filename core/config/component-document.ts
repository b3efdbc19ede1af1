import { type Document, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { z } from 'zod';
import { didYouMean } from './closest-name.ts';
import { actionPlatform, checkInputs, KNOWN_ACTIONS, type Platform } from './component-actions.ts';
import { checkConsistency } from './component-consistency.ts';
import { type ConfigIssue, formatPath, problem, splitProblem } from './config-issue.ts';
import { ConfigError } from './errors.ts';
import { configErrorMap } from './zod-issues.ts';

/** Phases Image Builder runs for AMIs: build and validate while building, test on an instance launched from the image. */
export const PHASES = ['build', 'validate', 'test'] as const;
export type PhaseName = (typeof PHASES)[number];

/** Image Builder's limit for inline component data. */
export const MAX_INLINE_DOCUMENT_CHARACTERS = 16_000;

// AWSTOE documents these rules for parameter and constant names. It documents no pattern for step and loop names;
// Goldsmith holds them to the same characters, because chaining expressions ({{ build.Step.outputs.stdout }}) name them.
const VARIABLE_NAME = /^[A-Za-z0-9_-]{3,128}$/;
const STEP_NAME = /^[A-Za-z0-9_-]{1,128}$/;
const LOOP_NAME = /^[A-Za-z0-9_-]{1,128}$/;
const LOOP_DELIMITERS = ['.', ',', ';', ':', '\n', '\t', ' ', '-', '_'];

const variableEntry = <T extends z.ZodType>(definition: T, kind: string) =>
  z.record(z.string(), definition).superRefine((entry, ctx) => {
    const names = Object.keys(entry);
    if (names.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        input: names,
        message: problem(`must define exactly one ${kind}`, `Write each ${kind} as its own list item: '- Name: { type: string, … }'`),
      });
    }
    for (const name of names) {
      if (!VARIABLE_NAME.test(name)) {
        ctx.addIssue({
          code: 'custom',
          path: [name],
          input: name,
          message: problem(`${kind} name '${name}' is invalid`, 'Use 3–128 letters, digits, hyphens or underscores'),
        });
      }
    }
  });

const scalar = z.union([z.string(), z.number(), z.boolean()]);

const parameterSchema = variableEntry(
  z.strictObject({
    type: z.literal('string', { error: problem("must be 'string'", 'AWSTOE parameters are strings') }),
    default: scalar.optional(),
    description: z.string().optional(),
  }),
  'parameter',
);

const constantSchema = variableEntry(
  z.strictObject({
    type: z.literal('string', { error: problem("must be 'string'", 'AWSTOE constants are strings') }),
    value: scalar,
  }),
  'constant',
);

const loopSchema = z
  .strictObject({
    name: z
      .string()
      .regex(LOOP_NAME, { error: problem('must be letters, digits, hyphens or underscores') })
      .optional(),
    for: z
      .strictObject({
        start: z.number().int(),
        end: z.number().int(),
        updateBy: z
          .number()
          .int()
          .refine((value) => value !== 0, { error: problem('must not be 0', 'A loop that never moves never ends') }),
      })
      .superRefine((loop, ctx) => {
        if (loop.updateBy !== 0 && Math.sign(loop.end - loop.start) * Math.sign(loop.updateBy) < 0) {
          ctx.addIssue({
            code: 'custom',
            path: ['updateBy'],
            input: loop.updateBy,
            message: problem(`never reaches end ${loop.end} from start ${loop.start}`, 'Give updateBy the sign of end - start'),
          });
        }
      })
      .optional(),
    forEach: z
      .union([
        z.array(z.string()).min(1),
        z.strictObject({
          list: z.string().min(1),
          delimiter: z
            .string()
            .refine((value) => LOOP_DELIMITERS.includes(value), { error: problem('must be one of . , ; : newline tab space - _') })
            .optional(),
        }),
      ])
      .optional(),
  })
  .superRefine((loop, ctx) => {
    if ((loop.for === undefined) === (loop.forEach === undefined)) {
      ctx.addIssue({ code: 'custom', input: undefined, message: problem('needs exactly one of for and forEach') });
    }
  });

const stepSchema = z
  .strictObject({
    name: z.string().regex(STEP_NAME, {
      error: problem(
        'step names must be 1–128 letters, digits, hyphens or underscores',
        'They are used in chaining expressions like {{ build.InstallNginx.outputs.stdout }}',
      ),
    }),
    action: z.string().superRefine((action, ctx) => {
      if (!KNOWN_ACTIONS.includes(action)) {
        ctx.addIssue({
          code: 'custom',
          input: undefined,
          message: problem(`unknown action '${action}'`, `Known actions: ${KNOWN_ACTIONS.join(', ')}.${didYouMean(action, KNOWN_ACTIONS)}`),
        });
      }
    }),
    timeoutSeconds: z
      .number()
      .int()
      .refine((value) => value === -1 || value >= 1, {
        error: problem('must be -1 (no timeout) or at least 1', 'AWSTOE allows no other value; the default is 7200'),
      })
      .optional(),
    onFailure: z.enum(['Abort', 'Continue', 'Ignore']).optional(),
    maxAttempts: z.number().int().min(1).optional(),
    inputs: z.unknown().optional(),
    loop: loopSchema.optional(),
    if: z.unknown().optional(),
  })
  .superRefine((step, ctx) => {
    for (const inputProblem of checkInputs(step.action, step.inputs)) {
      ctx.addIssue({ code: 'custom', path: [...inputProblem.path], input: inputProblem.input, message: inputProblem.message });
    }
    if (step.action === 'ExecuteDocument') {
      // AWSTOE fixes these for nested documents and fails a step that sets them otherwise.
      if (step.timeoutSeconds !== undefined && step.timeoutSeconds !== -1) {
        ctx.addIssue({
          code: 'custom',
          path: ['timeoutSeconds'],
          input: step.timeoutSeconds,
          message: problem('must be -1 for ExecuteDocument', 'Leave it out'),
        });
      }
      if (step.maxAttempts !== undefined && step.maxAttempts !== 1) {
        ctx.addIssue({ code: 'custom', path: ['maxAttempts'], input: step.maxAttempts, message: problem('must be 1 for ExecuteDocument', 'Leave it out') });
      }
    }
    if (step.action === 'Reboot' && step.timeoutSeconds !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['timeoutSeconds'],
        input: step.timeoutSeconds,
        message: problem('is not supported for Reboot', 'Leave it out: the timeout cannot apply across a reboot'),
      });
    }
  });

const phaseSchema = z.strictObject({
  name: z.string().superRefine((name, ctx) => {
    if (!(PHASES as readonly string[]).includes(name)) {
      ctx.addIssue({
        code: 'custom',
        input: undefined,
        message: problem(`unknown phase '${name}'`, `Image Builder runs only the ${PHASES.join(', ')} phases of an AMI component.${didYouMean(name, PHASES)}`),
      });
    }
  }),
  steps: z.array(stepSchema).min(1, { error: problem('must list at least one step') }),
});

/** The AWSTOE component document schema (schemaVersion 1.0). Rules across fields are in component-consistency.ts. */
export const componentDocumentSchema = z.strictObject({
  name: z.string().optional(),
  description: z.string().optional(),
  schemaVersion: z.union([z.literal(1), z.literal('1.0')], { error: problem('must be 1.0', 'It is the only AWSTOE schema version') }),
  parameters: z.array(parameterSchema).optional(),
  constants: z.array(constantSchema).optional(),
  phases: z.array(phaseSchema).min(1, { error: problem('must list at least one phase') }),
});

export type ComponentDocument = z.output<typeof componentDocumentSchema>;

/** A component document read from a file: the parsed document when it is valid, and every problem with its line. */
export interface ParsedComponentDocument {
  readonly file: string;
  readonly text: string;
  readonly document?: ComponentDocument;
  readonly issues: readonly ConfigIssue[];
}

/** Parses and validates an AWSTOE YAML document; problems name the file and line. */
export function parseComponentDocument(text: string, file: string): ParsedComponentDocument {
  const lineCounter = new LineCounter();
  const yaml = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (yaml.errors.length > 0) {
    const issues = yaml.errors.map((error) => ({
      file,
      line: error.linePos?.[0].line ?? lineCounter.linePos(error.pos[0]).line,
      path: '',
      message: `invalid YAML: ${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`,
    }));
    return { file, text, issues };
  }
  const value = yaml.toJS();
  if (value === null || value === undefined) {
    return { file, text, issues: [{ file, line: 1, path: '', message: 'is empty', fix: 'Write an AWSTOE document with schemaVersion: 1.0 and phases' }] };
  }
  const parsed = componentDocumentSchema.safeParse(value, { reportInput: true, error: configErrorMap });
  const issues: ConfigIssue[] = checkConsistency(value).map((found) => ({
    file,
    line: lineOf(yaml, lineCounter, found.path),
    path: formatPath(found.path),
    ...splitProblem(found.message),
  }));
  issues.push(
    ...(parsed.success ? [] : parsed.error.issues).map((issue) => {
      const parts = issue.code === 'unrecognized_keys' && issue.keys.length === 1 ? [...issue.path, issue.keys[0]] : [...issue.path];
      const input = (issue as { input?: unknown }).input;
      return {
        file,
        line: lineOf(yaml, lineCounter, parts),
        path: formatPath(parts),
        ...splitProblem(issue.message),
        ...(input === undefined || issue.code === 'unrecognized_keys' ? {} : { got: { value: input } }),
      };
    }),
  );
  if (text.length > MAX_INLINE_DOCUMENT_CHARACTERS) {
    issues.push({
      file,
      line: 1,
      path: '',
      message: `is ${text.length} characters long, more than the ${MAX_INLINE_DOCUMENT_CHARACTERS} Image Builder accepts inline`,
      fix: 'Split it into several components',
    });
  }
  issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { file, text, issues, ...(parsed.success && issues.length === 0 ? { document: parsed.data } : {}) };
}

/** Parses and validates an AWSTOE YAML document, or throws a {@link ConfigError} that names the file and line of every problem. */
export function validateComponentDocument(text: string, file: string): ComponentDocument {
  const parsed = parseComponentDocument(text, file);
  if (!parsed.document) throw new ConfigError(parsed.issues, { source: file });
  return parsed.document;
}

/** The phases a document defines. */
export function documentPhases(document: ComponentDocument): PhaseName[] {
  return document.phases.map((phase) => phase.name as PhaseName);
}

/** The document's parameters with their defaults, by name. */
export function documentParameters(document: ComponentDocument): Map<string, { default?: string; description?: string }> {
  const parameters = new Map<string, { default?: string; description?: string }>();
  for (const entry of document.parameters ?? []) {
    for (const [name, definition] of Object.entries(entry)) {
      parameters.set(name, { ...(definition.default === undefined ? {} : { default: String(definition.default) }), description: definition.description });
    }
  }
  return parameters;
}

/** The platform the document's action modules run on: Windows when it uses a Windows-only module, else Linux. */
export function documentPlatform(document: ComponentDocument): Platform {
  for (const phase of document.phases) for (const step of phase.steps) if (actionPlatform(step.action) === 'Windows') return 'Windows';
  return 'Linux';
}

/** The line of the node at `path`; for a field that is missing, the line of its parent. */
function lineOf(document: Document, lineCounter: LineCounter, path: readonly PropertyKey[]): number {
  const lineAt = (node: Node | null | undefined) => (node?.range ? lineCounter.linePos(node.range[0]).line : undefined);
  let node: unknown = document.contents;
  let line = lineAt(document.contents as Node) ?? 1;
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(part));
      if (!pair) break;
      line = lineAt(pair.key as Node) ?? line;
      node = pair.value;
    } else if (isSeq(node) && typeof part === 'number') {
      const item = node.items[part] as Node | undefined;
      if (!item) break;
      line = lineAt(item) ?? line;
      node = item;
    } else break;
  }
  return line;
}

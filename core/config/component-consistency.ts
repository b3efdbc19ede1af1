import { didYouMean } from './closest-name.ts';
import { actionPlatform, type Platform } from './component-actions.ts';
import { problem } from './config-issue.ts';

export interface DocumentProblem {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

const indexed = (value: unknown): [number, Record<string, unknown>][] =>
  Array.isArray(value)
    ? value.flatMap((item, index): [number, Record<string, unknown>][] =>
        typeof item === 'object' && item !== null && !Array.isArray(item) ? [[index, item]] : [],
      )
    : [];

/**
 * Rules across fields: unique phase, step, loop and variable names, references that resolve, one platform.
 * They run on the raw document, so they are reported together with the problems of its structure.
 */
export function checkConsistency(raw: unknown): DocumentProblem[] {
  if (typeof raw !== 'object' || raw === null) return [];
  const document = raw as Record<string, unknown>;
  const problems: DocumentProblem[] = [];
  const phases = indexed(document.phases);

  const phaseNames = new Map<string, number>();
  for (const [index, phase] of phases) {
    if (typeof phase.name !== 'string') continue;
    const first = phaseNames.get(phase.name);
    if (first !== undefined)
      problems.push({
        path: ['phases', index, 'name'],
        message: problem(`phase '${phase.name}' is already defined by phases[${first}]`, 'Merge the two phases'),
      });
    else phaseNames.set(phase.name, index);
  }

  const stepsByPhase = new Map<string, Set<string>>();
  for (const [phaseIndex, phase] of phases) {
    const steps = new Map<string, number>();
    const loops = new Map<string, number>();
    for (const [index, step] of indexed(phase.steps)) {
      if (typeof step.name === 'string') {
        const first = steps.get(step.name);
        if (first !== undefined) {
          problems.push({
            path: ['phases', phaseIndex, 'steps', index, 'name'],
            message: problem(`step name '${step.name}' is already used by steps[${first}]`, 'Step names must be unique in a phase'),
          });
        } else steps.set(step.name, index);
      }
      const loopName = (step.loop as { name?: unknown } | undefined)?.name;
      if (typeof loopName === 'string') {
        const first = loops.get(loopName);
        if (first !== undefined) {
          problems.push({
            path: ['phases', phaseIndex, 'steps', index, 'loop', 'name'],
            message: problem(`loop name '${loopName}' is already used by steps[${first}]`, 'Loop names must be unique in a phase'),
          });
        } else loops.set(loopName, index);
      }
    }
    if (typeof phase.name === 'string' && !stepsByPhase.has(phase.name)) stepsByPhase.set(phase.name, new Set(steps.keys()));
  }

  const variables = new Map<string, string>();
  for (const kind of ['parameters', 'constants'] as const) {
    for (const [index, entry] of indexed(document[kind])) {
      for (const name of Object.keys(entry)) {
        const first = variables.get(name);
        if (first)
          problems.push({
            path: [kind, index, name],
            message: problem(`'${name}' is already defined at ${first}`, 'Parameter and constant names must be unique'),
          });
        else variables.set(name, `${kind}[${index}]`);
      }
    }
  }

  let platform: { name: Platform; where: string } | undefined;
  for (const [phaseIndex, phase] of phases) {
    for (const [stepIndex, step] of indexed(phase.steps)) {
      const stepPath = ['phases', phaseIndex, 'steps', stepIndex];
      const loopNames = new Set(['loop', ...(typeof (step.loop as { name?: unknown })?.name === 'string' ? [(step.loop as { name: string }).name] : [])]);
      const visit = (value: unknown, path: PropertyKey[]) => {
        if (typeof value === 'string') {
          for (const [, reference] of value.matchAll(REFERENCE)) {
            const message = referenceProblem(reference, new Set(variables.keys()), loopNames, stepsByPhase);
            if (message) problems.push({ path: [...stepPath, ...path], message });
          }
        } else if (Array.isArray(value)) {
          for (const [index, item] of value.entries()) visit(item, [...path, index]);
        } else if (typeof value === 'object' && value !== null) for (const [key, item] of Object.entries(value)) visit(item, [...path, key]);
      };
      visit(step.inputs, ['inputs']);
      visit(step.loop, ['loop']);

      const stepPlatform = typeof step.action === 'string' ? actionPlatform(step.action) : undefined;
      if (!stepPlatform) continue;
      if (!platform) platform = { name: stepPlatform, where: `phases[${phaseIndex}].steps[${stepIndex}]` };
      else if (platform.name !== stepPlatform) {
        problems.push({
          path: [...stepPath, 'action'],
          message: problem(
            `${step.action} runs only on ${stepPlatform}, but ${platform.where} runs only on ${platform.name}`,
            'A component targets one platform; split the document',
          ),
        });
      }
    }
  }
  return problems;
}

const REFERENCE = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** `{{ Name }}` must name a parameter or constant; `{{ phase.Step.… }}` a step of the document. */
function referenceProblem(
  reference: string,
  variables: ReadonlySet<string>,
  loopNames: ReadonlySet<string>,
  stepsByPhase: ReadonlyMap<string, ReadonlySet<string>>,
): string | undefined {
  if (/^[A-Za-z0-9_-]+$/.test(reference)) {
    if (variables.has(reference)) return undefined;
    return problem(`refers to unknown variable '${reference}'`, `Define it under parameters or constants.${didYouMean(reference, variables)}`);
  }
  const [head, second] = reference.split('.');
  if (loopNames.has(head)) return undefined;
  const steps = stepsByPhase.get(head);
  if (steps && second !== undefined) {
    const stepName = second.replace(/\[\d+\]$/, '');
    if (!steps.has(stepName))
      return problem(`refers to unknown step '${stepName}' of phase '${head}'`, `Known steps: ${[...steps].join(', ')}.${didYouMean(stepName, steps)}`);
  }
  return undefined;
}

import type { InputTransformer, Target } from '@aws-sdk/client-eventbridge';
import type { CloudEvent } from '../../cloud.ts';

/**
 * What a target receives: the event, or the target's Input, InputPath or InputTransformer applied to it,
 * following "Transforming target input" in the EventBridge user guide.
 */

/** EventBridge's JSONPath subset: `$`, dot members, `[n]` indices and `*` wildcards. */
export function evaluatePath(path: string, document: unknown): unknown {
  const steps = pathSteps(path);
  if (!steps) return undefined;
  let current: unknown[] = [document];
  let wildcard = false;
  for (const step of steps) {
    const next: unknown[] = [];
    for (const node of current) {
      if (step === '*') {
        wildcard = true;
        if (Array.isArray(node)) next.push(...node);
        else if (node && typeof node === 'object') next.push(...Object.values(node));
      } else if (typeof step === 'number') {
        if (Array.isArray(node) && step < node.length) next.push(node[step]);
      } else if (node && typeof node === 'object' && !Array.isArray(node) && Object.hasOwn(node, step)) {
        next.push((node as Record<string, unknown>)[step]);
      }
    }
    current = next;
  }
  return wildcard ? current : current[0];
}

export function isValidPath(path: string): boolean {
  return pathSteps(path) !== undefined;
}

function pathSteps(path: string): Array<string | number> | undefined {
  if (!path.startsWith('$')) return undefined;
  const steps: Array<string | number> = [];
  const member = /^\.([^.[\]]+)|^\[(\d+|\*)\]|^\['([^']*)'\]/;
  let rest = path.slice(1);
  while (rest.length) {
    const m = member.exec(rest);
    if (!m) return undefined;
    if (m[1] !== undefined) steps.push(m[1]);
    else if (m[2] !== undefined) steps.push(m[2] === '*' ? '*' : Number(m[2]));
    else steps.push(m[3]);
    rest = rest.slice(m[0].length);
  }
  return steps;
}

export const PREDEFINED_PLACEHOLDERS = new Set([
  'aws.events.rule-arn',
  'aws.events.rule-name',
  'aws.events.event.ingestion-time',
  'aws.events.event',
  'aws.events.event.json',
]);

const PLACEHOLDER = /<([A-Za-z0-9_\-.]+)>/g;

/** Placeholders in a template that neither the paths map nor EventBridge defines. */
export function unknownPlaceholders(transformer: InputTransformer): string[] {
  const defined = new Set(Object.keys(transformer.InputPathsMap ?? {}));
  return [...(transformer.InputTemplate ?? '').matchAll(PLACEHOLDER)]
    .map((m) => m[1])
    .filter((name) => !defined.has(name) && !PREDEFINED_PLACEHOLDERS.has(name));
}

export interface TransformContext {
  ruleArn: string;
  ruleName: string;
}

/** Fills the template: in a JSON template a value outside quotes is written as JSON; inside a string, as text. */
export function applyInputTransformer(transformer: InputTransformer, event: CloudEvent, context: TransformContext): string {
  const values = new Map<string, unknown>();
  for (const [name, path] of Object.entries(transformer.InputPathsMap ?? {})) values.set(name, evaluatePath(path, event));
  const { detail: _detail, ...withoutDetail } = event;
  values.set('aws.events.rule-arn', context.ruleArn);
  values.set('aws.events.rule-name', context.ruleName);
  values.set('aws.events.event.ingestion-time', event.time);
  values.set('aws.events.event', withoutDetail);
  values.set('aws.events.event.json', event);
  const template = transformer.InputTemplate ?? '';
  const json = template.trim().startsWith('{');
  return template.replace(PLACEHOLDER, (whole: string, name: string, offset: number) => {
    if (!values.has(name)) return whole;
    const value = values.get(name);
    if (json && !insideString(template, offset)) return value === undefined ? 'null' : JSON.stringify(value);
    return asText(value);
  });
}

/** A value written inside a string: AWS drops the quotes of an object or array so the string stays valid. */
function asText(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object') return JSON.stringify(value).replace(/"/g, '');
  return String(value);
}

function insideString(text: string, offset: number): boolean {
  let inside = false;
  for (let i = 0; i < offset; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') inside = !inside;
  }
  return inside;
}

/** The text EventBridge sends to a target for an event. */
export function targetInput(target: Target, event: CloudEvent, context: TransformContext): string {
  if (target.Input !== undefined) return target.Input;
  if (target.InputPath !== undefined) {
    const value = evaluatePath(target.InputPath, event);
    return value === undefined ? 'null' : JSON.stringify(value);
  }
  if (target.InputTransformer) return applyInputTransformer(target.InputTransformer, event, context);
  return JSON.stringify(event);
}

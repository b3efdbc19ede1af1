import { type AslMachine, childMachines, isObject } from './asl.ts';

/**
 * The first feature of a definition that aws-local-stepfunctions 3.0.0 would silently ignore or
 * misrun, as a sentence naming where it is; undefined when the engine can run the definition.
 * AWS accepts these definitions, so CreateStateMachine does too; their executions fail at once
 * with States.Runtime and this sentence as cause, instead of running with a different meaning.
 */
export function unsupportedFeature(machine: AslMachine, path = ''): string | undefined {
  if (machine.QueryLanguage === 'JSONata') return `QueryLanguage JSONata (at ${path || '/'})`;
  for (const [name, state] of Object.entries(machine.States ?? {})) {
    const at = `${path}/States/${name}`;
    if (state.QueryLanguage === 'JSONata') return `QueryLanguage JSONata (at ${at})`;
    for (const field of [
      'Assign',
      'Arguments',
      'Output',
      'Items',
      'ItemReader',
      'ItemBatcher',
      'ResultWriter',
      'ToleratedFailurePercentage',
      'ToleratedFailureCount',
    ])
      if (field in state) return `the field '${field}' (at ${at})`;
    const processor = state.ItemProcessor;
    if (isObject(processor) && isObject(processor.ProcessorConfig) && processor.ProcessorConfig.Mode === 'DISTRIBUTED') return `a distributed Map (at ${at})`;
    const children = childMachines(state);
    for (let index = 0; index < children.length; index++) {
      const where = state.Type === 'Map' ? `${at}/${state.ItemProcessor ? 'ItemProcessor' : 'Iterator'}` : `${at}/Branches[${index}]`;
      const found = unsupportedFeature(children[index], where);
      if (found) return found;
    }
  }
  return undefined;
}

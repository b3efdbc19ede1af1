import type { StackContext } from 'sst/constructs';
import { DEAD_LETTER_QUEUE } from '../core/app-model/index.ts';
import { CustomerKey } from './constructs/customer-key.ts';
import { useGoldsmith } from './model/goldsmith-app.ts';
import { deadLetterQueues } from './release/dead-letter-queues.ts';
import { eventRules } from './release/event-rules.ts';
import { functions } from './release/functions.ts';
import { schedules } from './release/schedules.ts';
import { stateMachines } from './release/state-machines.ts';
import { tables } from './release/tables.ts';
import { removeUnusedHandler } from './security/unused-handler.ts';

/** The release workflow: tables, functions, state machines, and the rules and schedules that start releases. */
export async function Release({ stack, app }: StackContext) {
  const goldsmith = await useGoldsmith(app);
  const { model } = goldsmith;
  const key = new CustomerKey(stack, 'ReleaseKey', {
    description: `Goldsmith ${model.stage}: encrypts dead-letter queues and state machine logs`,
    alias: `${model.prefix}-release`,
    tags: model.tags,
  });
  goldsmith.keys.set('release', key);

  const queues = deadLetterQueues(stack, goldsmith, key);
  const deadLetters = queues.get(DEAD_LETTER_QUEUE);
  if (!deadLetters) throw new Error(`The app model has no '${DEAD_LETTER_QUEUE}' queue for undeliverable events.`);
  tables(stack, goldsmith);
  functions(stack, goldsmith, deadLetters);
  stateMachines(stack, goldsmith, key);
  eventRules(stack, goldsmith, queues, key);
  schedules(stack, goldsmith, key);
  removeUnusedHandler(stack);
}

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

type State = Record<string, unknown> & { Type: string };
type Machine = { States: Record<string, State> };

function machines(machine: Machine): Machine[] {
  return [
    machine,
    ...Object.values(machine.States).flatMap((state) => [
      ...((state.Branches as Machine[] | undefined) ?? []).flatMap(machines),
      ...(state.ItemProcessor ? machines(state.ItemProcessor as Machine) : []),
    ]),
  ];
}

/** Every task-token wait whose timeout leads to a reconcile task, with that task. */
function reconcileLoops(file: string): { wait: string; waitState: State; reconcile: State }[] {
  const root = JSON.parse(readFileSync(new URL(`../../statemachines/${file}`, import.meta.url), 'utf8')) as Machine;
  return machines(root).flatMap((machine) =>
    Object.entries(machine.States).flatMap(([wait, waitState]) => {
      if (!String(waitState.Resource ?? '').endsWith('.waitForTaskToken')) return [];
      const onTimeout = ((waitState.Catch ?? []) as { ErrorEquals: string[]; Next: string }[]).find((c) => c.ErrorEquals.includes('States.Timeout'));
      const reconcile = onTimeout && machine.States[onTimeout.Next];
      return reconcile?.Type === 'Task' ? [{ wait, waitState, reconcile }] : [];
    }),
  );
}

describe('State machines: reconcile loops', () => {
  for (const [file, waits] of [
    ['release.asl.json', ['Wait For Image']],
    ['rollout-wave.asl.json', ['Wait For Refresh']],
  ] as const) {
    it(`times each wait of ${file} out after the wait its last reconcile returned`, () => {
      // Act
      const loops = reconcileLoops(file);
      // Assess
      expect(loops.map((loop) => loop.wait)).toEqual(waits);
      for (const { wait, waitState, reconcile } of loops) {
        expect(waitState.TimeoutSecondsPath, wait).toBe(`${reconcile.ResultPath}.waitSeconds`);
        expect((reconcile.Parameters as Record<string, unknown>)['waitSeconds.$'], wait).toBe(waitState.TimeoutSecondsPath);
      }
    });
  }
});

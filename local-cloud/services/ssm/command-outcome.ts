import { seededRandom } from '../../faults.ts';
import type { CommandBehaviour, Scenario } from '../../scenario.ts';

export interface CommandOutcome {
  status: 'Success' | 'Failed' | 'TimedOut';
  output?: string;
}

/**
 * Decides how a command ends on an instance from the scenario's `commands` rules: the first rule that
 * matches (by command text and by the AMI name of the instance) and still applies under its `times` and
 * `rate`. Counters and the seeded random source start afresh whenever a new scenario is set, as the
 * FaultInjector's do.
 */
export class CommandScenario {
  private readonly runs = new WeakMap<Scenario, { random: () => number; used: Map<CommandBehaviour, number> }>();

  decide(scenario: Scenario, commandText: string, imageName: string | undefined): CommandOutcome {
    let run = this.runs.get(scenario);
    if (!run) {
      run = { random: seededRandom(scenario.seed ?? 1), used: new Map() };
      this.runs.set(scenario, run);
    }
    for (const rule of scenario.commands ?? []) {
      if (rule.commandContains !== undefined && !commandText.includes(rule.commandContains)) continue;
      if (rule.imageNamePrefix !== undefined && !imageName?.startsWith(rule.imageNamePrefix)) continue;
      const count = run.used.get(rule) ?? 0;
      if (rule.times !== undefined && count >= rule.times) continue;
      if (rule.rate !== undefined && run.random() >= rule.rate) continue;
      run.used.set(rule, count + 1);
      return { status: rule.status, output: rule.output };
    }
    return { status: 'Success' };
  }
}

const unquote = (text: string) => text.trim().replace(/^(['"])(.*)\1$/, '$2');

/**
 * What a script prints when nothing in the scenario says otherwise: the text of its `echo` (or, in
 * PowerShell, `Write-Output`/`Write-Host`) lines. Other commands run silently.
 */
export function simulatedStdout(commands: string[]): string {
  const lines: string[] = [];
  for (const line of commands.flatMap((command) => command.split('\n'))) {
    const match = /^\s*(?:echo|Write-Output|Write-Host)(?:\s+-[neE]+)?\s+(.*)$/i.exec(line);
    if (match) lines.push(unquote(match[1]));
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

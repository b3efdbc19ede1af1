/** BENCHMARKS.md: each section's figures with the command that measured them, the machine and the date. */
import { type Machine, machineLine } from './machine.ts';

export interface Goal {
  goal: string;
  /** The measured figure, as written in the summary. */
  figure: string;
  /** undefined: not measured in this run. */
  met: boolean | undefined;
}

export interface Section {
  title: string;
  /** The command that reproduces the section's figures. */
  command: string;
  goals: Goal[];
  /** Markdown paragraphs and tables. */
  body: string[];
}

export interface Report {
  machine: Machine;
  mode: 'full' | 'quick';
  sections: Section[];
  /** Real seconds the whole run took. */
  seconds: number;
}

export function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const line = (cells: readonly (string | number)[]) => `| ${cells.map(String).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function verdict(met: boolean | undefined): string {
  if (met === undefined) return 'not measured';
  return met ? 'met' : '**not met**';
}

export function renderReport(report: Report): string {
  const goals = report.sections.flatMap((section) => section.goals.map((goal) => [goal.goal, goal.figure, verdict(goal.met), `\`${section.command}\``]));
  const parts = [
    '# Goldsmith benchmarks',
    '',
    `Written by \`npm run bench${report.mode === 'quick' ? ' -- --quick' : ''}\` (${report.seconds.toFixed(0)} s of real time). Do not edit by hand: run it again.`,
    '',
    `Machine: ${machineLine(report.machine)}. The machine is shared, so timings are medians of repeated runs, and ratios to a baseline measured in the same run where machine noise matters. Simulated-clock figures do not depend on the machine.`,
    '',
    '## Goals',
    '',
    table(['Goal', 'Measured', 'Verdict', 'Command'], goals),
  ];
  for (const section of report.sections) {
    parts.push('', `## ${section.title}`, '', `Command: \`${section.command}\``, '');
    parts.push(section.body.join('\n\n'));
  }
  return `${parts.join('\n')}\n`;
}

export const usd = (value: number): string => {
  if (value < 0) return `−${usd(-value)}`;
  return value === 0 ? '$0' : value >= 0.01 ? `$${value.toFixed(4)}` : `$${value.toPrecision(3)}`;
};
export const ms = (value: number) => (value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${value.toFixed(value >= 100 ? 0 : 1)} ms`);
export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
export const times = (ratio: number) => `${ratio.toFixed(ratio >= 10 ? 0 : 1)}×`;

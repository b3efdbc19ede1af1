import { describe, expect, it } from 'vitest';
import type { Machine } from '../../bench/machine.ts';
import { renderReport, table, usd, verdict } from '../../bench/report.ts';

const machine: Machine = { cpu: 'Test CPU', cores: 2, memoryGiB: 8, os: 'linux', node: 'v24.0.0', load: 0.5, date: '2026-11-24' };

describe('Bench: report', () => {
  it('writes the machine, every goal with its verdict and command, and each section', () => {
    // Prepare
    const sections = [
      { title: '1. Cost per release', command: 'npm run bench -- --only cost', goals: [{ goal: 'Cheap', figure: '$0.002', met: true }], body: ['Body one.'] },
      { title: '3. Fleet scale', command: 'npm run bench -- --only fleet', goals: [{ goal: 'Small', figure: '300 KiB', met: false }], body: ['Body three.'] },
    ];
    // Act
    const text = renderReport({ machine, mode: 'full', sections, seconds: 12 });
    // Assess
    expect(text).toContain('Test CPU, 2 cores, 8 GiB, linux, Node v24.0.0');
    expect(text).toContain('| Cheap | $0.002 | met | `npm run bench -- --only cost` |');
    expect(text).toContain('| Small | 300 KiB | **not met** | `npm run bench -- --only fleet` |');
    expect(text.indexOf('## 1. Cost per release')).toBeLessThan(text.indexOf('## 3. Fleet scale'));
    expect(text).toContain('Body three.');
  });

  it('renders a markdown table', () => {
    // Act
    const text = table(['A', 'B'], [[1, 'x']]);
    // Assess
    expect(text).toBe('| A | B |\n| --- | --- |\n| 1 | x |');
  });

  it('formats dollars and verdicts', () => {
    // Act & Assess
    expect(usd(0)).toBe('$0');
    expect(usd(0.0123)).toBe('$0.0123');
    expect(usd(0.00123456)).toBe('$0.00123');
    expect(usd(-0.00000268)).toBe('−$0.00000268');
    expect(verdict(undefined)).toBe('not measured');
  });
});

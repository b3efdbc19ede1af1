import type { EnvironmentOutcome } from './execution-environment.ts';
import { type FunctionSpec, runtimeVersionArn } from './function-spec.ts';

/** Node.js runtime versions as Lambda names them in INIT_START lines. */
const RUNTIME_VERSIONS: Record<string, string> = { 'nodejs24.x': 'nodejs:24.v20', 'nodejs22.x': 'nodejs:22.v57', 'nodejs20.x': 'nodejs:20.v75' };

/**
 * The invocation's log as CloudWatch Logs would hold it: INIT_START on a cold start, then START,
 * the function's output, END and REPORT.
 */
export function invocationLog(spec: FunctionSpec, requestId: string, outcome: EnvironmentOutcome, billedDurationMs: number, startedAt: number): string {
  const lines: string[] = [];
  if (outcome.initDurationMs !== undefined) {
    lines.push(
      `INIT_START Runtime Version: ${RUNTIME_VERSIONS[spec.runtime] ?? spec.runtime}\tRuntime Version ARN: ${runtimeVersionArn(spec.region, spec.runtime)}\n`,
    );
    lines.push(outcome.initOutput);
  }
  lines.push(`START RequestId: ${requestId} Version: ${spec.version}\n`);
  lines.push(outcome.output);
  if (outcome.status === 'timeout') {
    lines.push(`${new Date(startedAt + outcome.durationMs).toISOString()} ${requestId} Task timed out after ${spec.timeout.toFixed(2)} seconds\n`);
  }
  lines.push(`END RequestId: ${requestId}\n`);
  const report = [
    `REPORT RequestId: ${requestId}`,
    `Duration: ${outcome.durationMs.toFixed(2)} ms`,
    `Billed Duration: ${billedDurationMs} ms`,
    `Memory Size: ${spec.memorySize} MB`,
    `Max Memory Used: ${outcome.maxMemoryUsedMB} MB`,
  ];
  if (outcome.initDurationMs !== undefined) report.push(`Init Duration: ${outcome.initDurationMs.toFixed(2)} ms`);
  if (outcome.status === 'timeout') report.push('Status: timeout');
  else if (outcome.status === 'crash') report.push('Status: error\tError Type: Runtime.ExitError');
  lines.push(`${report.join('\t')}\t\n`);
  return lines.join('');
}

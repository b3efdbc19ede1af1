/** Step Functions for the release: completing waiting tasks, starting releases under deterministic names, and reading executions. */
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import type { ReleaseInput } from '../../core/release/contracts.ts';
import type { ExecutionStatusPort, ReleaseStarterPort, StartOutcome, TaskCompletionPort } from '../../core/release/ports.ts';
import { regionOf } from '../../core/release/resource-names.ts';
import { type AdapterOptions, isAwsError, RegionalClients } from './regional-clients.ts';

/**
 * Errors that mean nothing waits on the token any more: it completed, timed out, or its execution ended
 * (TaskTimedOut), or Step Functions no longer knows it (InvalidToken, e.g. once the execution is gone). A retry
 * cannot change that, so they are answered as `closed`, never thrown.
 */
const CLOSED = ['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken'];

/** `arn:…:stateMachine:<machine>` → `arn:…:execution:<machine>:<name>`. */
export function executionArnOf(stateMachineArn: string, name: string): string {
  return `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
}

export class StepFunctionsAdapter implements TaskCompletionPort, ExecutionStatusPort {
  protected readonly clients: RegionalClients<SFNClient>;
  protected readonly region: string;

  constructor(options: AdapterOptions) {
    this.region = options.region;
    this.clients = new RegionalClients((region) => new SFNClient({ region }), options.instrument);
  }

  async succeed(token: string, output: unknown): Promise<'sent' | 'closed'> {
    return this.closedIsFine(() => this.clients.in(this.region).send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify(output) })));
  }

  async fail(token: string, error: string, cause: string): Promise<'sent' | 'closed'> {
    return this.closedIsFine(() =>
      this.clients.in(this.region).send(new SendTaskFailureCommand({ taskToken: token, error: error.slice(0, 256), cause: cause.slice(0, 32_768) })),
    );
  }

  private async closedIsFine(send: () => Promise<unknown>): Promise<'sent' | 'closed'> {
    try {
      await send();
      return 'sent';
    } catch (error) {
      if (isAwsError(error, ...CLOSED)) return 'closed';
      throw error;
    }
  }

  async endingWith(executionArn: string, marker: string): Promise<'succeeded' | 'failed' | undefined> {
    const client = this.clients.in(regionOf(executionArn));
    let nextToken: string | undefined;
    try {
      // Newest first: the completion looked for is recent, so one page usually answers.
      do {
        const page = await client.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 1000, ...(nextToken && { nextToken }) }));
        for (const event of page.events ?? []) {
          if (event.type === 'TaskSucceeded' && event.taskSucceededEventDetails?.output?.includes(marker)) return 'succeeded';
          if (event.type === 'TaskFailed' && event.taskFailedEventDetails?.cause?.includes(marker)) return 'failed';
        }
        nextToken = page.nextToken;
      } while (nextToken);
    } catch (error) {
      if (isAwsError(error, 'ExecutionDoesNotExist')) return undefined;
      throw error;
    }
    return undefined;
  }

  async isRunning(executionArn: string): Promise<boolean> {
    try {
      const out = await this.clients.in(regionOf(executionArn)).send(new DescribeExecutionCommand({ executionArn }));
      return out.status === 'RUNNING';
    } catch (error) {
      if (isAwsError(error, 'ExecutionDoesNotExist')) return false;
      throw error;
    }
  }
}

/** Starts release executions of one state machine. */
export class ReleaseStarter extends StepFunctionsAdapter implements ReleaseStarterPort {
  private readonly stateMachineArn: string;

  constructor(stateMachineArn: string, options: AdapterOptions) {
    super(options);
    this.stateMachineArn = stateMachineArn;
  }

  async start(name: string, input: ReleaseInput): Promise<{ outcome: StartOutcome; executionArn: string; status?: string }> {
    const client = this.clients.in(regionOf(this.stateMachineArn));
    try {
      // Same name and input while it runs: Step Functions answers with the running execution (a repeat is harmless).
      const out = await client.send(new StartExecutionCommand({ stateMachineArn: this.stateMachineArn, name, input: JSON.stringify(input) }));
      return { outcome: 'started', executionArn: out.executionArn as string };
    } catch (error) {
      if (!isAwsError(error, 'ExecutionAlreadyExists')) throw error;
    }
    // The name is taken: the release already ran (or runs with another input). Either way, it is not started again.
    const executionArn = executionArnOf(this.stateMachineArn, name);
    const { status } = await client.send(new DescribeExecutionCommand({ executionArn }));
    return { outcome: status === 'RUNNING' ? 'already-running' : 'already-done', executionArn, ...(status && { status }) };
  }
}

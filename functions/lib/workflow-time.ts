/**
 * "Now" for a step: the state machine's time when it passed one (`$$.State.EnteredTime`), else the function's
 * clock. On the local cloud the two differ (simulated time), and AWS-side times follow the workflow's.
 */
export function workflowTime(iso: string | undefined): number {
  return iso === undefined ? Date.now() : Date.parse(iso);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

import { AwsServiceError } from '../../errors.ts';
import type { Operation } from '../../service.ts';

/**
 * EC2's DryRun: the caller is always authorised here, so a dry run answers that the request would have
 * succeeded, without checking its parameters or changing anything (as AWS checks permissions only).
 */
export function withDryRun(operations: Record<string, Operation>): Record<string, Operation> {
  return Object.fromEntries(
    Object.entries(operations).map(([name, operation]) => [
      name,
      (input: { DryRun?: boolean } | undefined, ctx) => {
        if (input?.DryRun === true) throw new AwsServiceError('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', 412);
        return operation(input, ctx);
      },
    ]),
  );
}

import type { Stack } from 'sst/constructs';

/**
 * SST puts a custom resource handler (a Lambda function with an AWS managed policy) in every stack for
 * constructs Goldsmith does not use (sites, WebSocket APIs, sourcemap uploads). Nothing refers to it,
 * so it is removed rather than deployed and suppressed.
 */
export function removeUnusedHandler(stack: Stack): void {
  stack.node.tryRemoveChild('CustomResourceHandler');
}

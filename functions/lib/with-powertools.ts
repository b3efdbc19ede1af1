/**
 * The one middleware chain of every Goldsmith function: trace, log with the Lambda context, publish metrics.
 * Errors pass through untouched, keeping their `name`, so Step Functions' Retry and Catch can match them.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { logger, metrics, tracer } from './powertools.ts';

export function withPowertools<TEvent, TResult>(main: (event: TEvent, context: Context) => Promise<TResult>) {
  return middy<TEvent, TResult>(main)
    .use(captureLambdaHandler(tracer, { captureResponse: false }))
    .use(injectLambdaContext(logger))
    .use(logMetrics(metrics));
}

/** Logger, metrics and tracer: created once per execution environment and shared by the whole chain. */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

export const logger = new Logger({ serviceName: 'goldsmith' });
// Metrics' own warnings (e.g. an invocation without metrics) go through the logger, at its level.
export const metrics = new Metrics({ namespace: 'Goldsmith', serviceName: 'goldsmith', logger });
export const tracer = new Tracer({ serviceName: 'goldsmith' });

/** Wraps an AWS SDK v3 client so its calls show up as trace subsegments. */
export const instrument = <T>(client: T): T => tracer.captureAWSv3Client(client);

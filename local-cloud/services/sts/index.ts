import type { CloudRuntime } from '../../cloud.ts';
import type { ServiceDefinition } from '../../service.ts';
import { getCallerIdentity } from './operations.ts';

/** STS: enough for `aws sts get-caller-identity` and the tools that ask who they are. */
export class StsService {
  readonly definition: ServiceDefinition;

  constructor(_cloud: CloudRuntime) {
    this.definition = { signingName: 'sts', model: 'sts-2011-06-15', operations: { GetCallerIdentity: getCallerIdentity } };
  }
}

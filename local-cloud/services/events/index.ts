import type { CloudRuntime } from '../../cloud.ts';
import type { ServiceDefinition } from '../../service.ts';

export class EventsService {
  readonly definition: ServiceDefinition;
  private readonly cloud: CloudRuntime;

  constructor(cloud: CloudRuntime) {
    this.cloud = cloud;
    this.definition = { signingName: 'events', model: 'events-2015-10-07', operations: {} };
  }
}

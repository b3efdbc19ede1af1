import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { STACKS, STAGE, type SynthesizedApp, synthesizedApp } from './synthesized-app.ts';
import { resourcesOfType } from './template-queries.ts';

describe('App: goldsmith', () => {
  let app: SynthesizedApp;
  beforeAll(async () => {
    app = await synthesizedApp();
  }, 240_000);

  it('synthesizes the example fleet into four stacks', () => {
    // Prepare
    const names = Object.keys(app.templates);
    // Act
    const counts = STACKS.map((stack) => Object.keys(app.templates[stack].Resources).length);
    // Assess
    expect(names.sort()).toEqual([...STACKS].sort());
    for (const count of counts) expect(count).toBeGreaterThan(2);
    expect(STAGE).toBe('test');
  });

  it('deploys no SST machinery Goldsmith does not use: no custom resource handler, no binding parameters', () => {
    for (const stack of STACKS) {
      // Prepare
      const template = Template.fromJSON(app.templates[stack]);
      // Act
      const handlers = template.findResources('AWS::Lambda::Function', { Properties: { Handler: 'index.handler', Runtime: Match.stringLikeRegexp('nodejs') } });
      // Assess
      expect(Object.keys(handlers).filter((id) => id.startsWith('CustomResourceHandler'))).toEqual([]);
      template.resourceCountIs('AWS::SSM::Parameter', 0);
    }
  });

  it('tags every taggable Lambda function, role and queue as managed by Goldsmith', () => {
    for (const type of ['AWS::Lambda::Function', 'AWS::IAM::Role', 'AWS::SQS::Queue', 'AWS::SNS::Topic', 'AWS::KMS::Key']) {
      // Prepare
      const resources = resourcesOfType(app, type);
      // Act
      const untagged = resources.filter(
        (r) => !(r.properties.Tags as Array<{ Key: string; Value: string }> | undefined)?.some((t) => t.Key === 'goldsmith:managed' && t.Value === 'true'),
      );
      // Assess
      expect(resources.length, type).toBeGreaterThan(0);
      expect(
        untagged.map((r) => r.logicalId),
        type,
      ).toEqual([]);
    }
  });
});

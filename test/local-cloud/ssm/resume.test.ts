import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCommandInvocationCommand, GetParameterCommand, PutParameterCommand, SendCommandCommand } from '@aws-sdk/client-ssm';
import { afterAll, describe, expect, it } from 'vitest';
import { DELIVERY_MS, EXECUTION_MS } from '../../../local-cloud/services/ssm/command-lifecycle.ts';
import { IMAGE_VALIDATION_DELAY_MS } from '../../../local-cloud/services/ssm/image-validation.ts';
import { startSsmTestCloud } from './ssm-test-cloud.ts';

describe('SSM: resume after a restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ssm-resume-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('finishes in-flight commands and aws:ec2:image validations saved before a restart', async () => {
    // Prepare
    const first = await startSsmTestCloud({ dataDir });
    const instanceId = await first.managedInstance();
    const imageId = first.registerImage();
    await first.ssm.send(new PutParameterCommand({ Name: '/resume/ami', Value: imageId, Type: 'String', DataType: 'aws:ec2:image' }));
    const { Command } = await first.ssm.send(
      new SendCommandCommand({ DocumentName: 'AWS-RunShellScript', InstanceIds: [instanceId], Parameters: { commands: ['echo resumed'] } }),
    );
    await first.cloud.stop();
    // Act
    const second = await startSsmTestCloud({ dataDir });
    second.cloud.clock.advance(Math.max(DELIVERY_MS + EXECUTION_MS, IMAGE_VALIDATION_DELAY_MS));
    await new Promise((resolve) => setImmediate(resolve));
    // Assess
    const invocation = await second.ssm.send(new GetCommandInvocationCommand({ CommandId: Command?.CommandId, InstanceId: instanceId }));
    expect(invocation).toMatchObject({ Status: 'Success', StandardOutputContent: 'resumed\n' });
    const { Parameter } = await second.ssm.send(new GetParameterCommand({ Name: '/resume/ami' }));
    expect(Parameter?.Value).toBe(imageId);
    await second.cloud.stop();
  });
});

import { describe, expect, it } from 'vitest';
import { validationFirst } from '../../adapters/aws/image-builder.ts';

const ARN = 'arn:aws:imagebuilder:eu-central-1:123456789012:image/acme-platform-web-server/1.0.0/1';

describe('Adapter: Image Builder', () => {
  it("puts the build's own AMI first, before another account's copy, then its other regions", () => {
    // Prepare
    const amis = [
      { region: 'eu-west-1', imageId: 'ami-0cccccccccccccccc', accountId: '123456789012' },
      { region: 'eu-central-1', imageId: 'ami-0bbbbbbbbbbbbbbbb', accountId: '210987654321' },
      { region: 'eu-central-1', imageId: 'ami-0aaaaaaaaaaaaaaaa', accountId: '123456789012' },
    ];
    // Act
    const ordered = validationFirst(amis, ARN);
    // Assess
    expect(ordered.map((a) => a.imageId)).toEqual(['ami-0aaaaaaaaaaaaaaaa', 'ami-0cccccccccccccccc', 'ami-0bbbbbbbbbbbbbbbb']);
  });
});

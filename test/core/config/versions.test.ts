import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, componentVersion, contentVersion, MAX_VERSION_PART, type RecipeVersionInput, recipeVersion } from '../../../core/config/versions.ts';

const component = {
  majorMinor: '1.0',
  name: 'acme-install-nginx',
  platform: 'Linux',
  description: 'Installs nginx.',
  data: 'schemaVersion: 1.0\nphases: []\n',
};

const recipe: RecipeVersionInput = {
  majorMinor: '1.0',
  name: 'acme-web-server',
  description: 'Web tier',
  parentImage: 'ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
  components: [
    { name: 'acme-install-nginx', version: '1.0.155369898', parameters: {} },
    { name: 'acme-set-timezone-and-locale', version: '1.0.736211727', parameters: { TimeZone: 'Europe/Berlin' } },
  ],
  settings: { architecture: 'x86_64', rootVolume: { sizeGiB: 20, volumeType: 'gp3' } },
};

const VERSION = /^(\d+)\.(\d+)\.(\d+)$/;

describe('Config: versions', () => {
  it('gives the same component content the same version', () => {
    // Prepare
    const copy = { ...component };

    // Act
    const first = componentVersion(component);
    const second = componentVersion(copy);

    // Assess
    expect(second).toBe(first);
    expect(first).toMatch(/^1\.0\.\d+$/);
  });

  it('gives changed component content a new version', () => {
    // Prepare
    const changed = { ...component, data: `${component.data}# a comment\n` };

    // Act
    const before = componentVersion(component);
    const after = componentVersion(changed);

    // Assess
    expect(after).not.toBe(before);
    expect(after.startsWith('1.0.')).toBe(true);
  });

  it('changes the component version with its description and platform, which Image Builder also stores per version', () => {
    // Prepare
    const described = { ...component, description: 'Installs nginx 1.24.' };
    const windows = { ...component, platform: 'Windows' };

    // Act
    const versions = new Set([componentVersion(component), componentVersion(described), componentVersion(windows)]);

    // Assess
    expect(versions.size).toBe(3);
  });

  it('takes major.minor from config', () => {
    // Prepare
    const major = { ...component, majorMinor: '2.3' };

    // Act
    const version = componentVersion(major);

    // Assess
    expect(version.split('.').slice(0, 2)).toEqual(['2', '3']);
    expect(version.split('.')[2]).toBe(componentVersion(component).split('.')[2]);
  });

  it('keeps every part within Image Builder limits for any content', () => {
    // Prepare
    const prefix = fc.tuple(fc.integer({ min: 0, max: MAX_VERSION_PART }), fc.integer({ min: 0, max: MAX_VERSION_PART }));

    // Act
    const check = () =>
      fc.assert(
        fc.property(prefix, fc.string(), ([major, minor], data) => {
          const match = VERSION.exec(contentVersion(`${major}.${minor}`, data));
          return match?.slice(1).every((part) => Number(part) >= 0 && Number(part) <= MAX_VERSION_PART) ?? false;
        }),
      );

    // Assess
    expect(check).not.toThrow();
  });

  it('rejects a prefix Image Builder would not accept', () => {
    // Prepare
    const prefixes = ['1.0.0', '1', `${MAX_VERSION_PART + 1}.0`, 'a.b'];

    // Act
    const results = prefixes.map((prefix) => () => contentVersion(prefix, 'x'));

    // Assess
    for (const result of results) expect(result).toThrow(RangeError);
  });

  it('gives the same recipe the same version whatever the key order of its settings', () => {
    // Prepare
    const reordered = { ...recipe, settings: { rootVolume: { volumeType: 'gp3', sizeGiB: 20 }, architecture: 'x86_64' } };

    // Act
    const first = recipeVersion(recipe);
    const second = recipeVersion(reordered);

    // Assess
    expect(second).toBe(first);
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe('{"a":{"c":3,"d":2},"b":1}');
  });

  it('changes the recipe version with its parent image, components, parameters and settings', () => {
    // Prepare
    const variants: RecipeVersionInput[] = [
      recipe,
      { ...recipe, parentImage: 'ami-0123456789abcdef0' },
      { ...recipe, components: [{ ...recipe.components[0], version: '1.0.1' }, recipe.components[1]] },
      { ...recipe, components: [recipe.components[0], { ...recipe.components[1], parameters: { TimeZone: 'UTC' } }] },
      { ...recipe, components: [recipe.components[1], recipe.components[0]] },
      { ...recipe, settings: { architecture: 'x86_64', rootVolume: { sizeGiB: 30, volumeType: 'gp3' } } },
    ];

    // Act
    const versions = new Set(variants.map(recipeVersion));

    // Assess
    expect(versions.size).toBe(variants.length);
  });

  it('hashes a component together with what it is, not its text alone', () => {
    // Prepare
    const content = 'same';

    // Act
    const plain = contentVersion('1.0', content);
    const asComponent = componentVersion({ ...component, data: content });

    // Assess
    expect(asComponent).not.toBe(plain);
  });
});

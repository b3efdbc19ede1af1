import { createHash } from 'node:crypto';

/**
 * Image Builder versions are `major.minor.patch`, each part 0 to 2^30-1 (1073741823).
 * Goldsmith takes major.minor from config and derives the patch from a hash of everything the resource is created from,
 * so a change always gets a new version (never "version already exists") and the same content always gets the same one.
 * Patches are not ordered in time: Goldsmith names exact versions, never `x.x.x`.
 */
export const MAX_VERSION_PART = 2 ** 30 - 1;

/** A stable JSON form: keys sorted at every level, so equal content hashes equally whatever the key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return item;
    return Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  });
}

/** SHA-256 of the canonical form of `content`, hex. Strings and bytes are hashed as they are. */
export function contentHash(content: unknown): string {
  const hash = createHash('sha256');
  if (typeof content === 'string' || content instanceof Uint8Array) hash.update(content);
  else hash.update(canonicalJson(content));
  return hash.digest('hex');
}

/** `major.minor.patch` with the patch taken from the first 30 bits of the content's hash. */
export function contentVersion(majorMinor: string, content: unknown): string {
  const match = /^(\d+)\.(\d+)$/.exec(majorMinor);
  if (!match || Number(match[1]) > MAX_VERSION_PART || Number(match[2]) > MAX_VERSION_PART) {
    throw new RangeError(`Version prefix '${majorMinor}' must be major.minor with parts of at most ${MAX_VERSION_PART}.`);
  }
  const patch = Number.parseInt(contentHash(content).slice(0, 8), 16) >>> 2;
  return `${Number(match[1])}.${Number(match[2])}.${patch}`;
}

/** What Image Builder creates a component version from. */
export interface ComponentVersionInput {
  /** major.minor from config. */
  readonly majorMinor: string;
  /** Image Builder component name. */
  readonly name: string;
  readonly platform: string;
  readonly description: string;
  /** The document text, exactly as it is uploaded. */
  readonly data: string;
}

export function componentVersion(input: ComponentVersionInput): string {
  const { majorMinor, ...content } = input;
  return contentVersion(majorMinor, { kind: 'component', ...content });
}

/** What Image Builder creates a recipe version from. */
export interface RecipeVersionInput {
  /** major.minor from config. */
  readonly majorMinor: string;
  /** Image Builder recipe name. */
  readonly name: string;
  readonly description: string;
  /** The recipe's parentImage: `ssm:<parameter>`, an AMI id, or the parent pipeline's resolved image. */
  readonly parentImage: string;
  /** The components in order, each with its version and parameter values. */
  readonly components: readonly { readonly name: string; readonly version: string; readonly parameters: Readonly<Record<string, string>> }[];
  /** Everything else that goes into CreateImageRecipe (block devices, working directory, …). */
  readonly settings: unknown;
}

export function recipeVersion(input: RecipeVersionInput): string {
  const { majorMinor, ...content } = input;
  return contentVersion(majorMinor, { kind: 'recipe', ...content });
}

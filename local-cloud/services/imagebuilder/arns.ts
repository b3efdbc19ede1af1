/**
 * Image Builder ARNs. Names appear lowercased with spaces and underscores as hyphens, and versioned resources carry
 * `<major>.<minor>.<patch>` and, for builds, `/<build>`:
 * `arn:aws:imagebuilder:us-east-1:111122223333:component/install-nginx/1.0.0/1`.
 */
export type ArnKind = 'component' | 'image-recipe' | 'infrastructure-configuration' | 'distribution-configuration' | 'image-pipeline' | 'image';

export interface ParsedArn {
  region: string;
  /** A 12-digit account, or `aws` for Amazon-managed resources. */
  owner: string;
  kind: ArnKind;
  name: string;
  /** `1.0.0`, or a wildcard such as `1.x.x`. */
  version?: string;
  build?: number;
}

const ARN =
  /^arn:aws[^:]*:imagebuilder:([^:]+):([^:]+):(component|image-recipe|infrastructure-configuration|distribution-configuration|image-pipeline|image)\/([a-z0-9-_]+)(?:\/([0-9x]+\.[0-9x]+\.[0-9x]+)(?:\/([0-9]+))?)?$/;

export function parseArn(arn: string): ParsedArn | undefined {
  const match = ARN.exec(arn);
  if (!match) return undefined;
  const [, region, owner, kind, name, version, build] = match;
  return { region, owner, kind: kind as ArnKind, name, version, build: build === undefined ? undefined : Number(build) };
}

/** The form a resource name takes inside an ARN. */
export function arnName(name: string): string {
  return name.toLowerCase().replace(/[ _]/g, '-');
}

export function buildArn(scope: { region: string; accountId: string }, kind: ArnKind, name: string, version?: string, build?: number): string {
  let arn = `arn:aws:imagebuilder:${scope.region}:${scope.accountId}:${kind}/${arnName(name)}`;
  if (version !== undefined) arn += `/${version}`;
  if (build !== undefined) arn += `/${build}`;
  return arn;
}

/** The ARN without its build number: `…/component/name/1.0.0`. */
export function versionArnOf(buildArn: string): string {
  return buildArn.replace(/\/[0-9]+$/, '');
}

/** Largest value AWS accepts for a major, minor or patch node (2^30 - 1). */
export const MAX_VERSION_NODE = 1073741823;

export function versionNodes(version: string): number[] {
  return version.split('.').map(Number);
}

/** Orders `1.10.0` after `1.9.0`. */
export function compareVersions(a: string, b: string): number {
  const x = versionNodes(a);
  const y = versionNodes(b);
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

/**
 * Whether a version matches a selector: `1.2.3`, or wildcards that may only follow fixed nodes
 * (`1.x.x`, `x.x.x`; `x.2.x` is not a valid selector).
 */
export function matchesVersion(selector: string, version: string): boolean {
  const want = selector.split('.');
  const have = version.split('.');
  return want.every((node, i) => node === 'x' || node === have[i]);
}

export function isValidSelector(selector: string): boolean {
  const nodes = selector.split('.');
  const first = nodes.indexOf('x');
  return first === -1 || nodes.slice(first).every((node) => node === 'x');
}

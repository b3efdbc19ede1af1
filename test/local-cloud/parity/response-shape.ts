/** The type skeleton of a parsed SDK response: keys and value types, without generated ids, times or values. */
export type Shape = string | Shape[] | { [key: string]: Shape };

/**
 * Reduces a response to its shape. Members named in `maps` are maps keyed by data (e.g. Secrets Manager's
 * VersionIdsToStages, keyed by version id): their keys collapse to `*`.
 */
export function shapeOf(value: unknown, maps: readonly string[] = [], name = ''): Shape {
  if (value instanceof Date) return 'timestamp';
  if (value instanceof Uint8Array) return 'blob';
  if (Array.isArray(value)) {
    if (!value.length) return [];
    // Elements of one list can differ in optional members: their shapes merge.
    return [value.map((v) => shapeOf(v, maps)).reduce(mergeShapes)];
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([key, v]) => key !== '$metadata' && v !== undefined);
    if (maps.includes(name)) return { '*': entries.map(([, v]) => shapeOf(v, maps)).reduce(mergeShapes, {}) };
    return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)).map(([key, v]) => [key, shapeOf(v, maps, key)]));
  }
  return typeof value;
}

function mergeShapes(a: Shape, b: Shape): Shape {
  if (isRecord(a) && isRecord(b)) {
    const out: Record<string, Shape> = { ...a };
    for (const [key, v] of Object.entries(b)) out[key] = key in out ? mergeShapes(out[key], v) : v;
    return out;
  }
  if (Array.isArray(a) && Array.isArray(b)) return a.length && b.length ? [mergeShapes(a[0], b[0])] : a.length ? a : b;
  return a;
}

const isRecord = (s: Shape): s is Record<string, Shape> => typeof s === 'object' && !Array.isArray(s);

const kind = (s: Shape) => (Array.isArray(s) ? 'list' : isRecord(s) ? 'structure' : s);

/**
 * Where `actual` departs from `reference`: members the reference has and `actual` lacks, and values of another
 * type. Members only `actual` has are not differences: a reference emulator returns a subset of what AWS does.
 * Paths in `ignore` (e.g. `Instances[].NetworkInterfaces`) are left out, each with a reason at the call site.
 */
export function shapeDifferences(reference: Shape, actual: Shape, ignore: readonly string[] = [], path = ''): string[] {
  if (ignore.includes(path)) return [];
  if (kind(reference) !== kind(actual)) return [`${path || '(root)'}: ${kind(reference)} in the reference, ${kind(actual)} here`];
  if (Array.isArray(reference) && Array.isArray(actual)) {
    if (!reference.length || !actual.length) return [];
    return shapeDifferences(reference[0], actual[0], ignore, `${path}[]`);
  }
  if (isRecord(reference) && isRecord(actual)) {
    return Object.keys(reference).flatMap((key) => {
      const at = path ? `${path}.${key}` : key;
      if (ignore.includes(at)) return [];
      if (!(key in actual)) return [`${at}: missing here`];
      return shapeDifferences(reference[key], actual[key], ignore, at);
    });
  }
  return [];
}

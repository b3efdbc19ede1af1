import { RegionalStore } from '../../service.ts';

/** One version's configuration: `$LATEST` changes with updates, published versions never do. */
export interface VersionRecord {
  version: string;
  runtime: string;
  role: string;
  handler: string;
  description: string;
  /** Seconds. */
  timeout: number;
  memorySize: number;
  /** Absent when the function has no environment variables. */
  variables?: Record<string, string>;
  architectures: string[];
  ephemeralStorageSize: number;
  tracingMode: string;
  codeSha256: string;
  codeSize: number;
  /** Names the code's directory (the same SHA-256, base64url). */
  codeKey: string;
  /** Epoch ms. */
  lastModified: number;
  revisionId: string;
  /** On a published version: the $LATEST revision it was published from. */
  sourceRevisionId?: string;
}

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Principal: string | Record<string, string>;
  Action: string;
  Resource: string;
  Condition?: Record<string, Record<string, string>>;
}

export interface FunctionRecord {
  name: string;
  latest: VersionRecord;
  /** Published versions by number. */
  versions: Record<string, VersionRecord>;
  lastVersion: number;
  tags: Record<string, string>;
  /** Resource-based policy statements by qualifier (`''` for the function): recorded and returned, not enforced. */
  policies: Record<string, { statements: PolicyStatement[]; revisionId: string }>;
}

export interface LambdaState {
  functions: Record<string, FunctionRecord>;
}

/** Lambda's state per account and region; clearing it also clears what lives beside it (code, environments). */
export class LambdaStore extends RegionalStore<LambdaState> {
  private readonly onClear: () => void;

  constructor(onClear: () => void) {
    super(() => ({ functions: {} }));
    this.onClear = onClear;
  }

  override clear(): void {
    super.clear();
    this.onClear();
  }

  /** Every function with its account and region. */
  allFunctions(): Array<{ accountId: string; region: string; fn: FunctionRecord }> {
    return this.entries().flatMap(({ accountId, region, state }) => Object.values(state.functions).map((fn) => ({ accountId, region, fn })));
  }
}

import type { History } from '../history.ts';

/** One safety contract, checked over a whole history. */
export interface Invariant {
  /** kebab-case, e.g. `channels-validated`. */
  name: string;
  /** Which contract it checks, e.g. `DESIGN §5.1`. */
  contract: string;
  /** Every way the history breaks the contract, each as one readable sentence; empty when it holds. */
  check(history: History): string[];
}

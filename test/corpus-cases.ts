// The dev corpus beside the repository (CI and developers have it; a user's clone does not).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const CORPUS_DIR = join(import.meta.dirname, '..', '..', 'shared', 'corpus', 'dev');
export const CORPUS_PRESENT = existsSync(join(CORPUS_DIR, 'expected.json'));
export const CORPUS_ABSENT_REASON = `the dev corpus is not here (${CORPUS_DIR}); it sits beside the repository in CI`;

export interface CorpusExpectation {
  readonly verdict: readonly string[];
  /** Accepted root-cause rule ids, '*' for any, null when there must be none. */
  readonly rules: readonly string[] | '*' | null;
  readonly culprit: string | null;
  readonly noRootCause: boolean;
}

export interface CorpusCase {
  readonly id: string;
  readonly dir: string;
  /** Every file of the case, setupact before setuperr within a folder. */
  readonly files: readonly string[];
  readonly expected: CorpusExpectation;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

export function corpusCases(): CorpusCase[] {
  if (!CORPUS_PRESENT) return [];
  const expected = JSON.parse(readFileSync(join(CORPUS_DIR, 'expected.json'), 'utf8')) as Record<string, CorpusExpectation>;
  return Object.entries(expected).map(([id, exp]) => {
    const dir = join(CORPUS_DIR, id);
    const files = filesUnder(dir).sort((a, b) => {
      const [ra, rb] = [relative(dir, a).toLowerCase(), relative(dir, b).toLowerCase()];
      return ra < rb ? -1 : 1;
    });
    return { id, dir, files, expected: exp };
  });
}

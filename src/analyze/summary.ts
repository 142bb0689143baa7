// The one sentence a person pastes into a ticket.
import type { Finding, RunInfo, SourceInfo, Verdict } from '../types.js';

export interface SummaryInput {
  readonly verdict: Verdict;
  readonly latest: RunInfo | undefined;
  readonly headline: RunInfo | undefined;
  readonly root: Finding | null;
  readonly sources: readonly SourceInfo[];
  readonly unexplained: boolean;
}

const KIND_NAMES: Readonly<Record<string, string>> = {
  sysprep: 'Sysprep',
  setup: 'Windows Setup',
  unattend: 'Unattended setup',
  upgrade: 'The upgrade',
  rollback: 'The upgrade',
  'errors-only': 'The run',
};

function where(run: RunInfo): string {
  const f = run.failure;
  if (!f) return '';
  const parts: string[] = [];
  if (f.pass) parts.push(f.pass);
  if (f.stage === 'pre-validate' || f.stage === 'validate' || f.stage === 'validating') parts.push('validation');
  else if (f.stage === 'processing' || f.stage === 'execute' || f.stage === 'executing') parts.push('processing');
  if (f.scope) parts.push(`(${f.scope} providers)`);
  return parts.length ? ` in ${parts.join(' ')}` : '';
}

export function summarize(input: SummaryInput): string {
  const { verdict, latest, headline, root } = input;
  if (!latest) {
    return input.sources.length === 0 ? 'No log was read.' : 'No sysprep run or setup session was found in the logs.';
  }
  const subject = KIND_NAMES[(headline ?? latest).kind] ?? 'The run';
  if (verdict === 'succeeded') {
    const history = headline ? '' : '';
    return `${KIND_NAMES[latest.kind] ?? 'The run'} succeeded${latest.startedAt ? ` (run started ${latest.startedAt})` : ''}.${history}`;
  }
  if (root && headline) {
    const code = root.codes.find((c) => c.origin === 'provider') ?? root.codes.find((c) => c.origin === 'summary') ?? root.codes[0];
    const culprit = root.culprit ? `: ${root.culprit}` : '';
    const older = headline !== latest ? ' (latest failing run; the last run in the log has no outcome yet)' : '';
    const failedOr = headline.outcome === 'failed' ? 'failed' : 'stopped';
    const codeText = code && !root.title.toUpperCase().includes(code.value.toUpperCase()) ? ` (${code.value})` : '';
    return `${subject} ${failedOr}${where(headline)} — ${root.title}${culprit}${codeText}.${older}`;
  }
  if (verdict === 'failed') {
    const code = latest.failure?.code ? ` with ${latest.failure.code}` : '';
    return `${subject} failed${where(latest)}${code}, and no rule explains it; see the evidence lines.`;
  }
  return `${subject} did not finish in this log (no success or failure marker): the log may be truncated or the run still in progress.`;
}

import { describe, expect, it } from 'vitest';
import { eventToNdjson, findingToNdjson, reportToNdjson } from '../../src/report/ndjson.js';
import type { Finding, LogEvent } from '../../src/types.js';
import { FIXTURE_NAMES, RAW_CONTROL, loadFixture } from './fixtures.js';

const EVENT: LogEvent = {
  source: 0,
  line: 396,
  kind: 'record',
  timestamp: '2024-05-14 10:41:43',
  level: 'Error',
  messageId: '0x0f0082',
  component: 'SYSPRP',
  message: "ActionPlatform::LaunchModule: Failure occurred while executing 'SysprepGeneralizeValidate' from C:\\Windows\\System32\\AppxSysprep.dll; dwRet = 0x3cf2",
  text: '2024-05-14 10:41:43, Error      [0x0f0082] SYSPRP ActionPlatform::LaunchModule: ...',
  run: 1,
  phase: 'generalize',
};

function parse(line: string): Record<string, unknown> {
  expect(line).not.toContain('\n');
  return JSON.parse(line) as Record<string, unknown>;
}

describe('eventToNdjson', () => {
  it('writes one line with the shipper fields', () => {
    const record = parse(eventToNdjson(EVENT, { sourcePath: 'C:\\Windows\\System32\\Sysprep\\Panther\\setupact.log' }));
    expect(record).toEqual({
      type: 'event',
      '@timestamp': '2024-05-14T10:41:43',
      timestamp: '2024-05-14T10:41:43',
      level: 'error',
      message: EVENT.message,
      source: 'C:\\Windows\\System32\\Sysprep\\Panther\\setupact.log',
      line: 396,
      run: 1,
      pass: 'generalize',
      component: 'SYSPRP',
      messageId: '0x0f0082',
      process: null,
      kind: 'record',
      truncated: false,
      ruleId: null,
    });
  });

  it('maps levels to lower case and fills unknowns with null', () => {
    const bare: LogEvent = { source: 0, line: 7, kind: 'continuation', message: '  continued', text: '  continued' };
    const record = parse(eventToNdjson(bare, { sourcePath: 'setupact.log', runIndex: 2 }));
    expect(record).toMatchObject({ '@timestamp': null, timestamp: null, level: 'unknown', run: 2, pass: null, component: null, messageId: null });
    expect(parse(eventToNdjson({ ...EVENT, level: 'Fatal Error' }, { sourcePath: 'x' })).level).toBe('fatal');
    expect(parse(eventToNdjson({ ...EVENT, level: 'Warning' }, { sourcePath: 'x' })).level).toBe('warning');
  });

  it('keeps a multi-line or hostile message on one line, controls made visible', () => {
    const out = eventToNdjson({ ...EVENT, message: 'a\nb\r\u001b[31mred\u0007' }, { sourcePath: 'x' });
    expect(out.split('\n')).toHaveLength(1);
    expect(out).not.toMatch(RAW_CONTROL);
    expect(out).not.toContain('\\u001b');
    expect(parse(out).message).toBe('a␊b␍␛[31mred␇');
  });
});

describe('findingToNdjson', () => {
  it('carries the rule, culprit, codes and the first evidence line', () => {
    const finding = loadFixture('appx-failed').findings[0]!;
    const record = parse(findingToNdjson(finding));
    expect(record).toMatchObject({
      type: 'finding',
      '@timestamp': '2024-05-14T10:41:43',
      level: 'error',
      message: 'An AppX package is installed for a user but not provisioned for all users: Microsoft.OneDriveSync_21220.1024.5.0_neutral__8wekyb3d8bbwe',
      source: 'C:\\Windows\\System32\\Sysprep\\Panther\\setupact.log',
      line: 393,
      run: 1,
      ruleId: 'appx-installed-not-provisioned',
      rootCause: true,
      culprit: 'Microsoft.OneDriveSync_21220.1024.5.0_neutral__8wekyb3d8bbwe',
      severity: 'error',
      confidence: 'high',
      codes: ['0x80073CF2'],
      codeNames: ['ERROR_INSTALL_INVALID_PACKAGE'],
      count: 1,
    });
    expect(record.hint).toContain('not provisioned for all users');
  });

  it('names the stage holding the first evidence line, else the failing pass of a root cause, else null', () => {
    const report = loadFixture('appx-failed');
    const finding = report.findings[0]!;
    const run = report.runs.find((r) => r.index === finding.run)!;
    const holding = run.phases.find((p) => p.startLine <= finding.evidence[0]!.line && finding.evidence[0]!.line <= p.endLine)!;
    expect(parse(findingToNdjson(finding, run)).pass).toBe(holding.name);
    const outside = { ...finding, evidence: [{ ...finding.evidence[0]!, line: 1 }] };
    const unnamed = { ...run, phases: run.phases.map((p) => ({ ...p, name: 'unknown' })), failure: { ...run.failure!, pass: 'generalize' } };
    expect(parse(findingToNdjson(outside, unnamed)).pass).toBe('generalize');
    expect(parse(findingToNdjson({ ...outside, rootCause: false }, unnamed)).pass).toBeNull();
    expect(parse(findingToNdjson(finding)).pass).toBeNull();
  });

  it('reads the timestamp of a CMTrace evidence line, and has none without evidence', () => {
    const base = loadFixture('appx-failed').findings[0]!;
    const cmtrace: Finding = { ...base, evidence: [{ source: 'x.log', line: 3, text: '05-14-2024 10:41:43.000 SYSPRP Package ...' }] };
    expect(parse(findingToNdjson(cmtrace))['@timestamp']).toBe('2024-05-14T10:41:43');
    const none = parse(findingToNdjson({ ...base, evidence: [], culprit: null, severity: 'critical' }));
    expect(none).toMatchObject({ '@timestamp': null, source: null, line: null, level: 'fatal', message: base.title });
  });
});

describe('reportToNdjson', () => {
  for (const name of FIXTURE_NAMES) {
    it(`${name}: one parsable line per finding, then the summary`, () => {
      const report = loadFixture(name);
      const out = reportToNdjson(report);
      expect(out.endsWith('\n')).toBe(true);
      expect(out).not.toMatch(RAW_CONTROL);
      const lines = out.slice(0, -1).split('\n');
      expect(lines).toHaveLength(report.findings.length + 1);
      const records = lines.map(parse);
      expect(records.slice(0, -1).map((r) => r.ruleId)).toEqual(report.findings.map((f) => f.ruleId));
      expect(records[records.length - 1]).toMatchObject({ type: 'summary', verdict: report.verdict, findings: report.findings.length });
      // One index mapping fits every line: the shipper fields are on all of them.
      for (const r of records) for (const field of ['@timestamp', 'timestamp', 'level', 'message', 'source', 'line', 'run', 'pass', 'ruleId']) expect(r).toHaveProperty(field);
    });
  }

  it('summarizes the verdict, the root cause and its headline code', () => {
    const lines = reportToNdjson(loadFixture('multi-run')).trim().split('\n');
    expect(parse(lines[lines.length - 1]!)).toMatchObject({
      type: 'summary',
      '@timestamp': '2023-02-14T11:31:05',
      level: 'error',
      verdict: 'failed',
      rootCause: 'sysprep-invalid-state',
      culprit: null,
      code: '0x0000001F',
      run: 3,
      pass: 'cleanup',
      runs: 3,
      noise: 4,
      redacted: false,
      tool: 'sysprep-doctor',
    });
    const success = reportToNdjson(loadFixture('succeeded')).trim();
    expect(parse(success)).toMatchObject({ type: 'summary', level: 'info', verdict: 'succeeded', rootCause: null, code: null });
  });
});

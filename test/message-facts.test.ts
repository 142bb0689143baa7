// What a message alone decides (its markers, chain reading and rule patterns) is worked out once per
// distinct message (src/analyze/source-analyzer.ts, MessageFacts); what depends on the event (its
// level, its run, its line) must still be decided per event.
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analyze/analysis.js';
import { builtinRules } from '../src/engine/registry.js';

const line = (t: string, level: string, id: string | null, component: string, message: string): string =>
  `${t}, ${level.padEnd(11)}${id ? `[${id}]` : ' '.repeat(10)} ${component.padEnd(6)} ${message}`;
const PACKAGE = 'Contoso.App_1.0.0.0_neutral__8wekyb3d8bbwe';
const NOT_PROVISIONED = `Package ${PACKAGE} was installed for a user, but not provisioned for all users. This package will not function properly in the sysprep image.`;

/** A sysprep run that fails on the AppX line; `alsoAsInfo`: the same message once more, as an Info line, before it. */
function failingRun(time: string, alsoAsInfo: boolean): string[] {
  return [
    line(time, 'Info', null, 'SYSPRP', '========================================================'),
    line(time, 'Info', null, 'SYSPRP', '===          Beginning of a new sysprep run          ==='),
    line(time, 'Info', null, 'SYSPRP', '========================================================'),
    ...(alsoAsInfo ? [line(time, 'Info', null, 'SYSPRP', NOT_PROVISIONED)] : []),
    line(time, 'Error', null, 'SYSPRP', NOT_PROVISIONED),
    line(time, 'Error', '0x0f0082', 'SYSPRP', "ActionPlatform::LaunchModule: Failure occurred while executing 'SysprepGeneralizeValidate' from C:\\Windows\\System32\\AppxSysprep.dll; dwRet = 0x3cf2"),
  ];
}

function analyze(lines: readonly string[]) {
  const analysis = new Analysis({ rules: builtinRules });
  const feed = analysis.addSource('C:/Windows/System32/Sysprep/Panther/setupact.log', undefined, 'setupact');
  feed.push(Buffer.from(lines.join('\r\n') + '\r\n', 'utf8'));
  feed.end();
  return analysis.result().report;
}

describe('facts kept per distinct message', () => {
  it('the same failing message in two runs, once also at Info: each run gets its own match, the Info line none', () => {
    const report = analyze([...failingRun('2026-01-01 10:00:00', false), ...failingRun('2026-01-01 11:00:00', true)]);
    const appx = report.findings.filter((f) => f.ruleId === 'appx-installed-not-provisioned');
    expect(appx.map((f) => [f.run, f.culprit, f.count, f.evidence.map((e) => e.line)])).toEqual(
      expect.arrayContaining([
        [0, PACKAGE, 1, [4, 5]],
        [1, PACKAGE, 1, [10, 11]],
      ]),
    );
    expect(appx).toHaveLength(2);
  });

  it("one message from another component first, then from the rule's own: only the second matches", () => {
    const message = 'Sysprep will not run on an upgraded OS. You can only run Sysprep on a custom (clean) install version of Windows.';
    const report = analyze([line('2026-01-01 10:00:00', 'Error', null, 'CSI', message), line('2026-01-01 10:00:01', 'Error', null, 'SYSPRP', message)]);
    const upgraded = report.findings.filter((f) => f.ruleId === 'upgraded-os-not-supported');
    expect(upgraded.map((f) => [f.count, f.evidence.map((e) => e.line)])).toEqual([[1, [2]]]);
  });

  it('one message at a level the rule does not read first, then at one it does: only the second matches', () => {
    const message = 'ActionPlatform::SetValue: Error from RegSetValueExW for value Start under key HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\ContosoFilter; dwRet = 0x5';
    const report = analyze([line('2026-01-01 10:00:00', 'Warning', null, 'SYSPRP', message), line('2026-01-01 10:00:01', 'Error', null, 'SYSPRP', message)]);
    const failed = report.findings.filter((f) => f.ruleId === 'action-registry-op-failed');
    expect(failed.map((f) => [f.count, f.evidence.map((e) => e.line)])).toEqual([[1, [2]]]);
  });
});

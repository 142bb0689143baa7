import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explainCode, explanationToJson, parseCodeArgument, renderExplanationText, type CodeRule, type Explanation } from './explain.js';
import { formatCode } from './normalize.js';

const RULES: CodeRule[] = [
  { id: 'appx-installed-not-provisioned', title: 'AppX package installed for a user, not provisioned', codes: [0x80073cf2, 0x3cf2] },
  { id: 'rearm-limit-exceeded', title: 'Rearm limit exceeded', codes: [0xc004d307] },
  { id: 'reserved-storage-in-use', title: 'Reserved storage is in use', codes: [0x800f0975] },
  { id: 'cbs-pending-query-failed', title: 'CBS pending operations could not be queried', codes: [0x80080005] },
  { id: 'mde-senseguid-delete-denied', title: 'senseGuid cannot be deleted', codes: [0x5, 0x80070005] },
  { id: 'sysprep-invalid-state', title: 'Sysprep invalid state', codes: [0x1f] },
  { id: 'external-provider-failed', title: 'External provider failed' },
];

/** Parses like the CLI does and explains against RULES; fails the test on a parse error. */
function explain(input: string): Explanation {
  const parsed = parseCodeArgument(input);
  if ('error' in parsed) throw new Error(parsed.error);
  return explainCode(parsed.value, RULES);
}

const names = (e: Explanation): string[] => e.known.map((entry) => entry.name);
const ruleIds = (e: Explanation): string[] => e.rules.map((rule) => rule.id);

describe('parseCodeArgument', () => {
  it.each([
    ['0x80073CF2', 0x80073cf2, 'hexadecimal'],
    ['0X80073cf2', 0x80073cf2, 'hexadecimal'],
    ['80073cf2', 0x80073cf2, 'hexadecimal'],
    ['80070005', 0x80070005, 'hexadecimal'],
    ['C004D307', 0xc004d307, 'hexadecimal'],
    ['3cf2', 0x3cf2, 'hexadecimal'],
    ['0x0000001f', 0x1f, 'hexadecimal'],
    ['15602', 15602, 'decimal'],
    ['31', 31, 'decimal'],
    ['2147749904', 0x80041010, 'decimal'],
    ['4294967295', 0xffffffff, 'decimal'],
    ['-1073425657', 0xc004d307, 'negative decimal (signed 32-bit)'],
    ['-2147483648', 0x80000000, 'negative decimal (signed 32-bit)'],
    ['0x-2147417850', 0x80010106, 'negative decimal printed after 0x'],
    ['  0x3cf2 \n', 0x3cf2, 'hexadecimal'],
  ])('reads %j as %i (%s)', (input, value, interpretation) => {
    expect(parseCodeArgument(input)).toEqual({ value, interpretation });
  });

  it('rejects garbage with the accepted forms', () => {
    expect(parseCodeArgument('zz')).toEqual({
      error: "'zz' is not an error code: expected hex (0x80073CF2, 3cf2), decimal (15602) or negative decimal (-1073425657)",
    });
    for (const garbage of ['', '0x', '-', '0x-', '12g', '0x3cf2h', '1.5', '-0x5', 'hr = 0x5']) {
      const result = parseCodeArgument(garbage);
      expect('error' in result && result.error, garbage).toMatch(/is not an error code: expected hex/);
    }
  });

  it('rejects values that do not fit in 32 bits', () => {
    for (const tooBig of ['0x123456789', '4294967296', '-2147483649', '0x-2147483649', '123456789abc', '99999999999']) {
      const result = parseCodeArgument(tooBig);
      expect('error' in result && result.error, tooBig).toMatch(/^'.+' is out of range: an error code has 32 bits/);
    }
  });

  it('reads back every rendering logs use for the same value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (value) => {
        expect(parseCodeArgument(formatCode(value))).toEqual({ value, interpretation: 'hexadecimal' });
        const bareHex = value.toString(16);
        if (/[a-f]/.test(bareHex)) expect(parseCodeArgument(bareHex)).toEqual({ value, interpretation: 'hexadecimal' });
        else if (!/^8\d{7}$/.test(String(value))) expect(parseCodeArgument(String(value))).toEqual({ value, interpretation: 'decimal' });
        const signed = value | 0;
        if (signed < 0) {
          expect(parseCodeArgument(String(signed))).toEqual({ value, interpretation: 'negative decimal (signed 32-bit)' });
          expect(parseCodeArgument('0x' + signed)).toEqual({ value, interpretation: 'negative decimal printed after 0x' });
        }
      }),
    );
  });
});

describe('explainCode', () => {
  it('explain 0x80073cf2: ERROR_INSTALL_INVALID_PACKAGE through HRESULT_FROM_WIN32', () => {
    const e = explain('0x80073cf2');
    expect(e).toMatchObject({ value: '0x80073CF2', unsigned: 2147958002, signed: -2147009294, ntstatus: null });
    expect(e.hresult).toEqual({
      severity: 'failure',
      customer: false,
      ntstatusFlag: false,
      facility: 7,
      facilityName: 'FACILITY_WIN32',
      code: 0x3cf2,
    });
    expect(e.known).toEqual([
      expect.objectContaining({ value: 15602, kind: 'win32', name: 'ERROR_INSTALL_INVALID_PACKAGE', meaning: 'Package data is invalid.' }),
    ]);
    expect(e.relations).toContain('0x80073CF2 = HRESULT_FROM_WIN32(15602 / 0x3CF2)');
    expect(e.relations).toContain("sysprep's dwRet 0x3CF2 becomes hr 0x80073CF2 in the WinMain summary");
    expect(ruleIds(e)).toEqual(['appx-installed-not-provisioned']);
  });

  it('explain -1073425657: 0xC004D307, the rearm limit, an NTSTATUS-shaped error', () => {
    const e = explain('-1073425657');
    expect(e).toMatchObject({ value: '0xC004D307', unsigned: 0xc004d307, signed: -1073425657 });
    expect(e.ntstatus).toEqual({ severity: 'error', customer: false, facility: 4, code: 0xd307 });
    expect(e.known).toHaveLength(1);
    expect(e.known[0]!.meaning).toMatch(/maximum allowed number of re-arms has been exceeded/);
    expect(e.relations[0]).toBe(
      'sysprep passes 0xC004D307 through unchanged when a provider returns it whole as dwRet (HRESULT_FROM_WIN32 leaves negative values alone)',
    );
    expect(e.relations).toContain('in signed decimal it reads -1073425657; some logs print it as 0x-1073425657');
    expect(ruleIds(e)).toEqual(['rearm-limit-exceeded']);
    expect(renderExplanationText(e)).toMatch(/re-arms has been exceeded/);
  });

  it('explain 3cf2 and 15602: the bare Win32 code, related to 0x80073CF2', () => {
    const hex = explain('3cf2');
    expect(hex).toMatchObject({ value: '0x00003CF2', unsigned: 15602, signed: 15602 });
    expect(names(hex)).toEqual(['ERROR_INSTALL_INVALID_PACKAGE']);
    expect(hex.relations.slice(0, 2)).toEqual([
      '0x80073CF2 = HRESULT_FROM_WIN32(15602 / 0x3CF2)',
      "sysprep's dwRet 0x3CF2 becomes hr 0x80073CF2 in the WinMain summary",
    ]);
    expect(ruleIds(hex)).toEqual(['appx-installed-not-provisioned']);
    expect(explain('15602')).toEqual(hex);
  });

  it('explain 0x-2147417850: RPC_E_CHANGED_MODE', () => {
    const e = explain('0x-2147417850');
    expect(e.value).toBe('0x80010106');
    expect(names(e)).toEqual(['RPC_E_CHANGED_MODE']);
    expect(e.hresult).toMatchObject({ facility: 1, facilityName: 'FACILITY_RPC', code: 0x106 });
    expect(e.relations).toContain('in signed decimal it reads -2147417850; some logs print it as 0x-2147417850');
  });

  it('explain 80073cf2 (no 0x) is the HRESULT, not a decimal', () => {
    expect(explain('80073cf2').value).toBe('0x80073CF2');
    expect(names(explain('80070005'))).toEqual(['ERROR_ACCESS_DENIED']);
  });

  it('explain 31: ERROR_GEN_FAILURE, the invalid-state dwRet', () => {
    const e = explain('31');
    expect(e.value).toBe('0x0000001F');
    expect(names(e)).toEqual(['ERROR_GEN_FAILURE']);
    expect(e.relations).toContain('0x8007001F = HRESULT_FROM_WIN32(31 / 0x1F)');
    expect(ruleIds(e)).toEqual(['sysprep-invalid-state']);
  });

  it('explain 0x80070975: a likely lossy re-wrap of 0x800F0975 (reserved storage)', () => {
    const e = explain('0x80070975');
    expect(e.known).toEqual([]);
    expect(e.relations).toContain(
      '0x80070975 is likely a lossy re-wrap of 0x800F0975 (CBS: reserved storage in use): ' +
        "the provider's code was cut to its low 16 bits (dwRet 0x975) and HRESULT_FROM_WIN32 put them in facility 7",
    );
    expect(ruleIds(e)).toEqual(['reserved-storage-in-use']);
    expect(ruleIds(explain('0x975'))).toEqual(['reserved-storage-in-use']);
  });

  it('explain 0x800F0975: the original code, named, with its truncated forms', () => {
    const e = explain('0x800F0975');
    expect(names(e)).toEqual(['CBS: reserved storage in use']);
    expect(e.hresult).toMatchObject({ facility: 15, facilityName: 'FACILITY_SETUPAPI' });
    expect(e.relations).toContain(
      'a provider that keeps only the low 16 bits reports dwRet 0x975, and the WinMain hr becomes 0x80070975: a lossy re-wrap',
    );
    expect(ruleIds(e)).toEqual(['reserved-storage-in-use']);
  });

  it('explain 0x80070005: access denied, which may also hide a foreign code with the same low bits', () => {
    const e = explain('0x80070005');
    expect(e.known).toEqual([expect.objectContaining({ name: 'ERROR_ACCESS_DENIED', hresultName: 'E_ACCESSDENIED' })]);
    expect(e.relations.find((r) => r.includes('can also be a lossy re-wrap'))).toContain('0x80080005 (CO_E_SERVER_EXEC_FAILURE)');
    // A documented look-alike is not the same failure: only the access-denied rule is listed.
    expect(ruleIds(e)).toEqual(['mde-senseguid-delete-denied']);
  });

  it('explain 0x80080005: says the truncated form reads as access denied but is not', () => {
    const e = explain('0x80080005');
    expect(names(e)).toEqual(['CO_E_SERVER_EXEC_FAILURE']);
    expect(e.relations).toContain(
      'a provider that keeps only the low 16 bits reports dwRet 0x5, and the WinMain hr becomes 0x80070005: a lossy re-wrap that reads as ERROR_ACCESS_DENIED but is not',
    );
    expect(ruleIds(e)).toEqual(['cbs-pending-query-failed']);
  });

  it('explain 0: success in every table', () => {
    const e = explain('0');
    expect(names(e)).toEqual(['ERROR_SUCCESS', 'S_OK', 'STATUS_SUCCESS']);
    expect(e.hresult).toMatchObject({ severity: 'success', facility: 0, facilityName: 'FACILITY_NULL' });
    expect(e.relations).toEqual([]);
  });

  it('explain an NTSTATUS and its HRESULT_FROM_NT form', () => {
    const status = explain('0xC0000022');
    expect(names(status)).toEqual(['STATUS_ACCESS_DENIED']);
    expect(status.ntstatus).toEqual({ severity: 'error', customer: false, facility: 0, code: 0x22 });
    expect(status.relations).toContain('as an HRESULT: HRESULT_FROM_NT(0xC0000022) = 0xD0000022');
    const wrapped = explain('0xD0000022');
    expect(names(wrapped)).toEqual(['STATUS_ACCESS_DENIED']);
    expect(wrapped.hresult.ntstatusFlag).toBe(true);
    expect(wrapped.relations).toContain('0xD0000022 = HRESULT_FROM_NT(0xC0000022)');
  });

  it('explain an upgrade result code: no facility name, Setup row', () => {
    const e = explain('0xC1900101');
    expect(e.known).toEqual([expect.objectContaining({ kind: 'setup', name: 'Windows Setup: generic rollback' })]);
    expect(e.hresult).toMatchObject({ facility: 0x190, facilityName: null, code: 0x101 });
  });

  it('explain a code no table knows: decoded fields, no names, no rules', () => {
    const e = explainCode(0x8badf00d, RULES);
    expect(e.known).toEqual([]);
    expect(e.rules).toEqual([]);
    expect(e.hresult).toEqual({ severity: 'failure', customer: false, ntstatusFlag: false, facility: 0x3ad, facilityName: null, code: 0xf00d });
  });

  it('lists each rule once, in the given order', () => {
    const rules: CodeRule[] = [
      { id: 'b', title: 'B', codes: [0x80073cf2] },
      { id: 'a', title: 'A', codes: [0x3cf2] },
      { id: 'b', title: 'B again', codes: [0x3cf2] },
      { id: 'c', title: 'C', codes: [] },
    ];
    expect(explainCode(0x80073cf2, rules).rules).toEqual([
      { id: 'b', title: 'B', noise: false },
      { id: 'a', title: 'A', noise: false },
    ]);
  });

  it('lists noise rules after the signatures and marks them', () => {
    const rules: CodeRule[] = [
      { id: 'noise-mrt', title: 'MRT WMI cleanup', role: 'noise', codes: [0x80041010] },
      { id: 'mrt-cause', title: 'A real MRT failure', role: 'cause', codes: [0x80041010] },
    ];
    const e = explainCode(0x80041010, rules);
    expect(e.rules).toEqual([
      { id: 'mrt-cause', title: 'A real MRT failure', noise: false },
      { id: 'noise-mrt', title: 'MRT WMI cleanup', noise: true },
    ]);
    expect(renderExplanationText(e)).toContain('           noise-mrt: MRT WMI cleanup (noise: benign where it appears, never a root cause)\n');
  });

  it('never throws, for any 32-bit value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (value) => {
        const e = explainCode(value, RULES);
        expect(e.value).toBe(formatCode(value));
        expect(e.signed >>> 0).toBe(value);
        expect(renderExplanationText(e).endsWith('\n')).toBe(true);
      }),
    );
  });
});

describe('renderExplanationText', () => {
  it('renders aligned labels, without colour, ending with a newline', () => {
    expect(renderExplanationText(explain('0x80073cf2'))).toBe(
      [
        'Code       0x80073CF2',
        'Unsigned   2147958002',
        'Signed     -2147009294',
        'HRESULT    failure, facility 7 FACILITY_WIN32, code 0x3CF2 (15602)',
        'Known as   ERROR_INSTALL_INVALID_PACKAGE - Win32 error 15602 (0x3CF2)',
        '             Package data is invalid.',
        '             source: signatures.md §1.2 [MS M20]',
        'Relations  0x80073CF2 = HRESULT_FROM_WIN32(15602 / 0x3CF2)',
        "           sysprep's dwRet 0x3CF2 becomes hr 0x80073CF2 in the WinMain summary",
        '           in signed decimal it reads -2147009294; some logs print it as 0x-2147009294',
        'Rules      appx-installed-not-provisioned: AppX package installed for a user, not provisioned',
        '',
      ].join('\n'),
    );
  });

  it('says when a bare Win32 code is not an HRESULT, and when nothing is known', () => {
    const text = renderExplanationText(explainCode(0x975, []));
    expect(text).toContain('HRESULT    not an HRESULT: a bare Win32 code (HRESULT_FROM_WIN32 gives 0x80070975)\n');
    expect(text).toContain('Known as   not in the table\n');
    expect(text).toContain('Rules      no rule lists this code\n');
    expect(text).not.toMatch(/\u001b\[/);
  });

  it('shows the NTSTATUS reading and HRESULT aliases', () => {
    expect(renderExplanationText(explain('-1073425657'))).toContain('NTSTATUS   error severity, facility 0x4, code 0xD307\n');
    expect(renderExplanationText(explain('5'))).toContain('ERROR_ACCESS_DENIED - Win32 error 5 (0x5); as an HRESULT: E_ACCESSDENIED\n');
  });
});

describe('renderExplanationText with the typed input', () => {
  const render = (input: string): string => {
    const parsed = parseCodeArgument(input);
    if ('error' in parsed) throw new Error(parsed.error);
    return renderExplanationText(explainCode(parsed.value, RULES), { input, interpretation: parsed.interpretation });
  };

  it('says how the input was read, and the other reading of ambiguous digits', () => {
    expect(render('31').split('\n')[0]).toBe('Input      31, read as decimal (for hexadecimal, type 0x31)');
    expect(render('80070005').split('\n')[0]).toBe('Input      80070005, read as hexadecimal (8 digits starting with 8: an HRESULT typed without 0x)');
    expect(render('3cf2').split('\n')[0]).toBe('Input      3cf2, read as hexadecimal');
    expect(render('-1073425657').split('\n')[0]).toBe('Input      -1073425657, read as negative decimal (signed 32-bit)');
    expect(render('0x-2147417850').split('\n')[0]).toBe('Input      0x-2147417850, read as negative decimal printed after 0x');
    expect(render('0x80073cf2').split('\n')[1]).toBe('Code       0x80073CF2');
  });
});

describe('explanationToJson', () => {
  it('is a plain object that survives JSON round-trip, with codes as hex strings', () => {
    const json = explanationToJson(explain('0x80073cf2'));
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(json).toMatchObject({ value: '0x80073CF2', unsigned: 2147958002, signed: -2147009294, ntstatus: null });
    expect(json.known).toEqual([
      {
        value: '0x00003CF2',
        decimal: 15602,
        kind: 'win32',
        name: 'ERROR_INSTALL_INVALID_PACKAGE',
        descriptive: false,
        meaning: 'Package data is invalid.',
        source: 'signatures.md §1.2 [MS M20]',
        hresult: '0x80073CF2',
      },
    ]);
    expect(json.rules).toEqual([{ id: 'appx-installed-not-provisioned', title: 'AppX package installed for a user, not provisioned', noise: false }]);
  });

  it('marks descriptive names', () => {
    expect(explanationToJson(explain('0xC004D307')).known[0]).toMatchObject({ descriptive: true, kind: 'hresult' });
  });
});

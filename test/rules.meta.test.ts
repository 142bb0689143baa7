// Keeps the registry, the ids, the files and the docs honest. Each failure names the file to fix.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinRules } from '../src/engine/registry.js';
import { placeholdersOf } from '../src/engine/template.js';

const rulesDir = join(import.meta.dirname, '..', 'rules');
const ruleFiles = readdirSync(rulesDir).filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.endsWith('.test.ts'));
// The catalogue lives beside the repository in CI and in the developers' checkouts, not in a user's clone.
const signaturesPath = join(import.meta.dirname, '..', '..', 'shared', 'reference', 'signatures.md');
const signatures = existsSync(signaturesPath) ? readFileSync(signaturesPath, 'utf8') : '';
const catalogueIds = signatures.split('\n').flatMap((line) => {
  const m = /^### (SIG-\d+) `([a-z0-9-]+)`/.exec(line);
  return m ? [{ sig: m[1]!, id: m[2]! }] : [];
});

describe('rule registry', () => {
  it('lists every file under rules/ exactly once', () => {
    const ids = builtinRules.map((r) => r.id).sort();
    const files = ruleFiles.map((f) => f.replace(/\.ts$/, '')).sort();
    const unlisted = files.filter((f) => !ids.includes(f));
    expect(unlisted, `add an export line to rules/index.ts for: ${unlisted.join(', ')}`).toEqual([]);
    expect(ids, 'rule ids must equal their file names (rules/<id>.ts)').toEqual(files);
  });

  it('has unique kebab-case ids', () => {
    const ids = builtinRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id, `rules/${id}.ts: id must be kebab-case`).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it.each(builtinRules.map((r) => [r.id, r] as const))('%s has complete metadata', (id, rule) => {
    expect(rule.title.trim(), `rules/${id}.ts: title`).not.toBe('');
    expect(rule.hint.trim(), `rules/${id}.ts: hint`).not.toBe('');
    expect(rule.docs.meaning.trim(), `rules/${id}.ts: docs.meaning`).not.toBe('');
    expect(rule.docs.cause.trim(), `rules/${id}.ts: docs.cause`).not.toBe('');
    if (rule.role !== 'noise') {
      expect(rule.remediation.length, `rules/${id}.ts: remediation steps`).toBeGreaterThan(0);
      expect(rule.references.length, `rules/${id}.ts: references`).toBeGreaterThan(0);
    }
    for (const ref of rule.references) expect(ref, `rules/${id}.ts: references must be URLs`).toMatch(/^https?:\/\//);
    const groups = new Set([...rule.pattern.source.matchAll(/\(\?<([A-Za-z_]\w*)>/g)].map((m) => m[1]!));
    groups.add('culprit');
    const templates = [rule.hint, rule.culprit ?? '', ...rule.remediation.map((s) => s.command ?? '')];
    for (const name of templates.flatMap(placeholdersOf)) {
      expect(groups.has(name), `rules/${id}.ts: placeholder {{${name}}} is not a named group of the pattern`).toBe(true);
    }
    if (rule.catalogue?.startsWith('SIG-')) {
      const entry = catalogueIds.find((c) => c.sig === rule.catalogue);
      if (signatures === '') return; // no ../shared here: the cross-check with the catalogue cannot run
      expect(entry?.id, `rules/${id}.ts: catalogue ${rule.catalogue} has another id in signatures.md`).toBe(id);
    }
  });
});

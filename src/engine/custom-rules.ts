// `--rules DIR`: user rule files (JSON or YAML) in the built-in rules' shape, validated against
// schema/rule.schema.json, compiled, and their own samples tested before any log is read.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { parseLogCode } from '../codes/normalize.js';
import { EXIT, UserError } from '../errors.js';
import type { Level, RemediationStep, Rule, RuleDocs, RuleRole, RuleSamples } from '../types.js';
import { builtinRules } from './registry.js';
import { sampleCases } from './rule-samples.js';
import ruleSchema from '../../schema/rule.schema.json' with { type: 'json' };

interface RuleFile {
  id: string;
  catalogue?: string;
  title: string;
  severity: Rule['severity'];
  confidence: Rule['confidence'];
  role: RuleRole;
  fatal?: boolean;
  pattern: string;
  flags?: string;
  levels?: Level[];
  components?: string[];
  culprit?: string;
  hint: string;
  docs: RuleDocs;
  remediation: RemediationStep[];
  references: string[];
  codes?: (string | number)[];
  samples: RuleSamples;
}

const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile<RuleFile>(ruleSchema);

function describeSchemaError(e: ErrorObject): string {
  const field = e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : '(top level)';
  switch (e.keyword) {
    case 'required':
      return `field ${e.instancePath ? field + '.' : ''}${String(e.params.missingProperty)}: missing (required)`;
    case 'additionalProperties':
      return `field ${e.instancePath ? field + '.' : ''}${String(e.params.additionalProperty)}: unknown field`;
    case 'enum':
      return `field ${field}: must be one of ${(e.params.allowedValues as unknown[]).join(', ')}`;
    default:
      return `field ${field}: ${e.message ?? 'invalid'}`;
  }
}

function fail(file: string, message: string): never {
  throw new UserError(`${file}: ${message}`, EXIT.usage);
}

function parseFile(file: string, text: string): unknown {
  try {
    return file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    fail(file, `not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}`);
  }
}

function toRule(file: string, data: RuleFile, index: number | undefined): Rule {
  const where = index === undefined ? '' : `rules[${index}] `;
  let pattern: RegExp;
  try {
    pattern = new RegExp(data.pattern, data.flags ?? 'i');
  } catch (error) {
    fail(file, `${where}field pattern: not a valid regular expression (${(error as Error).message})`);
  }
  const codes = (data.codes ?? []).map((c, i) => {
    const value = typeof c === 'number' ? c >>> 0 : parseLogCode(c);
    if (value === undefined) fail(file, `${where}field codes.${i}: '${c}' is not a code (expected 0x80073CF2, 15602 or -1073425657)`);
    return value;
  });
  const { flags: _flags, codes: _codes, pattern: _pattern, ...rest } = data;
  return { ...rest, pattern, codes, origin: file };
}

export async function loadCustomRules(dir: string): Promise<Rule[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => /\.(json|ya?ml)$/i.test(n)).sort();
  } catch {
    throw new UserError(`--rules ${dir}: not a readable folder`, EXIT.usage);
  }
  if (names.length === 0) throw new UserError(`--rules ${dir}: no .json, .yaml or .yml rule files in this folder`, EXIT.usage);
  const rules: Rule[] = [];
  const ids = new Set(builtinRules.map((r) => r.id));
  for (const name of names) {
    const file = join(dir, name);
    const data = parseFile(file, await readFile(file, 'utf8'));
    const items = data !== null && typeof data === 'object' && 'rules' in data && Array.isArray(data.rules) ? (data.rules as unknown[]) : [data];
    items.forEach((item, i) => {
      const index = items.length > 1 || item !== data ? i : undefined;
      if (!validate(item)) {
        const first = validate.errors?.[0];
        fail(file, `${index === undefined ? '' : `rules[${index}] `}${first ? describeSchemaError(first) : 'invalid rule'}`);
      }
      const rule = toRule(file, item, index);
      if (ids.has(rule.id)) fail(file, `field id: '${rule.id}' is already used by another rule`);
      ids.add(rule.id);
      for (const c of sampleCases(rule)) {
        const failure = c.check();
        if (failure) fail(file, `rule ${rule.id}: field samples: ${failure}`);
      }
      rules.push(rule);
    });
  }
  return rules;
}

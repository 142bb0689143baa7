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
import { unknownPlaceholders } from './template.js';
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

/** What the schema's `pattern`s ask for, in words. */
const PATTERN_MEANINGS: Record<string, string> = {
  '^[a-z0-9]+(?:-[a-z0-9]+)*$': 'must be kebab-case (lower-case letters and digits joined by single hyphens)',
  '^https?://': 'must be a URL starting with http:// or https://',
  '^[imsu]*$': 'must be regular-expression flags among i, m, s and u',
};

function describeSchemaError(e: ErrorObject): string {
  const field = e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : '(top level)';
  switch (e.keyword) {
    case 'required':
      return `field ${e.instancePath ? field + '.' : ''}${String(e.params.missingProperty)}: missing (required)`;
    case 'additionalProperties':
      return `field ${e.instancePath ? field + '.' : ''}${String(e.params.additionalProperty)}: unknown field`;
    case 'enum':
      return `field ${field}: must be one of ${(e.params.allowedValues as unknown[]).join(', ')}`;
    case 'type': {
      const types = ([] as unknown[]).concat(e.params.type).map(String);
      return `field ${field}: must be ${types.map((t) => (t === 'integer' ? 'an integer' : t === 'array' ? 'a list' : t === 'object' ? 'a mapping of fields' : `a ${t}`)).join(' or ')}`;
    }
    case 'pattern':
      return `field ${field}: ${PATTERN_MEANINGS[String(e.params.pattern)] ?? `must match ${String(e.params.pattern)}`}`;
    case 'minItems':
      return `field ${field}: needs at least ${String(e.params.limit)} item${e.params.limit === 1 ? '' : 's'}`;
    case 'minLength':
      return `field ${field}: must not be empty`;
    default:
      return `field ${field}: ${e.message ?? 'invalid'}`;
  }
}

function fail(file: string, message: string): never {
  throw new UserError(`${file}: ${message}`, EXIT.usage);
}

/** `at position 16` in a JSON.parse message, turned into a line and column a person can find. */
function withLineAndColumn(message: string, text: string): string {
  const m = /at position (\d+)/.exec(message);
  if (!m || /\(line \d+/.test(message)) return message;
  const before = text.slice(0, Number(m[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${message} (line ${line}, column ${column})`;
}

function parseFile(file: string, text: string): unknown {
  const json = /\.json$/i.test(file);
  try {
    return json ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    const message = (error as Error).message.split('\n')[0] ?? '';
    fail(file, `not valid ${json ? 'JSON' : 'YAML'}: ${json ? withLineAndColumn(message, text) : message}`);
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
  const rule: Rule = { ...rest, pattern, codes, origin: file };
  const unknown = unknownPlaceholders(rule)[0];
  if (unknown) {
    fail(file, `${where}field ${unknown.field}: placeholder {{${unknown.name}}} is not a named group of pattern (expected {{culprit}} or one of its (?<name>...) groups)`);
  }
  return rule;
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
      const where = index === undefined ? '' : `rules[${index}] `;
      if (ids.has(rule.id)) fail(file, `${where}field id: '${rule.id}' is already used by another rule`);
      ids.add(rule.id);
      for (const c of sampleCases(rule)) {
        const failure = c.check();
        if (failure) fail(file, `${where}field ${c.field}: ${failure} (rule ${rule.id})`);
      }
      rules.push(rule);
    });
  }
  return rules;
}

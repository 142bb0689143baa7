// `sysprep-doctor rules list|show <id>`: the catalogue and each rule's own documentation.
import { Command, Option } from 'commander';
import { EXIT, UserError } from '../errors.js';
import { emit } from '../output.js';
import { renderRuleDoc, renderRuleTable, ruleToJson } from '../report/rule-docs.js';
import type { CliContext } from './context.js';
import { loadRules } from './load-rules.js';

export function rulesCommand(ctx: CliContext): Command {
  const rules = new Command('rules').description('the rule catalogue: `rules list`, `rules show <id>`');
  rules
    .command('list', { isDefault: true })
    .description('list every rule (id, role, severity, confidence, title)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--rules <dir>', 'include the custom rule files of this folder')
    .action(async (options: { format: 'text' | 'json'; rules?: string }) => {
      const all = await loadRules(options.rules);
      const text = options.format === 'json' ? JSON.stringify(all.map(ruleToJson), null, 2) + '\n' : renderRuleTable(all);
      await emit(text, undefined);
      ctx.exitCode = EXIT.ok;
    });
  rules
    .command('show')
    .description("a rule's documentation: meaning, cause, fix with commands, references, samples")
    .argument('<id>', 'rule id, e.g. appx-installed-not-provisioned')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--rules <dir>', 'include the custom rule files of this folder')
    .action(async (id: string, options: { format: 'text' | 'json'; rules?: string }) => {
      const all = await loadRules(options.rules);
      const rule = all.find((r) => r.id === id);
      if (!rule) {
        const near = all.filter((r) => r.id.includes(id) || id.includes(r.id.split('-')[0]!)).slice(0, 5).map((r) => r.id);
        throw new UserError(`no rule '${id}'${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}; see \`sysprep-doctor rules list\``, EXIT.usage);
      }
      await emit(options.format === 'json' ? JSON.stringify(ruleToJson(rule), null, 2) + '\n' : renderRuleDoc(rule), undefined);
      ctx.exitCode = EXIT.ok;
    });
  return rules;
}

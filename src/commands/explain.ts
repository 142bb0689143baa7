// `sysprep-doctor explain <code>`: decode an error code and name the rules that involve it.
import { Command, Option } from 'commander';
import { explainCode, explanationToJson, parseCodeArgument, renderExplanationText } from '../codes/explain.js';
import { EXIT, UserError } from '../errors.js';
import { emit } from '../output.js';
import type { CliContext } from './context.js';
import { loadRules } from './load-rules.js';

export function explainCommand(ctx: CliContext): Command {
  return new Command('explain')
    .description('decode an error code: 0x80073CF2, 80073cf2, 3cf2, 15602, -1073425657, 0x-2147417850')
    .argument('<code>', 'the code as the log shows it (put -- before a negative number)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('-o, --output <file>', 'write to a file')
    .option('--rules <dir>', 'also name the custom rules of this folder that involve the code')
    .action(async (code: string, options: { format: 'text' | 'json'; output?: string; rules?: string }) => {
      const parsed = parseCodeArgument(code);
      if ('error' in parsed) throw new UserError(parsed.error, EXIT.usage);
      const explanation = explainCode(parsed.value, await loadRules(options.rules));
      const text =
        options.format === 'json'
          ? JSON.stringify({ input: code, interpretation: parsed.interpretation, ...explanationToJson(explanation) }, null, 2) + '\n'
          : renderExplanationText(explanation, { input: code, interpretation: parsed.interpretation });
      await emit(text, options.output);
      ctx.exitCode = EXIT.ok;
    });
}

// Reading the code a person types after `explain`, in any of the renderings logs use (panther-format.md §3.7).
import { parseLogCode } from './normalize.js';

export type CodeInterpretation =
  | 'decimal'
  | 'hexadecimal'
  | 'negative decimal (signed 32-bit)'
  | 'negative decimal printed after 0x';

export type CodeArgument = { value: number; interpretation: CodeInterpretation } | { error: string };

const EXPECTED = 'expected hex (0x80073CF2, 3cf2), decimal (15602) or negative decimal (-1073425657)';
const MIN_SIGNED_MAGNITUDE = 2 ** 31;

/**
 * Accepts `0x80073CF2`, `80073cf2`, `3cf2`, `15602`, `-1073425657` and `0x-2147417850`.
 * Digits-only input is decimal, except 8 digits starting with `8`: that is an HRESULT typed without `0x`.
 */
export function parseCodeArgument(input: string): CodeArgument {
  const text = input.trim();
  let m = /^0x-(\d+)$/i.exec(text);
  if (m) return negative(text, m[1]!, 'negative decimal printed after 0x');
  m = /^0x([0-9a-f]+)$/i.exec(text);
  if (m) return hex(text, m[1]!);
  m = /^-(\d+)$/.exec(text);
  if (m) return negative(text, m[1]!, 'negative decimal (signed 32-bit)');
  if (/^8\d{7}$/.test(text)) return hex(text, text);
  if (/^\d+$/.test(text)) return decimal(text);
  if (/^[0-9a-f]+$/i.test(text)) return hex(text, text);
  return { error: `'${input}' is not an error code: ${EXPECTED}` };
}

function hex(text: string, digits: string): CodeArgument {
  const significant = withoutLeadingZeros(digits);
  if (significant.length > 8) return outOfRange(text);
  return { value: parseLogCode('0x' + significant)!, interpretation: 'hexadecimal' };
}

function decimal(text: string): CodeArgument {
  const significant = withoutLeadingZeros(text);
  const value = significant.length <= 10 ? parseLogCode(significant) : undefined;
  return value === undefined ? outOfRange(text) : { value, interpretation: 'decimal' };
}

function negative(text: string, digits: string, interpretation: CodeInterpretation): CodeArgument {
  const significant = withoutLeadingZeros(digits);
  if (significant.length > 10 || Number(significant) > MIN_SIGNED_MAGNITUDE) return outOfRange(text);
  return { value: parseLogCode('-' + significant)!, interpretation };
}

function withoutLeadingZeros(digits: string): string {
  return digits.replace(/^0+(?=.)/, '');
}

function outOfRange(text: string): CodeArgument {
  return {
    error: `'${text}' is out of range: an error code has 32 bits (up to 0xFFFFFFFF = 4294967295, down to -2147483648)`,
  };
}

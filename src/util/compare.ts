/**
 * Orders rule ids (kebab-case ASCII) by code unit, which sorts them as the locale would, without
 * loading a collator as `localeCompare` does (~7 ms at start-up).
 */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

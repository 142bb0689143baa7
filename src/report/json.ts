import type { Report } from '../types.js';

/** The public JSON contract (schemaVersion 1, schema/report.schema.json). */
export function renderJson(report: Report): string {
  return JSON.stringify(report, null, 2) + '\n';
}

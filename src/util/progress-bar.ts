// A progress bar on stderr for a long analysis: on a terminal only, and only once reading has taken
// a second (short inputs never flash one). Redrawn at most ten times a second; `clear` removes it.
import { formatBytes } from '../report/view.js';

const SHOW_AFTER_MS = 1000;
const REDRAW_EVERY_MS = 100;
const BAR_CELLS = 24;

export interface ProgressBar {
  /** `bytes` more were read. */
  advance(bytes: number): void;
  clear(): void;
}

export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

/** A bar for reading `totalBytes` (0: unknown, then only the bytes read and the speed are shown). */
export function progressBar(stream: ProgressStream, totalBytes: number, now: () => number = Date.now): ProgressBar {
  if (!stream.isTTY) return { advance() {}, clear() {} };
  const started = now();
  let read = 0;
  let drawnAt = 0;
  let shown = false;
  return {
    advance(bytes) {
      read += bytes;
      const at = now();
      if (at - started < SHOW_AFTER_MS || at - drawnAt < REDRAW_EVERY_MS) return;
      drawnAt = at;
      shown = true;
      stream.write(`\r${progressText(read, totalBytes, (at - started) / 1000, stream.columns || 80)}\x1b[K`);
    },
    clear() {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}

/** `reading 412.0 MiB of 1.0 GiB  [█████████░░░░░░░░░░░░░░░]  40%  220 MiB/s`, cut to the terminal's width. */
export function progressText(read: number, total: number, seconds: number, columns: number): string {
  const speed = seconds > 0 ? `${Math.round(read / 1048576 / seconds)} MiB/s` : '';
  let text: string;
  if (total > 0) {
    const fraction = Math.min(1, read / total);
    const filled = Math.round(fraction * BAR_CELLS);
    const bar = '█'.repeat(filled) + '░'.repeat(BAR_CELLS - filled);
    text = `reading ${formatBytes(read)} of ${formatBytes(total)}  [${bar}] ${String(Math.floor(fraction * 100)).padStart(3)}%  ${speed}`;
  } else {
    text = `reading ${formatBytes(read)}  ${speed}`;
  }
  return text.slice(0, Math.max(10, columns - 1));
}

// The terminal size, followed on resize. ink re-lays out on resize but does not re-render
// React, so views that size themselves need this state.
import { useStdout } from 'ink';
import { useEffect, useState } from 'react';
import { DEFAULT_SIZE, type Size } from './layout.js';

function read(stdout: NodeJS.WriteStream): Size {
  return { columns: stdout.columns || DEFAULT_SIZE.columns, rows: stdout.rows || DEFAULT_SIZE.rows };
}

/** The stdout size (80×24 when unknown), or `fixed` when given. */
export default function useTerminalSize(fixed?: Size): Size {
  const { stdout } = useStdout();
  const [size, setSize] = useState<Size>(() => read(stdout));
  useEffect(() => {
    if (fixed !== undefined) return undefined;
    const onResize = (): void => setSize(read(stdout));
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, fixed]);
  return fixed ?? size;
}

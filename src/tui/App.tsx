// The container: owns the UI state, reads the keys, lays out the screen and picks the view.
import { Box, useApp, useInput, useStdin, type Key } from 'ink';
import { useMemo, useRef, useState } from 'react';
import EventBrowser from './EventBrowser.js';
import FindingsPane from './FindingsPane.js';
import Header from './Header.js';
import HelpOverlay from './HelpOverlay.js';
import { computeLayout, type Layout, type Size } from './layout.js';
import { filterEvents, sourceIndex, type TuiModel } from './model.js';
import { derive, INITIAL_STATE, reduceKey, type UiState } from './state.js';
import StatusBar from './StatusBar.js';
import TabBar from './TabBar.js';
import { createTheme, noColorFromEnv, ThemeContext } from './theme.js';
import Timeline from './Timeline.js';
import useTerminalSize from './use-terminal-size.js';

export interface Props {
  /** What to show; a new model (live mode) keeps the selection, filters and scroll position. */
  readonly model: TuiModel;
  /** A fixed terminal size; by default stdout's, followed on resize (80×24 when unknown). */
  readonly size?: Size;
  /** Colours off; by default from the NO_COLOR environment variable. */
  readonly noColor?: boolean;
}

/**
 * The keys in one chunk of input. Keys typed faster than they are read (type-ahead, a slow
 * link, a paste) arrive together as one string: they are applied one by one, and the control
 * characters among them keep their meaning (`\r` is Enter, `\t` Tab, DEL Backspace).
 * Escape sequences (arrows, PgUp, ...) arrive alone and are passed through.
 */
export function splitKeys(input: string, key: Key): readonly (readonly [string, Key])[] {
  if (input.length <= 1 || key.ctrl || key.meta || key.escape) return [[input, key]];
  const plain: Key = { ...key, return: false, tab: false, backspace: false, delete: false, shift: false };
  return [...input].map((ch): readonly [string, Key] => {
    if (ch === '\r' || ch === '\n') return ['', { ...plain, return: true }];
    if (ch === '\t') return ['', { ...plain, tab: true }];
    if (ch === '\u007f' || ch === '\b') return ['', { ...plain, backspace: true }];
    if (ch === '\u0003') return ['c', { ...plain, ctrl: true }];
    return [ch, { ...plain, shift: /[A-Z]/.test(ch) }];
  });
}

export default function App({ model, size, noColor = noColorFromEnv() }: Props) {
  const { exit } = useApp();
  // Without raw mode (stdin is a pipe) keys cannot be read: the screen is drawn, not driven.
  const { isRawModeSupported } = useStdin();
  const terminal = useTerminalSize(size);
  const [state, setState] = useState<UiState>(INITIAL_STATE);
  const theme = useMemo(() => createTheme(noColor), [noColor]);
  const layout = computeLayout(terminal, model.report);
  // The length too: a caller may hand over the same array, grown.
  const visible = useMemo(
    () => filterEvents(model.events, state.filter),
    [model.events, model.events.length, state.filter],
  );
  const d = derive(model, state, layout, visible);

  // The key handler reads the latest render through a ref: ink re-subscribes a changed handler
  // only after React's passive effects run, so a closure could see an older state.
  const latest = useRef<{ model: TuiModel; state: UiState; layout: Layout; visible: readonly number[] }>({
    model,
    state,
    layout,
    visible,
  });
  latest.current = { model, state, layout, visible };
  useInput((input, key) => {
    const now = latest.current;
    const visibleFor = (s: UiState): readonly number[] =>
      s.filter === now.state.filter ? now.visible : filterEvents(now.model.events, s.filter);
    let s = now.state;
    for (const [k, kKey] of splitKeys(input, key)) {
      const result = reduceKey(now.model, s, derive(now.model, s, now.layout, visibleFor(s)), k, kKey);
      if (result.exit) {
        exit();
        return;
      }
      s = result.state;
    }
    if (s !== now.state) {
      // A key arriving before the re-render must see this state.
      latest.current = { ...now, state: s, visible: visibleFor(s) };
      setState(s);
    }
  }, { isActive: isRawModeSupported });

  const finding = model.report.findings[d.findingIndex];
  const evidence = useMemo(() => {
    const keys = new Set<string>();
    for (const ev of finding?.evidence ?? []) keys.add(`${sourceIndex(model.report, ev.source)}:${ev.line}`);
    return keys;
  }, [finding, model.report]);
  const runPosition = d.run === null ? 0 : model.report.runs.indexOf(d.run) + 1;

  let body;
  if (state.help) body = <HelpOverlay width={layout.width} height={layout.bodyHeight} top={state.helpTop} />;
  else if (state.view === 'findings')
    body = <FindingsPane report={model.report} selected={d.findingIndex} width={layout.width} height={layout.bodyHeight} />;
  else if (state.view === 'timeline')
    body = (
      <Timeline
        run={d.run}
        position={{ index: runPosition, count: model.report.runs.length }}
        rows={d.timeline}
        selected={d.timelineRow}
        width={layout.width}
        height={layout.bodyHeight}
      />
    );
  else
    body = (
      <EventBrowser
        report={model.report}
        events={model.events}
        visible={visible}
        cursor={d.cursorPos}
        top={d.top}
        filter={state.filter}
        query={state.query}
        evidence={evidence}
        layout={layout}
      />
    );

  return (
    <ThemeContext.Provider value={theme}>
      <Box flexDirection="column" width={layout.width} height={layout.height}>
        <Header
          report={model.report}
          width={layout.width}
          summary={layout.summary}
          following={model.following === true}
          watching={model.watching ?? []}
        />
        <TabBar
          view={state.view}
          findings={model.report.findings.length}
          events={{ shown: visible.length, total: model.events.length }}
          width={layout.width}
        />
        <Box flexDirection="column" height={layout.bodyHeight}>
          {body}
        </Box>
        <StatusBar view={state.view} draft={state.draft} message={state.message} help={state.help} width={layout.width} />
      </Box>
    </ThemeContext.Provider>
  );
}

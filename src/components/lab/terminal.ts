/** xterm.js set up for a lab: fitted to its panel, links clickable, screen-reader mode on. */
import { FitAddon } from '@xterm/addon-fit';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { warmGlyphWidths } from './glyph-widths';

export interface LabTerminal {
  term: Terminal;
  fit(): { cols: number; rows: number };
  /** Glyph widths measured ahead of xterm's first frame (see glyph-widths.ts). */
  glyphsMeasured: number;
  dispose(): void;
}

export function createTerminal(container: HTMLElement, rows: number, onEscape: () => void): LabTerminal {
  // Opened at the smallest size and fitted at once: xterm then lays out its rows (and the
  // screen reader's row elements, one forced layout each) only for the size the panel has,
  // rather than for a default size first and again for the fitted one.
  const term = new Terminal({
    cols: 2,
    rows: 1,
    cursorBlink: true,
    screenReaderMode: true,
    scrollback: 5000,
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
    fontSize: 13,
    theme: { background: '#101522', foreground: '#e6e9ef', cursor: '#c6d7fb', selectionBackground: '#326ce580' },
  });
  const fitAddon = new FitAddon();
  term.loadAddon(fitAddon);
  term.loadAddon(new WebLinksAddon());
  term.open(container);
  term.textarea?.setAttribute('aria-label', 'Terminal input');
  const glyphsMeasured = warmGlyphWidths(term);
  // Tab belongs to the shell (completion); Esc is how a keyboard user leaves the terminal.
  term.attachCustomKeyEventHandler((event) => {
    if (event.type === 'keydown' && event.key === 'Escape') {
      onEscape();
      return false;
    }
    return true;
  });
  const fit = () => {
    fitAddon.fit();
    // A panel that cannot be measured (not laid out yet) keeps a usable size.
    if (term.cols === 2 && term.rows === 1) term.resize(80, rows);
    return { cols: term.cols, rows: term.rows };
  };
  const observer = new ResizeObserver(() => {
    if (container.offsetWidth > 0) fit();
  });
  observer.observe(container);
  return {
    term,
    fit,
    glyphsMeasured,
    dispose: () => {
      observer.disconnect();
      term.dispose();
    },
  };
}

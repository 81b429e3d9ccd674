/**
 * Measuring the printable ASCII glyphs in one layout pass before xterm's first frame.
 *
 * xterm's DOM renderer measures each glyph the first time it draws it (its WidthCache sets a
 * span's text and reads `offsetWidth`). While drawing a frame it does that between adding row
 * elements, so each new glyph forces a layout: the first prompt cost 30–40 of them, about 20 ms
 * of the main thread in headless Chromium, the largest single part of "lab ready". Measured
 * here together, the same widths cost one layout. The results go where xterm would have put
 * them itself (same element styles, same `width / repeat` sum), so what it draws is unchanged.
 *
 * The cache is not public API: every step checks the shape it expects and does nothing if
 * xterm changed, leaving xterm to measure as before. The panel records the count in
 * `data-glyphs-measured`, which tests/browser checks, so an xterm upgrade that moves it is noticed.
 */
import type { Terminal } from '@xterm/xterm';

/** xterm 6's WidthCache, as far as it is used here (src/browser/renderer/dom/WidthCache.ts). */
interface WidthCache {
  /** Regular-weight widths by char code below 256; FLAT_UNSET where not measured yet. */
  _flat: Float32Array;
  /** One span per font variant; [0] is the regular one. */
  _measureElements: HTMLSpanElement[];
}

interface XtermInternals {
  _core?: { _renderService?: { _renderer?: { value?: { _widthCache?: Partial<WidthCache> } } } };
}

/** WidthCacheSettings.FLAT_UNSET and REPEAT in xterm 6. */
const FLAT_UNSET = -9999;
const REPEAT = 32;
const FIRST_PRINTABLE = 0x20;
const LAST_PRINTABLE = 0x7e;

/** The DOM renderer's width cache, if this xterm has the one this module knows. */
function widthCacheOf(term: Terminal): WidthCache | undefined {
  const cache = (term as unknown as XtermInternals)._core?._renderService?._renderer?.value?._widthCache;
  if (!(cache?._flat instanceof Float32Array) || cache._flat.length <= LAST_PRINTABLE) return undefined;
  if (!(cache._measureElements?.[0] instanceof HTMLElement)) return undefined;
  return cache as WidthCache;
}

/**
 * Fill the cache with the regular-weight widths of printable ASCII not measured yet. Returns how
 * many glyphs it measured: 0 when this xterm's cache is not the one this module knows.
 */
export function warmGlyphWidths(term: Terminal): number {
  const cache = widthCacheOf(term);
  const regular = cache?._measureElements[0];
  const container = regular?.parentElement;
  if (!cache || !regular || !container) return 0;
  const probes: [number, HTMLSpanElement][] = [];
  const batch = document.createDocumentFragment();
  for (let code = FIRST_PRINTABLE; code <= LAST_PRINTABLE; code++) {
    if (cache._flat[code] !== FLAT_UNSET) continue;
    // A copy of xterm's own measuring span, so the font and weight are exactly what it would use.
    const probe = regular.cloneNode(false) as HTMLSpanElement;
    probe.textContent = String.fromCharCode(code).repeat(REPEAT);
    batch.append(probe);
    probes.push([code, probe]);
  }
  container.append(batch);
  // The first read lays out once; the others read the same layout.
  for (const [code, probe] of probes) {
    const width = probe.offsetWidth / REPEAT;
    if (width > 0) cache._flat[code] = width;
  }
  for (const [, probe] of probes) probe.remove();
  return probes.length;
}

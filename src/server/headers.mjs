// @ts-check
/**
 * The HTTP response headers every server of the site sends: `astro dev` and `astro preview`
 * (astro.config.mjs), the shipped nginx config (deploy/nginx/clusterlab.conf) and `_headers` for
 * static hosts (public/_headers). Those files are checked against this module by
 * tests/site/headers.test.ts, so this is the one place to change them.
 */

/**
 * The origins WebContainer needs in the page: `WebContainer.boot()` adds a hidden iframe from
 * StackBlitz's `/headless` page, which runs the container. Everything else it loads (staticblitz,
 * webcontainer-api.io) is loaded by that iframe under its own policy, not ours. StackBlitz
 * Enterprise deployments replace it with their own editor origin.
 */
export const WEBCONTAINER_ORIGINS = ['https://stackblitz.com'];

/**
 * The Content-Security-Policy, directive by directive, each with why the site needs it. Inline
 * scripts: Starlight emits a dozen small `<script>`s (theme provider, search dialog, sidebar
 * state) and Astro hydration scripts; Astro's `security.csp` pins each page's inline scripts to
 * their sha256 hashes in a `<meta http-equiv="content-security-policy">`, and a browser enforces
 * both policies, so `'unsafe-inline'` here only covers hosts that strip the meta tag.
 * @type {Record<string, { sources: string[]; why: string }>}
 */
export const CSP_DIRECTIVES = {
  'default-src': { sources: ["'self'"], why: 'everything the site loads comes from its own origin unless a directive below says otherwise' },
  'script-src': {
    sources: ["'self'", "'unsafe-inline'", "'wasm-unsafe-eval'"],
    why: "the site's bundles; Starlight's inline scripts (hash-pinned by the per-page meta policy); WebAssembly for Pagefind search",
  },
  'style-src': {
    sources: ["'self'", "'unsafe-inline'"],
    why: 'Starlight renders style="--sl-icon-size: 1em" attributes and Expressive Code inline <style>; hashes cannot allow attributes',
  },
  'img-src': { sources: ["'self'", 'data:'], why: "Starlight's CSS draws its icons as data: SVGs" },
  'font-src': { sources: ["'self'"], why: 'fonts are bundled, none fetched from elsewhere' },
  'connect-src': { sources: ["'self'"], why: "Pagefind fetches its index fragments; the runtime fetches the WebContainer daemon bundle (same origin; in dev 'self' also covers Vite's HMR websocket)" },
  'worker-src': { sources: ["'self'"], why: "the lab's engine Web Worker and Pagefind's search worker, both files of the site" },
  'frame-src': { sources: WEBCONTAINER_ORIGINS, why: "WebContainer's headless iframe, only when a lab boots the WebContainer runtime" },
  'object-src': { sources: ["'none'"], why: 'no page embeds <object> or <embed> plugins' },
  'base-uri': { sources: ["'self'"], why: 'no injected <base> can redirect relative URLs' },
  'form-action': { sources: ["'self'"], why: 'the site posts no forms elsewhere' },
  'frame-ancestors': { sources: ["'self'"], why: 'the course is not framed by other sites (a header-only directive)' },
};

/** @param {Record<string, { sources: string[] }>} directives */
export function formatPolicy(directives) {
  return Object.entries(directives)
    .map(([name, { sources }]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

export const CONTENT_SECURITY_POLICY = formatPolicy(CSP_DIRECTIVES);

/**
 * Every header, name → value. COOP + COEP make the page cross-origin isolated, which WebContainer
 * needs for SharedArrayBuffer; with `require-corp` every subresource must be same-origin or opt in,
 * and all of ours are same-origin.
 * @type {Record<string, string>}
 */
export const SECURITY_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
};

/**
 * Astro's `security.csp` settings: the per-page meta policy with inline script hashes. Astro
 * allows only some directives there (no frame-ancestors); the rest stay header-only.
 * @returns {import('astro').AstroUserConfig['security']}
 */
export function astroSecurity() {
  const meta = ['default-src', 'img-src', 'font-src', 'connect-src', 'worker-src', 'frame-src', 'object-src', 'base-uri', 'form-action'];
  return {
    csp: {
      algorithm: 'SHA-256',
      directives: /** @type {any} */ (meta.map((name) => `${name} ${CSP_DIRECTIVES[name]?.sources.join(' ')}`)),
      scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
      styleDirective: { resources: ["'self'", "'unsafe-inline'"] },
    },
  };
}

/** The `_headers` file for static hosts (Netlify, Cloudflare Pages): the same headers on every path. */
export function staticHostHeaders() {
  const lines = ['# Generated from src/server/headers.mjs (node src/server/write-headers.mjs); tests/site/headers.test.ts keeps it in sync.', '/*'];
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) lines.push(`  ${name}: ${value}`);
  lines.push('/_astro/*', '  Cache-Control: public, max-age=31536000, immutable');
  return `${lines.join('\n')}\n`;
}

/** The nginx `add_header` lines for deploy/nginx/clusterlab-headers.conf. */
export function nginxHeaders() {
  const lines = ['# Generated from src/server/headers.mjs (node src/server/write-headers.mjs); tests/site/headers.test.ts keeps it in sync.'];
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) lines.push(`add_header ${name} "${value}" always;`);
  return `${lines.join('\n')}\n`;
}

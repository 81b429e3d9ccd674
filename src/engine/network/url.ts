/** A URL as curl and wget take it: scheme optional (http), port from the scheme. */
export interface ParsedUrl {
  scheme: 'http' | 'https';
  host: string;
  port: number;
  /** Path plus query, at least `/`. */
  path: string;
  /** Whether the URL named the port. */
  explicitPort: boolean;
}

export function parseUrl(text: string): ParsedUrl | undefined {
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?([^/:?#\s]+)(?::(\d+))?([/?#].*)?$/.exec(text.trim());
  if (!m) return undefined;
  const scheme = (m[1] ?? 'http').toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') return undefined;
  const port = m[3] !== undefined ? Number(m[3]) : scheme === 'https' ? 443 : 80;
  if (port > 65535) return undefined;
  let path = (m[4] ?? '/').replace(/#.*$/, '');
  if (path.startsWith('?')) path = `/${path}`;
  return { scheme, host: m[2]!.toLowerCase(), port, path, explicitPort: m[3] !== undefined };
}

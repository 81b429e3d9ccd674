/**
 * Standard base64 of a string's UTF-8 bytes. Hand-written because `btoa` is a DOM global that
 * the engine's and CLI's host-free build does not assume, and it mangles non-Latin-1 text.
 */
import { utf8 } from './hash';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function base64(text: string): string {
  return base64Bytes(utf8(text));
}

/** Base64url without padding (RFC 7515), as JWTs encode their parts. */
export function base64url(text: string): string {
  return base64urlBytes(utf8(text));
}

export function base64urlBytes(bytes: Uint8Array): string {
  return base64Bytes(bytes).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

export function base64Bytes(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i]!, bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]!;
    out += b === undefined ? '=' : ALPHABET[(n >> 6) & 63]!;
    out += c === undefined ? '=' : ALPHABET[n & 63]!;
  }
  return out;
}

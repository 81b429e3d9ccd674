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

const URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function base64urlBytes(bytes: Uint8Array): string {
  // Encoded directly with the URL alphabet (every pod's service-account token is encoded here).
  return encode(bytes, URL_ALPHABET, '');
}

export function base64Bytes(bytes: Uint8Array): string {
  return encode(bytes, ALPHABET, '=');
}

function encode(bytes: Uint8Array, alphabet: string, pad: string): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += alphabet[(n >> 18) & 63]! + alphabet[(n >> 12) & 63]!;
    out += b === undefined ? pad : alphabet[(n >> 6) & 63]!;
    out += c === undefined ? pad : alphabet[n & 63]!;
  }
  return out;
}

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

/**
 * Encoded into a byte buffer and made a string once: appending character by character builds a
 * rope of hundreds of cons-string nodes, ten times the text's size, and every pod's
 * service-account token is encoded here.
 */
function encode(bytes: Uint8Array, alphabet: string, pad: string): string {
  const codes = new Uint16Array(Math.ceil(bytes.length / 3) * 4);
  const padCode = pad.charCodeAt(0);
  let o = 0;
  for (let i = 0; i < bytes.length; i += 3) {
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (bytes[i]! << 16) | ((b ?? 0) << 8) | (c ?? 0);
    codes[o++] = alphabet.charCodeAt((n >> 18) & 63);
    codes[o++] = alphabet.charCodeAt((n >> 12) & 63);
    if (b !== undefined) codes[o++] = alphabet.charCodeAt((n >> 6) & 63);
    else if (pad) codes[o++] = padCode;
    if (c !== undefined) codes[o++] = alphabet.charCodeAt(n & 63);
    else if (pad) codes[o++] = padCode;
  }
  return fromCodes(codes.subarray(0, o));
}

/**
 * A flat string of these UTF-16 code units, built in chunks that stay under the argument limit.
 * `apply` takes the typed array as it is; spreading it runs the iterator protocol and is ten
 * times slower, which showed on every pod's service-account token.
 */
function fromCodes(codes: Uint16Array): string {
  const parts: string[] = [];
  for (let i = 0; i < codes.length; i += 8192) parts.push(String.fromCharCode.apply(null, codes.subarray(i, i + 8192) as unknown as number[]));
  return parts.join('');
}

/**
 * The offset Go's base64.StdEncoding reports for text it cannot decode ("illegal base64 data at
 * input byte N"): the first character outside the alphabet, else where the unpadded tail starts;
 * undefined for valid text.
 */
export function base64ErrorOffset(text: string): number | undefined {
  if (/^[A-Za-z0-9+/]*={0,2}$/.test(text) && text.length % 4 === 0 && !/=[^=]/.test(text)) return undefined;
  const bad = text.search(/[^A-Za-z0-9+/=]/);
  return bad >= 0 ? bad : text.length - (text.length % 4);
}

/** How many bytes valid standard base64 decodes to (Go's len([]byte) of a Secret's or ConfigMap's value). */
export function base64DecodedLength(text: string): number {
  return Math.floor((text.replace(/=+$/, '').length * 3) / 4);
}

/** The UTF-8 text of valid standard base64 (check it with base64ErrorOffset first). */
export function base64DecodeText(text: string): string {
  const clean = text.replace(/=+$/, '');
  const bytes = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let o = 0;
  for (const ch of clean) {
    value = (value << 6) | ALPHABET.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[o++] = (value >> bits) & 255;
    }
  }
  return utf8Text(bytes.subarray(0, o));
}

/** UTF-8 bytes as text, U+FFFD for a malformed sequence (TextDecoder is not in the engine's lib). */
function utf8Text(bytes: Uint8Array): string {
  const points: number[] = [];
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >> 5 === 6 ? 2 : b >> 4 === 14 ? 3 : b >> 3 === 30 ? 4 : 0;
    const tail = bytes.subarray(i + 1, i + length);
    if (length === 0 || tail.length !== length - 1 || tail.some((t) => t >> 6 !== 2)) {
      points.push(0xfffd);
      i++;
      continue;
    }
    let point = length === 1 ? b : b & (0x7f >> length);
    for (const t of tail) point = (point << 6) | (t & 63);
    points.push(point);
    i += length;
  }
  let text = '';
  for (let i = 0; i < points.length; i += 8192) text += String.fromCodePoint(...points.slice(i, i + 8192));
  return text;
}

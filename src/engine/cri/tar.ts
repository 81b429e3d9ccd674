import { utf8 } from '../sim/hash';

/**
 * POSIX ustar archives as "binary strings" (one char per byte), the way Go's archive/tar writes
 * them: a 512-byte header per member, content padded to 512 bytes, two zero blocks at the end.
 * Node file systems hold file content as strings, so an archive stored there has its real size
 * (`ls -l`) and is read back member by member by `tar`, `checkpointctl` and `buildah`.
 */

export interface TarMember {
  /** Path inside the archive; directories end with `/`. */
  name: string;
  /** Permission bits, e.g. 0o600. */
  mode: number;
  /** Unix seconds. */
  mtime: number;
  type: 'file' | 'dir';
  /** Text content (UTF-8 encoded into the archive). Empty for directories. */
  content: string;
}

const BLOCK = 512;

/** UTF-8 bytes of `text`, as a string with one char per byte. */
export function toBinary(text: string): string {
  if (/^[\x00-\x7f]*$/.test(text)) return text;
  const bytes = utf8(text);
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192) as unknown as number[]);
  return out;
}

/** Inverse of toBinary (invalid sequences decode byte by byte). */
export function fromBinary(binary: string): string {
  if (/^[\x00-\x7f]*$/.test(binary)) return binary;
  let out = '';
  for (let i = 0; i < binary.length; ) {
    const b = binary.charCodeAt(i);
    const extra = b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : b >= 0xc0 ? 1 : 0;
    let cp = extra === 0 ? b : b & (0x3f >> extra);
    for (let j = 1; j <= extra; j++) cp = (cp << 6) | (binary.charCodeAt(i + j) & 0x3f);
    out += String.fromCodePoint(cp);
    i += extra + 1;
  }
  return out;
}

function field(value: string, length: number): string {
  return value.slice(0, length).padEnd(length, '\0');
}

function octal(value: number, length: number): string {
  // length-1 octal digits, then NUL, as Go's formatOctal does.
  return value.toString(8).padStart(length - 1, '0') + '\0';
}

function header(m: TarMember, size: number): string {
  const fields = [
    field(m.name, 100),
    octal(m.mode, 8),
    octal(0, 8),
    octal(0, 8),
    octal(size, 12),
    octal(m.mtime, 12),
    '        ',
    m.type === 'dir' ? '5' : '0',
    field('', 100),
    'ustar\0',
    '00',
    field('root', 32),
    field('root', 32),
    octal(0, 8),
    octal(0, 8),
    field('', 155),
  ];
  const block = fields.join('').padEnd(BLOCK, '\0');
  let sum = 0;
  for (let i = 0; i < block.length; i++) sum += block.charCodeAt(i);
  const chksum = sum.toString(8).padStart(6, '0') + '\0 ';
  return block.slice(0, 148) + chksum + block.slice(156);
}

/** Serialise members into a tar archive (binary string). */
export function writeTar(members: TarMember[]): string {
  let out = '';
  for (const m of members) {
    const data = m.type === 'dir' ? '' : toBinary(m.content);
    out += header(m, data.length) + data + '\0'.repeat((BLOCK - (data.length % BLOCK)) % BLOCK);
  }
  return out + '\0'.repeat(BLOCK * 2);
}

/** One member read back from an archive, with its size in bytes. */
export interface TarEntry extends TarMember {
  size: number;
}

function readOctal(block: string, offset: number, length: number): number {
  const text = block.slice(offset, offset + length).replace(/[\0 ]+$/g, '').replace(/^\s+/, '');
  return text === '' ? 0 : Number.parseInt(text, 8);
}

function cString(block: string, offset: number, length: number): string {
  const raw = block.slice(offset, offset + length);
  const nul = raw.indexOf('\0');
  return nul < 0 ? raw : raw.slice(0, nul);
}

/**
 * Parse a tar archive; undefined when the text is not one (GNU tar then says "This does not look
 * like a tar archive").
 */
export function readTar(archive: string): TarEntry[] | undefined {
  const entries: TarEntry[] = [];
  let pos = 0;
  while (pos + BLOCK <= archive.length) {
    const block = archive.slice(pos, pos + BLOCK);
    if (/^\0*$/.test(block)) return entries;
    if (block.slice(257, 262) !== 'ustar') return undefined;
    const size = readOctal(block, 124, 12);
    const type = block[156] === '5' ? 'dir' : 'file';
    const data = archive.slice(pos + BLOCK, pos + BLOCK + size);
    entries.push({ name: cString(block, 0, 100), mode: readOctal(block, 100, 8), mtime: readOctal(block, 136, 12), type, content: type === 'dir' ? '' : fromBinary(data), size });
    pos += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
  }
  return entries.length > 0 ? entries : undefined;
}

import type { RR } from '../../../engine/dns/types';

/**
 * Lay fields out at dig's master-file columns: after each field, tabs up to its stop (tab stops
 * every 8), or one space when the field already ran past it. The last field is written as is.
 */
function columns(fields: [string, number][], last: string): string {
  let out = '';
  let len = 0;
  for (const [text, stop] of fields) {
    out += text;
    len += text.length;
    if (len >= stop) {
      out += ' ';
      len += 1;
      continue;
    }
    while (len < stop) {
      out += '\t';
      len = (Math.floor(len / 8) + 1) * 8;
    }
  }
  return out + last;
}

/** One resource record the way dig prints it. */
export function digRecord(r: RR): string {
  return columns([[r.name, 24], [String(r.ttl), 32], ['IN', 40], [r.type, 48]], r.data);
}

/** The question line: `;name.` then the class and type columns. */
export function digQuestion(name: string, type: string): string {
  return columns([[`;${name}`, 32], ['IN', 40]], type);
}

/** Wire size of a name (labels plus lengths plus the root). */
export function wireName(name: string): number {
  return name.replace(/\.$/, '').split('.').reduce((n, l) => n + l.length + 1, 1);
}

/** Approximate DNS message size for `;; MSG SIZE  rcvd:` (no name compression beyond the question). */
export function messageSize(qname: string, records: RR[]): number {
  const rdata = (r: RR) => (r.type === 'A' ? 4 : r.type === 'SRV' ? 6 + wireName(r.data.split(' ')[3] ?? '') : r.type === 'SOA' ? 20 + r.data.split(' ').slice(0, 2).reduce((n, x) => n + wireName(x), 0) : wireName(r.data));
  return 12 + wireName(qname) + 4 + records.reduce((n, r) => n + (r.name === qname ? 2 : wireName(r.name)) + 10 + rdata(r), 0) + 11;
}

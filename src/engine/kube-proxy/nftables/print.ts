import { nftDuration, type NftSet, type NftTable } from './model';

const NEWLINE = ',\n\t\t\t     ';

/** `elements = { … }`: maps one element per line, address sets two per line, as nft prints them. */
function elementsLine(s: NftSet, affinity: Record<string, number> | undefined, nowMs: number): string | undefined {
  const items = s.elements.map((e) => `${e.key}${e.comment ? ` comment "${e.comment}"` : ''}${e.value ? ` : ${e.value}` : ''}`);
  if (affinity) {
    for (const [ip, expires] of Object.entries(affinity)) {
      if (expires > nowMs) items.push(`${ip} expires ${expiresText(expires - nowMs)}`);
    }
  }
  if (items.length === 0) return undefined;
  const perLine = s.kind === 'map' || affinity ? 1 : 2;
  let out = '';
  items.forEach((item, i) => {
    if (i > 0) out += i % perLine === 0 ? NEWLINE : ', ';
    out += item;
  });
  return `\t\telements = { ${out} }`;
}

/** `2h59m58s140ms`: the remaining lifetime of a dynamic set element. */
function expiresText(ms: number): string {
  const sec = Math.floor(ms / 1000);
  const rest = ms % 1000;
  return `${sec > 0 ? nftDuration(sec) : ''}${rest ? `${rest}ms` : ''}` || '0s';
}

function printSet(s: NftSet, affinity: Record<string, number> | undefined, nowMs: number): string {
  const lines = [`\t${s.kind} ${s.name} {`, `\t\ttype ${s.type}`];
  if (s.timeoutSec !== undefined) lines.push('\t\tsize 65535', '\t\tflags dynamic,timeout', `\t\ttimeout ${nftDuration(s.timeoutSec)}`);
  if (s.comment) lines.push(`\t\tcomment "${s.comment}"`);
  const el = elementsLine(s, affinity, nowMs);
  if (el) lines.push(el);
  lines.push('\t}');
  return lines.join('\n');
}

/** `nft list table ip kube-proxy`, laid out as nft 1.0 prints the table kube-proxy programs. */
export function listTable(t: NftTable, affinity: Record<string, Record<string, number>>, nowMs: number): string {
  const blocks = [
    ...t.sets.map((s) => printSet(s, s.timeoutSec !== undefined ? (affinity[s.name] ?? {}) : undefined, nowMs)),
    ...t.chains.map((c) => {
      const lines = [`\tchain ${c.name} {`];
      if (c.base) lines.push(`\t\t${c.base}`);
      if (c.comment) lines.push(`\t\tcomment "${c.comment}"`);
      for (const r of c.rules) lines.push(`\t\t${r}`);
      lines.push('\t}');
      return lines.join('\n');
    }),
  ];
  return `table ip kube-proxy {\n\tcomment "rules for kube-proxy"\n${blocks.join('\n\n')}\n}\n`;
}

/** Command-line helpers the network tools share, in the engine's containers and the terminal's hosts. */

/** Split bundled short flags (`-sSv` → `-s -S -v`, `-qO-` → `-q -O -`) the way getopt does. */
export function expandShort(argv: string[], withValue: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!/^-[A-Za-z]/.test(a) || a.length <= 2) {
      out.push(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const f = a[j]!;
      out.push(`-${f}`);
      if (withValue.includes(f)) {
        if (j + 1 < a.length) out.push(a.slice(j + 1));
        break;
      }
    }
  }
  return out;
}

/** Seconds given as `5`, `2.5` → ms, or undefined when not a number. */
export function secondsToMs(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d+(\.\d+)?$/.test(text)) return undefined;
  return Math.round(Number(text) * 1000);
}

import { describe, expect, it } from 'vitest';
import { TabFlags, TabWriter, newDescribeTabWriter, newGetTabWriter, tabify } from '../../../src/cli/kubectl/printers/tabwriter';
import goCases from './fixtures/go-tabwriter-cases.json';

interface GoCase {
  name: string;
  minwidth: number;
  tabwidth: number;
  padding: number;
  padchar: string;
  flags: number;
  src: string;
  expected: string;
}

// Go's own tabwriter_test.go table, minus the escape/HTML-filter cases this port leaves out.
const cases = (goCases as GoCase[]).filter((c) => !c.src.includes('\xff'));

describe('TabWriter: Go text/tabwriter test vectors', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const make = () => new TabWriter({ ...c });
    expect(tabify(c.src, make())).toBe(c.expected);
    // Writing byte by byte must give the same result (Go tests several chunk sizes).
    const w = make();
    for (const ch of c.src) w.write(ch);
    w.flush();
    expect(w.toString()).toBe(c.expected);
  });
});

describe('TabWriter: kubectl settings', () => {
  it('reproduces the cli-runtime table printer fixtures', () => {
    expect(tabify('NAME\tREADY\tSTATUS\tRETRIES\tAGE\ntest1\t1/1\tpodPhase\t5\t20h\n')).toBe(
      'NAME    READY   STATUS     RETRIES   AGE\ntest1   1/1     podPhase   5         20h\n',
    );
    expect(
      tabify('NAME\tREADY\tSTATUS\tRETRIES\tAGE\tLABELS\ntest1\t1/1\tpodPhase\t5\t20h\tfirst-label=12,second-label=label-value\n'),
    ).toBe(
      'NAME    READY   STATUS     RETRIES   AGE   LABELS\n' +
        'test1   1/1     podPhase   5         20h   first-label=12,second-label=label-value\n',
    );
  });

  it('remembers widths across flushes (liggitt TestMultiWrite)', () => {
    const w = new TabWriter({ minwidth: 6, tabwidth: 4, padding: 3, padchar: ' ', flags: TabFlags.RememberWidths });
    w.write('First\tMiddle\tLast\na\tbb\tccc\nddd\teeeeeeeeeeeeee\tf\n');
    w.flush();
    w.write('g\th\ti\n');
    w.flush();
    for (const chunk of ['j\t\t\n', '\tk\t\n', '\t\tl\n']) {
      w.write(chunk);
      w.flush();
    }
    expect(w.toString()).toBe(
      [
        'First   Middle           Last\n',
        'a       bb               ccc\n',
        'ddd     eeeeeeeeeeeeee   f\n',
        'g       h                i\n',
        'j                        \n',
        '        k                \n',
        '                         l\n',
      ].join(''),
    );
  });

  it('aligns describe blocks separately: a line without a tab ends every block', () => {
    const text = 'Name:\tnginx\nNamespace:\tdefault\nIPs:\n  IP:\t10.0.0.1\nQoS Class:\tBestEffort\n';
    expect(tabify(text, newDescribeTabWriter())).toBe(
      // "  IP:" shares its block with the next tabbed line, as in real `kubectl describe pod`.
      'Name:       nginx\nNamespace:  default\nIPs:\n  IP:       10.0.0.1\nQoS Class:  BestEffort\n',
    );
  });

  it('pads a wide cell only within its own block and never pads the last cell', () => {
    const text = 'a\tb\tc\nlonger-cell\tb\n\nx\ty\n';
    expect(tabify(text, newDescribeTabWriter())).toBe('a            b  c\nlonger-cell  b\n\nx  y\n');
    // With RememberWidths (kubectl get) the widths survive the flush caused by the empty line.
    expect(tabify(text, newGetTabWriter())).toBe('a             b     c\nlonger-cell   b\n\nx             y\n');
  });

  it('counts runes, not UTF-16 units', () => {
    expect(tabify('é\tx\n😀\ty\n', newDescribeTabWriter())).toBe('é  x\n😀  y\n');
  });
});

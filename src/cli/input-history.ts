/**
 * The inputs a terminal remembers, as bash keeps its history: what Up recalls, Ctrl-R searches
 * and `!!` refers to. The browser's line editor and `clusterlab shell` in Node both use it.
 */
import { expandHistory, type ExpansionMemory, type HistoryExpansion } from './shell/history-expansion';

export class InputHistory {
  /** Oldest first. */
  readonly entries: string[] = [];
  /** Entries dropped from the front: `!n` counts every input ever kept. */
  private dropped = 0;
  private readonly memory: ExpansionMemory = {};

  constructor(private readonly size = 1000) {}

  /** Keep an input by bash's rules: not blank, not starting with a space, not the last one again. */
  remember(input: string): void {
    if (input.trim() === '' || input.startsWith(' ') || this.entries[this.entries.length - 1] === input) return;
    this.entries.push(input);
    if (this.entries.length > this.size) {
      this.entries.shift();
      this.dropped++;
    }
  }

  /** Start again from these inputs (a resumed lab's), kept by the same rules. */
  reset(inputs: readonly string[]): void {
    this.entries.length = 0;
    this.dropped = 0;
    for (const input of inputs) this.remember(input);
  }

  /** An input with its history references (`!!`, `^old^new`) expanded against what is kept. */
  expand(input: string): HistoryExpansion {
    if (!input.includes('!') && !input.startsWith('^')) return { ok: true, line: input, expanded: false, printOnly: false };
    return expandHistory(input, this.entries, { base: this.dropped, memory: this.memory });
  }
}

import type { VirtualFs } from '../types';

/**
 * The files behind `<(LIST)`: bash hands the command a pipe as `/dev/fd/63` (then 62, ...); here
 * the output LIST printed waits in the host's file system under that name until the command
 * that named it is done, then goes.
 */
export class ProcessFiles {
  readonly #open: string[] = [];

  constructor(private readonly fs: VirtualFs) {}

  /** A new path holding `content`. */
  open(content: string): string {
    const path = `/dev/fd/${63 - this.#open.length}`;
    this.fs.mkdir('/dev/fd');
    this.fs.write(path, content);
    this.#open.push(path);
    return path;
  }

  /** How many are open: what closeFrom() returns to. */
  mark(): number {
    return this.#open.length;
  }

  /** Remove the files opened since `mark`. */
  closeFrom(mark: number): void {
    while (this.#open.length > mark) this.fs.remove(this.#open.pop()!);
  }
}

/** Which terminal stream a piece of output went to. */
export type Stream = 'stdout' | 'stderr';

/** Somewhere output can be written: the terminal, a pipe, a file, a `$(...)` capture. */
export type Sink = (text: string) => void;

/** One write to the terminal, in the order it happened. */
export interface Chunk {
  stream: Stream;
  text: string;
}

/**
 * What a run printed to the terminal, in order, bounded: once `limit` characters have been written
 * the rest is dropped and `full` turns true, so the shell can stop a runaway script.
 */
export class Transcript {
  readonly chunks: Chunk[] = [];
  private size = 0;
  private overflowed = false;

  constructor(private readonly limit: number) {}

  /** True once the limit was reached; later writes are discarded. */
  get full(): boolean {
    return this.overflowed;
  }

  write(stream: Stream, text: string): void {
    if (text === '' || this.overflowed) return;
    const room = this.limit - this.size;
    const kept = text.length > room ? text.slice(0, room) : text;
    if (kept !== text) this.overflowed = true;
    if (kept !== '') this.push(stream, kept);
    this.size += kept.length;
  }

  /** Write past the limit: used once for the note that says output was cut. */
  note(stream: Stream, text: string): void {
    this.push(stream, text);
  }

  /** Everything written to one stream, or to both interleaved when `stream` is omitted. */
  text(stream?: Stream): string {
    return this.chunks
      .filter((c) => stream === undefined || c.stream === stream)
      .map((c) => c.text)
      .join('');
  }

  sink(stream: Stream): Sink {
    return (text) => this.write(stream, text);
  }

  private push(stream: Stream, text: string): void {
    const last = this.chunks[this.chunks.length - 1];
    if (last?.stream === stream) last.text += text;
    else this.chunks.push({ stream, text });
  }
}

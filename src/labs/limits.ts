/**
 * Every bound on a lab result, in one place: what a learner's session may record and what
 * `clusterlab verify` agrees to replay. A result over any of them is refused before replaying,
 * so a crafted file cannot make the verifier run for hours or exhaust memory.
 */
export const LAB_LIMITS = {
  /** Inputs in one transcript. */
  maxCommands: 2_000,
  /** Bytes of one input line (a heredoc included). */
  maxInputBytes: 64 * 1024,
  /** Virtual time a lab may run, from its first ms to the result's nowMs. */
  maxVirtualTimeMs: 24 * 3_600_000,
  /** Bytes of output across the whole transcript. */
  maxOutputBytes: 8 * 1024 * 1024,
  /** Bytes of the result file itself. */
  maxFileBytes: 16 * 1024 * 1024,
} as const;

export type LabLimits = { readonly [K in keyof typeof LAB_LIMITS]: number };

export function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

/**
 * The clusterlab shell: a deterministic bash-like interpreter for the learner's terminal, with
 * an in-memory file system, coreutils-like builtins and tab completion.
 */
export { builtinCommands, builtinHelp } from './builtins/index';
export { SIMULATION_EPOCH_MS } from './builtins/date';
export { complete, type Completion, fileCandidates } from './completion';
export { FsError, MemoryFs, type MemoryFsJson } from './memory-fs';
export { isIncomplete, parseScript } from './parser';
export { DEFAULT_LIMITS, type InterleavedResult, type RunOptions, Shell, type ShellLimits, type ShellOptions, type ShellResult } from './shell';

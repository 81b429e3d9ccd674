import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** Globals and properties the deterministic engine must not touch, each with its replacement. */
const engineBannedGlobals = [
  ['setTimeout', 'Schedule work on the virtual clock: sim.schedule(delayMs, fn).'],
  ['setInterval', 'Schedule a repeating event on the virtual clock: sim.every(periodMs, fn).'],
  ['setImmediate', 'Schedule a zero-delay event on the virtual clock: sim.schedule(0, fn).'],
  ['queueMicrotask', 'Engine code runs to completion; schedule a virtual-time event instead.'],
  ['performance', 'Read virtual time with sim.now().'],
  ['window', 'The engine is DOM-free; the runtime (src/runtime) talks to the page.'],
  ['document', 'The engine is DOM-free; the runtime (src/runtime) talks to the page.'],
  ['navigator', 'The engine is DOM-free; the runtime (src/runtime) talks to the page.'],
  ['localStorage', 'Persist through the runtime, not the engine.'],
  ['fetch', 'The engine has no network; model traffic in engine/network.'],
  ['process', 'The engine is host-free; pass configuration in through the cluster options.'],
  ['crypto', 'Use the seeded PRNG (sim.rng) or the engine hash (engine/sim/hash).'],
].map(([name, message]) => ({ name, message }));

/**
 * Code that runs in the lab worker must not touch Intl: its first use in a fresh Chromium worker
 * loads ICU data, which cost about 25 ms of every lab's start (the worker is new on each Start).
 */
const workerBannedGlobals = [{ name: 'Intl', message: 'Format by hand (see sim/time.ts); Intl loads ICU in the worker, ~25 ms at start.' }];
const workerBannedLocaleMethods = {
  selector: "MemberExpression[property.name=/^(toLocaleString|toLocaleDateString|toLocaleTimeString|toLocaleUpperCase|toLocaleLowerCase|localeCompare)$/]",
  message: 'Locale methods load ICU in the lab worker (~25 ms at start); compare or format by hand.',
};

export default defineConfig(
  { ignores: ['dist/', '.astro/', 'node_modules/', 'bench/results/', 'public/'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Unused arguments are often part of a fixed signature (reconcile(key), run(argv, stdin)).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['src/cli/**/*.ts', 'src/labs/**/*.ts', 'src/runtime/worker/**/*.ts', 'src/runtime/webcontainer/daemon/**/*.ts', 'labs/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...workerBannedGlobals],
      'no-restricted-syntax': ['error', workerBannedLocaleMethods],
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...engineBannedGlobals, ...workerBannedGlobals],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Read virtual time with sim.now().' },
        { object: 'Math', property: 'random', message: 'Use the seeded PRNG: sim.rng.' },
      ],
      'no-restricted-syntax': [
        'error',
        workerBannedLocaleMethods,
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'new Date() reads the wall clock; use new Date(sim.now()) for virtual time.',
        },
        {
          selector: "CallExpression[callee.name='Date']",
          message: 'Date() reads the wall clock; format virtual time from sim.now().',
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'net', 'worker_threads'],
              message: 'The engine runs in browsers too; Node built-ins belong in src/cli/node or src/runtime.',
            },
          ],
        },
      ],
    },
  },
);

/**
 * Starting a lab in the browser: pick the runtime from the preference (the page's `?runtime=`
 * parameter wins), try WebContainer when asked to, and fall back to the Web Worker with a
 * one-line notice when WebContainer cannot boot in time. Both start from the same saved state,
 * so a fallback loses nothing.
 */
import type { LabRuntime, RuntimePreference, RuntimeStart, RuntimeStartOptions } from './types';
import { startWorkerRuntime } from './worker/client';
import { fill, uiStrings, type UiStrings } from '../components/ui-strings';

export type { LabRuntime, RuntimeStart, RuntimeStartOptions } from './types';
export { WorkerRuntime } from './worker/client';

type WebContainerModule = { startWebContainerRuntime(options: RuntimeStartOptions): Promise<LabRuntime> };

/** The WebContainer runtime, as a lazy chunk; absent from builds that do not ship it. */
const webContainerModules = import.meta.glob<WebContainerModule>('./webcontainer/index.ts');

export const DEFAULT_BOOT_TIMEOUT_MS = 20_000;
const PREFERENCES: readonly RuntimePreference[] = ['auto', 'worker', 'webcontainer'];

/** `?runtime=worker|webcontainer|auto` on the page, if valid. */
export function preferenceFromQuery(search: string): RuntimePreference | undefined {
  const value = new URLSearchParams(search).get('runtime');
  return PREFERENCES.find((p) => p === value);
}

export interface StartEnvironment {
  search: string;
  /** Whether the page is cross-origin isolated (WebContainer needs it). */
  isolated: boolean;
}

function browserEnvironment(): StartEnvironment {
  return { search: globalThis.location?.search ?? '', isolated: globalThis.crossOriginIsolated === true };
}

/** Start the lab: WebContainer when preferred and possible, the worker otherwise. */
export async function startRuntime(options: RuntimeStartOptions, resumed = false, env: StartEnvironment = browserEnvironment()): Promise<RuntimeStart> {
  const preference = preferenceFromQuery(env.search) ?? options.preference;
  // `auto` tries WebContainer only where it can work; an explicit choice always tries.
  const tryWebContainer = preference === 'webcontainer' || (preference === 'auto' && env.isolated);
  if (!tryWebContainer) return { runtime: await startWorkerRuntime(options, resumed) };
  try {
    return { runtime: await bootWebContainer(options) };
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return { runtime: await startWorkerRuntime(options, resumed), notice: fill((options.strings ?? uiStrings('en')).webContainerFallback, { reason }) };
  }
}

async function bootWebContainer(options: RuntimeStartOptions): Promise<LabRuntime> {
  const load = webContainerModules['./webcontainer/index.ts'];
  if (!load) throw new Error('not included in this build');
  const timeoutMs = options.webcontainer?.bootTimeoutMs ?? DEFAULT_BOOT_TIMEOUT_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timedOut = false;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      reject(new Error(`no boot within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
  });
  const booting = load().then((m) => m.startWebContainerRuntime(options));
  // A container that boots after we gave up must not keep running beside the worker.
  void booting.then((runtime) => timedOut && runtime.dispose(), () => undefined);
  try {
    return await Promise.race([booting, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The line the panel's status shows for a runtime. */
export function runtimeLabel(runtime: LabRuntime, strings: UiStrings = uiStrings('en')): string {
  return runtime.kind === 'worker' ? strings.workerRuntime : strings.webContainerRuntime;
}

import { applyLabDefaults } from '../../../labs/defaults';
import { labExport, resolveLab, UnknownLabError } from '../../../labs/resolve';
import type { LabDefinition } from '../../../labs/schema';
import { LabSession } from '../../../labs/session';
import type { LabProgress, SavedLab } from '../../../labs/types';
import type { TimeControl } from '../../../cli/commands/sim';
import type { VirtualFs } from '../../../cli/types';
import type { Cluster } from '../../../engine/cluster';
import type { ClusterPicture } from '../../types';
import type { HostRunOptions, HostRunResult, LabHost } from './host';
import { clusterPicture } from './picture';
import { labModules, labTexts } from 'virtual:clusterlab-labs';

/** A lab's definition from the labs bundled into the daemon (see webcontainer-bundle.ts). */
export async function bundledLab(id: string): Promise<LabDefinition> {
  const load = labModules[id];
  if (!load) throw new UnknownLabError(id, Object.keys(labModules).sort());
  return resolveLab(id, labExport(await load()), (rel) => Promise.resolve(labTexts[`${id}/${rel.replace(/^\.\//, '')}`]), applyLabDefaults);
}

/**
 * A graded lab (src/labs LabSession) behind the daemon: inputs land in the lab's transcript, so a
 * result exported from a WebContainer replays in `clusterlab verify` like one from the worker.
 * LabSession gives one interleaved output, so a shim prints it all on stdout.
 */
export class LabSessionHost implements LabHost {
  #lab: LabSession;

  constructor(
    private readonly def: LabDefinition,
    saved?: SavedLab,
  ) {
    this.#lab = saved ? LabSession.resume(def, saved) : LabSession.create(def);
  }

  get cluster(): Cluster {
    return this.#lab.cluster;
  }

  get fs(): VirtualFs {
    return this.#lab.session.fs;
  }

  get time(): TimeControl {
    return this.#lab.session.time;
  }

  run(input: string, options: HostRunOptions = {}): HostRunResult {
    this.#lab.session.enableForegroundJobs(options.foreground === true);
    const entry = this.#lab.run(input);
    const job = this.#lab.session.takeJob();
    return { chunks: entry.output === '' ? [] : [{ stream: 'stdout', text: entry.output }], exitCode: entry.exitCode, ...(job ? { job } : {}) };
  }

  amendRunning(output: string, interruptedAfterMs: number): void {
    this.#lab.amendRunning(output, interruptedAfterMs);
  }

  commands(): string[] {
    const shell = this.#lab.session.shell;
    return shell.commandNames().filter((name) => shell.commandPath(name) === `/usr/local/bin/${name}`);
  }

  check(): LabProgress {
    return this.#lab.check();
  }

  /** Saved on every command: without the engine snapshot, since a resume replays the transcript. */
  save(): SavedLab {
    return this.#lab.save({ snapshot: false });
  }

  result(): SavedLab {
    return this.#lab.exportResult();
  }

  reset(): void {
    this.#lab = LabSession.create(this.def);
  }

  picture(): ClusterPicture {
    return clusterPicture(this.cluster);
  }
}

import { loadPrograms } from '../../../cli/deferred';
import type { SavedLab } from '../../../labs/types';
import { SandboxHost, type LabHost } from './host';
import { bundledLab, LabSessionHost } from './lab-host';

export interface HostOptions {
  labId?: string;
  seed: number;
  saved?: SavedLab;
}

/** The host for the page's lab: the lab's LabSession, or a sandbox cluster without a lab id. */
export async function createHost(options: HostOptions): Promise<LabHost> {
  // The rarer programs load from the start; a saved lab replays its lines now, so it waits for them.
  const programs = loadPrograms();
  if (options.saved) await programs;
  if (options.labId === undefined) return new SandboxHost({ seed: options.seed }, options.saved);
  return new LabSessionHost(await bundledLab(options.labId), options.saved);
}

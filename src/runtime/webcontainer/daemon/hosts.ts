import type { SavedLab } from '../../../labs/types';
import { SandboxHost, type LabHost } from './host';

export interface HostOptions {
  labId?: string;
  seed: number;
  saved?: SavedLab;
}

/** The host for the page's lab: a sandbox cluster without a lab id. */
export function createHost(options: HostOptions): Promise<LabHost> {
  if (options.labId === undefined) return Promise.resolve(new SandboxHost({ seed: options.seed }, options.saved));
  return Promise.reject(new Error(`lab ${options.labId}: labs are not available in this daemon build`));
}

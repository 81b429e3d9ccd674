import type { LabDefinition } from '../../labs/schema';
import { LabSession } from '../../labs/session';
import type { SavedLab } from '../../labs/types';
import type { HostedLab } from './hosted-lab';
import type { LabInfo } from './protocol';

/** A lab from labs/<id>/ (src/labs LabSession) as the terminal host sees it. */
export class LabSessionHost implements HostedLab {
  constructor(
    readonly def: LabDefinition,
    readonly lab: LabSession,
  ) {}

  get labId(): string {
    return this.def.id;
  }

  get session(): LabSession['session'] {
    return this.lab.session;
  }

  run(input: string): { output: string; exitCode: number } {
    return this.lab.run(input);
  }

  amendRunning(output: string, interruptedAfterMs: number): void {
    this.lab.amendRunning(output, interruptedAfterMs);
  }

  inputs(): string[] {
    return this.lab.transcript.map((e) => e.input);
  }

  check(): ReturnType<LabSession['check']> {
    return this.lab.check();
  }

  /** Saved on every command: without the engine snapshot, since a resume replays the transcript. */
  save(): SavedLab {
    return this.lab.save({ snapshot: false });
  }

  result(): SavedLab {
    return this.lab.exportResult();
  }

  settled(): boolean {
    return this.lab.settled();
  }

  settleSome(maxEvents: number): boolean {
    return this.lab.settleSome(maxEvents);
  }

  fresh(): LabSessionHost {
    return new LabSessionHost(this.def, LabSession.create(this.def));
  }
}

/**
 * Open the lab in the worker, finding it with `load`: a new one with its setup period still to
 * run (the server runs it while the terminal shows the prompt), a saved one resumed in full.
 */
export async function openLab(labId: string, saved: SavedLab | undefined, load: (id: string) => Promise<LabDefinition>): Promise<LabSessionHost> {
  const def = await load(labId);
  return new LabSessionHost(def, saved ? LabSession.resume(def, saved) : LabSession.begin(def));
}

/** What the panel shows next to the terminal: the tasks, their hints and the reference solution. */
export function labInfo(def: LabDefinition): LabInfo {
  return {
    id: def.id,
    title: def.title,
    summary: def.summary,
    tasks: def.tasks.map((t) => ({ id: t.id, title: t.title, instructions: t.instructions, points: t.points, required: t.required, hints: t.hints })),
    solution: def.solution.map((s) => s.input),
  };
}

/** Every verb the simulated kubectl implements. */
import type { Verb } from './context';
import { annotate } from './commands/annotate';
import { apply } from './commands/apply';
import type { SessionConfig } from './commands/cluster';
import { cordon, uncordon } from './commands/cordon';
import { create } from './commands/create';
import { deleteVerb } from './commands/delete';
import { exec } from './commands/exec';
import { get } from './commands/get';
import { label } from './commands/label';
import { patch } from './commands/patch';
import { replace } from './commands/replace';
import { rollout } from './commands/rollout';
import { runVerb } from './commands/run';
import { scale } from './commands/scale';
import { set } from './commands/set';
import { clusterVerbs, describe, drain, events, expose, logs, taint } from './deferred-verbs';
import { version } from './commands/version';
import { wait } from './commands/wait';

/** The verbs of one kubectl instance; `session` carries what `kubectl config` changes. */
export function allVerbs(session: SessionConfig): Verb[] {
  return [create, expose, runVerb, set, get, deleteVerb, rollout, scale, describe, logs, exec, events, apply, patch, replace, wait, label, annotate, version, cordon, uncordon, drain, taint, ...clusterVerbs(session)];
}

export type { SessionConfig };

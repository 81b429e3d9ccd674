/** Every verb the simulated kubectl implements, in `kubectl --help` order within groups. */
import type { Verb } from './context';
import { apply } from './commands/apply';
import { create } from './commands/create';
import { deleteVerb } from './commands/delete';
import { get } from './commands/get';
import { replace } from './commands/replace';

export const VERBS: Verb[] = [create, get, deleteVerb, apply, replace];

/** A lesson lab's worker: every lab is in this script, so starting one fetches nothing more. */
import { loadLab } from '../../labs/registry-bundled';
import { serveLabs } from './serve';

serveLabs(loadLab);

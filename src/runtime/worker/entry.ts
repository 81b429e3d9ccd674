/**
 * The sandbox terminal's worker (and any lab's, should one start here): labs load as chunks of
 * their own, so a sandbox compiles none of them.
 */
import { loadLab } from '../../labs/registry-browser';
import { serveLabs } from './serve';

serveLabs(loadLab);

// Every unit test runs with stored objects frozen: a component that changes an object it read
// from the API fails loudly here instead of quietly corrupting the cluster (objects.ts explains
// why the engine does not freeze them outside the tests).
import { setFreezeStoredObjects } from '../src/engine/api/objects';

setFreezeStoredObjects(true);

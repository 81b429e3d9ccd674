// Every unit test runs with stored objects frozen: a component that changes an object it read
// from the API fails loudly here instead of quietly corrupting the cluster (objects.ts explains
// why the engine does not freeze them outside the tests).
import { setFreezeStoredObjects } from '../src/engine/api/objects';

setFreezeStoredObjects(true);

// Every host loads the deferred programs before it runs a line (src/cli/deferred.ts); so do the tests.
import { loadPrograms } from '../src/cli/deferred';

await loadPrograms();

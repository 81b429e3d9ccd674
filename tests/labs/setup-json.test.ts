import { describe, expect, it } from 'vitest';
import { decodedLabSetups } from '../../src/integrations/lab-setups';
import { listLabs, loadLab } from '../../src/labs/registry';
import { LabSession } from '../../src/labs/session';
import { decodeManifests, withDecodedManifests } from '../../src/labs/setup-json';

const SETUP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: "on"
  retries: "3"
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
  - port: 80
`;

describe('setup manifests decoded at build time', () => {
  it('are one JSON List per manifest, holding what kubectl reads from the YAML', () => {
    const [decoded] = decodeManifests([SETUP]);
    const list = JSON.parse(decoded!.json) as { kind: string; items: { kind: string; data?: Record<string, string> }[] };
    expect(list.kind).toBe('List');
    expect(list.items.map((i) => i.kind)).toEqual(['ConfigMap', 'Service']);
    // YAML's quoted "on" stays a string, as kubectl (sigs.k8s.io/yaml) reads it.
    expect(list.items[0]!.data).toEqual({ mode: 'on', retries: '3' });
  });

  it('replace only the very text they were decoded from', () => {
    const decoded = decodeManifests([SETUP]);
    expect(withDecodedManifests([SETUP], decoded)[0]).toBe(decoded[0]!.json);
    // A lab edited since the build (astro dev) keeps its YAML.
    const edited = SETUP.replace('"3"', '"4"');
    expect(withDecodedManifests([edited], decoded)).toEqual([edited]);
    expect(withDecodedManifests([SETUP], undefined)).toEqual([SETUP]);
  });

  it('build every lab into the same cluster as its YAML does', async () => {
    const { setups } = await decodedLabSetups();
    const withSetups = (await Promise.all((await listLabs()).map(async (id) => ({ id, def: await loadLab(id) })))).filter(({ def }) => def.setup.manifests.length > 0);
    expect(Object.keys(setups).sort()).toEqual(withSetups.map((l) => l.id).sort());
    for (const { id, def } of withSetups) {
      const manifests = withDecodedManifests(def.setup.manifests, setups[id]);
      expect(manifests.every((m) => m.startsWith('{"apiVersion":"v1","kind":"List"')), id).toBe(true);
      const fromYaml = LabSession.create(def).cluster;
      const fromJson = LabSession.create({ ...def, setup: { ...def.setup, manifests } }).cluster;
      expect({ id, hash: fromJson.stateHash(), events: fromJson.sim.eventsRun }).toEqual({ id, hash: fromYaml.stateHash(), events: fromYaml.sim.eventsRun });
    }
  }, 120_000);
});

/**
 * A lab's setup manifests decoded ahead of time. The worker starts a lab by applying its setup
 * with `kubectl apply -f -`; YAML text makes that run the whole `yaml` library cold, about a
 * sixth of a lab's start in Chromium. The site build decodes each manifest the way kubectl
 * does and ships it as one JSON `List` (kubectl reads that without YAML), keyed by the text it
 * came from so a stale build (a lab edited under `astro dev`) falls back to the YAML.
 */
import { parseDocuments } from '../cli/kubectl/manifests';
import { canonicalJson, fnv32a } from '../engine/sim/hash';

/** A manifest's JSON form and what identifies the YAML text it stands for. */
export interface DecodedManifest {
  fnv: number;
  length: number;
  json: string;
}

/**
 * Each manifest as a JSON List of the objects kubectl reads from it, or undefined for one that
 * JSON cannot carry exactly (a value JSON has no form for), which then stays YAML.
 */
export function decodeManifests(manifests: readonly string[]): (DecodedManifest | undefined)[] {
  return manifests.map((yaml) => {
    const items = parseDocuments('STDIN', yaml);
    const json = JSON.stringify({ apiVersion: 'v1', kind: 'List', items });
    if (canonicalJson((JSON.parse(json) as { items: unknown }).items) !== canonicalJson(items)) return undefined;
    return { fnv: fnv32a(yaml), length: yaml.length, json };
  });
}

/** The manifests with each one decoded for this very text replaced by its JSON. */
export function withDecodedManifests(manifests: readonly string[], decoded: readonly (DecodedManifest | undefined)[] | undefined): string[] {
  return manifests.map((yaml, i) => {
    const d = decoded?.[i];
    return d && d.length === yaml.length && d.fnv === fnv32a(yaml) ? d.json : yaml;
  });
}

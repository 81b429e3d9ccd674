/**
 * One shared copy of a string the engine builds over and over with the same text: an Event's
 * field path and message (`spec.containers{nginx}`, `Started container nginx`) are template
 * strings, and each template result is a fresh chain of string pieces. A 5,000-pod rollout keeps
 * fifty thousand Events, each with its own copies, until their hour-long TTL. Looking a string
 * up here also flattens it (hashing does), so what is kept is one flat string. The table forgets
 * everything when full: texts that are unique to one object (a pod's name in a message) would
 * otherwise pile up, and a forgotten text only costs one more copy.
 */
const MAX_TEXTS = 20_000;
const texts = new Map<string, string>();

export function intern(text: string): string {
  const known = texts.get(text);
  if (known !== undefined) return known;
  if (texts.size >= MAX_TEXTS) texts.clear();
  texts.set(text, text);
  return text;
}

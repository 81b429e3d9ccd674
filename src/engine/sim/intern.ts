/**
 * One shared copy of a string the engine builds over and over with the same text (every pod in a
 * namespace gets the same resolv.conf): kept objects then share one flat string instead of each
 * holding its own chain of template pieces. Looking a string up costs a hash of it, so this is for
 * texts built once per object, not on hot paths. The table forgets everything when full: a
 * forgotten text only costs one more copy.
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

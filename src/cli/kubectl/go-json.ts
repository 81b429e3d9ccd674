/**
 * The first syntax error Go's encoding/json reports for a document (its scanner's messages), for
 * the places kubectl hands user text to json.Unmarshal: `invalid character 'x' looking for
 * beginning of value`, `unexpected end of JSON input`, ... undefined when the text is valid JSON.
 */
export function goJsonError(text: string): string | undefined {
  let i = 0;
  const quote = (c: string) => (c === "'" ? "'\\''" : c === '\n' ? "'\\n'" : c === '\t' ? "'\\t'" : `'${c}'`);
  const bad = (context: string) => `invalid character ${quote(text[i]!)} ${context}`;
  const space = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++;
  };
  const value = (): string | undefined => {
    space();
    if (i >= text.length) return 'unexpected end of JSON input';
    const c = text[i]!;
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return string();
    if (c === '-' || (c >= '0' && c <= '9')) return number();
    for (const word of ['true', 'false', 'null']) {
      if (c !== word[0]) continue;
      for (let k = 1; k < word.length; k++) {
        i++;
        if (i >= text.length) return 'unexpected end of JSON input';
        if (text[i] !== word[k]) return bad(`in literal ${word} (expecting '${word[k]}')`);
      }
      i++;
      return undefined;
    }
    return bad('looking for beginning of value');
  };
  const string = (): string | undefined => {
    for (i++; i < text.length; i++) {
      if (text[i] === '"') {
        i++;
        return undefined;
      }
      if (text[i] === '\\') i++;
      else if (text.charCodeAt(i) < 0x20) return bad('in string literal');
    }
    return 'unexpected end of JSON input';
  };
  const number = (): string | undefined => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/.exec(text.slice(i));
    if (!m || m[0] === '-') {
      i += m ? 1 : 0;
      return i >= text.length ? 'unexpected end of JSON input' : bad('in numeric literal');
    }
    i += m[0].length;
    return undefined;
  };
  const object = (): string | undefined => {
    i++;
    space();
    if (text[i] === '}') return void i++;
    for (;;) {
      space();
      if (i >= text.length) return 'unexpected end of JSON input';
      if (text[i] !== '"') return bad('looking for beginning of object key string');
      const err = string() ?? (space(), i >= text.length ? 'unexpected end of JSON input' : text[i] !== ':' ? bad('after object key') : undefined);
      if (err) return err;
      i++;
      const inner = value();
      if (inner) return inner;
      space();
      if (i >= text.length) return 'unexpected end of JSON input';
      if (text[i] === '}') return void i++;
      if (text[i] !== ',') return bad('after object key:value pair');
      i++;
    }
  };
  const array = (): string | undefined => {
    i++;
    space();
    if (text[i] === ']') return void i++;
    for (;;) {
      const inner = value();
      if (inner) return inner;
      space();
      if (i >= text.length) return 'unexpected end of JSON input';
      if (text[i] === ']') return void i++;
      if (text[i] !== ',') return bad('after array element');
      i++;
    }
  };
  const err = value();
  if (err) return err;
  space();
  return i < text.length ? bad('after top-level value') : undefined;
}

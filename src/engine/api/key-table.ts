/**
 * Strings built from two parts, each built once and then found again: object keys
 * (`namespace/name`) and etcd keys. Controllers, informers and the API server name the same few
 * thousand objects millions of times; building the string anew each time also meant hashing it
 * anew for the map it went into, where a kept string carries its hash. A name is the same
 * string in every version of an object, so its own hash is computed once too. Everything is
 * forgotten at once past `max` strings, which only very long runs reach.
 */
export class KeyTable<A> {
  readonly #byFirst = new Map<A, Map<string, string>>();
  #count = 0;

  constructor(
    private readonly build: (first: A, second: string) => string,
    private readonly max: number,
  ) {}

  get(first: A, second: string): string {
    let bySecond = this.#byFirst.get(first);
    if (bySecond === undefined) this.#byFirst.set(first, (bySecond = new Map<string, string>()));
    let key = bySecond.get(second);
    if (key === undefined) {
      key = this.build(first, second);
      if (++this.#count > this.max) {
        this.#byFirst.clear();
        this.#count = 1;
        this.#byFirst.set(first, (bySecond = new Map<string, string>()));
      }
      bySecond.set(second, key);
    }
    return key;
  }
}

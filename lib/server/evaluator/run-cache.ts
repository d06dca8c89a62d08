/**
 * Values read once per run and kept for the pages that need them again: a busy credential's events are spread over
 * the whole activity log, so reading the versions of a page's credentials per page read that credential's versions on
 * every page. Bounded, so a large inventory is not held whole: past the bound it starts over (events spread evenly
 * over more credentials than the bound then gain nothing, and lose nothing but the bookkeeping).
 */
export class RunCache<V> {
  private readonly known = new Map<string, V>();

  constructor(
    /** Reads the values of keys not known yet; a key it does not answer gets `absent`. */
    private readonly load: (keys: string[]) => Promise<Map<string, V>>,
    private readonly absent: V,
    private readonly limit: number,
  ) {}

  /**
   * The values of these keys, as a map of the page's own: a later page may start the cache over while this one is
   * still being read, and pages may be read two at a time (both may then load a key neither knew; no harm).
   */
  async of(keys: Iterable<string>): Promise<Map<string, V>> {
    const wanted = new Set(keys);
    const missing = [...wanted].filter((key) => !this.known.has(key));
    const loaded = missing.length ? await this.load(missing) : new Map<string, V>();
    const page = new Map<string, V>();
    for (const key of wanted) page.set(key, this.known.get(key) ?? loaded.get(key) ?? this.absent);
    if (this.known.size + missing.length > this.limit) this.known.clear();
    for (const key of missing) this.known.set(key, page.get(key)!);
    return page;
  }
}

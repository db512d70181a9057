/**
 * A function of one string, remembered: names and words recur in every article. The cache is
 * bounded, since a worker that extracts for days meets every word of the language and more.
 */
export function memo<T>(fn: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key: string) => {
    let v = cache.get(key);
    if (v === undefined && !cache.has(key)) {
      v = fn(key);
      if (cache.size > 50_000) cache.clear();
      cache.set(key, v);
    }
    return v as T;
  };
}

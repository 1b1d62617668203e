/**
 * `work` done once per key: its answers kept, at most `limit` of them, then all forgotten at once (a running server
 * meets few keys — days, weeks, fiscal years, Accept-Encoding headers, heat-map strips — so no least-recently-used
 * order is worth its cost; decision 0027). Further arguments only help work an answer out: the key alone must
 * determine it. An answer of `undefined` is not kept.
 */
export function keptPerKey<K, A extends unknown[], V>(work: (key: K, ...args: A) => V, limit: number): (key: K, ...args: A) => V {
  const kept = new Map<K, V>();
  return (key, ...args) => {
    let answer = kept.get(key);
    if (answer === undefined) {
      answer = work(key, ...args);
      if (kept.size >= limit) kept.clear();
      kept.set(key, answer);
    }
    return answer;
  };
}

/**
 * The only network access left in a worker that runs user code: GETs of the app's own runtime
 * files under one URL prefix (Pyodide's wasm and standard library, `<origin><base>pyodide/`), and
 * only while the runtime that needs them loads. `src/worker/lockdown.ts` hands the real `fetch`
 * here before it takes the global away; user code never sees it (the global `fetch` reads
 * `undefined` outside `withAssetFetch`, and a restricted function inside it).
 */

/** WHATWG URL, present in browsers and Node (src/ is type-checked without DOM or Node types). */
declare const URL: new (url: string, base?: string) => { href: string };

type FetchLike = (input: string, init?: { method?: string; credentials?: string }) => Promise<unknown>;

let realFetch: FetchLike | undefined;
let current: FetchLike | undefined;

/** Called once by the worker lockdown with the fetch it removes from the global scope. */
export function captureFetch(fetch: FetchLike): void {
  realFetch ??= fetch;
}

/** What the worker's global `fetch` reads: `undefined`, or the restricted fetch during `withAssetFetch`. */
export function currentAssetFetch(): FetchLike | undefined {
  return current;
}

/**
 * A fetch that only GETs URLs under `prefix`; anything else is refused before a request is made.
 * @example restrictedFetch(fetch, 'http://localhost:4173/pyodide/')('https://example.org/') // rejects
 */
export function restrictedFetch(fetch: FetchLike, prefix: string): FetchLike {
  return (input) => {
    const raw = typeof input === 'string' ? input : String((input as { url?: string }).url ?? input);
    let href: string;
    try {
      href = new URL(raw, prefix).href;
    } catch {
      return Promise.reject(new TypeError(`fetch is not available to components (bad URL)`));
    }
    if (!href.startsWith(prefix)) return Promise.reject(new TypeError(`fetch is not available to components (${href.slice(0, 80)})`));
    return fetch(href, { method: 'GET', credentials: 'same-origin' });
  };
}

/**
 * Runs `load` with a global `fetch` that can only GET files under `prefix`. Outside a locked-down
 * worker (Node, tests) it just runs `load`.
 */
export async function withAssetFetch<T>(prefix: string, load: () => Promise<T>): Promise<T> {
  if (realFetch === undefined) return load();
  current = restrictedFetch(realFetch, prefix);
  try {
    return await load();
  } finally {
    current = undefined;
  }
}

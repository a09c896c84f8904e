// Calls on the nhsgraph HTTP API. Errors carry the API's own message.
//
// Answers are kept for the life of the page: the view is rebuilt by
// replaying its steps, and a step must not ask the server again (a Gizmo
// query that failed once is not sent again either). A busy or timed-out
// answer (5xx) is not kept, so trying again asks again.

export class APIError extends Error {
  constructor(status, body) {
    super((body && body.error) || `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

async function call(url, init) {
  const res = await fetch(url, init);
  let body = null;
  const text = await res.text();
  try { body = JSON.parse(text); } catch { body = { error: text }; }
  if (!res.ok) throw new APIError(res.status, body);
  return body;
}

const kept = new Map();
function remember(key, fetcher) {
  if (!kept.has(key)) {
    const p = fetcher();
    p.catch((err) => { if (!(err instanceof APIError) || err.status >= 500) kept.delete(key); });
    kept.set(key, p);
  }
  return kept.get(key);
}
const get = (url) => remember(url, () => call(url));

const bare = (iri) => iri.replace(/^<|>$/g, '');
const q = encodeURIComponent;

export const api = {
  search: (s, limit = 8) => call(`/api/v1/entities?q=${q(s)}&limit=${limit}`),
  entity: (iri) => get(`/api/v1/entity?limit=200&iri=${q(bare(iri))}`),
  // neighbours is one page of a node's neighbours; filter may name a
  // predicate p, a direction d (out or in) and a type t.
  neighbours(iri, filter = {}, offset = 0, limit = 20) {
    let url = `/api/v1/neighbours?iri=${q(bare(iri))}&offset=${offset}&limit=${limit}`;
    if (filter.p) url += `&predicate=${q(filter.p)}`;
    if (filter.d) url += `&direction=${filter.d}`;
    if (filter.t) url += `&type=${q(filter.t)}`;
    return get(url);
  },
  pathsURL: (from, to, maxHops = 4, k = 5) =>
    `/api/v1/paths?from=${q(bare(from))}&to=${q(bare(to))}&max_hops=${maxHops}&k=${k}`,
  paths(from, to) { return get(this.pathsURL(from, to)); },
  chainsURL: (types) => `/api/v1/chains?types=${q(types)}`,
  chains(types) { return get(this.chainsURL(types)); },
  document: (iri) => get(`/api/v1/document?iri=${q(bare(iri))}`),
  schema: () => get('/api/v1/schema'),
  // gizmo runs a script; limit -1 asks for as many rows as the server gives.
  gizmo: (script, limit = 500) => remember(`gizmo ${limit} ${script}`,
    () => call(`/api/v1/query/gizmo?limit=${limit}`, { method: 'POST', body: script })),
  // csv fetches an answer as the API writes it in CSV.
  async csv(url) {
    const res = await fetch(url, { headers: { Accept: 'text/csv' } });
    if (!res.ok) throw new APIError(res.status, await res.json().catch(() => null));
    return res.blob();
  },
};

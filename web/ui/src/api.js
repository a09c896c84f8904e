// Calls on the nhsgraph HTTP API. Errors carry the API's own message.

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

const bare = (iri) => iri.replace(/^<|>$/g, '');
const entityCache = new Map();

export const api = {
  search: (q, limit = 8) => call(`/api/v1/entities?q=${encodeURIComponent(q)}&limit=${limit}`),
  // entity is cached: the explorer asks for the same nodes often.
  entity(iri) {
    if (!entityCache.has(iri)) {
      const p = call(`/api/v1/entity?limit=200&iri=${encodeURIComponent(bare(iri))}`);
      p.catch(() => entityCache.delete(iri));
      entityCache.set(iri, p);
    }
    return entityCache.get(iri);
  },
  paths: (from, to, maxHops = 4, k = 5) =>
    call(`/api/v1/paths?from=${encodeURIComponent(bare(from))}&to=${encodeURIComponent(bare(to))}&max_hops=${maxHops}&k=${k}`),
  chains: (types) => call(`/api/v1/chains?types=${encodeURIComponent(types)}`),
  document: (iri) => call(`/api/v1/document?iri=${encodeURIComponent(bare(iri))}`),
  gizmo: (script, limit = 500) => call(`/api/v1/query/gizmo?limit=${limit}`, { method: 'POST', body: script }),
};

package loader

import (
	"hash/maphash"
	"math"

	"github.com/cayleygraph/quad"
)

// quadIndex finds quads in a list the caller owns, by a hash of their
// values' contents. A map keyed by quad.Quad hashes and compares four
// interfaces per look-up (16% of extraction went to it); this hashes the
// strings once and compares quads only when the hashes agree, so a quad is
// found exactly when an equal one (==, as a map key would be) is in the list.
type quadIndex struct {
	seed maphash.Seed
	head map[uint64]int32 // hash: the last index added with it
	next []int32          // per index added: the one before it with its hash, or -1
	at   []int32          // per index added: where it is in the list
}

func newQuadIndex(size int) *quadIndex {
	return &quadIndex{seed: maphash.MakeSeed(), head: make(map[uint64]int32, size)}
}

// has reports whether a quad equal to q is at an index added from list.
func (x *quadIndex) has(list []quad.Quad, q quad.Quad, h uint64) bool {
	i, ok := x.head[h]
	for ok && i >= 0 {
		if list[x.at[i]] == q {
			return true
		}
		i = x.next[i]
	}
	return false
}

// add records that the quad at list index at hashes to h.
func (x *quadIndex) add(h uint64, at int) {
	prev, ok := x.head[h]
	if !ok {
		prev = -1
	}
	x.head[h] = int32(len(x.next))
	x.next = append(x.next, prev)
	x.at = append(x.at, int32(at))
}

func (x *quadIndex) reset() {
	clear(x.head)
	x.next, x.at = x.next[:0], x.at[:0]
}

// hash is the same for equal quads: each value's hash depends on its
// type and on what == compares.
func (x *quadIndex) hash(q quad.Quad) uint64 {
	h := x.value(q.Subject)
	h = (h^x.value(q.Predicate))*0x9e3779b97f4a7c15 + 1
	h = (h^x.value(q.Object))*0x9e3779b97f4a7c15 + 2
	return (h ^ x.value(q.Label)) * 0x9e3779b97f4a7c15
}

func (x *quadIndex) value(v quad.Value) uint64 {
	switch v := v.(type) {
	case nil:
		return 0
	case quad.IRI:
		return maphash.String(x.seed, string(v)) ^ 1
	case quad.String:
		return maphash.String(x.seed, string(v)) ^ 2
	case quad.Int:
		return mix(uint64(v)) ^ 3
	case quad.Float:
		if v == 0 {
			return 4 // +0 and -0 are equal
		}
		return mix(math.Float64bits(float64(v))) ^ 4
	}
	return maphash.String(x.seed, v.String()) // equal values print alike
}

// mix spreads the bits of n (murmur3's finaliser).
func mix(n uint64) uint64 {
	n ^= n >> 33
	n *= 0xff51afd7ed558ccd
	n ^= n >> 33
	n *= 0xc4ceb9fe1a85ec53
	return n ^ n>>33
}

// valueMap is a map keyed by quad.Value that keeps IRIs, nearly every
// subject, in a map of strings, cheaper to hash than an interface.
type valueMap struct {
	iri   map[quad.IRI]quad.Value
	other map[quad.Value]quad.Value
}

func newValueMap() valueMap {
	return valueMap{iri: map[quad.IRI]quad.Value{}, other: map[quad.Value]quad.Value{}}
}

func (m valueMap) get(k quad.Value) (quad.Value, bool) {
	if s, ok := k.(quad.IRI); ok {
		v, ok := m.iri[s]
		return v, ok
	}
	v, ok := m.other[k]
	return v, ok
}

func (m valueMap) set(k, v quad.Value) {
	if s, ok := k.(quad.IRI); ok {
		m.iri[s] = v
		return
	}
	m.other[k] = v
}

func (m valueMap) clear() {
	clear(m.iri)
	clear(m.other)
}

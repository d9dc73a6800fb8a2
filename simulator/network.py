"""The follower network, frozen into CSR arrays for the hot path.

An edge u -> v means v follows u: v sees what u posts. `indices[indptr[u]:indptr[u+1]]`
are u's followers, sorted. Node 0 is the brand, nodes 1..P the scenario's
personas in order, the rest generated accounts.

`scale_free` is our own vectorised Chung-Lu style generator (follower counts
power-law with exponent 2.2, capped; following counts capped; ~20% reciprocity;
communities with ~20% cross links). The other models are networkx generators,
fine up to 200,000 accounts and for analysis (`to_networkx`). Built networks are
cached (cache.py) keyed by everything that shapes them, and read back memory-mapped.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import networkx as nx
import numpy as np
from stormdrill.scenarios.vocabulary import PRESS_KINDS

from . import cache, rng
from .cache import cache_dir
from .model_numbers import ACTIVITY_CAP, ACTIVITY_EXPONENT

GENERATOR_VERSION = 3
FOLLOWER_EXPONENT = 2.2  # P(followers = d) ~ d^-2.2
FOLLOWING_EXPONENT = 2.6
RECIPROCITY = 0.2
LOCAL_SHARE = 0.8  # edges within a community
SPECIAL_SHARE_CAP = 0.5  # a named account follows-in at most half the network


@dataclass(frozen=True)
class Account:
    """A named node: the brand or a persona."""

    followers: int
    kind: str = "customer"  # a persona kind (scenarios.vocabulary.PERSONA_KINDS) or brand
    customer: bool = True


@dataclass(frozen=True)
class NetworkSpec:
    size: int
    model: str = "scale_free"
    seed: int = 1
    customers: float = 0.3
    mean_followers: int = 20
    named: tuple[Account, ...] = ()  # brand first, then personas

    def cache_key(self) -> str:
        payload = json.dumps(
            [
                GENERATOR_VERSION,
                self.size,
                self.model,
                self.seed,
                self.customers,
                self.mean_followers,
                [(a.followers, a.kind, a.customer) for a in self.named],
            ]
        )
        return hashlib.sha256(payload.encode()).hexdigest()[:20]


@dataclass
class Network:
    indptr: np.ndarray  # int64, size + 1
    indices: np.ndarray  # int32, followers of each node, sorted per row
    customer: np.ndarray  # bool
    influencer: np.ndarray  # bool
    media: np.ndarray  # bool
    propensity: np.ndarray  # float32, reshare propensity, mean ~1
    named: int = 1  # nodes 0..named-1 are the brand and personas

    @property
    def size(self) -> int:
        return len(self.indptr) - 1

    @property
    def edges(self) -> int:
        return len(self.indices)

    @cached_property
    def follower_counts(self) -> np.ndarray:
        return np.diff(self.indptr)

    @cached_property
    def reshare_weight(self) -> np.ndarray:
        """Each account's reshare propensity times its activity, (followers / mean)^a, mean 1.

        Accounts that share a lot gather followers (model_numbers.ACTIVITY_EXPONENT); the brand's
        weight stays 0. Derived, not cached to disk: the network file is unchanged.
        """
        counts = self.follower_counts.astype(np.float64)
        activity = np.minimum((counts / max(counts.mean(), 1.0)) ** ACTIVITY_EXPONENT, ACTIVITY_CAP)
        weight = self.propensity * activity
        mean = weight.mean()
        return (weight / mean if mean > 0 else weight).astype(np.float32)

    def followers(self, node: int) -> np.ndarray:
        return self.indices[self.indptr[node] : self.indptr[node + 1]]

    @property
    def nbytes(self) -> int:
        return sum(
            a.nbytes
            for a in (
                self.indptr,
                self.indices,
                self.customer,
                self.influencer,
                self.media,
                self.propensity,
            )
        )

    def to_networkx(self) -> nx.DiGraph:
        """A networkx DiGraph (u -> v: v follows u) for analysis of small networks."""
        graph: nx.DiGraph[int] = nx.DiGraph()
        graph.add_nodes_from(range(self.size))
        sources = np.repeat(np.arange(self.size), self.follower_counts)
        graph.add_edges_from(zip(sources.tolist(), self.indices.tolist(), strict=True))
        return graph


def spec_for(scenario) -> NetworkSpec:
    """The network a scenario asks for, its brand and personas included."""
    net = scenario.network
    named = [Account(scenario.brand.followers, "brand", customer=False)]
    for persona in scenario.personas:
        named.append(Account(persona.followers, persona.kind, customer=persona.kind == "customer"))
    return NetworkSpec(
        net.size, net.model, net.seed, net.customers, net.mean_followers, tuple(named)
    )


ARRAYS = ("indptr", "indices", "customer", "influencer", "media", "propensity")


def load_or_build(spec: NetworkSpec, use_cache: bool = True) -> Network:
    """The network for `spec`: from the cache, memory-mapped, when it is there; else built (and
    then saved to the cache). An older version's single .npz file is read once and replaced."""
    folder = cache_dir()
    path = folder / f"{spec.cache_key()}{cache.ENTRY}"
    if use_cache:
        found = cache.load(path, ARRAYS)
        if found is not None:
            arrays, meta = found
            net = Network(**arrays, named=int(meta["named"]))
            if net.size == spec.size and net.named == len(spec.named):
                return net
        cache.remove(path)  # damaged, or of another format: built again below
        old = folder / f"{spec.cache_key()}.npz"
        legacy = _read_npz(old, spec)
        if legacy is not None:
            save(legacy, path)
            with contextlib.suppress(OSError):
                old.unlink()
            return legacy
    net = build(spec)
    if use_cache:
        save(net, path)
    return net


def _read_npz(path: Path, spec: NetworkSpec) -> Network | None:
    """A network cached by an older version, as one .npz file (same arrays, same key)."""
    if not path.is_file():
        return None
    try:
        with np.load(path) as data:
            net = Network(**{k: data[k] for k in ARRAYS}, named=int(data["named"]))
    except (OSError, ValueError, KeyError, EOFError):
        return None  # a damaged cache file is rebuilt
    return net if net.size == spec.size and net.named == len(spec.named) else None


def save(net: Network, path: Path) -> None:
    cache.store(path, {k: getattr(net, k) for k in ARRAYS}, {"named": net.named, "size": net.size})


def build(spec: NetworkSpec) -> Network:
    """Build the network for `spec`: ~4.5 bytes per follower edge; the peak is the finished
    edges (4 bytes each), the per-account arrays and ~50 MB of chunks.

    Edges are generated in chunks of source accounts as int32 and poured into the CSR arrays by
    counting (a pass that counts each row, a pass that fills it), then each row is sorted in
    place. The random stream is the one a single whole-array pass would draw, so a seed gives
    the same network however it is chunked.
    """
    if spec.size < len(spec.named) + 10:
        raise ValueError(
            f"a network of {spec.size} accounts is too small for {len(spec.named)} named accounts"
        )
    gen = rng.keyed_generator(rng.NETWORK, spec.seed, spec.size)
    if spec.model == "scale_free":
        chunks = _scale_free_chunks(spec, gen)
    else:
        chunks = _networkx_chunks(spec, gen)
    from . import jit  # numba: only where a network is built

    indptr, indices = jit.csr(spec.size, chunks)
    return _with_attributes(spec, gen, indptr, indices)


# chunks(fill): (rows, followers) as int32; with fill False the followers may be left out (None)
Chunks = Callable[[bool], Iterator[tuple[np.ndarray, np.ndarray | None]]]


def _fork(gen: np.random.Generator) -> np.random.Generator:
    """An independent generator at the same point of the same stream."""
    bits = type(gen.bit_generator)()
    bits.state = gen.bit_generator.state
    return np.random.Generator(bits)


def _skip(gen: np.random.Generator, draws: int) -> None:
    """Move `gen` past `draws` 64-bit draws, keeping a half-used 32-bit draw as drawing would."""
    bits = gen.bit_generator
    assert isinstance(bits, np.random.PCG64)  # rng.keyed_generator's; not every kind can advance
    half = bits.state
    bits.advance(draws)  # advance() forgets the buffered half: put it back
    bits.state = {**bits.state, "has_uint32": half["has_uint32"], "uinteger": half["uinteger"]}


def _follower_weights(size: int, mean: float, gen: np.random.Generator) -> np.ndarray:
    """Heavy-tailed follower counts (Pareto with density exponent 2.2), scaled to the mean, capped."""
    alpha = FOLLOWER_EXPONENT - 1.0
    raw = (1.0 - gen.random(size)) ** (-1.0 / alpha)
    raw = np.minimum(raw, 1e4)
    cap = max(50.0, size / 25.0)
    scale = mean * size / raw.sum()
    for _ in range(4):  # the cap removes mass; rescale until the mean holds
        counts = np.minimum(raw * scale, cap)
        scale *= mean * size / counts.sum()
    del raw
    whole = np.floor(counts)
    return (whole + (gen.random(size) < counts - whole)).astype(np.int32)


def _communities(size: int, gen: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Contiguous blocks of nodes: (community of each node, start of each community + end)."""
    count = max(4, size // 1000)
    cuts = np.sort(gen.choice(np.arange(1, size), size=count - 1, replace=False))
    bounds = np.concatenate(([0], cuts, [size]))
    community = np.repeat(np.arange(count, dtype=np.int32), np.diff(bounds))
    return community, bounds


CHUNK_EDGES = 1 << 21  # edges generated at a time (~50 MB of temporaries)


def _source_chunks(followers: np.ndarray) -> list[tuple[int, int]]:
    """Ranges of source accounts with about CHUNK_EDGES edges each."""
    edge_end = np.cumsum(followers, dtype=np.int64)
    cuts = np.searchsorted(edge_end, np.arange(CHUNK_EDGES, edge_end[-1], CHUNK_EDGES))
    bounds = np.unique(np.concatenate(([0], cuts + 1, [len(followers)])))
    return list(zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True))


def _scale_free_chunks(spec: NetworkSpec, gen: np.random.Generator) -> Chunks:
    """Our Chung-Lu style generator, as edge chunks; `gen` is left after the named accounts' draws.

    The random stream, in order: follower counts, following weights, communities; per edge
    whether it stays in its community; the target of each edge that does; sorted targets for
    the rest, then their shuffle; per edge whether it is followed back; the named accounts.
    The chunks take their part of each from generators forked at the start of each part.
    """
    n, named = spec.size, len(spec.named)
    # Reciprocal edges come on top of the sampled ones; sample fewer so the mean holds.
    followers = _follower_weights(n, spec.mean_followers / (1.0 + RECIPROCITY), gen)
    followers[:named] = 0  # named accounts get their followers in _named_edges
    # Following propensity: heavy-tailed but capped (platforms cap how many you can follow).
    following = np.minimum((1.0 - gen.random(n)) ** (-1.0 / (FOLLOWING_EXPONENT - 1.0)), 100.0)
    following[:named] = 0.0
    cumulative = np.cumsum(following, out=following)  # in place: one array per account less
    community, bounds = _communities(n, gen)
    low = np.where(bounds[:-1] > 0, cumulative[bounds[:-1] - 1], 0.0)
    width = cumulative[bounds[1:] - 1] - low
    # Big accounts are followed across communities: a community can't hold their audience.
    fits = followers <= 0.2 * np.diff(bounds)[community]
    from . import jit

    ranges = _source_chunks(followers)
    edges = int(followers.sum(dtype=np.int64))

    def sources(a: int, b: int) -> np.ndarray:
        return np.repeat(np.arange(a, b, dtype=np.int32), followers[a:b])

    def is_local(draws: np.random.Generator, src: np.ndarray) -> np.ndarray:
        return (draws.random(len(src)) < LOCAL_SHARE) & fits[src]

    local_at = _fork(gen)
    in_community = 0
    for a, b in ranges:
        in_community += int(np.count_nonzero(is_local(gen, sources(a, b))))
    within_at = _fork(gen)
    # Across communities: sorted draws searched in one sweep; a shuffle restores the pairing.
    _skip(gen, in_community)
    draw = gen.random(edges - in_community)
    draw *= cumulative[-1]
    draw.sort()
    across = jit.search_sorted(cumulative, draw)
    del draw
    gen.shuffle(across)
    back_at = _fork(gen)
    _skip(gen, edges)  # reciprocity: some followed accounts follow back
    extra = _named_edges(spec, gen)

    def within(src: np.ndarray, u: np.ndarray) -> np.ndarray:
        """Targets in the source's community: a search that starts at the community's start."""
        comm = community[src]
        return jit.search_from(cumulative, low[comm] + u * width[comm], bounds, comm)

    def chunks(fill: bool) -> Iterator[tuple[np.ndarray, np.ndarray | None]]:
        nonlocal followers, cumulative, community, fits, across
        local_draws, within_draws, back_draws = _fork(local_at), _fork(within_at), _fork(back_at)
        taken = 0
        for a, b in ranges:
            src = sources(a, b)
            local = is_local(local_draws, src)
            u = within_draws.random(int(np.count_nonzero(local)))
            spread = across[taken : taken + len(src) - len(u)]
            taken += len(spread)
            back = back_draws.random(len(src)) < RECIPROCITY
            if not fill:  # counting: the rows are the sources, and the followed back
                yield src, None
                kept = back[local]
                yield within(src[local][kept], u[kept]), None
                yield spread[back[~local]], None
                continue
            targets = np.empty(len(src), dtype=np.int32)
            targets[local] = within(src[local], u)
            targets[~local] = spread
            yield src, targets
            yield targets[back], src[back]
        yield from extra
        if fill:  # the last pass: let go of the generator's arrays before the rows are sorted
            followers = cumulative = community = fits = across = None  # type: ignore[assignment]

    return chunks


def _networkx_chunks(spec: NetworkSpec, gen: np.random.Generator) -> Chunks:
    n, k = spec.size, max(1, spec.mean_followers // 2)
    seed = int(gen.integers(0, 2**31))
    if spec.model == "barabasi_albert":
        graph = nx.barabasi_albert_graph(n, k, seed=seed)
    elif spec.model == "small_world":
        graph = nx.watts_strogatz_graph(n, 2 * k, 0.1, seed=seed)
    elif spec.model == "random":
        graph = nx.fast_gnp_random_graph(n, spec.mean_followers / max(1, n - 1), seed=seed)
    else:
        raise ValueError(f"unknown network model {spec.model!r}")
    pairs = np.fromiter((x for edge in graph.edges() for x in edge), dtype=np.int32).reshape(-1, 2)
    del graph  # a friendship in an undirected graph is a mutual follow:
    sources = np.concatenate((pairs[:, 0], pairs[:, 1]))
    targets = np.concatenate((pairs[:, 1], pairs[:, 0]))
    keep = sources >= len(spec.named)  # named accounts get their own followers below
    edges = [(sources[keep], targets[keep]), *_named_edges(spec, gen)]
    return lambda fill: iter(edges)


def _named_edges(
    spec: NetworkSpec, gen: np.random.Generator
) -> list[tuple[np.ndarray, np.ndarray]]:
    """The brand and personas: their followers drawn from the whole network, up to half of it."""
    n, named = spec.size, len(spec.named)
    edges = []
    for node, account in enumerate(spec.named):
        count = int(min(account.followers, n * SPECIAL_SHARE_CAP))
        if count:
            chosen = gen.choice(n - named, size=count, replace=False) + named
            edges.append((np.full(count, node, dtype=np.int32), chosen.astype(np.int32)))
    return edges


def _with_attributes(spec: NetworkSpec, gen: np.random.Generator, indptr, indices) -> Network:
    n = spec.size
    counts = np.diff(indptr)
    customer = gen.random(n) < spec.customers
    top = max(1, n // 1000)  # the top 0.1% by followers act as influencers
    threshold = np.partition(counts, -top)[-top]
    influencer = counts >= max(threshold, 10)
    media = np.zeros(n, dtype=bool)
    propensity = np.exp(gen.normal(-0.125, 0.5, n)).astype(np.float32)  # lognormal, mean 1
    for node, account in enumerate(spec.named):
        customer[node] = account.customer
        influencer[node] = account.kind == "influencer"
        media[node] = account.kind in PRESS_KINDS
    propensity[0] = 0.0  # the brand never reshares a complaint
    return Network(indptr, indices, customer, influencer, media, propensity, named=len(spec.named))

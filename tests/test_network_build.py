"""The network build by counting, the memory-mapped cache and the compiled cascade kernel.

References are the plain whole-array versions they replace: the same network for a seed, the
same cascade for a key (and the same distribution where the kernel skips), read back as built.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from stormdrill.simulator import cache, jit, network, rng
from stormdrill.simulator.cascade import independent_cascade
from stormdrill.simulator.network import Account, NetworkSpec, build, load_or_build

from .conftest import ROOT

NAMED = (Account(0, "brand", customer=False), Account(300, "influencer"), Account(40, "press"))


def reference_csr(n, sources, targets):
    """Sorted 64-bit keys: the way the CSR was built before."""
    keys = (sources.astype(np.int64) << 32) | targets.astype(np.int64)
    keys = np.unique(keys[sources != targets])
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(keys >> 32, minlength=n), out=indptr[1:])
    return indptr, (keys & 0xFFFFFFFF).astype(np.int32)


def reference_scale_free(spec: NetworkSpec):
    """The generator as one whole-array pass (the version before chunks), as CSR arrays."""
    gen = rng.keyed_generator(rng.NETWORK, spec.seed, spec.size)
    n, named = spec.size, len(spec.named)
    followers = network._follower_weights(n, spec.mean_followers / 1.2, gen).astype(np.int64)
    followers[:named] = 0
    following = np.minimum((1.0 - gen.random(n)) ** (-1.0 / 1.6), 100.0)
    following[:named] = 0.0
    cumulative = np.cumsum(following)
    community, bounds = network._communities(n, gen)
    low = np.concatenate(([0.0], cumulative))[bounds[:-1]]
    high = cumulative[bounds[1:] - 1]
    sources = np.repeat(np.arange(n, dtype=np.int64), followers)
    targets = np.empty(len(sources), dtype=np.int64)
    fits = followers <= 0.2 * np.diff(bounds)[community]
    local = (gen.random(len(sources)) < 0.8) & fits[sources]
    comm = community[sources[local]]
    draw = low[comm] + gen.random(len(comm)) * (high[comm] - low[comm])
    targets[local] = np.searchsorted(cumulative, draw, side="right")
    draw = np.sort(gen.random(int((~local).sum())) * cumulative[-1])
    targets[~local] = gen.permutation(np.searchsorted(cumulative, draw, side="right"))
    np.minimum(targets, n - 1, out=targets)
    back = gen.random(len(sources)) < 0.2
    sources, targets = (
        np.concatenate((sources, targets[back])),
        np.concatenate((targets, sources[back])),
    )
    for node, account in enumerate(spec.named):
        count = int(min(account.followers, n * 0.5))
        if count:
            chosen = gen.choice(n - named, size=count, replace=False) + named
            sources = np.concatenate((sources, np.full(count, node)))
            targets = np.concatenate((targets, chosen))
    return reference_csr(n, sources, targets)


@given(
    st.integers(1, 40).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=300),
            st.integers(1, 5),
        )
    )
)
def test_the_csr_by_counting_is_the_sorted_one(case):
    n, edges, parts = case
    pairs = np.array(edges, dtype=np.int32).reshape(-1, 2)
    chunks = np.array_split(pairs, parts)  # repeats and self-links across chunks too
    indptr, indices = jit.csr(n, lambda fill: ((c[:, 0], c[:, 1]) for c in chunks))
    want_ptr, want = reference_csr(n, pairs[:, 0], pairs[:, 1])
    assert indptr.tolist() == want_ptr.tolist() and indices.tolist() == want.tolist()


@pytest.mark.parametrize("size,chunk", [(3_000, 1 << 21), (3_000, 997), (40_000, 50_000)])
def test_a_seed_gives_the_network_the_whole_array_build_gave(size, chunk, monkeypatch):
    monkeypatch.setattr(network, "CHUNK_EDGES", chunk)  # many chunks: the stream is cut often
    spec = NetworkSpec(size, seed=11, named=NAMED)
    net = build(spec)
    indptr, indices = reference_scale_free(spec)
    assert np.array_equal(net.indptr, indptr) and np.array_equal(net.indices, indices)
    assert net.indices.dtype == np.int32 and net.edges == len(indices)


def test_networkx_models_are_built_by_counting_too():
    net = build(NetworkSpec(1_000, model="small_world", seed=3, mean_followers=6, named=NAMED))
    rows = np.repeat(np.arange(net.size), net.follower_counts)
    assert np.all(net.indices != rows)  # no self-links
    keys = rows.astype(np.int64) * net.size + net.indices
    assert np.all(np.diff(keys) > 0)  # sorted rows, no repeats
    assert net.follower_counts[1] == 300  # the influencer's followers, drawn


def test_the_cache_is_read_memory_mapped_and_read_only(tmp_path, monkeypatch):
    monkeypatch.setenv("STORMDRILL_CACHE", str(tmp_path))
    spec = NetworkSpec(2_000, seed=5, named=NAMED)
    built = load_or_build(spec)
    entry = tmp_path / f"{spec.cache_key()}{cache.ENTRY}"
    assert sorted(p.name for p in entry.iterdir()) == sorted(
        [f"{name}.npy" for name in network.ARRAYS] + ["meta.json"]
    )
    loaded = load_or_build(spec)
    assert isinstance(loaded.indices.base, np.memmap) and not loaded.indices.flags.writeable
    for name in network.ARRAYS:
        assert np.array_equal(getattr(loaded, name), getattr(built, name))
    assert cache.info(tmp_path).files == 1 and cache.info(tmp_path).bytes > built.nbytes


def test_an_old_npz_is_read_once_and_replaced(tmp_path, monkeypatch):
    monkeypatch.setenv("STORMDRILL_CACHE", str(tmp_path))
    spec = NetworkSpec(2_000, seed=6, named=NAMED)
    net = build(spec)
    old = tmp_path / f"{spec.cache_key()}.npz"
    np.savez(old, named=np.int64(net.named), **{k: getattr(net, k) for k in network.ARRAYS})
    monkeypatch.setattr(network, "build", lambda spec: pytest.fail("built, not read"))
    loaded = load_or_build(spec)
    assert np.array_equal(loaded.indices, net.indices) and not old.exists()
    assert (tmp_path / f"{spec.cache_key()}{cache.ENTRY}").is_dir()


def test_a_damaged_entry_is_rebuilt_and_a_read_only_cache_is_no_failure(tmp_path, monkeypatch):
    monkeypatch.setenv("STORMDRILL_CACHE", str(tmp_path))
    spec = NetworkSpec(2_000, seed=7, named=NAMED)
    want = build(spec).indices
    load_or_build(spec)
    entry = tmp_path / f"{spec.cache_key()}{cache.ENTRY}"
    (entry / "indices.npy").write_bytes(b"not an array")
    assert np.array_equal(load_or_build(spec).indices, want)
    assert np.array_equal(cache.load(entry, network.ARRAYS)[0]["indices"], want)  # replaced
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    monkeypatch.setenv("STORMDRILL_CACHE", str(blocked / "cache"))  # can't be made
    assert np.array_equal(load_or_build(spec).indices, want)


def reference_cascade(net, seeds, p, key):
    """The vectorised kernel the compiled one replaces: one keyed draw per (source, follower)."""
    active = np.zeros(net.size, dtype=bool)
    frontier = np.asarray(seeds, dtype=np.int64)
    active[frontier] = True
    total, generation = len(frontier), 0
    odd = np.uint64(0xD6E8FEB86659FD93)
    while len(frontier):
        generation += 1
        rep = np.repeat(frontier, net.follower_counts[frontier])
        followers = np.concatenate([net.followers(s) for s in frontier]).astype(np.int64)
        h = rng.mix_array(
            (rep.astype(np.uint64) * odd)
            ^ followers.astype(np.uint64)
            ^ np.uint64(rng.key(key, generation))
        )
        hit = followers[(h >> np.uint64(11)).astype(np.float64) * (1.0 / (1 << 53)) < p]
        fresh = np.unique(hit[~active[hit]])
        active[fresh] = True
        total += len(fresh)
        frontier = fresh
    return total


@pytest.fixture(scope="module")
def small_net():
    return build(NetworkSpec(20_000, seed=2, named=NAMED))


def seed_sets(net, count, seeds=20):
    chooser = np.random.default_rng(3)
    return [chooser.choice(np.arange(3, net.size), seeds, replace=False) for _ in range(count)]


@pytest.mark.parametrize("p", [jit.SKIP_BELOW, 0.2, 1.0])
def test_the_kernel_gives_the_reference_cascade_for_each_key(small_net, p):
    for key, seeds in enumerate(seed_sets(small_net, 30)):
        assert independent_cascade(small_net, seeds, p, key) == reference_cascade(
            small_net, seeds, p, key
        )


def test_the_kernel_is_the_same_for_a_key_and_leaves_no_trace(small_net):
    seeds = seed_sets(small_net, 1)[0]
    first = [independent_cascade(small_net, seeds, 0.03, key) for key in range(20)]
    assert [independent_cascade(small_net, seeds, 0.03, key) for key in range(20)] == first
    assert len(set(first)) > 5  # the key matters
    assert independent_cascade(small_net, seeds, 0.0, 1) == 20


@pytest.mark.slow
@pytest.mark.parametrize("p", [0.01, 0.05])
def test_skipping_gives_the_same_cascade_sizes_in_distribution(small_net, p):
    sets = seed_sets(small_net, 600)
    ours = [independent_cascade(small_net, s, p, key=i) for i, s in enumerate(sets)]
    theirs = [reference_cascade(small_net, s, p, key=10_000 + i) for i, s in enumerate(sets)]
    se = np.sqrt(np.var(ours) / len(ours) + np.var(theirs) / len(theirs))
    assert abs(np.mean(ours) - np.mean(theirs)) < 4 * se
    assert abs(np.mean(ours) - np.mean(theirs)) < 0.1 * np.mean(theirs)


def test_without_a_writable_cache_folder_the_loops_compile_in_memory(tmp_path, small_net):
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    code = (
        "import json, numpy as np\n"
        "from stormdrill.simulator import jit\n"
        "from stormdrill.simulator.cascade import independent_cascade\n"
        "from stormdrill.simulator.network import Account, NetworkSpec, build\n"
        "named = (Account(0, 'brand', customer=False), Account(300, 'influencer'),"
        " Account(40, 'press'))\n"
        "net = build(NetworkSpec(20_000, seed=2, named=named))\n"
        "chooser = np.random.default_rng(3)\n"
        "sets = [chooser.choice(np.arange(3, net.size), 20, replace=False) for _ in range(5)]\n"
        "print(json.dumps([jit.CACHE, int(net.indices.sum()),"
        " [independent_cascade(net, s, 0.03, k) for k, s in enumerate(sets)]]))\n"
    )
    env = dict(os.environ, NUMBA_CACHE_DIR=str(blocked / "numba"), PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    cached, checksum, sizes = json.loads(done.stdout)
    assert cached is False and checksum == int(small_net.indices.sum())
    sets = seed_sets(small_net, 5)
    assert sizes == [independent_cascade(small_net, s, 0.03, k) for k, s in enumerate(sets)]


def test_a_read_only_install_caches_compiled_loops_in_the_user_cache(tmp_path, monkeypatch):
    monkeypatch.delenv("NUMBA_CACHE_DIR", raising=False)
    monkeypatch.setenv("STORMDRILL_CACHE", str(tmp_path / "networks"))
    monkeypatch.setattr(jit, "_writable", lambda folder: "__pycache__" not in str(folder))
    assert jit._choose_cache() == tmp_path / "networks" / "numba" / jit._fingerprint()


def test_a_change_to_either_compiled_file_gets_a_fresh_cache_folder(tmp_path):
    """numba checks only a loop's own file before reusing it: a step loop that calls `jit.mix`
    would otherwise keep the old `mix` after jit.py changed, a different storm with no error."""
    source = Path(jit.__file__).parent
    for name in jit._COMPILED:
        (tmp_path / name).write_bytes((source / name).read_bytes())
    assert jit._fingerprint(tmp_path) == jit._fingerprint()
    seen = {jit._fingerprint()}
    for name in jit._COMPILED:
        (tmp_path / name).write_text((source / name).read_text() + "\n# changed\n")
        seen.add(jit._fingerprint(tmp_path))
    assert len(seen) == 1 + len(jit._COMPILED)


def test_the_cache_folder_reaches_numba_even_when_numba_was_imported_first(tmp_path):
    code = (
        "import numba, numpy as np\n"  # numba reads its settings now, before Stormdrill chose
        "from stormdrill.simulator import jit\n"
        "jit.count_rows(np.zeros(3, dtype=np.int64), np.array([1, 2]))\n"
        "print(jit.FOLDER)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT), NUMBA_CACHE_DIR=str(tmp_path / "numba"))
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    folder = Path(done.stdout.strip())
    assert folder == tmp_path / "numba" / jit._fingerprint()
    assert any(folder.rglob("*count_rows*.nbi"))  # numba kept the loop where Stormdrill chose

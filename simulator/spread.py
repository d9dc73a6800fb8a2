"""The hot path: who sees a share, and who may reshare or pile on later.

A batch of shares (thread, sharer, time) is expanded over the sharers' follower
rows in the CSR arrays (or over an explicit audience: ad viewers, search
readers). Each (share, follower) pair gets one keyed 64-bit draw: seen with
probability `visibility`; given seen, a reshare candidate with probability
p_gen = reshare × reshare weight (network.py) × HEAT_CAP, and (customers only) a pile-on
candidate. Candidates get a delay from the attention kernel and an acceptance
draw; when they fall due the session accepts them with heat_now / HEAT_CAP
(thinning), which is how a reply changes spread that is already under way.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import rng
from .fanout import seen_in_big_rows_flat
from .kernel import sample_delay
from .model_numbers import PILE_DELAY_MEDIAN, PILE_DELAY_SIGMA
from .network import Network

HEAT_CAP = 3.0
STEP = 10.0  # seconds: the engine's quantum; every delay is at least one step


@dataclass(frozen=True)
class ChannelParams:
    median: float  # the attention kernel's median delay, seconds (kernel.py)
    sigma: float  # its lognormal spread
    visibility: float  # multiplies the scenario's visibility
    reshare: float  # multiplies the scenario's reshare chance
    readers_per_minute: float  # people who find the post later (search, review pages)


# twitter: fast, half of a post's reshares within the hour (Kwak et al. 2010); facebook: the
# brand's page, slower, fewer shares; forum / complaint site and reviews: slow, persistent, keep
# drawing readers from search.
CHANNELS = {
    "twitter": ChannelParams(3750.0, 1.5, 1.0, 1.0, 0.0),
    "facebook": ChannelParams(5400.0, 1.5, 0.8, 0.6, 0.0),
    "forum": ChannelParams(10800.0, 1.5, 0.5, 0.3, 4.0),
    "review": ChannelParams(21600.0, 1.5, 0.3, 0.05, 3.0),
}
CHANNEL_IDS = {name: i for i, name in enumerate(CHANNELS)}
_MEDIAN = np.array([c.median for c in CHANNELS.values()])
_SIGMA = np.array([c.sigma for c in CHANNELS.values()])
_PILE_DELAY = np.array([PILE_DELAY_MEDIAN, PILE_DELAY_SIGMA], dtype=np.float64)


SHARE_FIELDS = (
    "thread",
    "node",
    "time",
    "key",  # per-share draw key (thread key, sharer, purpose)
    "visibility",
    "p_reshare",  # generation probability before propensity (0: nobody reshares it)
    "p_pile",
    "channel",
    "audience",
    "origin",  # when the post this share passes on was posted (its author's post or repost)
)


class Shares:
    """A batch of shares to expand; an audience may be given per share (else its followers): an
    array of accounts, or a number of accounts drawn from the share's key (account j: mix(key + j)
    mod the network's size, kernels.share_candidates).

    Read as columns (`thread`, `node`, ... in SHARE_FIELDS' order); a share added on its own waits
    as a row (one tuple in `rows`, SHARE_FIELDS' order) until the columns are read or shares are
    added by columns (`add_many`): a step adds a share or two for every post, one append each, and
    `expand` reads them once.
    """

    def __init__(self) -> None:
        self.columns: list[list] = [[] for _ in SHARE_FIELDS]
        self.rows: list[tuple] = []  # added after the columns' last share; cleared, never replaced

    @classmethod
    def empty(cls) -> Shares:
        return cls()

    def add(
        self,
        thread,
        node,
        time,
        key,
        visibility,
        p_reshare,
        p_pile,
        channel,
        audience=None,
        origin: float | None = None,
    ) -> None:
        self.rows.append(
            (
                thread,
                node,
                time,
                key,
                visibility,
                p_reshare,
                p_pile,
                channel,
                audience,
                time if origin is None else origin,
            )
        )

    def add_many(self, *columns) -> None:
        """`add` for several shares at once: a list for each of SHARE_FIELDS, of equal length
        (`origin` given for each)."""
        self._flush()
        for column, values in zip(self.columns, columns, strict=True):
            column += values

    def _flush(self) -> None:
        if self.rows:
            for column, values in zip(self.columns, zip(*self.rows, strict=True), strict=True):
                column += values
            self.rows.clear()

    def __len__(self) -> int:
        return len(self.columns[0]) + len(self.rows)

    def column(self, index: int) -> list:
        """Field SHARE_FIELDS[index] of every share, in their order."""
        self._flush()
        return self.columns[index]

    def all_columns(self) -> list[list]:
        """Every field's column (SHARE_FIELDS' order)."""
        self._flush()
        return self.columns

    thread = property(lambda self: self.column(0))
    node = property(lambda self: self.column(1))
    time = property(lambda self: self.column(2))
    key = property(lambda self: self.column(3))
    visibility = property(lambda self: self.column(4))
    p_reshare = property(lambda self: self.column(5))
    p_pile = property(lambda self: self.column(6))
    channel = property(lambda self: self.column(7))
    audience = property(lambda self: self.column(8))
    origin = property(lambda self: self.column(9))


@dataclass
class Expansion:
    impressions: np.ndarray  # per share
    cand_thread: np.ndarray  # (as floats, exact)
    cand_node: np.ndarray
    cand_due: np.ndarray
    cand_accept: np.ndarray
    cand_pile: np.ndarray  # bool: a pile-on rather than a reshare
    cand_origin: np.ndarray  # when the post the candidate saw was posted


# A reshare weight's upper bound for each of a viewer's codes (viewer_codes): 2 ** ((k - 64) / 6),
# steps of 12% from 1/1625 to 1290, and no bound (code 127) above that
WEIGHT_BOUNDS = 2.0 ** ((np.arange(128) - 64) / 6.0)
WEIGHT_BOUNDS[127] = np.inf


def viewer_codes(network: Network) -> np.ndarray:
    """Each account's byte for the spread (kernels.share_candidates): bit 7 set for a customer,
    bits 0-6 the first of WEIGHT_BOUNDS that is at least its reshare weight. Made once for a
    network, as its reshare weights are."""
    codes = network.__dict__.get("_viewer_codes")
    if codes is None:
        weight = network.reshare_weight.astype(np.float64)
        codes = np.minimum(np.searchsorted(WEIGHT_BOUNDS, weight), 127).astype(np.uint8)
        codes |= network.customer.astype(np.uint8) << np.uint8(7)
        network.__dict__["_viewer_codes"] = codes
    return codes


BIG_ROW = 4096  # above this many followers, draw who sees a share by geometric skipping
_SALT_GAP = np.uint64(0x9FB21C651E98DF25)


def _seen_in_big_row(network: Network, node: int, key: int, visibility: float) -> np.ndarray:
    """Positions of the followers of `node` who see a share: O(seen), not O(followers).

    The gaps between seen followers are geometric; gap j is drawn from the share's key and j, so
    the same share is seen by the same followers in every run.
    """
    start, count = int(network.indptr[node]), int(network.indptr[node + 1] - network.indptr[node])
    if visibility >= 1.0:
        return network.indices[start : start + count].astype(np.int64)
    if visibility <= 0.0:
        return np.zeros(0, dtype=np.int64)
    log_miss = np.log1p(-visibility)
    found, drawn, position = [], 0, -1
    while True:
        expected = (count - position) * visibility
        batch = int(expected + 6 * np.sqrt(expected) + 16)
        u = rng.uniform_array(
            (np.uint64(key) ^ _SALT_GAP) + np.arange(drawn, drawn + batch, dtype=np.uint64)
        )
        with np.errstate(over="ignore"):  # a visibility near 0: a gap past the end, capped
            gaps = np.minimum(np.floor(np.log1p(-u) / log_miss), count).astype(np.int64) + 1
        positions = position + np.cumsum(gaps)
        drawn += batch
        inside = positions[positions < count]
        found.append(inside)
        if len(inside) < len(positions):
            break
        position = int(positions[-1])
    return network.indices[start + np.concatenate(found)].astype(np.int64)


def prepare(network: Network) -> None:
    """Load the compiled spread and heat (numba) now, when a session starts, not in its first tick."""
    from .kernels import (
        accepted,
        bank_orders,
        due_block,
        enqueue,
        gap_uniforms,
        heat,
        post_keys,
        tally,
        walk_gaps,
    )

    expand(network, Shares.empty())
    none, no = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=bool)
    tally(none, np.zeros((2, 0)), none, none, none, np.zeros((4, 1), dtype=np.int64), none, none)
    real = np.zeros(0)
    heat(0, none, real, real, real, no, no, no, none, real, 0.0, 0, 1.0, 0.0, 1.0, 1.0, 1.0)
    gap_uniforms(network.indptr, none, np.zeros(0, dtype=np.uint64), np.zeros(0), _SALT_GAP)
    walk_gaps(real, real, none, none, none, network.indices)
    chain = np.full(1, -1, dtype=np.int64)
    enqueue(np.empty((1, 6)), chain, chain, chain, 0, 1.0, 1.0, real, none, real, real, no, real)
    due_block(np.zeros((1, 6)), chain, chain, chain, 0, 1.0)
    first = np.zeros(1, dtype=np.int64)
    accepted(np.zeros((6, 1)), np.zeros(1), np.zeros(1), first, np.zeros(1), 1.0, 1.0, 1.0,
             np.zeros(1, dtype=np.uint64), 1, 1)  # fmt: skip
    parts = np.zeros((1, 1), dtype=np.int64)
    post_keys(np.zeros(0, dtype=np.uint64), none, none, parts, none, parts, none)
    bank_orders(np.uint64(0), 1, 1, 1)


def expand(network: Network, shares: Shares) -> Expansion:
    """Who sees each share of a step, and the candidates that may reshare or pile on later.

    One compiled pass (kernels.share_candidates) draws for every (share, viewer) pair, in the order
    of the follower rows, the explicit and the keyed audiences, then the big rows (fanout.py), and
    gathers each candidate's share's facts; numpy makes the delays from its draws (kernel.py).
    """
    from .kernels import share_candidates, share_kinds  # numba: loaded when a session starts

    m = len(shares)
    thread, node, time, key, visibility, p_reshare, p_pile, channel, audience, origin = (
        shares.all_columns()
    )
    indptr, nodes = network.indptr, np.array(node, dtype=np.int64)
    given = [0] * m  # an audience given: 1 the accounts themselves, 3 so many drawn from the key
    sizes = [0] * (m + 1)  # explicit audiences' sizes, then where each starts
    drawn = [0] * m  # keyed audiences' sizes
    audiences = []
    if any(a is not None for a in audience):  # most steps: every share to its sharer's followers
        for i, a in enumerate(audience):
            if a is None:
                continue
            if isinstance(a, int):  # so many accounts drawn from the share's key
                given[i], drawn[i] = 3, a
            else:  # the accounts themselves
                given[i], sizes[i + 1] = 1, len(a)
                audiences.append(a)
    aud_start = np.cumsum(sizes) if audiences else np.zeros(m + 1, dtype=np.int64)
    accounts = (
        np.concatenate(audiences).astype(np.int64) if audiences else np.empty(0, dtype=np.int64)
    )
    share_key = np.array(key, dtype=np.uint64)
    seen = np.array(visibility, dtype=np.float64)
    # every big share of the step seen by some in one batch (fanout.py), as _seen_in_big_row draws
    kinds, rows = share_kinds(indptr, nodes, np.array(given, dtype=np.int64), seen, BIG_ROW)
    if len(rows):
        big_viewer, per_row = seen_in_big_rows_flat(
            indptr,
            network.indices,
            nodes[rows],
            share_key[rows],
            seen[rows],
            _SALT_GAP,
            lambda node, key, vis: _seen_in_big_row(network, node, key, vis),
        )
        big_rep = np.repeat(rows, per_row)
    else:
        big_viewer = big_rep = np.empty(0, dtype=np.int64)
    impressions, pairs, pile_c, uniforms, facts = share_candidates(
        indptr,
        network.indices,
        nodes,
        kinds,
        accounts,
        aud_start,
        np.array(drawn, dtype=np.int64),
        share_key,
        seen,
        np.array(p_reshare, dtype=np.float64),
        np.array(p_pile, dtype=np.float64),
        network.reshare_weight,
        viewer_codes(network),
        WEIGHT_BOUNDS,
        big_rep,
        big_viewer,
        network.size,
        np.array((time, origin, channel, thread), dtype=np.float64),
        _MEDIAN,
        _SIGMA,
        _PILE_DELAY,  # "me too" comes quickly
    )
    shared_at, posted_at, median, sigma, threads = facts
    delay = sample_delay(uniforms[0], uniforms[1], median, sigma) + STEP
    return Expansion(
        impressions, threads, pairs[1], shared_at + delay, uniforms[2], pile_c, posted_at
    )

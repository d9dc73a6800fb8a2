"""The step: every thread's heat, the candidates that fall due, audiences, and the spread."""

from __future__ import annotations

from enum import IntEnum
from itertools import compress

import numpy as np

from . import rng
from .events import Event
from .model_numbers import (
    AD_AUDIENCE_SHARE,
    ATTENTION_POWER,
    COMPLAINT_BASE_HEAT,
    IGNORED_GROWTH,
    NOVELTY_HALF_LIFE,
    PILE_HEAT,
    READER_HEAT_FLOOR,
)
from .people import persons
from .pileon import PileOns
from .postdraws import PostDraws
from .spread import CHANNELS, HEAT_CAP, STEP, Shares, expand
from .storm import attention
from .threads import KINDS


class Tone(IntEnum):
    """What a share does to the storm's figures: harm, praise, the brand's own, or neither."""

    NEGATIVE = 0
    POSITIVE = 1
    BRAND = 2
    NEUTRAL = 3


_READERS = np.array([c.readers_per_minute for c in CHANNELS.values()])
_RESHARE = np.array([c.reshare for c in CHANNELS.values()])
_RUMOUR = KINDS.index("rumour")
_KIND_TONES = np.array(  # each kind's tone (threads.KINDS order); a brand post's is Tone.BRAND
    [
        Tone.NEUTRAL
        if kind in ("question", "off_topic")
        else (Tone.POSITIVE if kind == "praise" else Tone.NEGATIVE)
        for kind in KINDS
    ],
    dtype=np.int64,
)


class Step(PileOns):
    def _step(self, k: int) -> None:
        t0, t1 = k * STEP, (k + 1) * STEP
        self.writer.at(t0)
        self._happenings(t0, t1)
        self._due_candidates(k, t0)
        if int(t0) % 60 == 0:
            self._audiences(k, t0)
        if len(self._shares):
            self._spread(self._shares)
            self._shares = Shares.empty()
        if int(t1) % 60 == 0 or t1 >= self.duration:
            self._check_escalations(t1)
            minute = int((t1 - 1) // 60)
            row = {name: int(series[minute]) for name, series in self.metrics.items()}
            self._emit(Event(min(t1, self.duration), "minute", data={"minute": minute, **row}))

    def _heat(self, t: float) -> np.ndarray:
        """Every thread's heat at time t: anger (complaints and rumours), what actions did (`mult`),
        neglect (a post that waits for an answer heats up to IGNORED_GROWTH more by the norm), the
        topic's mood; a hidden post has none; HEAT_CAP at most. One compiled pass (kernels.heat)."""
        from .kernels import heat  # numba: loaded when the session starts (spread.prepare)

        c, rt = self.table.columns, self.response_times
        return heat(
            self.table.size,
            c["kind"],
            c["anger"],
            c["mult"],
            c["created"],
            c["needs_response"],
            c["responded"],
            c["hidden"],
            c["topic"],
            self._topic_heat,
            float(t),
            _RUMOUR,
            COMPLAINT_BASE_HEAT,
            float(rt.target),
            float(rt.late_span),
            IGNORED_GROWTH,
            HEAT_CAP,
        )

    def _due_candidates(self, k: int, t0: float) -> None:
        from .kernels import accepted  # numba: loaded when the session starts (spread.prepare)

        taken = self._candidates.take(k, NOVELTY_HALF_LIFE)
        if taken is None:
            return
        block, exponent = taken  # by due time, then account
        storm = (
            attention(self._driver, self.duration, t0) ** ATTENTION_POWER if self._driver else 1.0
        )
        # A reshare needs the post to still be news: novelty halves every NOVELTY_HALF_LIFE.
        novelty = np.exp2(exponent)
        # A pile-on's chance: heat x the topic's pile-on mood x the storm's attention; a reshare's:
        # heat x novelty. Neglect heats a thread up to HEAT_CAP, but "me too" tops out at PILE_HEAT:
        # a storm left alone for hours must not set off more pile-ons per complaint than it had at
        # its peak. Each over HEAT_CAP, against the candidate's acceptance draw (kernels.accepted),
        # which hands back the accepted ones' rows (thread, account, due, pile-on, origin) and what
        # PostDraws.batch needs: a pile-on's key is rng.key(thread's key, node, PILE), a reshare's
        # rng.key(thread's key, node, SHARE).
        due, parents, nodes, purposes = accepted(
            block,
            novelty,
            self._heat(t0),
            self.table.columns["topic"],
            self._topic_pile,
            storm,
            float(PILE_HEAT) if self._driver is not None else np.inf,
            HEAT_CAP,
            self.table.columns["key"],
            rng.PILE,
            rng.SHARE,
        )
        if not len(due):
            return
        # The pile-ons that post (_posting; at a storm's peak a third may not) and the reshares:
        # each one's key and the draws its post makes, in one compiled pass, ...
        rows = due.tolist()
        posting = iter(self._posting([(int(r[0]), int(r[1])) for r in rows if r[3]]))
        go = [not r[3] or next(posting) for r in rows]
        kept = np.array(go, dtype=bool)
        draws = PostDraws.batch(parents[kept], nodes[kept], purposes[kept])
        # ... and the pile-ons' authors (people.persons: one compiled pass); a reshare goes on
        posting_rows = list(zip(compress(rows, go), draws, strict=True))
        piles = [(int(r[0]), int(r[1]), r[2], d) for r, d in posting_rows if r[3]]
        authors = persons(self.language, [d.key for _, _, _, d in piles])
        # the pile-ons first, then what every post passes on, in the candidates' order
        passed = iter(
            self._pile_ons([(*pile, who) for pile, who in zip(piles, authors, strict=True)])
        )
        shared = self._shares.rows
        for (idx, node, when, pile, origin), drawn in posting_rows:
            if pile:
                shared += next(passed)
            else:
                self._reshare(int(idx), int(node), when, origin, drawn.key)

    def _reshare(self, idx: int, node: int, t: float, origin: float, key: int) -> None:
        """`node` passes thread `idx` on at t; `key`: rng.key(its key, node, rng.SHARE)."""
        mark = (idx << 32) | node
        if mark in self._shared:
            return
        self._shared.add(mark)
        th = self.threads[idx]
        th.reshares += 1
        self.metrics["reshares"][int(t // 60)] += 1
        self.reshare_delays[min(int((t - origin) // 60), len(self.reshare_delays) - 1)] += 1
        self._share_to(th, node, t, key, None, origin=origin)

    def _audiences(self, k: int, t0: float) -> None:
        """People who find a post later: complaint-site and review readers, paid-ad viewers (once a minute)."""
        n = self.network.size
        live = np.asarray(self._persistent, dtype=np.int64)
        live = live[~self.table["hidden"][live]]
        if len(live):
            rate = _READERS[self.table["channel"][live]] * np.maximum(
                self._heat(t0)[live], READER_HEAT_FLOOR
            )
            # rng.key(th.key, k, AUDIENCE) for every live thread at once
            keys = rng.key_array(self.table["key"][live], k, rng.AUDIENCE)
            counts = (rate + rng.uniform_of_keys(keys, 0)).astype(np.int64)
            read = np.flatnonzero(counts)
            # all of this minute's readers in one batch (what _share_to does for each)
            if len(read):
                self._readers(live[read], keys[read], counts[read], t0)
        self._ads = [(idx, until) for idx, until in self._ads if t0 < until]
        if self._ads:  # the running ads' viewers, in one batch too
            ads = np.array([idx for idx, _ in self._ads], dtype=np.int64)
            # rng.key(th.key, k, AUDIENCE, 2) for every running ad at once
            keys = rng.key_array(self.table["key"][ads], k, rng.AUDIENCE, 2)
            counts = (AD_AUDIENCE_SHARE * n / 60.0 + rng.uniform_of_keys(keys, 0)).astype(np.int64)
            seen = np.flatnonzero(counts)
            if len(seen):
                self._readers(ads[seen], keys[seen], counts[seen], t0)

    def _readers(self, idx: np.ndarray, keys: np.ndarray, counts: np.ndarray, t: float) -> None:
        """Threads `idx` are read at t by `counts` people each, drawn from `keys` (what _share_to
        does for each, with that audience: a hidden one is seen but not passed on)."""
        tab, m = self.table, len(idx)
        channel = tab["channel"][idx]
        p_reshare = np.where(  # _share_to's, in its order
            tab["hidden"][idx],
            0.0,
            self.spread.reshare * _RESHARE[channel] * tab["appeal"][idx] * HEAT_CAP,
        )
        self._shares.add_many(
            idx.tolist(),
            tab["author"][idx].tolist(),
            [t] * m,
            keys.tolist(),
            [1.0] * m,
            p_reshare.tolist(),
            [0.0] * m,
            channel.tolist(),
            counts.tolist(),  # so many drawn from each key in the spread (kernels.share_candidates)
            [t] * m,
        )

    def _spread(self, shares: Shares) -> None:
        from .kernels import tally  # numba: loaded when the session starts (spread.prepare)

        result = expand(self.network, shares)
        columns = self.table.columns
        tally(
            result.impressions,
            np.array((shares.thread, shares.time), dtype=np.float64),
            columns["kind"],
            _KIND_TONES,
            columns["topic"],
            self._tone_counts,
            columns["impressions"],
            self._topic_reach,
        )
        self._candidates.add(
            result.cand_thread,
            result.cand_node,
            result.cand_due,
            result.cand_accept,
            result.cand_pile,
            result.cand_origin,
            self.duration,
        )

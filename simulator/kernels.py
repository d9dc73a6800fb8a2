"""Compiled inner loops (numba) of the session's step: the spread, heat, the candidate queue.

What numpy would do in a few dozen calls on small arrays each step is one compiled pass here;
the step's cost is then its own work, not numpy's per-call overhead. Every loop does the same
integer arithmetic and the same floating-point operations in the same order as the numpy it
replaced, and leaves logarithms and exponentials to numpy, so a storm is the same to the bit.
Loaded when a session starts (spread.prepare), with numba (jit.py says where it caches them).
"""

from __future__ import annotations

import numpy as np

from .jit import _ODD, _UNIT, mix, njit

_S11 = np.uint64(11)
_SALT_PILE = np.uint64(0x5851F42D4C957F2D)  # spread.py's salts
_SALT_COND = np.uint64(0xC2B2AE3D27D4EB4F)
_SALT_DELAY = np.uint64(0x14057B7EF767814F)
_SALT_ACCEPT = np.uint64(0x2545F4914F6CDD1D)
_SALT_ANGLE = np.uint64(0x94D049BB133111EB)


@njit
def share_candidates(
    indptr, indices, nodes, kinds, audience, aud_start, drawn, keys, visibility, p_reshare,
    p_pile, weight, codes, bounds, big_rep, big_viewer, accounts, per_share, medians, sigmas,
    pile_delay,
):  # fmt: skip
    """spread.expand's draws for a step's shares: impressions per share, and the candidates.

    Kinds: 0 the sharer's followers, 1 an explicit audience (audience[aud_start[i]:aud_start[i+1]]),
    3 drawn[i] accounts drawn from the share's key (account j: mix(key + j) mod `accounts`), 2 a
    big row whose seen followers are given (big_rep, big_viewer). Pairs are visited in expand's
    order: follower rows, then audiences, then big rows. Candidate j is share rows[0, j] seen by rows[1, j]; pile[j]: a pile-on, not a reshare;
    its uniforms[:, j] are the draws for its delay (two: the attention kernel's) and for its
    acceptance when due; facts[:, j] its share's time and origin (per_share's rows 0 and 1), its
    delay's median and sigma (by per_share's row 2, the channel; pile_delay's for a pile-on), and
    its share's thread (per_share's row 3).

    A viewer's code (spread.viewer_codes: bit 7 a customer, bits 0-6 the index of an upper bound of
    its reshare weight in `bounds`) is read for every viewer, its weight only where the draw is
    under the bound's chance: the codes are a quarter of the weights' bytes and more of them stay
    in the processor's cache, while nearly every draw is over both (docs/command-line.md, "Ticks"). The
    same test, as chance x bound >= chance x weight (rounding keeps the order, chance >= 0).
    """
    m = len(nodes)
    impressions = np.zeros(m, dtype=np.int64)
    total = len(big_rep)
    for i in range(m):
        if kinds[i] == 0:
            total += indptr[nodes[i] + 1] - indptr[nodes[i]]
        elif kinds[i] == 1:
            total += aud_start[i + 1] - aud_start[i]
        elif kinds[i] == 3:
            total += drawn[i]
    rows = np.empty((2, total), dtype=np.int64)
    draws = np.empty(total, dtype=np.uint64)
    pile = np.empty(total, dtype=np.bool_)
    n = 0
    for phase in range(2):
        for i in range(m):
            kind = kinds[i]
            if kind == 2 or (kind == 0) != (phase == 0):
                continue
            if phase == 0:
                lo, hi = indptr[nodes[i]], indptr[nodes[i] + 1]
            elif kind == 1:
                lo, hi = aud_start[i], aud_start[i + 1]
            else:
                lo, hi = 0, drawn[i]
            key, vis = keys[i], visibility[i]
            reshare, pile_on = p_reshare[i], p_pile[i]
            for j in range(lo, hi):
                if kind == 0:
                    v = np.int64(indices[j])
                elif kind == 1:
                    v = audience[j]
                else:
                    v = np.int64(mix(key + np.uint64(j)) % np.uint64(accounts))
                h = mix(key ^ (np.uint64(v) * _ODD))
                u = (h >> _S11) * _UNIT
                if u < vis:
                    impressions[i] += 1
                    cond = u / vis  # uniform again, given seen
                    # what the viewer does, as for the big rows below
                    code = codes[v]
                    if cond < reshare * bounds[code & 127] and cond < reshare * np.float64(
                        weight[v]
                    ):
                        rows[0, n], rows[1, n], draws[n], pile[n] = i, v, h, False
                        n += 1
                    elif code >= 128 and (mix(h ^ _SALT_PILE) >> _S11) * _UNIT < pile_on:
                        rows[0, n], rows[1, n], draws[n], pile[n] = i, v, h, True
                        n += 1
    for j in range(len(big_rep)):
        i, v = big_rep[j], big_viewer[j]
        h = mix(keys[i] ^ (np.uint64(v) * _ODD))
        impressions[i] += 1
        cond = (mix(h ^ _SALT_COND) >> _S11) * _UNIT
        # A reshare, else (customers only) a pile-on; written out in place: a compiled call with
        # array arguments would cost more than the test. Whether the viewer is a customer is asked
        # before the pile-on draw is made: a third of viewers are, so most draws are not made.
        code, reshare = codes[v], p_reshare[i]
        if cond < reshare * bounds[code & 127] and cond < reshare * np.float64(weight[v]):
            rows[0, n], rows[1, n], draws[n], pile[n] = i, v, h, False
            n += 1
        elif code >= 128 and (mix(h ^ _SALT_PILE) >> _S11) * _UNIT < p_pile[i]:
            rows[0, n], rows[1, n], draws[n], pile[n] = i, v, h, True
            n += 1
    uniforms = np.empty((3, n))
    facts = np.empty((5, n))
    for j in range(n):
        h = mix(draws[j] ^ _SALT_DELAY)
        uniforms[0, j] = (h >> _S11) * _UNIT
        uniforms[1, j] = (mix(h ^ _SALT_ANGLE) >> _S11) * _UNIT
        uniforms[2, j] = (mix(h ^ _SALT_ACCEPT) >> _S11) * _UNIT
        i = rows[0, j]
        channel = np.int64(per_share[2, i])
        facts[0, j], facts[1, j] = per_share[0, i], per_share[1, i]
        facts[2, j] = pile_delay[0] if pile[j] else medians[channel]
        facts[3, j] = pile_delay[1] if pile[j] else sigmas[channel]
        facts[4, j] = per_share[3, i]
    return impressions, rows[:, :n], pile[:n], uniforms, facts


@njit
def share_kinds(indptr, nodes, given, visibility, big_row):
    """spread.expand's kind of each share (share_candidates'): an audience given (1, 3), else a
    big row (2: more than big_row followers) or the followers (0); and the big rows seen by some."""
    kinds = given.copy()
    rows = np.empty(len(nodes), dtype=np.int64)
    n = 0
    for i in range(len(nodes)):
        if kinds[i] == 0 and indptr[nodes[i] + 1] - indptr[nodes[i]] > big_row:
            kinds[i] = 2
            if visibility[i] > 0.0:
                rows[n] = i
                n += 1
    return kinds, rows[:n]


@njit
def tally(impressions, shares, kinds, kind_tones, topics, counts, per_thread, per_topic):
    """Add a step's impressions (per share; `shares`: each one's thread and time) where step.py
    keeps them: counts[tone, minute] (tones: 0 negative, 1 positive, 2 the brand's, 3 neither; the
    last minute takes any later), per thread, and per topic (negative only). A share of thread -1
    is the brand's own post."""
    for i in range(len(impressions)):
        n, th = impressions[i], np.int64(shares[0, i])
        minute = min(np.int64(shares[1, i] // 60.0), counts.shape[1] - 1)
        tone = 2 if th < 0 else kind_tones[kinds[th]]
        counts[tone, minute] += n
        if th >= 0:
            per_thread[th] += n
            if tone == 0:
                per_topic[topics[th]] += n


@njit
def heat(n, kind, anger, mult, created, needs, responded, hidden, topic, topic_heat, t, rumour,
         base_heat, target, span, growth, cap):  # fmt: skip
    """step.Step._heat for the first n threads: every thread's heat at time t (its docstring says
    what goes in), the same sums in the same order, in one pass."""
    out = np.empty(n)
    for i in range(n):
        base = base_heat + anger[i] if kind[i] == 0 or kind[i] == rumour else 1.0
        neglect = 1.0
        if needs[i] and not responded[i]:
            late = (
                (t - created[i]) - target
            ) / span  # ResponseTimes.lateness (span = its late_span)
            neglect = 1.0 + growth * min(max(late, 0.0), 1.0)
        value = base * mult[i] * neglect * topic_heat[topic[i]]
        out[i] = 0.0 if hidden[i] else min(value, cap)
    return out


@njit
def gap_uniforms(indptr, nodes, keys, visibility, salt):
    """fanout.py's gap draws: row r, the followers of nodes[r] (start, count), gets batch[r]
    uniforms, draw d from mix((keys[r] ^ salt) + d): six standard deviations past the
    (count + 1) x visibility[r] expected, and 16 more. Returns them, batch, starts and counts."""
    rows = len(nodes)
    starts, counts = np.empty(rows, dtype=np.int64), np.empty(rows, dtype=np.int64)
    batch = np.empty(rows, dtype=np.int64)
    for r in range(rows):
        starts[r] = indptr[nodes[r]]
        counts[r] = indptr[nodes[r] + 1] - starts[r]
        expected = np.float64(counts[r] + 1) * visibility[r]
        batch[r] = np.int64(expected + 6.0 * np.sqrt(expected) + 16.0)  # sqrt: exact, as numpy's
    u = np.empty(batch.sum())
    k = 0
    for r in range(rows):
        base = keys[r] ^ salt
        for d in range(batch[r]):
            u[k] = (mix(base + np.uint64(d)) >> _S11) * _UNIT
            k += 1
    return u, batch, starts, counts


@njit
def walk_gaps(log_u, log_miss, batch, starts, counts, indices):
    """fanout.py's walk: row r's followers at the positions its geometric gaps reach, gap d being
    floor(log_u[d] / log_miss[r]) + 1 (logs made by numpy, so the gaps are numpy's to the bit).

    Returns the followers found (row after row), how many each row found, and whether its draws
    reached past its last follower (else the row must be drawn again, one share at a time).
    """
    found = np.empty(len(log_u), dtype=np.int64)
    per_row = np.zeros(len(batch), dtype=np.int64)
    enough = np.zeros(len(batch), dtype=np.bool_)
    k = n = 0
    for r in range(len(batch)):
        position = np.int64(-1)
        end = k + batch[r]
        while k < end:
            # A gap past the row's end ends the walk (the rest of its draws would only go further);
            # capped before the cast, a huge one (a visibility near 0) can't overflow.
            position += np.int64(min(np.floor(log_u[k] / log_miss[r]), counts[r])) + 1
            k += 1
            if position >= counts[r]:
                break
            found[n] = indices[starts[r] + position]
            n += 1
            per_row[r] += 1
        k = end
        enough[r] = position >= counts[r]
    return found[:n], per_row, enough


@njit
def enqueue(block, nxt, first, last, size, step, before, thread, node, due, accept, pile, origin):
    """candidates.Candidates.add: candidate j, if it falls due before `before`, becomes row
    `size` of the block and joins the end of the chain of the step it falls due in; the new size."""
    c = size
    for j in range(len(due)):
        if not due[j] < before:
            continue
        block[c, 0] = thread[j]
        block[c, 1] = node[j]
        block[c, 2] = due[j]
        block[c, 3] = accept[j]
        block[c, 4] = pile[j]
        block[c, 5] = origin[j]
        nxt[c] = -1
        s = np.int64(due[j] // step)
        if first[s] < 0:
            first[s] = c
        else:
            nxt[last[s]] = c
        last[s] = c
        c += 1
    return c


@njit
def due_block(block, first, last, nxt, k, half_life):
    """candidates.Candidates.take: the rows of step k's chain (the chain is emptied), made columns,
    sorted by due time, then account, then the order they were made (stable sorts: np.lexsort's
    order); and each one's novelty exponent, -(due - origin) / half_life (numpy's exp2 makes it
    the novelty)."""
    n = 0
    c = first[k]
    while c >= 0:
        n += 1
        c = nxt[c]
    columns = np.empty(n, dtype=np.int64)
    account, due = np.empty(n), np.empty(n)
    c = first[k]
    for i in range(n):
        columns[i], account[i], due[i] = c, block[c, 1], block[c, 2]
        c = nxt[c]
    first[k] = last[k] = -1
    by_account = np.argsort(account, kind="mergesort")
    order = by_account[np.argsort(due[by_account], kind="mergesort")]
    out = np.empty((block.shape[1], n))
    exponent = np.empty(n)
    for i in range(n):
        c = columns[order[i]]
        for column in range(block.shape[1]):
            out[column, i] = block[c, column]
        exponent[i] = -(out[2, i] - out[5, i]) / half_life
    return out, exponent


@njit
def accepted(
    block, novelty, heat, topic, topic_pile, storm, pile_heat, heat_cap, keys, pile, share
):
    """step.Step._due_candidates' test: which of a step's candidates (a candidates.py block) are
    accepted, heat_now / HEAT_CAP thinning each one's chance (its comments say which). For each
    one accepted: its thread, account, due time, pile-on flag and origin (a row), and its post's
    parent key (its thread's), account and purpose (`pile` or `share`) for PostDraws.batch."""
    ok = np.empty(block.shape[1], dtype=np.int64)
    n = 0
    for i in range(block.shape[1]):
        th = np.int64(block[0, i])
        if block[4, i] > 0:  # a pile-on
            chance = min(heat[th], pile_heat) * (topic_pile[topic[th]] * storm) / heat_cap
        else:
            chance = heat[th] * novelty[i] / heat_cap
        if block[3, i] < chance:
            ok[n] = i
            n += 1
    rows = np.empty((n, 5))
    parents = np.empty(n, dtype=np.uint64)
    nodes, purposes = np.empty(n, dtype=np.int64), np.empty(n, dtype=np.int64)
    for j in range(n):
        i = ok[j]
        rows[j, 0], rows[j, 1], rows[j, 2] = block[0, i], block[1, i], block[2, i]
        rows[j, 3], rows[j, 4] = block[4, i], block[5, i]
        parents[j] = keys[np.int64(block[0, i])]
        nodes[j] = np.int64(block[1, i])
        purposes[j] = pile if block[4, i] > 0 else share
    return rows, parents, nodes, purposes


_KEY_SEED = np.uint64(0x2545F4914F6CDD1D)  # rng.key's starting value


@njit
def post_keys(parents, nodes, purposes, key_parts, key_lengths, uniform_parts, uniform_lengths):
    """postdraws.PostDraws.batch: for each post i its key rng.key(parents[i], nodes[i], purposes[i]),
    the keys rng.key(post key, *key_parts[s, :key_lengths[s]]) and the uniforms
    rng.uniform(post key, *uniform_parts[s, :uniform_lengths[s]]); a part of -1 is nodes[i]; a
    purpose of -1: parents[i] is the post's key itself."""
    n = len(parents)
    keys = np.empty((n, 1 + len(key_lengths)), dtype=np.uint64)
    uniforms = np.empty((n, len(uniform_lengths)), dtype=np.float64)
    for i in range(n):
        node = np.uint64(nodes[i])
        if purposes[i] < 0:
            post = parents[i]
        else:
            post = mix(mix(mix(_KEY_SEED ^ parents[i]) ^ node) ^ np.uint64(purposes[i]))
        keys[i, 0] = post
        for s in range(len(key_lengths)):
            h = mix(_KEY_SEED ^ post)
            for j in range(key_lengths[s]):
                part = key_parts[s, j]
                h = mix(h ^ (node if part == -1 else np.uint64(part)))
            keys[i, 1 + s] = h
        for s in range(len(uniform_lengths)):
            h = mix(_KEY_SEED ^ post)
            for j in range(uniform_lengths[s]):
                part = uniform_parts[s, j]
                h = mix(h ^ (node if part == -1 else np.uint64(part)))
            uniforms[i, s] = (h >> _S11) * _UNIT
    return keys, uniforms


@njit
def bank_orders(prefix, first, cycles, size):
    """writing.Writer.pick's orders of a bank for `cycles` cycles from `first`: row c is
    rng.permutation(size, rng.key(seed, bank, first + c)), where prefix is rng.key(seed, bank)."""
    out = np.empty((cycles, size), dtype=np.int64)
    draws = np.empty(size, dtype=np.uint64)
    for c in range(cycles):
        base = mix(_KEY_SEED ^ mix(np.uint64(prefix) ^ np.uint64(first + c)))  # rng.key(bank key)
        for i in range(size):
            draws[i] = mix(base ^ np.uint64(i))
        out[c] = np.argsort(draws, kind="mergesort")  # stable, as rng.permutation's
    return out

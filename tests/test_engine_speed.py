"""The engine's fast paths give what the plain ones give: a speed-up never changes a storm.

Each batch or cache in the hot path (names and towns without Faker's per-call work, escalation
words matched on one split of the post, a step's readers and big shares drawn in one batch,
templates cut once) is checked here against the one-at-a-time version it replaces.
"""

from __future__ import annotations

import dataclasses
import re
import zlib
from types import SimpleNamespace

import numpy as np
import pytest
from stormdrill.scenarios import DEFAULT_SCENARIO, load_scenario
from stormdrill.scenarios.slots import fill as plain_fill
from stormdrill.simulator import people, rng, spread
from stormdrill.simulator.fanout import seen_in_big_rows
from stormdrill.simulator.fresh import UNIFORMS, arrival_draws
from stormdrill.simulator.model_numbers import (
    PICK_CUSTOMER_TRIES,
    PILE_ON_ANGER,
    PILE_ON_ANGER_CARRY,
    PILE_ON_ANGER_SPREAD,
    PILE_ON_MENTION,
    PILE_ON_PERSONAL,
    PILE_POOL,
)
from stormdrill.simulator.network import load_or_build, spec_for
from stormdrill.simulator.people import _faker, person, persons, place, places
from stormdrill.simulator.postdraws import KEY_DRAWS, NODE, UNIFORM_DRAWS, PostDraws
from stormdrill.simulator.session import Session
from stormdrill.simulator.storm import APPEAL_DRAW
from stormdrill.simulator.threads import Thread, ThreadTable, WordLists, personal_case
from stormdrill.simulator.writing import Writer, bank, fill


@pytest.mark.parametrize("language", ["en", "nl"])
def test_generated_people_and_towns_are_the_ones_faker_makes(language):
    fake = _faker(language)
    for i in range(2000):
        key = rng.key(i, 41)
        who = person(language, key)
        fake.seed_instance(key & 0xFFFFFFFF)
        assert (who.first_name, who.last_name) == (fake.first_name(), fake.last_name())
        fake.seed_instance((key >> 7) & 0xFFFFFFFF)
        assert place(language, key) == fake.city()


@pytest.mark.parametrize("language", ["en", "nl"])
def test_a_steps_authors_drawn_together_are_the_ones_drawn_one_by_one(language):
    # keys whose low words are 0, 1 and 2**32 - 1 besides ordinary ones
    keys = [rng.key(i, 43) for i in range(3000)] + [0, 1, 2**32 - 1, 2**32, 2**64 - 1, 5 << 32]
    assert persons(language, keys) == [person(language, key) for key in keys]
    assert persons(language, []) == []


def test_a_thread_made_the_quick_way_is_the_one_the_dataclass_makes():
    table = ThreadTable()
    given = ["complaint", "outage", "twitter", 12, "@ann", "Ann Lee", "Ann", "vindictive", True,
             False, "high", True, False, "monitoring", "pile-on: saw #3", 3, 480]  # fmt: skip
    for rules, rating in (((), None), ((0, 2), 4)):
        quick = Thread.posted(table, 7, *given, escalate_rules=rules, rating=rating)
        made = Thread(table, 7, 8, *given, escalate_rules=rules, rating=rating)
        for f in dataclasses.fields(Thread):
            assert getattr(quick, f.name) == getattr(made, f.name), f.name
        other = Thread.posted(table, 8, *given)
        assert other.messages is not quick.messages and other.escalated is not quick.escalated
        assert other.qualities is not quick.qualities


def test_a_fresh_complaints_draws_made_when_the_session_starts_are_the_ones_made_when_it_comes():
    scenario = load_scenario(DEFAULT_SCENARIO)
    scenario.network.size = 100_000
    network = load_or_build(spec_for(scenario))
    indices = [*range(300), 10**6]
    made = arrival_draws("en", 7, indices, network)
    assert arrival_draws("en", 7, [], network) == {}
    for index in indices:
        key = rng.key(7, rng.EXO, index)
        arrival = made[index]
        assert (arrival.key, arrival.who, arrival.topic_key) == (
            key,
            person("en", key),
            rng.key(key, 1),
        )
        assert arrival.uniforms == tuple(rng.uniform(key, i) for i in range(UNIFORMS))
        attempts = [rng.key(key, rng.PERSON, a) % network.size for a in range(PICK_CUSTOMER_TRIES)]
        customers = [n for n in attempts if n >= network.named and network.customer[n]]
        assert arrival.first == (customers[0] if customers else -1)
        if customers:
            assert arrival.drawn == PostDraws.of(key, arrival.first)


@pytest.mark.parametrize("language", ["en", "nl"])
def test_a_steps_towns_drawn_together_are_the_ones_drawn_one_by_one(language, monkeypatch):
    keys = [rng.key(i, 47) for i in range(3000)] + [0, 1 << 7, (2**32 - 1) << 7, 2**64 - 1]
    assert places(language, keys) == [place(language, key) for key in keys]
    assert places(language, []) == []
    # a town that draws more than the outputs made is drawn again, one at a time
    monkeypatch.setattr(people, "PLACE_WORDS", 2)
    assert places(language, keys[:200]) == [place(language, key) for key in keys[:200]]


def test_escalation_words_match_as_whole_words_like_a_search_per_word():
    lists = [
        ["lawyer", "legal action", "#fail", "x-ray", "data_leak", "café"],
        [],
        ["Journalist", "@press"],
    ]
    words = WordLists(lists)
    searches = [
        [re.compile(r"(?<!\w)" + re.escape(w.lower()) + r"(?!\w)") for w in ws] for ws in lists
    ]
    pieces = [
        "lawyer",
        "lawyers",
        "legal",
        "action",
        "#fail",
        "#failing",
        "x-ray",
        "x-rays",
        "data_leak",
        "café",
        "journalist",
        "@press",
        "@pressroom",
        ",",
        ".",
        "-",
        "_",
    ]
    chooser = np.random.default_rng(3)
    for _ in range(3000):
        text = " ".join(chooser.choice(pieces, size=chooser.integers(0, 6))).lower()
        text = text.replace(" , ", ", ").replace(" _ ", "_")
        assert words.used(text) == [any(s.search(text) for s in ws) for ws in searches], text


# personal_case's words as one search, before it searched each way apart (and only where its words are)
_ONE_SEARCH = {
    "en": r"\b(?:my|our) (?:account|bill|invoice|contract|line|subscription|order|booking|reservation|"
    r"ticket|parcel|package|refund|claim|policy|case|customer number|direct debit|card)\b|\bcharged\b|"
    r"\b(?:order|booking|case|customer|reference) ?(?:number|nr|no)\b|€ ?\d|\bdebited\b",
    "nl": r"\bmijn (?:rekening|factuur|account|abonnement|contract|aansluiting|bestelling|boeking|"
    r"reservering|ticket|pakket|terugbetaling|claim|polis|dossier|klantnummer|incasso|pas)\b|"
    r"\bafgeschreven\b|\b(?:order|klant|dossier|boekings|polis)nummer\b|€ ?\d|\bdubbel betaald\b",
}


@pytest.mark.parametrize("language", ["en", "nl"])
def test_a_personal_case_is_found_as_one_search_of_all_its_words_finds_it(language):
    texts = bank(language)
    lines = [
        line
        for pack in texts["topics"].values()
        for section in pack.values()
        if isinstance(section, list)
        for line in section
        if isinstance(line, str)
    ]
    pieces = re.findall(r"[\w€]+|[^\w\s]", " ".join(lines + list(_ONE_SEARCH.values())))
    chooser = np.random.default_rng(6)
    made = [" ".join(chooser.choice(pieces, size=chooser.integers(1, 9))) for _ in range(20_000)]
    search = re.compile(_ONE_SEARCH[language])
    for text in lines + made:
        expected = search.search(text.lower()) is not None
        assert personal_case(text, "outage", language) == expected, text


@pytest.mark.parametrize("size", [1, 2, 7, 64, 65])
def test_a_bank_walked_round_and_round_picks_one_keyed_permutation_a_round(size):
    writer = Writer("en", "Acme", "@acme", seed=11)
    options = [f"line {i}" for i in range(size)]
    picked = [writer.pick("closers/calm", options) for _ in range(size * 40)]
    bank = zlib.crc32(b"closers/calm")
    expected = [
        options[i] for cycle in range(40) for i in rng.permutation(size, rng.key(11, bank, cycle))
    ]
    assert picked == expected


def _accounts_of_key(key: int, count: int, n: int) -> np.ndarray:
    """`count` accounts drawn from a share's key one post at a time: account j is mix(key + j) mod n."""
    draws = rng.mix_array(np.uint64(key) + np.arange(count, dtype=np.uint64))
    return (draws % np.uint64(n)).astype(np.int64)


def test_readers_drawn_from_their_keys_in_the_spread_are_the_ones_drawn_one_post_at_a_time():
    network = load_or_build(spec_for(load_scenario(DEFAULT_SCENARIO)))
    keys = [rng.key(i, 9) for i in range(40)]
    counts = np.random.default_rng(1).integers(0, 300, size=40).tolist()
    runs = []
    for drawn in ("in the spread", "one by one", "both"):
        shares = spread.Shares.empty()
        for i, (key, count) in enumerate(zip(keys, counts, strict=True)):
            by_key = drawn == "in the spread" or (drawn == "both" and i % 2 == 0)
            audience = count if by_key else _accounts_of_key(key, count, network.size)
            shares.add(i, 7, 60.0 * i, key, 1.0, 0.5, 0.5, 0, audience)
        runs.append(spread.expand(network, shares))
    assert runs[0].impressions.tolist() == counts
    for run in runs[1:]:
        for name in spread.Expansion.__dataclass_fields__:
            assert np.array_equal(getattr(run, name), getattr(runs[0], name))


def test_the_draws_of_a_steps_posts_made_in_one_batch_are_the_ones_made_one_post_at_a_time():
    chooser = np.random.default_rng(5)
    parents = chooser.integers(0, 2**64, size=300, dtype=np.uint64)
    nodes = chooser.integers(0, 10**7, size=300)
    purposes = chooser.choice([rng.PILE, rng.SHARE], size=300)
    batch = PostDraws.batch(parents, nodes, purposes)
    for parent, node, purpose, drawn in zip(
        parents.tolist(), nodes.tolist(), purposes.tolist(), batch, strict=True
    ):
        key = rng.key(parent, node, purpose)
        one_by_one = [
            *(rng.key(key, *(node if p == NODE else p for p in parts)) for _, parts in KEY_DRAWS),
            *(
                rng.uniform(key, *(node if p == NODE else p for p in parts))
                for _, parts in UNIFORM_DRAWS
            ),
        ]
        assert list(drawn) == [key, *one_by_one]
        assert PostDraws.of(key, node) == drawn
        assert drawn.share_key == rng.key(key, node, rng.SHARE)
        assert drawn.appeal == rng.uniform(key, APPEAL_DRAW)


def test_followers_of_big_accounts_drawn_in_one_batch_are_the_ones_drawn_one_share_at_a_time():
    sizes = [5000, 12_000, 40_000, 4097, 9000]
    indptr = np.concatenate(([0], np.cumsum(sizes))).astype(np.int64)
    indices = np.random.default_rng(2).integers(0, 10**6, size=indptr[-1]).astype(np.int32)
    network = SimpleNamespace(indptr=indptr, indices=indices)
    chooser = np.random.default_rng(4)
    for _ in range(30):
        nodes = chooser.integers(0, len(sizes), size=chooser.integers(1, 8))
        keys = np.array([rng.key(*row) for row in chooser.integers(0, 10**9, size=(len(nodes), 2))])
        keys = keys.astype(np.uint64)
        visibility = chooser.choice([1e-4, 0.01, 0.2, 0.9, 1.0], size=len(nodes))

        def one(node, key, vis):
            return spread._seen_in_big_row(network, node, key, vis)

        batch = seen_in_big_rows(indptr, indices, nodes, keys, visibility, spread._SALT_GAP, one)
        for i, seen in enumerate(batch):
            expected = one(int(nodes[i]), int(keys[i]), float(visibility[i]))
            assert np.array_equal(seen, expected)


def test_a_share_almost_nobody_sees_is_seen_by_nobody_in_either_draw():
    """A visibility of 0 or close to it (valid in a scenario) once made a gap too big for an
    integer: the walk then read followers outside the account's row, or crashed the process."""
    sizes = [5000, 12_000, 4097]
    indptr = np.concatenate(([0], np.cumsum(sizes))).astype(np.int64)
    indices = np.random.default_rng(2).integers(0, 10**6, size=indptr[-1]).astype(np.int32)
    network = SimpleNamespace(indptr=indptr, indices=indices)
    nodes = np.array([0, 1, 2, 0, 1, 2])
    keys = np.array([rng.key(i, 5) for i in range(len(nodes))], dtype=np.uint64)
    for tiny in (0.0, 1e-18, 1e-300, 5e-324):
        visibility = np.full(len(nodes), tiny)

        def one(node, key, vis):
            return spread._seen_in_big_row(network, node, key, vis)

        batch = seen_in_big_rows(indptr, indices, nodes, keys, visibility, spread._SALT_GAP, one)
        assert [len(seen) for seen in batch] == [0] * len(nodes)
        assert [len(one(int(n), int(k), tiny)) for n, k in zip(nodes, keys, strict=True)] == [
            0
        ] * len(nodes)


@pytest.mark.parametrize("times", [(900, 3600, 14400), (300, 300, 600), (600, 630, 900)])
def test_a_waiting_complaint_heats_up_by_the_policys_own_lateness(times):
    """The compiled heat writes out ResponseTimes.lateness (a compiled loop can't call it): a
    change to one without the other would make neglect and the speed score disagree."""
    from stormdrill.scenarios.model import ResponseTimes
    from stormdrill.simulator.kernels import heat

    rt = ResponseTimes(
        **{k: f"{v}s" for k, v in zip(("target", "norm", "max"), times, strict=True)}
    )
    waited = np.array([0, 59, 60, times[0], times[0] + 1, times[1], times[1] + 61, 99_999.0])
    n, one, zero = len(waited), np.ones(len(waited)), np.zeros(len(waited), dtype=np.int64)
    growth, t = 1.5, 200_000.0
    got = heat(n, zero, one * 0.5, one, t - waited, one.astype(bool), zero.astype(bool),
               zero.astype(bool), zero, np.ones(1), t, 9, 0.5, float(rt.target),
               float(rt.late_span), growth, 1e9)  # fmt: skip
    expected = 1.0 * (1 + growth * np.clip(rt.lateness(waited), 0, 1))
    assert np.array_equal(got, expected)


@pytest.mark.parametrize("language", ["en", "nl"])
def test_templates_fill_as_the_scenario_slots_do(language):
    values = {"brand": "Brand", "thing": "the {brand} app", "amount": "€12,00", "year": 2026}
    templates = ["", "{", "{}", "{Brand}", "{{brand}}", "{brand}{brand}", "a {unknown} b"]

    def walk(node):
        if isinstance(node, str):
            templates.append(node)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(bank(language))
    assert len(templates) > 400
    for template in templates:
        assert fill(template, values) == plain_fill(template, values)


def test_small_keyed_shuffles_in_python_are_the_ones_numpy_makes():
    for size in [*range(66), 300]:
        for bank_key in (1, 2**63 + 5, 987_654_321):
            expected = np.argsort(rng.key_range(size, bank_key), kind="stable").tolist()
            assert rng.permutation(size, bank_key) == expected


class _GeneralPileOns(Session):
    """A session whose pile-ons take the general path, one at a time: a text (Writer.pile_on), then
    posting._new_thread; what each passes on is handed back for the step to add in its order."""

    def _pile_ons(self, posts):
        passed = []
        for idx, node, t, drawn, who in posts:
            parent = self.threads[idx]
            if ((self._topic_id(parent.topic) << 32) | node) in self._complained:
                raise AssertionError("_posting let a second post by the same account through")
            prompted, own = self._joined.get(parent.topic, (0, 0))
            if node < self.network.named or prompted >= PILE_POOL * max(own, 1):
                raise AssertionError("_posting let a post through that the general path refuses")
            anger = min(
                1.0,
                PILE_ON_ANGER
                + PILE_ON_ANGER_SPREAD * drawn.anger
                + PILE_ON_ANGER_CARRY * parent.anger,
            )
            mention = drawn.mention < PILE_ON_MENTION
            text = self.writer.pile_on(
                drawn.key, parent.topic, anger, mention, drawn.thing_key, drawn.closer_key
            )
            personal = personal_case(text, parent.topic, self.language)
            shares, self._shares = self._shares, spread.Shares.empty()
            self._new_thread(t, drawn.key, node, parent.topic, "twitter", text, anger,
                             mention=mention, cause=f"pile-on: saw #{parent.id}", parent=parent.id,
                             at_fault=parent.at_fault, drawn=drawn, who=who,
                             needs_data=drawn.personal < PILE_ON_PERSONAL and personal)  # fmt: skip
            mine, self._shares = self._shares, shares
            passed.append(list(zip(*(getattr(mine, f) for f in spread.SHARE_FIELDS), strict=True)))
        return passed


def test_pile_ons_on_their_own_path_make_the_storm_the_general_path_makes():
    scenario = load_scenario(DEFAULT_SCENARIO)
    scenario.network.size = 100_000
    scenario.storm.generated.peak = 120
    network = load_or_build(spec_for(scenario))
    runs = []
    for kind in (Session, _GeneralPileOns):
        session = kind(scenario, seed=4, assess=lambda *a: None, network=network)
        events = [e.to_dict() for e in session.advance_to(session.duration)]
        runs.append((events, session.totals()))
    pile_ons = [e for e in runs[0][0] if e["kind"] == "post" and "pile-on" in e["cause"]]
    assert len(pile_ons) > 100
    assert {e["data"]["visible"] for e in pile_ons} == {True, False}
    assert runs[0] == runs[1]


def test_a_viewers_code_bounds_its_reshare_weight_and_says_whether_it_is_a_customer():
    """spread.viewer_codes: the spread reads a weight only where a draw is under its code's bound,
    so the bound must never be under the weight (else a reshare would be missed)."""
    scenario = load_scenario(DEFAULT_SCENARIO)
    scenario.network.size = 20_000
    network = load_or_build(spec_for(scenario))
    codes = spread.viewer_codes(network)
    weight = network.reshare_weight.astype(np.float64)
    assert (spread.WEIGHT_BOUNDS[codes & 127] >= weight).all()
    assert ((codes >> 7) == network.customer).all()
    # a bound is at most one step (12%) over the weight, or the smallest bound
    assert (
        spread.WEIGHT_BOUNDS[codes & 127]
        <= np.maximum(weight * 2 ** (1 / 6) * (1 + 1e-12), 2**-10.6)
    ).all()


def test_a_steps_candidates_come_in_lexsort_order_made_in_one_pass():
    """kernels.due_block sorts a step's candidates with two stable sorts: the order np.lexsort gives
    (due time, then account, then the order they were made), ties in both included."""
    from stormdrill.simulator.candidates import Candidates

    chooser = np.random.default_rng(3)
    queue = Candidates(steps=4, step=10.0, capacity=4)  # grows while filled
    made = []
    for _ in range(6):
        n = int(chooser.integers(1, 60))
        due = chooser.choice([3.0, 7.5, 12.0, 19.0, 25.0, 31.0], size=n)  # many equal times
        node = chooser.integers(0, 5, size=n).astype(np.float64)  # and accounts
        columns = [chooser.integers(0, 9, size=n).astype(np.float64), node, due,
                   chooser.random(n), chooser.integers(0, 2, size=n).astype(np.float64),
                   due - chooser.random(n) * 100]  # fmt: skip
        queue.add(*columns, before=30.0)
        made += [row for row in zip(*columns, strict=True) if row[2] < 30.0]
    assert queue.take(3, 3600.0) is None  # nothing falls due at 30 s or later
    for k in range(3):
        rows = np.array([row for row in made if int(row[2] // 10.0) == k]).T
        expected = rows[:, np.lexsort((rows[1], rows[2]))]
        taken = queue.take(k, 3600.0)
        assert taken is not None
        block, exponent = taken
        assert np.array_equal(block, expected)
        assert np.array_equal(exponent, -(expected[2] - expected[5]) / 3600.0)
        assert queue.take(k, 3600.0) is None  # once

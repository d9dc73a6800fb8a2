"""Coaching on the spot: a sent reply's score and findings, warnings before a risky send, off for an exam.

The engine is stepped by the test (app.step_to), never by the wall clock.
"""

from __future__ import annotations

import json
import re

from stormdrill.screens.console import ConsoleScreen
from stormdrill.screens.dialogs import Choice

from .console_app import make_app

SIZE = (120, 40)
SCORE = re.compile(r"\b\d{1,3}/100\b")
QUOTED = re.compile(r"“[^”]+”")


async def start(app, pilot, minutes=20):
    await pilot.press("enter")
    assert isinstance(app.screen, ConsoleScreen)
    app.step_to(minutes * 60)
    await pilot.pause()


def complaint(app):
    return next(
        th
        for th in app.live.session.threads
        if th.visible
        and th.kind_name == "complaint"
        and th.first_response is None
        and not th.hidden
    )


def note_text(app) -> str:
    note = app.console_screen.coach_note
    return str(note.render()) if note.display else ""


async def type_reply(app, pilot, thread, text):
    app.console_screen.inbox.select(thread.id)
    await pilot.press("r")
    await pilot.press(*text)
    await pilot.press("ctrl+s")
    await pilot.pause()


async def check_score_note_after_sending(app, pilot, text):
    thread = complaint(app)
    await type_reply(app, pilot, thread, text)
    assert thread.first_response is not None
    shown = note_text(app)
    assert SCORE.search(shown), shown
    assert f"{round(app.live.session.last_verdict.score)}/100" in shown
    assert QUOTED.search(shown), shown  # a finding with the trainee's own words
    return thread


async def test_a_sent_reply_shows_its_score_and_quoted_findings_at_once(library, assess, tmp_path):
    app = make_app(library, assess, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await start(app, pilot)
        thread = await check_score_note_after_sending(
            app, pilot, "Sorry for the outage, that's on us. Engineers expect a fix by 10:00. ^SJ"
        )
        app.step_to(60 * 60)  # the crowd's reaction to this thread, as it comes, stays in the note
        await pilot.pause()
        assert app.console_screen.coach_note.thread == thread.id
        await pilot.press("escape", "c")
        assert note_text(app) == ""


async def test_een_verstuurd_antwoord_toont_score_en_citaat(library, assess, tmp_path):
    app = make_app(library, assess, tmp_path, name="zekerheid-claim")
    async with app.run_test(size=SIZE) as pilot:
        await start(app, pilot, minutes=15)
        await check_score_note_after_sending(
            app, pilot, "Wat vervelend, excuses daarvoor. We zoeken het vandaag voor u uit. ^SJ"
        )
        assert "Jij" in note_text(app)


async def warned_then_sent(app, pilot, text, words):
    thread = complaint(app)
    await type_reply(app, pilot, thread, text)
    assert isinstance(app.screen, Choice), "no warning before sending"
    note = str(app.screen.query_one(".dialog-note").render())
    assert words in note, note
    await pilot.press("enter")  # the default: edit first
    assert isinstance(app.screen, ConsoleScreen)
    assert thread.first_response is None and text in app.screen.composer.text
    await pilot.press("ctrl+s", "down", "enter")  # send anyway
    await pilot.pause()
    assert thread.first_response is not None
    return app.live.session.last_verdict


async def test_asking_for_an_iban_in_public_is_warned_before_sending(library, assess, tmp_path):
    app = make_app(library, assess, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await start(app, pilot)
        verdict = await warned_then_sent(
            app, pilot, "Please send us your IBAN here so we can check. ^SJ", "personal data"
        )
        assert verdict.has("public_personal_data")
        assert SCORE.search(note_text(app))


async def test_om_een_iban_vragen_in_het_openbaar_krijgt_een_waarschuwing(
    library, assess, tmp_path
):
    app = make_app(library, assess, tmp_path, name="zekerheid-claim")
    async with app.run_test(size=SIZE) as pilot:
        await start(app, pilot, minutes=15)
        verdict = await warned_then_sent(
            app, pilot, "Kunt u hier uw IBAN sturen? Dan kijken we ernaar. ^SJ", "persoonsgegevens"
        )
        assert verdict.has("public_personal_data")


async def test_hiding_for_a_reason_the_policy_does_not_allow_is_warned(library, assess, tmp_path):
    app = make_app(library, assess, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await start(app, pilot)
        session = app.live.session
        hideable = next(
            th
            for th in session.threads
            if th.visible
            and th.channel == "facebook"
            and not th.hidden
            and th.kind_name == "complaint"
            and not th.sponsored
        )
        app.console_screen.inbox.select(hideable.id)
        await pilot.press("h", "down", "down", "down", "down", "enter")  # "other"
        assert isinstance(app.screen, Choice)
        assert "spam" in str(app.screen.query_one(".dialog-note").render())
        await pilot.press("enter")  # don't hide
        assert not hideable.hidden
        await pilot.press("h", "down", "down", "down", "down", "enter", "down", "enter")
        assert hideable.hidden


async def test_an_exam_without_coaching_shows_no_score_and_no_warning(library, assess, tmp_path):
    app = make_app(library, assess, tmp_path, coaching=False)
    async with app.run_test(size=SIZE) as pilot:
        await start(app, pilot)
        thread = complaint(app)
        await type_reply(app, pilot, thread, "Please send us your IBAN here so we can check. ^SJ")
        assert isinstance(app.screen, ConsoleScreen)
        assert thread.first_response is not None  # sent without a question
        assert note_text(app) == ""
    header = json.loads((tmp_path / "session.jsonl").read_text().splitlines()[0])
    assert header["coaching"] is False


async def test_the_log_records_that_coaching_was_on(library, assess, tmp_path):
    app = make_app(library, assess, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await start(app, pilot, minutes=1)
    header = json.loads((tmp_path / "session.jsonl").read_text().splitlines()[0])
    assert header["coaching"] is True

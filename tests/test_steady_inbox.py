"""A steady inbox: rows hold still while the trainee reads or types; new posts wait behind a marker.

The engine is stepped by the test (app.step_to), never by the wall clock.
"""

from __future__ import annotations

from stormdrill.widgets.inbox import URGENT_FLAGS

from .console_app import make_app

SIZE = (120, 40)


def rows(inbox) -> list[str]:
    return [key.value for key in inbox.rows]


async def test_the_order_holds_and_new_posts_wait_behind_a_marker(library, assess, tmp_path):
    app = make_app(library, assess, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        app.step_to(15 * 60)
        await pilot.pause()
        inbox = app.screen.inbox
        inbox.move_cursor(row=min(3, inbox.row_count - 1))
        selected, row, order = inbox.selected, inbox.cursor_row, rows(inbox)
        for minute in range(16, 46):  # the peak builds; the trainee is reading
            app.step_to(minute * 60)
            await pilot.pause()
        assert (inbox.selected, inbox.cursor_row) == (selected, row)
        assert rows(inbox) == order
        waiting = len(inbox.waiting_new)
        assert waiting > 0
        assert inbox.border_subtitle == f"{waiting} new — press n"
        await pilot.press("n")
        assert len(rows(inbox)) == len(order) + waiting
        assert inbox.waiting_new == {} and inbox.border_subtitle == ""


async def test_urgent_posts_still_announce_themselves(library, assess, tmp_path):
    app = make_app(library, assess, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        app.step_to(10 * 60)
        await pilot.pause()
        for minute in range(11, 91):
            app.step_to(minute * 60)
        await pilot.pause()
        urgent = [
            item
            for item in app.screen.inbox.waiting_new.values()
            if set(item.flags) & set(URGENT_FLAGS)
        ]
        assert urgent, "the storm has press or escalation posts by now"
        said = [str(n.message) for n in app._notifications]
        assert any(f"Urgent: {urgent[0].handle}" in line for line in said), said


async def test_de_inbox_zegt_in_het_nederlands_hoeveel_er_wachten(library, assess, tmp_path):
    app = make_app(library, assess, tmp_path, name="zekerheid-claim")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        app.step_to(10 * 60)
        await pilot.pause()
        for minute in range(11, 41):
            app.step_to(minute * 60)
        await pilot.pause()
        inbox = app.screen.inbox
        assert inbox.border_subtitle == f"{len(inbox.waiting_new)} nieuw — druk op n"

"""`stormdrill join --bot reference|bad`: a headless seat that plays with the team.

The bot works on its own copy of the session (mirror.py) with the engine's bots (simulator/bots.py)
as one seat of a team: it looks at the inbox once a simulated minute, leaves threads another seat
has claimed alone, and sends its actions to the host, which applies them (or refuses them, when
someone was quicker).
"""

from __future__ import annotations

from stormdrill.simulator.bots import BOTS, ReferenceTeam
from stormdrill.simulator.teams import LOOK_BACK

from .client import Connection
from .mirror import Mirror

SEAT_BOTS = ("reference", "bad")


async def play_seat(connection: Connection, bot: str, assess, network=None) -> Mirror:
    """Play until the storm ends or the host goes; returns the seat's copy of the session."""
    mirror = Mirror(connection.welcome, assess, network)
    player = BOTS[bot](mirror.session)
    if isinstance(player, ReferenceTeam):
        player.seats = player.seats[:1]  # one person in one seat, not a whole team
    me = mirror.me["name"]
    next_look = (mirror.session.now // LOOK_BACK + 1) * LOOK_BACK
    while not mirror.ended:
        message = await connection.receive()
        if message is None:
            break
        mirror.follow(message)
        if message["type"] != "tick" or mirror.session.now < next_look or mirror.paused:
            continue
        while next_look <= mirror.session.now:
            next_look += LOOK_BACK
        for action in player.act():
            holder = mirror.holder(action.thread) if action.thread is not None else None
            if holder not in (None, me):
                continue
            await connection.send({"type": "act", "action": action.to_dict()})
    connection.close()
    return mirror

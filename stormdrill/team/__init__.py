"""Team exercises: one storm as the authority (host), seats joining it (docs/teams.md).

- protocol.py: the messages, checked and bounded; exercise.py: the authority (claims, approvals,
  the white cell, the one log), no sockets; host.py: it on a TCP port; client.py: a seat's
  connection; mirror.py: a seat's own copy of the session; bot.py: headless seats; console.py: the
  Textual seat; commands.py: `host` and `join`.
"""

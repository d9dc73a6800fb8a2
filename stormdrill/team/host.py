"""`stormdrill host`: the exercise on a TCP port, JSON lines in and out (docs/teams.md).

Bound to 127.0.0.1 unless `--bind` opens it to a network on purpose. Each connection says hello
with the join code, then sends messages that protocol.read_client checks; the Exercise decides.
A seat's bad message costs it an error line, never the host; a seat that does not read its
messages (a full send buffer) is dropped, and may come back.
"""

from __future__ import annotations

import asyncio
import contextlib
import time

from .exercise import Exercise
from .protocol import MAX_MESSAGE_BYTES, ProtocolError, RateLimit, encode, read_client

TICK = 0.1  # wall seconds between clock steps, as the console's
HELLO_WITHIN = 10.0  # seconds a new connection has to say hello
MAX_SEND_BUFFER = 8_000_000  # bytes waiting for a seat that does not read
LINGER = 2.0  # seconds the host waits after the end for seats to read it


class Host:
    def __init__(self, exercise: Exercise, bind: str = "127.0.0.1", port: int = 8700):
        self.exercise = exercise
        self.bind, self.port = bind, port
        self.writers: dict[str, asyncio.StreamWriter] = {}
        self.server: asyncio.base_events.Server | None = None
        self.manual = False  # tests step the clock themselves (advance_to)

    async def start(self) -> int:
        self.server = await asyncio.start_server(
            self._serve, self.bind, self.port, limit=MAX_MESSAGE_BYTES + 2
        )
        self.port = self.server.sockets[0].getsockname()[1]
        return self.port

    async def run(self, until_end: bool = True) -> None:
        """The clock: steps the exercise with the wall clock until the storm ends."""
        last = time.monotonic()
        while not self.exercise.finished:
            await asyncio.sleep(TICK)
            now = time.monotonic()
            if not self.manual:
                self.exercise.tick(now - last)
                self.flush()
            last = now
        self.flush()
        await asyncio.sleep(LINGER if until_end else 0)
        await self.stop()

    def advance_to(self, t: float) -> None:
        """Tests: the storm to simulated second t, now."""
        self.exercise.advance_to(t)
        self.flush()

    async def stop(self) -> None:
        self.exercise.close("host stopped")
        self.flush()
        for writer in list(self.writers.values()):
            writer.close()
        if self.server is not None:
            self.server.close()
            with contextlib.suppress(Exception):
                await self.server.wait_closed()

    def flush(self) -> None:
        for target, message in self.exercise.take_outbox():
            data = encode(message)
            for name in self.exercise.recipients(target):
                writer = self.writers.get(name)
                if writer is None or writer.is_closing():
                    continue
                if writer.transport.get_write_buffer_size() > MAX_SEND_BUFFER:
                    writer.close()  # it stopped reading; it may rejoin and get everything again
                    continue
                writer.write(data)

    def _send(self, writer: asyncio.StreamWriter, message: dict) -> None:
        if not writer.is_closing():
            writer.write(encode(message))

    async def _read(self, reader: asyncio.StreamReader) -> bytes | None:
        """One line; None when the seat hung up. An over-long line raises ProtocolError."""
        try:
            line = await reader.readline()
        except ValueError:  # longer than the limit: the reader dropped it
            raise ProtocolError(f"message too long: at most {MAX_MESSAGE_BYTES} bytes") from None
        except (ConnectionError, asyncio.IncompleteReadError):
            return None
        return line or None

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        name = None
        try:
            name = await self._hello(reader, writer)
            if name is None:
                return
            limit = RateLimit()
            while True:
                try:
                    line = await self._read(reader)
                    if line is None:
                        break
                    if not line.strip():
                        continue
                    if not limit.allow():
                        raise ProtocolError("too many messages; slow down")
                    message = read_client(line)
                    if message["type"] == "hello":
                        raise ProtocolError("already joined")
                except ProtocolError as err:
                    self.exercise.refuse(self.exercise.seats[name], str(err), "message")
                    self.flush()
                    continue
                self.exercise.handle(name, message)
                self.flush()
        except Exception as err:  # the host outlives any one seat
            with contextlib.suppress(Exception):
                self._send(writer, {"type": "error", "about": "host", "error": f"closed: {err}"})
        finally:
            if name is not None and self.writers.get(name) is writer:
                del self.writers[name]
                self.exercise.leave(name)
                self.flush()
            writer.close()

    async def _hello(self, reader, writer) -> str | None:
        try:
            line = await asyncio.wait_for(self._read(reader), HELLO_WITHIN)
            if line is None:
                return None
            message = read_client(line)
            if message["type"] != "hello":
                raise ProtocolError("say hello first: protocol, version, code, name and role")
            welcome = self.exercise.join(message["name"], message["role"], message["code"])
        except (ProtocolError, TimeoutError) as err:
            why = str(err) or "no hello in time"
            self.exercise.log.team_line(
                {
                    "type": "refused",
                    "t": self.exercise.now,
                    "by": None,
                    "about": "hello",
                    "why": why,
                }
            )
            self._send(writer, {"type": "error", "about": "hello", "error": why})
            with contextlib.suppress(ConnectionError):
                await writer.drain()
            return None
        name = welcome["you"]["name"]
        self._send(writer, welcome)
        self.writers[name] = writer
        self.flush()
        return name

"""A seat's connection to the host: hello, then JSON lines both ways."""

from __future__ import annotations

import asyncio
import contextlib

from .protocol import decode, encode, hello

MAX_HOST_MESSAGE = 64_000_000  # a welcome carries the scenario and the exercise's history


class JoinError(Exception):
    """The host refused the seat (wrong code, name in use) or could not be reached."""


def parse_address(address: str) -> tuple[str, int]:
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise JoinError(f"{address!r} is not HOST:PORT (e.g. 127.0.0.1:8700)")
    return host, int(port)


class Connection:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, welcome: dict):
        self.reader, self.writer, self.welcome = reader, writer, welcome

    @classmethod
    async def open(cls, address: str, code: str, name: str, role: str) -> Connection:
        host, port = parse_address(address)
        try:
            reader, writer = await asyncio.open_connection(host, port, limit=MAX_HOST_MESSAGE)
        except OSError as err:
            raise JoinError(
                f"cannot reach {address}: {err.strerror or err}; is `host` running there? "
                "Check HOST:PORT against what the host printed"
            ) from None
        writer.write(encode(hello(code, name, role)))
        await writer.drain()
        line = await reader.readline()
        if not line:
            raise JoinError(f"{address} closed the connection")
        first = decode(line)
        if first.get("type") != "welcome":
            writer.close()
            raise JoinError(f"{address} refused: {first.get('error', first)}")
        return cls(reader, writer, first)

    async def send(self, message: dict) -> None:
        if self.writer.is_closing():
            return
        self.writer.write(encode(message))
        with contextlib.suppress(ConnectionError):
            await self.writer.drain()

    async def receive(self) -> dict | None:
        """The next message; None when the host is gone."""
        try:
            line = await self.reader.readline()
        except (ConnectionError, ValueError):
            return None
        return decode(line) if line else None

    def close(self) -> None:
        self.writer.close()

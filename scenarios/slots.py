"""Safe slot filling for `{first_name}`-style templates: never `str.format` on user text."""

from __future__ import annotations

import re
from collections.abc import Mapping

_SLOT = re.compile(r"\{([a-z_]+)\}")


def fill(text: str, values: Mapping[str, object]) -> str:
    """Replace `{name}` by `values[name]`; unknown slots and other braces stay as written."""
    return _SLOT.sub(lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), text)


def slots_in(text: str) -> list[str]:
    return _SLOT.findall(text)

"""Safe slot filling for `{first_name}`-style templates: never `str.format` on user text."""

from __future__ import annotations

import re
from collections.abc import Mapping

_SLOT = re.compile(r"\{([a-z_]+)\}")


def fill(text: str, values: Mapping[str, object]) -> str:
    """Replace `{name}` by `values[name]`; unknown slots and other braces stay as written."""

    def one(match: re.Match) -> str:
        try:
            return str(values[match.group(1)])
        except KeyError:
            return match.group(0)

    return _SLOT.sub(one, text)

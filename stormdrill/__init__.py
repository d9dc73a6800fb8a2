"""Stormdrill: a terminal trainer for webcare crisis response.

One import package. In a checkout the engine (`simulator/`), the formats (`scenarios/`) and the
judgement (`scoring/`) sit beside this folder at the top level; they are subpackages of
`stormdrill` all the same (`stormdrill.simulator`, …): in a checkout through the path added
below, in an installed wheel because they are packaged inside it. This module must stay light:
the core imports it, and the core never imports Textual.
"""

from __future__ import annotations

import sys
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent
if (_CHECKOUT / "run.py").is_file() and (_CHECKOUT / "simulator").is_dir():
    __path__.append(str(_CHECKOUT))  # a checkout: stormdrill.simulator is ./simulator


def command() -> str:
    """How the user runs Stormdrill here: `python run.py` in a checkout, `stormdrill` when installed."""
    return "python run.py" if Path(sys.argv[0]).name == "run.py" else "stormdrill"

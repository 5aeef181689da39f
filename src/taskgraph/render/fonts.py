"""The CJK font shipped with taskgraph (Droid Sans Fallback, Apache-2.0), for figures and pages.

Figures register it with matplotlib, so Chinese labels render on a machine with no CJK font.
Pages embed a subset holding just the characters they show (fontTools), so the browser draws
Chinese without a system font and without a network request.
"""

from __future__ import annotations

import base64
import io
from functools import lru_cache
from pathlib import Path

from taskgraph.resources import package_file

FONT_FILE = "DroidSansFallbackFull.ttf"
FONT_FAMILY = "Droid Sans Fallback"


def font_path() -> Path:
    """Path of the shipped CJK font."""
    return package_file("fonts", FONT_FILE)


@lru_cache(maxsize=1)
def matplotlib_font() -> str:
    """Register the shipped font with matplotlib and return its family name."""
    from matplotlib import font_manager

    path = str(font_path())
    font_manager.fontManager.addfont(path)
    return font_manager.FontProperties(fname=path).get_name()


def subset_font_data_uri(text: str) -> str:
    """A ``data:`` URI of the shipped font cut down to the characters of ``text``.

    Examples
    --------
    >>> uri = subset_font_data_uri("县财政局")
    >>> uri.startswith("data:font/ttf;base64,") and len(uri) < 40_000
    True
    """
    from fontTools import subset

    options = subset.Options()
    options.layout_features = []
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = subset.load_font(str(font_path()), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(set(text))) or " ")
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return "data:font/ttf;base64," + base64.b64encode(out.getvalue()).decode("ascii")

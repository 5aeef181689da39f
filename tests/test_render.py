"""The shipped CJK font as matplotlib finds it.

The page tests are in tests/render/test_html.py and tests/render/test_browser.py, the figure
tests in tests/render/test_figures.py.
"""

from __future__ import annotations

from matplotlib import font_manager
from matplotlib.ft2font import FT2Font

from taskgraph.render.fonts import font_path, matplotlib_font


def test_cjk_font_resolves():
    """The shipped CJK font is what matplotlib finds for its family, and it has glyphs for unit names."""
    family = matplotlib_font()
    assert str(font_path()) in {f.fname for f in font_manager.fontManager.ttflist}
    found = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    for path in (found, str(font_path())):
        font = FT2Font(str(path))
        assert all(font.get_char_index(ord(ch)) for ch in "县发展改革局农业农村丁卫东莘")

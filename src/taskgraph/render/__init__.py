"""What a person looks at: the interactive HTML page and the static figures."""

from taskgraph.render.figures import write_figures
from taskgraph.render.html import render_html, write_html

__all__ = ["render_html", "write_figures", "write_html"]

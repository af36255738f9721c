"""The one Jinja2 environment of the HTML reports (Vorlage, sensitivity, year): templates from
``amip/export/templates``, autoescaped (no ``html.escape`` by hand), undefined names an error
(StrictUndefined), and the one number filter ``n``: every number a template prints goes through
``{{ x|n('eur') }}`` and so through the German formats of amip.models.fmt."""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from amip import texts as T
from amip.models.fmt import eur, fixed, num, signed, signed_eur

if TYPE_CHECKING:
    from markupsafe import Markup

FORMATS = {"num": num, "eur": eur, "signed_eur": signed_eur, "signed": signed,
           "meur": lambda v: fixed(v / 1e6, 2) + " Mio. €", "px": lambda v: f"{v:.1f}"}


def number(value: float, kind: str = "num") -> str:
    """The one filter every number of a template goes through (``{{ x|n('eur') }}``): German
    formats of amip.models.fmt; ``px`` for drawing coordinates (one decimal)."""
    return FORMATS[kind](value)


@functools.cache
def environment():
    """The shared environment (built once; jinja2 is imported only when a report is rendered)."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("amip.export", "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    env.filters["n"] = number
    env.globals["T"] = T
    return env


def render(name: str, **context) -> str:
    """Render the template ``name`` of amip/export/templates with ``context``."""
    return environment().get_template(name).render(**context)


@dataclass(frozen=True)
class Shape:
    """One SVG element of a chart: its tag, its attributes in order, and its text or hover title."""
    tag: str
    attrs: tuple[tuple[str, object], ...]
    text: str | None = None
    title: str | None = None


def shape(tag: str, *, text: str | None = None, title: str | None = None, **attrs) -> Shape:
    """``shape("text", x=1, font_size=11, text="…")``: underscores in attribute names become hyphens."""
    return Shape(tag, tuple((k.replace("_", "-"), v) for k, v in attrs.items()), text, title)


@dataclass
class Chart:
    """An <svg> with its attributes and shapes, drawn by the macro ``chart`` of ``svg.html.j2``."""
    attrs: tuple[tuple[str, object], ...]
    shapes: list[Shape] = field(default_factory=list)


def svg_part(name: str, *args) -> Markup:
    """Call the macro ``name`` of the template part ``svg.html.j2`` (``chart`` or ``paragraph``)."""
    return getattr(environment().get_template("svg.html.j2").module, name)(*args)

"""What a unit is: one identity across plans, the job it does, its English name, its level.

Researchers compare plans across years and places; for that every unit name a plan writes
(县发展改革局, 市发改委, 各镇人民政府〔街道办事处〕, 聊城鲁西经济开发区管委会 ...) gets

- an identity, :func:`unit_key`, under which its written forms meet (县发改局 = 县发展和改革局),
  and a preferred written form, :func:`canonical_form`;
- a function, :func:`function_of`, from a SKOS concept scheme (``data/functions.ttl``);
- an English name, :func:`english_name`, and for jurisdictions
  :func:`english_name_for_jurisdiction` and :func:`level_of`.

All rules are data in ``data/``, read on first use: importing this package reads no file.

Examples
--------
>>> from taskgraph.units import english_name, function_of, level_of, unit_key
>>> unit_key("县发改局") == unit_key("县发展和改革局")
True
>>> function_of("县发改局").en, english_name("县发改局"), str(level_of("莘县"))
('development and reform', 'County Development and Reform Bureau', 'county')
"""

from __future__ import annotations

from taskgraph.units.english import english_name
from taskgraph.units.functions import Function, broader, function_of
from taskgraph.units.identity import canonical_form, clean, unit_key
from taskgraph.units.places import english_name_for_jurisdiction, level_of

__all__ = [
    "Function",
    "broader",
    "canonical_form",
    "clean",
    "english_name",
    "english_name_for_jurisdiction",
    "function_of",
    "level_of",
    "unit_key",
]

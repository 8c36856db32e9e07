"""SIPRI trade-register subsets: how much of the weapon knowledge base the register's designations find.

For each distinct designation: does `kb.find_weapon` resolve it; is the category it gives the one
SIPRI's "Weapon description" names (after `DESCRIPTION_WORDS` spells SIPRI's abbreviations out;
case-insensitive, either containing the other); and, where a row is a new-built delivery from a
known supplier (so the maker is the supplier's country), does the KB name a maker of that country.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from .common import EvalError, ratio

NAME = "sipri"
FOLDER = "datasets/sipri_subset"

#: SIPRI description words → the words our category vocabulary uses.
DESCRIPTION_WORDS = {
    "uav": "unmanned aerial vehicle", "ucav": "unmanned combat aerial vehicle", "apc": "armoured personnel carrier",
    "ifv": "infantry fighting vehicle", "sam": "surface to air missile", "aam": "air to air missile",
    "fga": "fighter ground attack", "recce": "reconnaissance", "mrl": "multiple rocket launcher",
    "armored": "armoured", "ssm": "surface to surface missile", "asm": "air to surface missile",
}
#: Supplier names pycountry does not resolve.
SUPPLIER_CODES = {"Russia": "RUS", "Turkiye": "TUR", "Turkey": "TUR", "Soviet Union": "SUN",
                  "United States": "USA", "United Kingdom": "GBR", "Czechia": "CZE", "South Korea": "KOR",
                  "Iran": "IRN", "Syria": "SYR", "Moldova": "MDA"}


class WeaponKB(Protocol):
    def find_weapon(self, designation: str) -> dict | None: ...


@dataclass
class Designation:
    """One weapon designation of the register, with what its rows say about it."""

    designation: str
    descriptions: set[str] = field(default_factory=set)
    maker_countries: set[str] = field(default_factory=set)  # supplier countries of new-built deliveries


def iso3(name: str | None) -> str | None:
    """A country name (or code) → ISO 3166-1 alpha-3; None when unknown."""
    if not name or "unknown" in name.lower():
        return None
    name = name.strip()
    if re.fullmatch(r"[A-Z]{3}", name):
        return name
    if name in SUPPLIER_CODES:
        return SUPPLIER_CODES[name]
    try:
        import pycountry

        return pycountry.countries.lookup(name).alpha_3
    except (LookupError, ImportError):
        return None


def parse_rows(rows: list[dict]) -> list[Designation]:
    """Register rows → distinct designations, in first-seen order."""
    out: dict[str, Designation] = {}
    for r in rows:
        name = (r.get("Weapon designation") or "").strip()
        if not name:
            continue
        d = out.setdefault(name, Designation(name))
        if r.get("Weapon description"):
            d.descriptions.add(r["Weapon description"].strip())
        supplier = iso3(r.get("Supplier"))
        if supplier and (r.get("status") or "").strip().lower() == "new":
            d.maker_countries.add(supplier)
    return list(out.values())


def read(shared: Path) -> list[Designation]:
    files = sorted((shared / FOLDER).glob("*.csv"))
    if not files:
        raise EvalError(f"SIPRI subset not found: {shared / FOLDER}/*.csv")
    rows = []
    for f in files:
        with f.open(encoding="utf-8", newline="") as fh:
            rows.extend(csv.DictReader(fh))
    return parse_rows(rows)


def _words(text: str) -> str:
    """Lower-case words, abbreviations spelt out; "anti-tank" stays one word (a tank it is not)."""
    text = re.sub(r"\banti[- ]", "anti", text.lower())
    return " ".join(DESCRIPTION_WORDS.get(w, w) for w in re.findall(r"[a-z0-9]+", text))


def category_matches(category: str | None, descriptions: set[str]) -> bool:
    """Our category vs SIPRI's description(s): case-insensitive, either containing the other."""
    if not category:
        return False
    ours = _words(category)
    for desc in descriptions:
        for alt in _alternatives(desc):
            theirs = _words(alt)
            if theirs and (f" {theirs} " in f" {ours} " or f" {ours} " in f" {theirs} "):
                return True
    return False


def _alternatives(desc: str) -> list[str]:
    """'air-to-surface/surface-to-surface missile' → ['air-to-surface missile', 'surface-to-surface missile']."""
    parts = desc.split("/")
    head = desc.split()[-1] if len(parts) > 1 else ""
    return [p if " " in p.strip() else f"{p} {head}" for p in parts]


def score(designations: list[Designation], kb: WeaponKB) -> dict[str, Any]:
    """Shares of designations resolved, resolved with the right category, and with a maker of the right country."""
    resolved = right_category = maker_ok = maker_n = 0
    unresolved = []
    for d in designations:
        w = kb.find_weapon(d.designation)
        if d.maker_countries:
            maker_n += 1
        if not w:
            unresolved.append(d.designation)
            continue
        resolved += 1
        right_category += category_matches(w.get("category"), d.descriptions)
        if d.maker_countries and w.get("maker") and iso3(w.get("country")) in d.maker_countries:
            maker_ok += 1
    n = len(designations)
    return {
        "designations": n, "resolved": resolved, "resolved_share": ratio(resolved, n),
        "category_share": ratio(right_category, n), "with_maker_designations": maker_n,
        "maker_share": ratio(maker_ok, maker_n), "unresolved_examples": unresolved[:15],
    }


def evaluate(shared: Path, *, kb: WeaponKB | None = None, limit: int | None = None, **_: Any) -> dict:
    designations = read(shared)
    designations = designations[:limit] if limit else designations
    if kb is None:
        from ..kb import KnowledgeBase

        kb = KnowledgeBase.load()
    metrics = score(designations, kb)
    examples = metrics.pop("unresolved_examples")
    return {"dataset": NAME, "items": len(designations), "metrics": metrics, "details": {"unresolved": examples}}

"""The knowledge base: states, organisations, officials, companies, weapons, lexicons.

Every row lives in a TSV file under `kb/data/` (see its README). Users add rows of their own in
folders of the same layout (`--kb DIR`, or `REALPOLITIK_KB` as a path list); a user row with the
same id as a package row replaces it. Outside `nlp/`, this module is how code asks "who is this".
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

DATA = resources.files(__package__).joinpath("data")


def norm(text: str) -> str:
    """Case-, accent- and punctuation-folded form used for lookups."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def slug(text: str) -> str:
    return norm(text).replace(" ", "-")


def split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


@dataclass(frozen=True)
class Entity:
    """Anything an actor mention can link to."""

    id: str
    name: str
    type: str
    country: str | None = None
    sector: str | None = None
    wikidata: str | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True)
class Alias:
    """One surface form of an entity; `case_sensitive` False for labels and descriptions."""

    text: str
    entity_id: str
    kind: str
    case_sensitive: bool = True


@dataclass(frozen=True)
class Tenure:
    person_id: str
    role: str
    country: str | None
    sector: str | None
    start: str | None
    end: str | None

    def covers(self, date: str) -> bool:
        """Whether the tenure includes `date` (ISO, any precision)."""
        return (not self.start or self.start <= date) and (not self.end or date <= self.end + "~")


@dataclass(frozen=True)
class WeaponInfo:
    designation: str
    family: str | None
    category: str | None
    maker: str | None
    country: str | None

    def as_dict(self) -> dict:
        return {"designation": self.designation, "family": self.family, "category": self.category,
                "maker": self.maker, "country": self.country}


@dataclass
class KnowledgeBase:
    entities: dict[str, Entity] = field(default_factory=dict)
    aliases: list[Alias] = field(default_factory=list)
    tenures: dict[str, list[Tenure]] = field(default_factory=lambda: defaultdict(list))
    weapons: dict[str, WeaponInfo] = field(default_factory=dict)
    weapon_aliases: dict[str, str] = field(default_factory=dict)  # norm(alias) -> designation
    label_techniques: dict[str, str] = field(default_factory=dict)  # norm(label) -> technique
    tables: dict[str, list[dict]] = field(default_factory=dict)  # lexicons, by file stem
    version: str = ""

    # ---------------------------------------------------------------- loading
    @classmethod
    def load(cls, *, extra_dirs: tuple[str, ...] = ()) -> "KnowledgeBase":
        """The package's knowledge base plus the user's folders (and `REALPOLITIK_KB`)."""
        env = tuple(p for p in os.environ.get("REALPOLITIK_KB", "").split(os.pathsep) if p)
        return _load(tuple(extra_dirs) + env)

    def table(self, name: str) -> list[dict]:
        return self.tables.get(name, [])

    # ---------------------------------------------------------------- queries
    def entity(self, entity_id: str | None) -> Entity | None:
        return self.entities.get(entity_id) if entity_id else None

    def country_of(self, entity_id: str | None) -> str | None:
        e = self.entity(entity_id)
        if e is not None:
            return e.country
        return entity_id if entity_id and re.fullmatch(r"[A-Z]{3}", entity_id) else None

    def role_as_of(self, person_id: str, date: str | None) -> Tenure | None:
        """The person's tenure in force at `date`; with no date, the most recent one."""
        tenures = self.tenures.get(person_id, [])
        if not tenures:
            return None
        if date:
            current = [t for t in tenures if t.covers(date)]
            return max(current, key=_rank) if current else None
        return max(tenures, key=lambda t: (t.start or "", _rank(t)))

    def holders(self, role: str, country: str | None, date: str | None) -> list[str]:
        """Ids of people holding `role` in `country` at `date` (any time when date is None)."""
        out = []
        for pid, tenures in self.tenures.items():
            for t in tenures:
                if t.role.lower() == role.lower() and t.country == country and (not date or t.covers(date)):
                    out.append(pid)
                    break
        return out

    def find_weapon(self, name: str) -> dict | None:
        """Resolve a weapon designation or alias (exact after folding) to its row."""
        key = self.weapon_aliases.get(norm(name)) or self.weapon_aliases.get(norm(name).replace(" ", ""))
        return self.weapons[key].as_dict() if key else None

    def lookup(self, name: str, *, date: str | None = None) -> list[dict]:
        """How a name resolves, and why: exact aliases (name, alias, demonym, metonym, label),
        then a known person's surname, then fuzzy candidates with their score and whether the
        linker's bounded rule (`close_names`) would accept them. People carry their role as of `date`."""
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        key = norm(name)
        out = []
        for a in self.aliases:
            if norm(a.text) == key and a.entity_id in self.entities:
                case = "" if a.case_sensitive else ", any case"
                out.append(self._describe(a.entity_id, a.kind, f"exact {a.kind} \"{a.text}\"{case}", 100.0, date))
        if not out and len(key.split()) == 1:
            people = {a.entity_id for a in self.aliases if a.case_sensitive and len(a.text.split()) >= 2
                      and self.entities.get(a.entity_id) is not None and self.entities[a.entity_id].type == "person"
                      and re.sub(r"^(?:al|el|ad|as|ash|an) ", "", norm(a.text.split()[-1])) == key}
            for pid in sorted(people):
                unique = "" if len(people) == 1 else f" (ambiguous: {len(people)} people)"
                out.append(self._describe(pid, "name", f"surname of {self.entities[pid].name}{unique}", 90.0, date))
        if not out:
            choices = {i: norm(a.text) for i, a in enumerate(self.aliases) if a.case_sensitive}
            for _, score, i in process.extract(key, choices, scorer=Levenshtein.normalized_similarity,
                                               limit=5, score_cutoff=0.7):
                a = self.aliases[i]
                ok = close_names(key.split(), norm(a.text).split()) and \
                    self.entities[a.entity_id].type in FUZZY_TYPES
                bound = "within the linker's bound: linked" if ok else "outside the linker's bound: not linked"
                out.append(self._describe(a.entity_id, a.kind, f"fuzzy {score * 100:.0f} vs \"{a.text}\", {bound}",
                                          round(score * 100, 1), date))
        w = self.find_weapon(name)
        if w:
            out.append({"id": w["designation"], "name": w["designation"], "type": "weapon",
                        "country": w["country"], "sector": None, "role": w["category"],
                        "kind": "weapon", "how": "exact weapon designation or alias", "score": 100.0})
        seen, unique = set(), []
        for row in out:
            if (row["id"], row["kind"]) not in seen:
                seen.add((row["id"], row["kind"]))
                unique.append(row)
        return unique

    def _describe(self, entity_id: str, kind: str, how: str, score: float, date: str | None) -> dict:
        e = self.entities[entity_id]
        tenure = self.role_as_of(entity_id, date) if e.type == "person" else None
        if e.type == "person" and self.tenures.get(entity_id):
            when = f"as of {date}" if date else "latest"
            if tenure:
                how += f"; role {when}: {tenure.role} ({tenure.start or '?'} to {tenure.end or 'now'})"
            else:
                how += f"; no role in the knowledge base {when}"
        return {"id": e.id, "name": e.name, "type": e.type, "country": e.country,
                "sector": tenure.sector if tenure else e.sector, "role": tenure.role if tenure else None,
                "kind": kind, "how": how, "score": score}


#: entity types the linker matches fuzzily (states, places and labels only exactly)
FUZZY_TYPES = ("person", "company", "organization", "armed_group", "igo")


def depluralise(word: str) -> str:
    """"systems" -> "system"; "press", "bus" and short words stay as they are."""
    return word[:-1] if len(word) >= 4 and word.endswith("s") and not word.endswith("ss") else word


def close_names(words: list[str], target: list[str]) -> bool:
    """The linker's bounded fuzzy rule over folded words (`norm(text).split()`).

    The same number of words; each equal up to a trailing plural "s", or within one edit (two
    for words of five letters or more; none under four); a multi-word name needs one word equal;
    a single word needs its first letter right and one edit at most (two from eight letters).
    """
    from rapidfuzz.distance import Levenshtein

    if not words or len(words) != len(target):
        return False
    same = 0
    for a, b in zip(words, target):
        a, b = depluralise(a), depluralise(b)
        if a == b:
            same += 1
            continue
        if a.isdigit() or b.isdigit():
            return False
        shorter = min(len(a), len(b))
        if Levenshtein.distance(a, b) > (2 if shorter >= 5 else 1 if shorter >= 4 else 0):
            return False
    if len(target) == 1:
        return words[0][:1] == target[0][:1] and (Levenshtein.distance(words[0], target[0]) <= 1
                                                  or len(target[0]) >= 8)
    return same >= 1


def lookup(name: str, *, date: str | None = None, kb_dirs: tuple[str, ...] = ()) -> list[dict]:
    """`realpolitik kb lookup`: how `name` resolves in the knowledge base, and why."""
    return KnowledgeBase.load(extra_dirs=tuple(kb_dirs)).lookup(name, date=date)


def _rank(t: Tenure) -> int:
    # a head of state or government outranks a portfolio when one person holds both at once
    order = ("President", "Supreme Leader", "King", "Prime Minister", "Chancellor")
    return len(order) - order.index(t.role) if t.role in order else 0


# -------------------------------------------------------------------- reading the files
def read_tsv(path) -> list[dict]:
    """Rows of one TSV file (header row, tab-separated, no quoting); blank lines skipped."""
    with path.open("r", encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [{k: (v or "").strip() for k, v in r.items() if k} for r in rows if any((v or "").strip() for v in r.values() if isinstance(v, str))]


def _files(dirs: tuple[str, ...], stem: str) -> list:
    out = []
    pkg = DATA.joinpath(f"{stem}.tsv")
    if pkg.is_file():
        out.append(pkg)
    for d in dirs:
        p = Path(d) / f"{stem}.tsv"
        if p.is_file():
            out.append(p)
    return out


def _rows(dirs: tuple[str, ...], stem: str, key: str | None = None) -> list[dict]:
    rows: list[dict] = []
    for path in _files(dirs, stem):
        rows.extend(read_tsv(path))
    if key:  # later files (the user's) replace earlier rows with the same key
        rows = list({r[key]: r for r in rows if r.get(key)}.values())
    return rows


LEXICONS = ("weapons", "roles", "sectors", "cameo", "predicates", "framing", "hedges", "weapon_generic",
            "arms_frames", "arms_status", "regions", "agent_nouns", "place_nouns")


@lru_cache(maxsize=8)
def _load(dirs: tuple[str, ...]) -> KnowledgeBase:
    for d in dirs:
        if not Path(d).is_dir():
            raise FileNotFoundError(f"knowledge-base folder not found: {d}")
    kb = KnowledgeBase()
    digest = hashlib.sha256()
    for path in sorted({p for stem in _all_stems(dirs) for p in _files(dirs, stem)}, key=str):
        digest.update(path.read_bytes())
    kb.version = digest.hexdigest()[:12]
    _load_states(kb, _rows(dirs, "states", "iso3"))
    for row in _rows(dirs, "igos", "id"):
        _add_named(kb, row, row.get("type") or "igo")
    for row in _rows(dirs, "organizations", "id"):
        _add_named(kb, row, row.get("type") or "organization")
    for row in _rows(dirs, "companies", "id"):
        _add_named(kb, row, "company", sector="BUS")
    _load_officials(kb, _rows(dirs, "officials"))
    _load_labels(kb, _rows(dirs, "labels"))
    _load_weapons(kb, _rows(dirs, "weapons", "designation"))
    for stem in LEXICONS:
        kb.tables[stem] = _rows(dirs, stem)
    for row in kb.tables["regions"]:
        _add_region(kb, row)
    return kb


def _all_stems(dirs: tuple[str, ...]) -> set[str]:
    stems = {p.name[:-4] for p in DATA.iterdir() if p.name.endswith(".tsv")}
    for d in dirs:
        stems |= {p.stem for p in Path(d).glob("*.tsv")}
    return stems


def _load_states(kb: KnowledgeBase, rows: list[dict]) -> None:
    for r in rows:
        iso3 = r["iso3"]
        kb.entities[iso3] = Entity(iso3, r["name"], "state", iso3, "GOV", r.get("wikidata") or None)
        names = [r["name"], r.get("official_name", "")] + split(r.get("aliases"))
        for n in filter(None, names):
            kb.aliases.append(Alias(n, iso3, "name" if n == r["name"] else "alias"))
        for n in split(r.get("demonyms")):
            kb.aliases.append(Alias(n, iso3, "demonym"))
        for n in dict.fromkeys([r.get("capital", "")] + split(r.get("metonyms"))):
            if n:
                kb.aliases.append(Alias(n, iso3, "metonym"))


def _add_named(kb: KnowledgeBase, r: dict, etype: str, *, sector: str | None = None) -> None:
    e = Entity(r["id"], r["name"], etype, r.get("country") or None, r.get("sector") or sector,
               r.get("wikidata") or None)
    kb.entities[e.id] = e
    for n in dict.fromkeys([r["name"]] + split(r.get("aliases"))):
        kb.aliases.append(Alias(n, e.id, "name" if n == r["name"] else "alias"))


def _add_region(kb: KnowledgeBase, r: dict) -> None:
    lat, lon = (float(r[k]) if r.get(k) else None for k in ("lat", "lon"))
    e = Entity(r["id"], r["name"], "location", r.get("country") or None, None, None, lat, lon)
    kb.entities[e.id] = e
    for n in dict.fromkeys([r["name"]] + split(r.get("aliases"))):
        kb.aliases.append(Alias(n, e.id, "name" if n == r["name"] else "alias"))


def _load_officials(kb: KnowledgeBase, rows: list[dict]) -> None:
    for r in rows:
        pid = r["id"]
        if pid not in kb.entities:
            kb.entities[pid] = Entity(pid, r["name"], "person", r.get("country") or None,
                                      r.get("sector") or None, r.get("wikidata") or None)
            for n in dict.fromkeys([r["name"]] + split(r.get("aliases"))):
                kb.aliases.append(Alias(n, pid, "name" if n == r["name"] else "alias"))
        kb.tenures[pid].append(Tenure(pid, r["role"], r.get("country") or None, r.get("sector") or None,
                                      r.get("start") or None, r.get("end") or None))


def _load_labels(kb: KnowledgeBase, rows: list[dict]) -> None:
    for r in rows:
        if r.get("target") in kb.entities:
            kb.aliases.append(Alias(r["text"], r["target"], "label", case_sensitive=False))
            if r.get("technique"):
                kb.label_techniques[norm(r["text"])] = r["technique"]


def _load_weapons(kb: KnowledgeBase, rows: list[dict]) -> None:
    for r in rows:
        w = WeaponInfo(r["designation"], r.get("family") or None, r.get("category") or None,
                       r.get("maker") or None, r.get("country") or None)
        kb.weapons[w.designation] = w
        for n in [w.designation] + split(r.get("aliases")):
            kb.weapon_aliases.setdefault(norm(n), w.designation)
            kb.weapon_aliases.setdefault(norm(n).replace(" ", ""), w.designation)

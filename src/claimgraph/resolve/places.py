"""Places the knowledge base does not have: towns found through the gazetteer.

A capitalised name after a locative word ("in Tarmiyah", "near the town of
Balad Ruz", "outside al-Karmah") that no KB alias matched is looked up in the
package gazetteer (``resolve.gazetteer``), restricted to the countries the
document itself names (Iraq and Syria when it names none), so a name never
jumps to a same-named village in another country. Hits become ``Place``
records with kind ``town`` and ids ``gaz:<country>:<name>``, and PLACE mentions
the extractor treats like KB ones.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from claimgraph.kb.loader import Place
from claimgraph.nlp.pipeline import Annotated, Mention

_CANDIDATE = re.compile(
    r"\b(?:in|near|at|outside|around|of|(?:the\s+)?(?:town|village|city|district|area|region|outskirts|province)\s+of)"
    r"\s+(?:the\s+)?(?P<name>(?:[Aa][ls]-|[Ee]l-|[Aa][dsz]h?-)?[A-Z][a-z’'-]{2,}"
    r"(?:[ -](?:al-|Al-)?[A-Z][a-z’'-]{2,}){0,2})"
)
# Arabic: the administrative word names the place ("قضاء داقوق", "ناحية العلم", "بلدة تازة")
_CANDIDATE_AR = re.compile(
    r"(?:قضاء|ناحية|مدينة|بلدة|قرية|منطقة)\s+(?P<name>[\u0621-\u064a]{3,}(?:\s+ال[\u0621-\u064a]{2,})?)"
)
_NOT_PLACES = frozenset(
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "Christmas",
        "Ramadan",
        "Washington",
        "Reuters",
        "God",
        "Allah",
        "English",
        "Arabic",
        "Twitter",
        "Telegram",
    ]
)
DEFAULT_COUNTRIES = frozenset({"IQ", "SY"})


class GazetteerPlaces:
    """Finds towns outside the KB in one document; the gazetteer is loaded on first need, once."""

    def __init__(self, kb, load_gazetteer: Callable | None = None):
        self.kb = kb
        self._load = load_gazetteer
        self._gazetteer = None
        self._known_names: dict[str, bool] = {}  # name -> the gazetteer holds it (for the pre-scan)

    def _gaz(self):
        if self._gazetteer is None:
            if self._load is None:
                from claimgraph.resolve.gazetteer import Gazetteer

                self._load = Gazetteer.load
            self._gazetteer = self._load()
        return self._gazetteer

    def names_a_town(self, text: str, lang: str) -> bool:
        """Whether ``text`` (a line) may name a gazetteer town that ``find`` would read: a candidate name after a
        locative word that the gazetteer holds in any of its countries (``find`` keeps fewer)."""
        pattern = _CANDIDATE_AR if lang == "ar" else _CANDIDATE
        for m in pattern.finditer(text):
            name = m.group("name")
            if name.split()[0] in _NOT_PLACES:
                continue
            if self._known(name) or (lang == "ar" and " " in name and self._known(name.split()[0])):
                return True
        return False

    def _known(self, name: str) -> bool:
        """Whether the gazetteer holds a town called ``name`` in any of its countries (remembered per name)."""
        known = self._known_names
        if name not in known:
            if len(known) > 100_000:
                known.clear()
            known[name] = bool(self._gaz().lookup(name))
        return known[name]

    def find(self, ann: Annotated) -> tuple[dict[str, Place], list[Mention]]:
        taken = [(m.start, m.end) for m in ann.mentions]
        countries = {
            self.kb.places[m.key].country for m in ann.mentions if m.label == "PLACE" and m.key in self.kb.places
        }
        # the home countries of the parties named count too ("Turkish jets ... Kahramankazan")
        countries |= {
            self.kb.actors[m.key].country for m in ann.mentions if m.label == "ACTOR" and m.key in self.kb.actors
        }
        countries = {c for c in countries if c and c not in ("US", "GB", "FR", "RU")} or set(DEFAULT_COUNTRIES)
        pattern = _CANDIDATE_AR if ann.lang == "ar" else _CANDIDATE
        places: dict[str, Place] = {}
        mentions: list[Mention] = []
        for sent in ann.sentences:
            for m in pattern.finditer(sent.text):
                name = m.group("name")
                s, e = sent.start + m.start("name"), sent.start + m.end("name")
                if name.split()[0] in _NOT_PLACES or any(ts < e and s < te for ts, te in taken):
                    continue
                hits = self._gaz().lookup(name, countries) or (
                    self._gaz().lookup(name.split()[0], countries) if ann.lang == "ar" and " " in name else []
                )
                if not hits:
                    continue
                hit = hits[0]  # ranked by population within the allowed countries
                pid = f"gaz:{hit.country}:{hit.name}"
                places.setdefault(
                    pid,
                    Place(
                        id=pid,
                        name=hit.name,
                        kind="town",
                        lat=hit.lat,
                        lon=hit.lon,
                        country=hit.country,
                        admin1=hit.admin1 or "",
                        note="from the gazetteer (not in the knowledge base)",
                    ),
                )
                mentions.append(Mention("PLACE", pid, s, e, name, sent.index))
                taken.append((s, e))
        return places, mentions

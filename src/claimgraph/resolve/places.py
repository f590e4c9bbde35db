"""Places the knowledge base does not have: towns found through the gazetteer.

A capitalised name after a locative word ("in Tarmiyah", "near the town of
Balad Ruz", "outside al-Karmah") that no KB alias matched is looked up in the
package gazetteer (``resolve.gazetteer``), restricted to the countries the
document itself names (Iraq and Syria when it names none), so a name never
jumps to a same-named village in another country. Hits become ``Place``
records with kind ``town`` and ids ``gaz:<country>:<name>``, and PLACE mentions
the extractor treats like KB ones.

A name listed beside a known town ("struck the outskirts of Tair Herfa, Maroun al-Ras and Yaroun",
"les villages d'At Tiri, Haddatha et Rachaf") is a place of that town's country: looked up in the
gazetteer there, and when neither it nor the KB knows the name, kept as written, with the country
and no coordinates (kind ``unresolved``, ids ``unresolved:<country>:<name>``): the event is still
an event, and ``claimgraph kb unresolved`` lists such names by frequency so an analyst can add them.
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
# what the pre-scan looks for first, quicker to search than ``_CANDIDATE`` and never missing one of its names: the
# locative word that ends each of its openings ("in", "town of"), anywhere (even inside a word), then the same name;
# read ahead, so that no candidate hides another
_CANDIDATE_QUICK = re.compile(
    r"(?:in|near|at|outside|around|of)(?=\s+(?:the\s+)?(?P<name>(?:[Aa][ls]-|[Ee]l-|[Aa][dsz]h?-)?[A-Z][a-z’'-]{2,}"
    r"(?:[ -](?:al-|Al-)?[A-Z][a-z’'-]{2,}){0,2}))"
)
# Arabic: the administrative word names the place ("قضاء داقوق", "ناحية العلم", "بلدة تازة")
_CANDIDATE_AR = re.compile(
    r"(?:قضاء|ناحية|مدينة|بلدة|قرية|منطقة)\s+(?P<name>[\u0621-\u064a]{3,}(?:\s+ال[\u0621-\u064a]{2,})?)"
)
# the words for a village or town and the name after them ("قرية مراط", "بلدة عيتا الشعب"): a place, known or not
_VILLAGE_AR = re.compile(
    r"(?<![\u0621-\u064a])(?:[وفب]|في\s+|ب)?(?:قرية|قريه|بلدة|بلده)\s+"
    r"(?P<name>(?:(?:عين|دير|كفر|بيت|تل|أبو|ابو|برج|خربة|حوش|مجدل|بئر|بير|رأس|راس)\s+)?[\u0621-\u064a]{3,}"
    r"(?:\s+ال[\u0621-\u064a]{2,})?)"
)
_LOCATOR_CHARS = 40  # a place named this close after a village locates it


def _adjective_ar(name: str) -> bool:
    """ "قرية حدودية", "بلدة مجاورة": an indefinite adjective after the word, no name."""
    first = name.split()[0]
    return not first.startswith("ال") and first.endswith(("ية", "يه", "ة", "ه"))


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

# one capitalised place name of up to three words, Arabic particles inside ("Maroun al-Ras", "Kfar Kila")
_NAME = (
    r"(?:(?:[Aa][ls]|[Ee]l|[Aa][dnrstz]h?)-)?[A-Z][\w’'-]+"
    r"(?:[ -](?:(?:al|Al|el|El|ad|an|ar|as|ash|at|az)-)?[A-Z][\w’'-]+){0,2}"
)
# an enumeration of them: "A, B and C", "A et B" (the first may follow a French elision: "d'At Tiri")
_LIST = re.compile(
    rf"(?:(?<=\b[dlDL]['’])|(?<![\w’'-]))(?:{_NAME})(?:\s*,\s*(?:de\s+|d['’])?(?:{_NAME}))*,?\s+(?:and|et)\s+(?:de\s+|d['’])?(?:{_NAME})(?![\w’'-])"
)
_LIST_ITEM = re.compile(_NAME)
# a word for a village or town, then its name or names: "the villages of A and B", "les villages libanais d'A, B
# et C", "la localité de A"
_VILLAGES = re.compile(
    r"\b(?:(?:villages?|towns?|hamlets?|municipalit(?:y|ies)|settlements?|kibbutz(?:im)?|moshav(?:im)?)\s+of\s+"
    r"|(?:villages?|localités?|bourgs?|municipalités?|colonies?|kibboutz)(?:\s+[a-zé]+)?\s+(?:de\s+|d['’]))"
    rf"(?P<names>(?:{_NAME})(?:(?:\s*,\s*|,?\s+(?:and|et)\s+)(?:de\s+|d['’])?(?:{_NAME}))*)"
)
UNRESOLVED = "unresolved"
_BETWEEN = re.compile(r"\b(?:between|entre)\s+(?:the\s+|les\s+)?(?:\w+\s+(?:of|de|d['’])\s*)?$", re.I)


def _not_a_place(name: str) -> bool:
    """A candidate name that is a month, a weekday, an agency... ("in March", "at Reuters")."""
    return name.split()[0] in _NOT_PLACES


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
        locative word that the gazetteer holds in any of its countries (``find`` keeps fewer). Lines joined with
        NUL characters (which no candidate spans) are read as those lines: whether any of them may name one."""
        if lang != "ar" and not any(
            self._known(m.group("name")) for m in _CANDIDATE_QUICK.finditer(text) if not _not_a_place(m.group("name"))
        ):
            return False  # no name after a locative word is a town: the exact reading below would find none
        pattern = _CANDIDATE_AR if lang == "ar" else _CANDIDATE
        for m in pattern.finditer(text):
            name = m.group("name")
            if _not_a_place(name):
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
        pattern = _CANDIDATE_AR if ann.lang == "ar" else _CANDIDATE if ann.lang == "en" else None
        places: dict[str, Place] = {}
        mentions: list[Mention] = []
        for sent in ann.sentences if pattern is not None else ():
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
        if ann.lang != "ar":
            self._listed(ann, places, mentions)
        else:
            self._villages_ar(ann, places, mentions, taken)
        return places, mentions

    def _villages_ar(
        self, ann: Annotated, places: dict[str, Place], mentions: list[Mention], taken: list[tuple[int, int]]
    ) -> None:
        """ "ردّت قوات التحالف بقصف مدفعي على قرية مراط": a village or town named after its word that neither the KB
        nor the gazetteer knows is kept as written (kind ``unresolved``), in the country of the nearest place the text
        named before it (in its sentence or the two before), else of the one country the document names."""
        known = sorted(
            [m for m in ann.mentions if m.label == "PLACE" and m.key in self.kb.places] + mentions,
            key=lambda m: m.start,
        )

        def country_of(m: Mention) -> str:
            place = places.get(m.key) or self.kb.places.get(m.key)
            return place.country if place is not None else ""

        def site(m: Mention) -> bool:
            place = places.get(m.key) or self.kb.places.get(m.key)
            return place is not None and place.precision == "site"

        document = {country_of(m) for m in known} - {""}
        found = [
            (sent, m.group("name"), sent.start + m.start("name"), sent.start + m.end("name"))
            for sent in ann.sentences
            for m in _VILLAGE_AR.finditer(sent.text)
        ]
        # a village a known town or district locates ("بلدة بوداي في قضاء بعلبك"), anywhere in the text: its events
        # are told at that place
        located = {
            name
            for sent, name, s, e in found
            if any(k.sent == sent.index and 0 <= k.start - e <= _LOCATOR_CHARS for k in known)
            # (or a base just named: "مسيّرة متجهة نحو قاعدة حرير سقطت قرب قرية باتاس" tells of the base's attack)
            or any(k.sent == sent.index and 0 <= s - k.end <= 2 * _LOCATOR_CHARS and site(k) for k in known)
        }
        for sent, name, s, e in found:
            if _adjective_ar(name) or name in located or any(ts < e and s < te for ts, te in taken):
                continue
            before = [k for k in known if k.end <= s and ann.sentences[max(0, sent.index - 2)].start <= k.start]
            country = country_of(before[-1]) if before else (next(iter(document)) if len(document) == 1 else "")
            if not country:
                continue
            pid, place = self._town_or_unresolved(name, country)
            places.setdefault(pid, place)
            mentions.append(Mention("PLACE", pid, s, e, name, sent.index))
            taken.append((s, e))

    def _listed(self, ann: Annotated, places: dict[str, Place], mentions: list[Mention]) -> None:
        """Names listed beside known towns of one country, or after a word for a village, that no KB alias
        matched (see the module's docstring); adds them to ``places`` and ``mentions``."""
        known = [m for m in ann.mentions if m.label == "PLACE"] + mentions
        others = [m for m in ann.mentions if m.label != "PLACE"]

        def country_of(key: str) -> str:
            place = places.get(key) or self.kb.places.get(key)
            return place.country if place is not None and place.precision in ("site", "town") else ""

        def countries_in(a: int, b: int) -> set[str]:
            return {country_of(k.key) for k in known if a <= k.start and k.end <= b} - {""}

        document = countries_in(0, len(ann.text))
        for sent in ann.sentences:
            groups = [(m, False) for m in _LIST.finditer(sent.text)]
            groups += [(m, True) for m in _VILLAGES.finditer(sent.text)]
            for group, named_as_village in groups:
                at = sent.start + group.start("names") if named_as_village else sent.start + group.start()
                items = [
                    (at + m.start(), at + m.end(), m.group())
                    for m in _LIST_ITEM.finditer(group.group("names") if named_as_village else group.group())
                ]
                if any(o.start < b and a < o.end for a, b, _ in items for o in others):
                    continue  # an actor or a weapon in the list: not a list of places
                if _BETWEEN.search(sent.text, 0, group.start()):
                    continue  # "the road between Sinjar and Khanasor": one place on a route, not two targets
                if (
                    named_as_village
                    and len(items) == 1
                    and any(
                        0 <= k.start - items[0][1] <= _LOCATOR_CHARS for k in known if sent.start <= k.start < sent.end
                    )
                ):
                    continue  # "the town of A in B's district": A is where in B, not a second place
                countries, unknown = set(), []
                for a, b, name in items:
                    hit = [k for k in known if k.start < b and a < k.end]
                    if hit:
                        countries |= {country_of(k.key) for k in hit}
                    elif name.split()[0].strip("’'") not in _NOT_PLACES:
                        unknown.append((a, b, name))
                if named_as_village and not countries:
                    # "the villages of A and B": the country of the towns the sentence, else the document, names
                    countries = countries_in(sent.start, sent.end) or document
                if len(countries) != 1 or "" in countries or not unknown:
                    continue
                (country,) = countries
                for a, b, name in unknown:
                    pid, place = self._town_or_unresolved(name, country)
                    places.setdefault(pid, place)
                    mention = Mention("PLACE", pid, a, b, name, sent.index)
                    mentions.append(mention)
                    known.append(mention)

    def _town_or_unresolved(self, name: str, country: str) -> tuple[str, Place]:
        hits = self._gaz().lookup(name, {country})
        if hits:
            hit = hits[0]
            pid = f"gaz:{hit.country}:{hit.name}"
            note = "from the gazetteer (not in the knowledge base)"
            return pid, Place(pid, hit.name, "town", hit.lat, hit.lon, hit.country, hit.admin1 or "", note=note)
        pid = f"{UNRESOLVED}:{country}:{name}"
        note = "named as a place in the text; not in the KB or the gazetteer"
        return pid, Place(pid, name, UNRESOLVED, None, None, country, note=note)

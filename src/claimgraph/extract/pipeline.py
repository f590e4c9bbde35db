"""The extractor: one document in, a ``DocumentExtraction`` out.

Stages, in order (each a method taking and returning the working state):
``language`` -> ``annotate`` -> ``units`` -> ``events`` -> ``links`` -> ``merge``
-> ``memberships``. Heavy resources (KB, spaCy matchers) are built once by
``Extractor.build`` and shared by every document in the process.
"""

from __future__ import annotations

import re
from collections import ChainMap
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from claimgraph.extract import cues
from claimgraph.extract.casualties import mentions_casualties, parse_casualties
from claimgraph.extract.memberships import MembershipReader
from claimgraph.extract.newactors import find_new_actors
from claimgraph.extract.roles import STATE_KINDS, assign_roles, quiet_roles
from claimgraph.extract.units import (
    Unit,
    build_units,
    clause_of,
    clauses,
    contains,
    dateline_end,
    event_places,
    pick_date,
)
from claimgraph.kb.loader import Place
from claimgraph.models import (
    ActorMention,
    Attribution,
    Claim,
    DateValue,
    Document,
    DocumentExtraction,
    EventReport,
    Evidence,
    Note,
    PlaceRef,
    stable_id,
)
from claimgraph.nlp.dates import find_dates
from claimgraph.nlp.lang import SUPPORTED, detect_language
from claimgraph.nlp.pipeline import Annotated, Annotator, Mention
from claimgraph.resolve.places import GazetteerPlaces

EXTRACTOR_VERSION = "rules.v1"
_GENERIC_MISSILE = {"missile"}


@dataclass
class _Draft:
    """An event being assembled from one or more units."""

    place: Mention
    date: DateValue
    unit: Unit
    weapons: list[str] = field(default_factory=list)
    perpetrators: list[str] = field(default_factory=list)
    claimants: list[str] = field(default_factory=list)
    superseded: list[str] = field(default_factory=list)
    attributed: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    fatalities: int | None = None
    injuries: int | None = None
    qualifiers: list[str] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    unclaimed: bool = False
    state_ack: bool = False
    launch: Mention | None = None


class Extractor:
    """Rule-based extractor; deterministic and explainable."""

    version = EXTRACTOR_VERSION

    def __init__(self, kb, annotator: Annotator, memberships: MembershipReader, towns: GazetteerPlaces | None = None):
        self.kb = kb
        self.annotator = annotator
        self.memberships = memberships
        self.towns = towns
        # the place table of the document being read: the KB's places plus gazetteer towns it names
        self.places: Mapping[str, Place] = kb.places

    @classmethod
    def build(cls, kb=None) -> Extractor:
        if kb is None:
            from claimgraph.kb import load_kb

            kb = load_kb()
        return cls(kb, Annotator.build(kb), MembershipReader(kb), GazetteerPlaces(kb))

    # -- public -------------------------------------------------------------
    def extract(self, doc: Document) -> DocumentExtraction:
        lang = detect_language(doc.text, doc.lang)
        out = DocumentExtraction(
            doc.id, lang, doc.published, extractor_version=self.version, kb_version=self.kb.version
        )
        if not doc.text.strip():
            out.notes.append(Note("empty_text", "the document has no text"))
            return out
        if lang not in SUPPORTED:
            out.notes.append(
                Note(
                    "unsupported_language",
                    f"language {lang!r} is not supported (supported: {', '.join(SUPPORTED)}); "
                    "nothing was extracted. Translate the text, or pass --lang if it was misdetected.",
                )
            )
            return out
        if doc.published is None:
            out.notes.append(Note("no_publication_date", "no publication date: relative dates were not resolved"))
        ann = self.annotator.annotate(doc.text, lang)
        out.mentions = [
            ActorMention(m.key, self._name(m.key), m.text, m.start, m.end, self.kb.actors[m.key].kind)
            for m in ann.mentions
            if m.label == "ACTOR"
        ]
        new_actors, new_mentions = find_new_actors(ann)
        out.new_actors = new_actors
        self.places = self.kb.places
        if self.towns is not None and lang in ("en", "ar"):
            towns, town_mentions = self.towns.find(
                Annotated(ann.text, ann.lang, ann.sentences, ann.mentions + new_mentions)
            )
            if towns:
                self.places = ChainMap(towns, self.kb.places)
                new_mentions += town_mentions
        if new_mentions:
            ann = Annotated(
                ann.text, ann.lang, ann.sentences, sorted(ann.mentions + new_mentions, key=lambda m: m.start)
            )
        drafts = self._events(ann, doc)
        out.events = [self._report(doc.id, d) for d in drafts]
        out.memberships = self.memberships.read(ann, self._name)
        return out

    # -- helpers ------------------------------------------------------------
    def _name(self, key: str) -> str:
        a = self.kb.actors.get(key)
        return a.name if a else key.removeprefix("new:")

    def _kind(self, m: Mention) -> str:
        a = self.kb.actors.get(m.key)
        return a.kind if a else "armed_group"

    def _acting(self, key: str) -> str:
        """A state acts through its default force in armed events (United States -> US forces)."""
        a = self.kb.actors.get(key)
        if a is not None and a.kind == "state" and a.default_force:
            return a.default_force
        return key

    def _events(self, ann: Annotated, doc: Document) -> list[_Draft]:
        text, lang, published = ann.text, ann.lang, doc.published
        skip = dateline_end(text)
        units = build_units(ann)
        year_hint = _year_hint(text)
        drafts: list[_Draft] = []
        current: list[_Draft] = []
        last_date: date | None = None
        last_perp: list[str] = []
        last_claimant: list[str] = []
        para_dates: dict[int, DateValue] = {}
        self._last_state = None
        all_dates = [
            d
            for d in find_dates(text, 0, lang, published, year_hint)
            if (published is None or d.value is None or d.value <= published + timedelta(days=1))
            and d.start >= skip  # the dateline's date is the filing date
            and not cues.PERIOD_BEFORE.search(text[max(0, d.start - 30) : d.start])
        ]
        for u in units:
            u.dates = [d for d in all_dates if u.start <= d.start < u.end]
            if not u.mentions and not current:
                # nothing named and no event to add to: the unit only moves the narrative date
                dated = [d for d in u.dates if d.value is not None and d.precision == "day"]
                if dated:
                    last_date = dated[0].value
                    para_dates[u.paragraph] = DateValue(dated[0].value, "day", "context")
                continue
            roles = (
                assign_roles(u.text, u.start, u.norm, lang, u.mentions, self._kind)
                if u.mentions
                else quiet_roles(u, lang)
            )
            aggregate = self._aggregate(u, lang)
            weapons_here = [m for m in u.mentions if m.label == "WEAPON"]
            places = event_places(u, self, text, skip) if any(m.label == "PLACE" for m in u.mentions) else []
            # an attack word, or a weapon that is one ("One drone; damage unknown"); aircraft words are not:
            # "US helicopters flew reinforcements" names a weapon, not an attack
            offensive = [w for w in weapons_here if w.key != "aircraft"]
            eventful = (
                bool(places) and not aggregate and bool(offensive or u.has(cues.ATTACK.get(lang, cues.ATTACK["en"])))
            )
            if eventful and not any(d.precision == "day" for d in u.dates) and cues.GENERIC_PLURAL.search(u.text):
                eventful = False
            if eventful and u.has(cues.FUTURE_ATTACK) and not any(d.precision == "day" for d in u.dates):
                eventful = False
            if eventful and re.search(r"\b(false alarm|cardiac|heart attack|re-?posted|footage)\b", u.text, re.I):
                eventful = False
            if (
                eventful
                and u.has(cues.NON_EVENT.get(lang, cues.NON_EVENT["en"]))
                and (not weapons_here or u.has(cues.FUTURE_ATTACK))
            ):
                eventful = False
            if eventful and _HABITUAL.search(u.text) and not any(d.precision == "day" for d in u.dates):
                eventful = False
            if (
                eventful
                and cues.FOUND_VERB.search(u.text)
                and not re.search(r"\b(struck|hit|fired|launched|attacked)\b", u.text)
            ):
                eventful = False
            new_here: list[_Draft] = []
            if eventful and places and self._restates(u, places, drafts, roles):
                eventful = False
            if eventful and places:
                anchor = last_date
                assigned = []
                bounds = clauses(u) if len(places) > 1 else [(u.start, u.end)]
                for p in places:
                    ca, cb = clause_of(p.start, bounds)
                    in_clause = [d for d in u.dates if ca <= d.start < cb]
                    dm = pick_date(p, in_clause or u.dates, anchor)
                    if dm is not None and dm.kind == "anchored" and dm.offset > 0 and p.start > dm.end and assigned:
                        # "X struck A, four days after an attack on B": B is the earlier event, dated from A
                        dv = DateValue(
                            assigned[0][1].value - timedelta(days=dm.offset),
                            "day",
                            "anchored",
                            dm.text,
                            dm.start,
                            dm.end,
                        )
                    else:
                        dv = dm.resolve(anchor) if dm else None
                    if dv is None:
                        dv = para_dates.get(u.paragraph) or (
                            DateValue(last_date, "day", "context") if last_date else None
                        )
                    if dv is None and published:
                        dv = DateValue(published, "day", "publication")
                    if dv is None:
                        continue
                    assigned.append((p, dv))
                assigned = self._drop_containers(assigned, u)
                for p, dv in assigned:
                    d = _Draft(place=p, date=dv, unit=u, launch=u.launch_sites[0] if u.launch_sites else None)
                    d.evidence.append(Evidence("location", p.start, p.end, p.text))
                    if dv.start >= 0:
                        d.evidence.append(Evidence("date", dv.start, dv.end, dv.text))
                    new_here.append(d)
                groups: dict[tuple[int, int], list[_Draft]] = {}
                for d in new_here:
                    groups.setdefault(clause_of(d.place.start, bounds), []).append(d)
                for (ca, cb), group in groups.items():
                    if len(groups) == 1:
                        self._weapons(group, weapons_here, u)
                        self._actors(group, roles, u, last_perp, last_claimant)
                        continue
                    # several clauses, each with its own event: read weapons and roles per clause
                    sub = [m for m in u.mentions if ca <= m.start < cb]
                    self._weapons(group, [w for w in weapons_here if ca <= w.start < cb], u)
                    clause_roles = assign_roles(text[ca:cb], ca, "", lang, sub, self._kind) if lang != "ar" else roles
                    self._actors(group, clause_roles, u, last_perp, last_claimant)
                self._casualties(new_here, u)
                drafts.extend(new_here)
                current = new_here or current
            if not new_here and not aggregate:
                self._continue(u, roles, current, drafts, last_claimant)
            # discourse state for the next unit
            dated = [d for d in u.dates if d.value is not None and d.precision == "day"]
            if new_here:
                last_date = new_here[-1].date.value
            elif dated:
                last_date = dated[0].value
            if dated:
                para_dates[u.paragraph] = DateValue(dated[-1].value, "day", "context")
            subjects = [
                self._acting(m.key) for m in roles.perpetrators + roles.claimants if self._kind(m) in ARMED_KINDS
            ]
            if subjects:
                last_perp = subjects
            states_here = [self._acting(m.key) for m in roles.perpetrators if self._kind(m) in STATE_KINDS]
            if states_here:
                self._last_state = states_here[0]
            if roles.claimants:
                last_claimant = [m.key for m in roles.claimants]
            elif not subjects:
                firsts = [m.key for m in u.mentions if m.label == "ACTOR" and self._kind(m) in ARMED_KINDS]
                if firsts and not new_here:
                    last_perp = firsts[:1]
        return self._merge(drafts)

    def _restates(self, u: Unit, places: list[Mention], drafts: list[_Draft], roles) -> bool:
        """The unit speaks again of events already read (a claim posted the next morning, a follow-up)."""
        known = {d.place.key: d for d in drafts}
        places = [p for p in places if self.places[p.key].precision not in ("country", "province") or p.key in known]
        if not places or not all(p.key in known for p in places):
            return False
        for p in places:
            if re.search(
                rf"\b(?:the|that|this)\s+{re.escape(p.text)}\s+(?:\w+\s+)?(?:attack|strike|raid|incident)\b",
                u.text,
                re.I,
            ):
                return True  # "the Ain al-Asad attack": a reference back to an event already read
        own = [d for d in u.dates if d.kind in ("absolute", "hijri") and d.value is not None]
        if not u.dates:
            return True
        if own:
            return all(abs((d.value - known[p.key].date.value).days) <= 1 for d in own for p in places)
        claimish = roles.claimants or roles.claim_anaphora or roles.claim_negated
        return bool(claimish) and all(
            d.value is not None and 0 <= (d.value - known[p.key].date.value).days <= 2 for d in u.dates for p in places
        )

    def _aggregate(self, u: Unit, lang: str) -> bool:
        if lang == "en" and not any(w in u.low for w in _AGGREGATE_NOUNS):
            return False  # no counted noun at all: skip the costly pattern
        m = u.has(cues.AGGREGATE.get(lang, cues.AGGREGATE["en"]))
        if not m:
            return False
        phrase = m.group(0).lower()
        # "two drones ... three rockets" are one event's details; counts of attacks/times are aggregates,
        # but "two rocket attacks on Kharab al-Jir" (one or two claims at one site) still reports an event
        if (
            re.match(r"^(?:two|both|2)\s+(?:\w+\s+)?(?:attacks|strikes|claims|operations)\b", phrase)
            and len(u.mentions) < 8
        ):
            return False
        return not re.search(r"\b(?:one|a|single)\b", phrase) and not cues.AGGREGATE_EXCEPT.search(phrase)

    def _drop_containers(self, assigned, u: Unit):
        """A province or country named next to a site in it locates the site; it is not another event."""
        keep = []
        for p, dv in assigned:
            inner = [q for q, dq in assigned if q is not p and dq.value == dv.value and contains(self, p.key, q.key)]
            if inner:
                continue
            keep.append((p, dv))
        # country-level sites only when nothing more precise is named in the unit
        precise = [x for x in keep if self.places[x[0].key].precision != "country"]
        if precise:
            keep = precise
        else:
            singular = re.search(
                r"\b(?:an? (?:\w+ )?(?:attack|strike|drone|rocket|missile|explosion|raid)|une attaque|une frappe)\b",
                u.text,
                re.I,
            )
            keep = (
                [x for x in keep if x[1].basis in ("absolute", "weekday", "relative", "hijri")]
                if len(keep) == 1 and singular
                else []
            )
        return keep

    def _weapons(self, drafts: list[_Draft], weapons: list[Mention], u: Unit) -> None:
        if not drafts:
            return
        classes = {w.key for w in weapons}
        nearest = {id(w): min(drafts, key=lambda x: abs(x.place.start - w.start)) for w in weapons}
        for d in drafts:
            if len(drafts) == 1:
                mine = weapons
            elif len(classes) <= 1:
                # one weapon for several sites: shared by the sites of the same date only
                mine = [w for w in weapons if nearest[id(w)].date.value == d.date.value]
            else:
                mine = [w for w in weapons if nearest[id(w)] is d]
            d.weapons = _clean_weapons([w.key for w in mine])
            d.evidence.extend(Evidence("weapons", w.start, w.end, w.text) for w in mine)

    def _actors(self, drafts: list[_Draft], roles, u: Unit, last_perp: list[str], last_claimant: list[str]) -> None:
        perps = [self._acting(m.key) for m in roles.perpetrators]
        claimants = [self._acting(m.key) for m in roles.claimants]
        if roles.claim_anaphora and last_claimant:
            claimants = list(last_claimant)
        elif roles.claim_anaphora and last_perp:
            claimants = list(last_perp)
        if not perps and not claimants and roles.perp_anaphora and last_perp:
            perps = list(last_perp)
        for d in drafts:
            d.perpetrators = _uniq(perps)
            d.claimants = _uniq(claimants) if not roles.claim_negated else []
            d.superseded = [m.key for m in roles.first_claimants]
            d.attributed = _uniq(m.key for m in roles.attributed)
            d.targets = _uniq(self._acting(m.key) for m in roles.targets)
            d.unclaimed = roles.claim_negated
            d.state_ack = roles.state_ack
            for m in roles.claimants + roles.attributed + roles.perpetrators:
                d.evidence.append(Evidence("actors", m.start, m.end, m.text))
            self._claims(d, roles, u)
            strikes = re.search(
                r"\b(?:the|US|American) (?:air )?strikes?\b|\bair ?strikes?\b|\bles (?:frappes|raids)\b",
                u.text,
                re.I,
            )
            if not d.perpetrators and not d.claimants and not d.attributed and ("aircraft" in d.weapons or strikes):
                states = [m.key for m in u.mentions if m.label == "ACTOR" and self._kind(m) in STATE_KINDS]
                states = [self._acting(k) for k in states if self._acting(k) not in d.targets]
                if not states and self._last_state:
                    states = [self._last_state]
                if states:
                    d.perpetrators = states[:1]

    def _claims(self, d: _Draft, roles, u: Unit) -> None:
        prior: Claim | None = None
        for key in d.superseded:
            c = Claim(
                stable_id("clm", u.start, key),
                self._name(key),
                key,
                roles.channel,
                d.date,
                "superseded",
                evidence=list(roles.claim_evidence),
            )
            d.claims.append(c)
            prior = c
        for key in d.claimants:
            if key in d.superseded:
                continue
            c = Claim(
                stable_id("clm", u.start, key),
                self._name(key),
                key,
                roles.channel,
                d.date,
                "issued",
                supersedes=prior.id if prior else None,
                evidence=list(roles.claim_evidence),
            )
            d.claims.append(c)
        for m in roles.attributed:
            d.attributions.append(
                Attribution(
                    self._name(m.key),
                    m.key,
                    roles.blamer,
                    roles.hedge,
                    [Evidence("attributed_to", m.start, m.end, m.text)],
                )
            )

    def _casualties(self, drafts: list[_Draft], u: Unit) -> None:
        cas = parse_casualties(u.norm or u.text) if mentions_casualties(u.norm or u.text) else None
        if cas is None:
            return
        if cas.shared and len(drafts) > 1:
            return
        targets = drafts if len(drafts) == 1 else drafts[-1:]
        if cas.fatalities == 0 and cas.injuries == 0:
            targets = drafts
        for d in targets:
            _apply_casualties(d, cas, u)

    def _continue(self, u: Unit, roles, current: list[_Draft], drafts: list[_Draft], last_claimant) -> None:
        """A unit that adds to events already read: claims, blame, casualties, weapons."""
        if not current:
            return
        # only places that have events link a follow-up to them ("US backing for Israel" does not)
        places = {m.key for m in u.mentions if m.label == "PLACE"} & {d.place.key for d in drafts}
        linked = [d for d in drafts if d.place.key in places] or current
        cas = parse_casualties(u.norm or u.text) if mentions_casualties(u.norm or u.text) else None
        if cas is not None and self._other_attack(u, linked):
            cas = None  # "Two gunmen stormed the compound on Wednesday, killing five": not the event we are reading
        if cas is not None and (cas.fatalities is not None or cas.injuries is not None):
            if cas.fatalities == 0 and cas.injuries == 0 and not places:
                same = [d for d in drafts if d.unit.paragraph == u.paragraph]
                recent = same or [d for d in drafts if d.unit.paragraph == u.paragraph - 1] or current
                tgt = [d for d in recent if d.fatalities is None and d.injuries is None] or current
            else:
                tgt = linked[-1:]
            if not (cas.shared and len(current) > 1):
                for d in tgt:
                    _apply_casualties(d, cas, u)
        if places:
            claim_links = _nearest_per_place(linked, u)
        elif re.search(r"\b(?:both|the two|these|those|the) (?:attacks|strikes|operations)\b|\bboth\b", u.text, re.I):
            claim_links = [d for d in drafts if d.unit.paragraph >= u.paragraph - 2] or current
        else:
            claim_links = current[-1:]
        if roles.claim_negated:
            for d in claim_links:
                if not d.claimants:
                    d.unclaimed = True
            # "made no statement about Harir": the negated place is not linked
        claimants = [self._acting(m.key) for m in roles.claimants]
        if not places and not _SPECIFIC.search(u.norm or u.text):
            claimants = []  # "one of the factions that claim attacks": a habit, not this event's claim
        if not claimants and roles.claim_anaphora and last_claimant and (places or _SPECIFIC.search(u.text)):
            claimants = list(last_claimant)
        if claimants and not roles.claim_negated:
            neg_places = _negated_places(u)
            for d in claim_links:
                if d.place.key in neg_places:
                    continue
                revised = cues.CLAIM_REVISED.search(u.text)
                for key in claimants:
                    if key not in d.claimants:
                        prior = d.claims[-1] if (revised and d.claims) else None
                        if prior:
                            prior.status = "superseded"
                        d.claimants.append(key)
                        d.claims.append(
                            Claim(
                                stable_id("clm", u.start, key),
                                self._name(key),
                                key,
                                roles.channel,
                                d.date,
                                "issued",
                                supersedes=prior.id if prior else None,
                                evidence=list(roles.claim_evidence),
                            )
                        )
                if roles.first_claimants:
                    for c in d.claims:
                        if c.claimant_id in {m.key for m in roles.first_claimants}:
                            c.status = "superseded"
        if roles.attributed:
            for d in linked[-1:]:
                for m in roles.attributed:
                    if m.key not in d.attributed:
                        d.attributed.append(m.key)
                        d.attributions.append(
                            Attribution(
                                self._name(m.key),
                                m.key,
                                roles.blamer,
                                roles.hedge,
                                [Evidence("attributed_to", m.start, m.end, m.text)],
                            )
                        )
        weapons = [m for m in u.mentions if m.label == "WEAPON"]
        if weapons and len(current) == 1 and not current[0].weapons:
            current[0].weapons = _clean_weapons([w.key for w in weapons])
        if roles.state_ack:
            for d in current:
                d.state_ack = True

    def _other_attack(self, u: Unit, linked: list[_Draft]) -> bool:
        """The unit tells of a different attack: its own day, and attackers or weapons foreign to the event."""
        days = {d.value for d in u.dates if d.value is not None and d.precision == "day"}
        if not days or not linked or any(d.date.value in days for d in linked):
            return False
        weapons = {m.key for m in u.mentions if m.label == "WEAPON"}
        own = {w for d in linked for w in d.weapons}
        return bool(weapons - own) or bool(
            re.search(r"\b(gunmen|attackers|assailants|stormed|suicide bomber)\b", u.text, re.I)
        )

    def _merge(self, drafts: list[_Draft]) -> list[_Draft]:
        """One event per (date, place): later mentions add to the first."""
        merged: dict[tuple, _Draft] = {}
        for d in drafts:
            key = (d.place.key, d.date.value, d.date.precision)
            if key not in merged:
                merged[key] = d
                continue
            m = merged[key]
            m.weapons = _clean_weapons(m.weapons + d.weapons)
            for attr in ("perpetrators", "claimants", "attributed", "targets", "superseded"):
                setattr(m, attr, _uniq(getattr(m, attr) + getattr(d, attr)))
            m.fatalities = d.fatalities if d.fatalities is not None else m.fatalities
            m.injuries = d.injuries if d.injuries is not None else m.injuries
            m.claims += [c for c in d.claims if c.claimant_id not in {x.claimant_id for x in m.claims}]
            m.attributions += d.attributions
            m.evidence += d.evidence
            m.state_ack = m.state_ack or d.state_ack
        events = list(merged.values())
        return [
            d
            for d in events
            if not any(
                o is not d and o.date.value == d.date.value and contains(self, d.place.key, o.place.key) for o in events
            )
        ]

    def _place_ref(self, m: Mention) -> PlaceRef:
        place = self.places[m.key]
        return PlaceRef(
            name=place.name,
            place_id=place.id,
            lat=place.lat,
            lon=place.lon,
            country=place.country,
            admin1=place.admin1,
            precision=place.precision,
            resolver="gazetteer" if place.id.startswith("gaz:") else "kb",
            surface=m.text,
            start=m.start,
            end=m.end,
            hosts=tuple(place.hosts),
        )

    def _report(self, doc_id: str, d: _Draft) -> EventReport:
        place = self.places[d.place.key]
        loc = self._place_ref(d.place)
        launch = self._place_ref(d.launch) if d.launch else None
        perps = list(d.perpetrators)
        d.targets = [t for t in d.targets if t not in perps and t not in d.claimants and t not in d.attributed]
        actors = _uniq(list(d.superseded) + list(d.claimants) + list(d.attributed) + perps)
        claimed = _uniq(list(d.superseded) + list(d.claimants))
        if d.state_ack:
            claimed += [k for k in perps if k in STATE_FORCES and k not in claimed]
        target = (
            d.targets[0] if d.targets else (place.hosts[0] if place.hosts and not (set(perps) & STATE_FORCES) else None)
        )
        weapons = d.weapons
        if not weapons and set(perps) & STATE_FORCES and re.search(r"\bstrikes?\b|struck", d.unit.text, re.I):
            weapons = ["aircraft"]
        sub = _sub_event_type(weapons)
        return EventReport(
            id=stable_id("evr", doc_id, d.date.iso(), place.id),
            doc_id=doc_id,
            sub_event_type=sub,
            weapons=weapons,
            date=d.date,
            location=loc,
            launch_site=launch,
            actors=[self._name(k) for k in actors],
            claimed_by=[self._name(k) for k in claimed],
            attributed_to=[self._name(k) for k in d.attributed],
            target=self._name(target) if target else None,
            fatalities=d.fatalities,
            injuries=d.injuries,
            casualty_qualifiers=d.qualifiers,
            claims=d.claims,
            attributions=d.attributions,
            evidence=d.evidence,
            confirmed=not (d.claimants and not d.perpetrators and not d.attributed),
        )


_HABITUAL = re.compile(
    r"\b(repeatedly|routinely|regularly|frequently|usually|often|typically|has concentrated|have concentrated|"
    r"every (?:week|day|year)|tend to|more than once|several times|a number of times|on several occasions|"
    r"over the (?:winter|summer|spring|autumn|past (?:year|months|weeks)))\b",
    re.I,
)
# A reference to one particular event ("the attack", "that strike", "the base", "it had struck").
_SPECIFIC = re.compile(
    r"\b(?:the|that|this|same|its) (?:attack|strike|base|operation|incident|drone|barrage|raid|claim)\b|"
    r"\b(?:both|the two|the three|these|those) (?:attacks|strikes|operations)\b|\bit (?:had|has|was|carried out)\b|"
    r"\b(?:l'attaque|cette attaque)\b|(?<!\w)الهجوم(?!\w)|(?<!\w)القاعده(?!\w)",
    re.I,
)
_AGGREGATE_NOUNS = (
    "attacks",
    "strikes",
    "times",
    "targets",
    "claims",
    "operations",
    "incidents",
    "launches",
    "tally",
    "count",
    "total",
)
ARMED_KINDS = {"armed_group", "umbrella_brand"}
STATE_FORCES = {
    "us-forces",
    "coalition-forces",
    "israel",
    "irgc",
    "iran",
    "turkey",
    "turkish-forces",
    "iraqi-security-forces",
}


def _apply_casualties(d: _Draft, cas, u: Unit) -> None:
    if cas.fatalities is not None:
        d.fatalities = cas.fatalities
    if cas.injuries is not None:
        d.injuries = cas.injuries
    d.qualifiers.extend(cas.qualifiers)
    for fld, s, e in cas.spans:
        d.evidence.append(Evidence(fld, u.start + s, u.start + e, u.text[s:e]))


def _nearest_per_place(drafts: list[_Draft], u: Unit) -> list[_Draft]:
    when = next((d.value for d in u.dates if d.value is not None), None)
    best: dict[str, _Draft] = {}
    for d in drafts:
        cur = best.get(d.place.key)
        if cur is None:
            best[d.place.key] = d
        elif when is not None:

            def gap(x):
                delta = (when - x.date.value).days
                return (delta < 0, abs(delta))

            if gap(d) < gap(cur):
                best[d.place.key] = d
        elif d.date.precision == "day" and cur.date.precision != "day":
            best[d.place.key] = d
    return list(best.values())


def _negated_places(u: Unit) -> set[str]:
    out = set()
    for m in re.finditer(r"\b(?:made no statement about|did not mention|no claim for)\b", u.text, re.I):
        for p in u.mentions:
            if p.label == "PLACE" and p.start - u.start > m.end():
                out.add(p.key)
    return out


def _clean_weapons(ws) -> list[str]:
    s = _uniq(ws)
    if {"ballistic_missile", "cruise_missile"} & set(s):
        s = [w for w in s if w not in _GENERIC_MISSILE]
    return s


def _sub_event_type(weapons: list[str]) -> str:
    if not weapons:
        return "Attack"
    first = weapons[0]
    indirect_fire = {"rocket", "missile", "ballistic_missile", "cruise_missile", "mortar"} & set(weapons)
    if ("drone" in weapons or "aircraft" in weapons) and (not indirect_fire or first in ("drone", "aircraft")):
        return "Air/drone strike"
    if {"rocket", "missile", "ballistic_missile", "cruise_missile", "mortar"} & set(weapons):
        return "Shelling/artillery/missile attack"
    if "ied" in weapons:
        return "Remote explosive/landmine/IED"
    if "small_arms" in weapons:
        return "Armed clash"
    return "Attack"


def _uniq(xs) -> list:
    return list(dict.fromkeys(x for x in xs if x))


def _year_hint(text: str) -> int | None:
    years = re.findall(r"\b(20[12]\d)\b", text)
    return int(years[0]) if years else None

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
from dataclasses import fields, is_dataclass, replace
from datetime import date, timedelta

from claimgraph.extract import cues
from claimgraph.extract.abbreviations import local_abbreviations
from claimgraph.extract.casualties import mentions_casualties, parse_casualties
from claimgraph.extract.drafts import (
    AGGREGATE_NOUNS,
    ARMED_KINDS,
    SPECIFIC,
    STATE_FORCES,
    Draft,
    apply_casualties,
    clean_weapons,
    uniq,
    year_hint,
)
from claimgraph.extract.eventful import reports_an_event
from claimgraph.extract.firsthand import apply_first_hand
from claimgraph.extract.followups import FollowUps
from claimgraph.extract.memberships import MembershipReader
from claimgraph.extract.newactors import find_new_actors
from claimgraph.extract.report import Reporting
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
from claimgraph.kb.landmarks import named_landmarks
from claimgraph.kb.loader import Place
from claimgraph.models import (
    ActorMention,
    DateValue,
    Document,
    DocumentExtraction,
    Evidence,
    Note,
)
from claimgraph.nlp.dates import find_dates
from claimgraph.nlp.lang import SUPPORTED, detect_language
from claimgraph.nlp.normalize import plain_apostrophes
from claimgraph.nlp.pipeline import Annotated, Annotator, Mention
from claimgraph.resolve.places import GazetteerPlaces

EXTRACTOR_VERSION = "rules.v1"


def _quote_original(obj, read: str, original: str):
    """``obj`` with the spans quoted from the text as read re-quoted from the original (its typographic
    apostrophes): lists and mutable records are changed in place, frozen ones (``Evidence``) replaced."""
    if isinstance(obj, list):
        obj[:] = [_quote_original(x, read, original) for x in obj]
        return obj
    if not is_dataclass(obj):
        return obj
    for f in fields(obj):
        value = getattr(obj, f.name)
        if isinstance(value, list) or is_dataclass(value):
            new = _quote_original(value, read, original)
            if new is not value:
                setattr(obj, f.name, new)
    start, end = getattr(obj, "start", None), getattr(obj, "end", None)
    if not (isinstance(start, int) and isinstance(end, int)):
        return obj
    for name in ("text", "surface"):  # Evidence, DateValue / ActorMention
        quoted = getattr(obj, name, None)
        if quoted == read[start:end] and quoted != original[start:end]:
            if obj.__dataclass_params__.frozen:
                return replace(obj, **{name: original[start:end]})
            setattr(obj, name, original[start:end])
    return obj


def _within(dates: list, u: Unit) -> list:
    return [d for d in dates if u.start <= d.start < u.end]


_DRONE_FIRED_MISSILE = re.compile(
    r"\b(?:drone|UAV|MQ-9|Reaper)\b[^.]{0,50}?\b(?:fir\w*|launch\w*)\b[^.]{0,25}?missiles?\b", re.I
)


class Extractor(FollowUps, Reporting):
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
        original = doc.text
        doc = replace(doc, text=plain_apostrophes(original))
        ann = self.annotator.annotate(doc.text, lang)
        out.mentions = [
            ActorMention(m.key, self._name(m.key), m.text, m.start, m.end, self.kb.actors[m.key].kind)
            for m in ann.mentions
            if m.label == "ACTOR"
        ]
        local = local_abbreviations(ann)
        if local:
            ann = Annotated(ann.text, ann.lang, ann.sentences, sorted(ann.mentions + local, key=lambda m: m.start))
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
        if doc.text != original:
            _quote_original(out, doc.text, original)  # the record is changed in place
        apply_first_hand(self.kb, doc, out)  # a post on a group's own channel is its claim
        return out

    # -- helpers ------------------------------------------------------------
    def _name(self, key: str) -> str:
        a = self.kb.actors.get(key)
        return a.name if a else key.removeprefix("new:")

    def _kind(self, m: Mention) -> str:
        a = self.kb.actors.get(m.key)
        return a.kind if a else "armed_group"

    def _generic(self, key: str) -> bool:
        """A generic referent ("Iran-backed militias"): never the antecedent of "they claimed"."""
        return getattr(self.kb.actors.get(key), "generic", False)

    def _acting(self, key: str) -> str:
        """A state acts through its default force in armed events (United States -> US forces)."""
        a = self.kb.actors.get(key)
        if a is not None and a.kind == "state" and a.default_force:
            return a.default_force
        return key

    def _events(self, ann: Annotated, doc: Document) -> list[Draft]:
        text, lang, published = ann.text, ann.lang, doc.published
        skip = dateline_end(text)
        units = build_units(ann)
        hint_year = year_hint(text)
        landmarks = named_landmarks(text, lang, {m.key for m in ann.mentions if m.label == "ACTOR"})
        if published is None and landmarks:
            # no publication date: yearless dates fall on or after the latest landmark the text names
            floor = max(lm.date for lm in landmarks)
            hint_year = floor if hint_year is None or hint_year <= floor.year else date(hint_year, 1, 1)
        drafts: list[Draft] = []
        current: list[Draft] = []
        last_date: date | None = None
        last_perp: list[str] = []
        last_claimant: list[str] = []
        para_dates: dict[int, DateValue] = {}
        self._last_state = None
        found = find_dates(cues.blank_caption_years(text), 0, lang, published, hint_year)
        captions = [(a, b) for a, b, kind in cues.furniture_lines(text) if kind == "caption"]
        if captions:  # a caption's own dates keep their year ("the base after a rocket attack, July 7, 2021")
            found = [d for d in found if not any(a <= d.start < b for a, b in captions)] + [
                d for d in find_dates(text, 0, lang, published, hint_year) if any(a <= d.start < b for a, b in captions)
            ]
            found.sort(key=lambda d: d.start)
        if published is None:
            for d in found:  # "since October 7": a yearless landmark's day takes the landmark's year
                same = [
                    lm
                    for lm in landmarks
                    if d.value and not d.explicit_year and d.value.month == lm.date.month and d.value.day == lm.date.day
                ]
                if same and d.precision == "day":
                    d.value = same[0].date
        # a day that is a reference-only landmark ("since October 7") anchors the narrative, dates no event
        reference_days = {lm.date for lm in landmarks if lm.reference_only}
        period_starts = [
            d.start for d in found if cues.shared("period_before").search(text[max(0, d.start - 30) : d.start])
        ]
        all_dates = [
            d
            for d in found
            if (published is None or d.value is None or d.value <= published + timedelta(days=1))
            and d.start >= skip  # the dateline's date is the filing date
            and d.start not in period_starts
            and not (d.value in reference_days and d.precision == "day")
        ]
        # a period bound ("Jusqu'au 28 janvier.") dates no event but anchors "ce jour-là" in the next sentence
        anchors = [
            d
            for d in found
            if d.start in period_starts
            and d.start >= skip
            and (published is None or d.value is None or d.value <= published)
        ]
        # a period bound ("Jusqu'au 28 janvier.") dates no event but anchors "ce jour-là" in the next sentence
        anchors = [
            d
            for d in found
            if d.start in period_starts
            and d.start >= skip
            and (published is None or d.value is None or d.value <= published)
        ]
        prev_weapons: list[str] = []
        prev_para = -1
        for u in units:
            u.dates = [d for d in all_dates if u.start <= d.start < u.end]
            if u.paragraph > prev_para + 1:
                prev_weapons = []  # an antecedent is in this or the previous paragraph
            if not u.mentions and not current:
                # nothing named and no event to add to: the unit only moves the narrative date
                dated = [
                    d
                    for d in u.dates + _within(anchors if published else [], u)
                    if d.value is not None and d.precision == "day"
                ]
                if dated:
                    last_date = dated[0].value
                    para_dates[u.paragraph] = DateValue(dated[0].value, "day", "context")
                continue
            roles = (
                assign_roles(u.text, u.start, u.norm, lang, u.mentions, self._kind)
                if u.mentions
                else quiet_roles(u, lang)
            )
            agg = self._aggregate_span(u, lang)
            aggregate = agg is not None
            weapons_here = [m for m in u.mentions if m.label == "WEAPON"]
            places = event_places(u, self, text, skip) if any(m.label == "PLACE" for m in u.mentions) else []
            if agg and places:
                # a count of many incidents hides no event near it, but a specific one told further on stands:
                # "struck 85 targets ..., the first retaliation for the drone attack ... at Tower 22 last Sunday"
                far = [p for p in places if p.start - agg[1] > 60 and self.places[p.key].precision != "country"]
                if not any(d.start >= agg[1] and d.precision == "day" for d in u.dates):
                    far = []  # "claimed 200 launches at targets from Eilat to Haifa": places of the count itself
                if far:
                    places, aggregate = far, False
                    sub = [m for m in u.mentions if m.start >= agg[1]]
                    roles = assign_roles(text[agg[1] : u.end], agg[1], "", lang, sub, self._kind)
            eventful = bool(places) and not aggregate and reports_an_event(u, lang, weapons_here, period_starts)
            new_here: list[Draft] = []
            if eventful and places and self._restates(u, places, drafts, roles):
                eventful = False
            if eventful and places:
                anchor = last_date
                assigned = []
                bounds = clauses(u)
                for p in places:
                    ca, cb = clause_of(p.start, bounds)
                    in_clause = [d for d in u.dates if ca <= d.start < cb]
                    others = [
                        o
                        for o in u.mentions
                        if o.label == "PLACE"
                        and o.key != p.key
                        and o.key in self.places
                        and not contains(self, o.key, p.key)
                    ]
                    dm = pick_date(p, in_clause or u.dates, anchor, others)
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
                        own = [
                            x for x in u.dates if x.end <= (dm.start if dm else 0) and x.kind != "anchored" and x.value
                        ]
                        dv = dm.resolve(own[-1].value if own and dm.kind == "anchored" else anchor) if dm else None
                    if published is None and any(
                        d.kind in ("weekday", "relative") for d in ([dm] if dm else in_clause or u.dates)
                    ):
                        continue  # "last Thursday" in an undated text: the day cannot be known, not the context's
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
                    d = Draft(place=p, date=dv, unit=u, launch=u.launch_sites[0] if u.launch_sites else None)
                    d.evidence.append(Evidence("location", p.start, p.end, p.text))
                    if dv.start >= 0:
                        d.evidence.append(Evidence("date", dv.start, dv.end, dv.text))
                    new_here.append(d)
                groups: dict[tuple[int, int], list[Draft]] = {}
                for d in new_here:
                    groups.setdefault(clause_of(d.place.start, bounds), []).append(d)
                for (ca, cb), group in groups.items():
                    if len(groups) == 1:
                        # "jets pounded X, hours after a drone slammed into Y": Y's weapon is in Y's clause
                        in_clause = [w for w in weapons_here if ca <= w.start < cb]
                        self._weapons(group, in_clause or weapons_here, u)
                        self._actors(group, roles, u, last_perp, last_claimant)
                        continue
                    # several clauses, each with its own event: read weapons and roles per clause
                    sub = [m for m in u.mentions if ca <= m.start < cb]
                    in_clause = [w for w in weapons_here if ca <= w.start < cb]
                    if not in_clause and len({w.key for w in weapons_here}) == 1:
                        in_clause = weapons_here  # "US aircraft hit X, and on Nov. 8 they struck Y": one weapon, shared
                    self._weapons(group, in_clause, u)
                    clause_roles = assign_roles(text[ca:cb], ca, "", lang, sub, self._kind) if lang != "ar" else roles
                    self._actors(group, clause_roles, u, last_perp, last_claimant)
                self._casualties(new_here, u)
                for d in new_here:
                    if not d.weapons and prev_weapons and not set(d.perpetrators) & STATE_FORCES:
                        d.weapons = list(prev_weapons)  # "One of those attacks, on ... Tower 22": the drones above
                drafts.extend(new_here)
                current = new_here or current
            if not new_here and not aggregate:
                self._continue(u, roles, current, drafts, last_claimant)
            elif not new_here and roles.claimants:
                # a count of claims that names places with events ("claimed three operations ... at Haifa"):
                # link the claim to those events only, never to whatever was read last
                named = {m.key for m in u.mentions if m.label == "PLACE"} & {d.place.key for d in drafts}
                if named:
                    self._continue(u, roles, [d for d in drafts if d.place.key in named], drafts, last_claimant)
                elif agg and SPECIFIC.search(u.text[: u.rel(agg[0])]):
                    # "The attack was claimed by X, a coalition that has claimed scores of attacks": the count
                    # describes the claimant; what comes before it is about this event
                    head = u.head(agg[0])
                    head_roles = assign_roles(head.text, head.start, head.norm, lang, head.mentions, self._kind)
                    self._continue(head, head_roles, current, drafts, last_claimant)
            classes = clean_weapons([m.key for m in u.mentions if m.label == "WEAPON" and m.key != "aircraft"])
            if classes:  # the antecedent stays until another weapon is named (fragments like "28." keep it)
                prev_weapons = classes if len(classes) == 1 else []
            prev_para = u.paragraph
            # discourse state for the next unit
            dated = [
                d
                for d in u.dates + _within(anchors if published else [], u)
                if d.value is not None and d.precision == "day"
            ]
            if new_here:
                last_date = new_here[-1].date.value
            elif dated:
                last_date = dated[0].value
            if dated:
                para_dates[u.paragraph] = DateValue(dated[-1].value, "day", "context")
            subjects = [
                self._acting(m.key)
                for m in roles.perpetrators + roles.claimants
                if self._kind(m) in ARMED_KINDS and not self._generic(m.key)
            ]
            if subjects:
                last_perp = subjects
            states_here = [self._acting(m.key) for m in roles.perpetrators if self._kind(m) in STATE_KINDS]
            if states_here:
                self._last_state = states_here[0]
            if [m for m in roles.claimants if not self._generic(m.key)]:
                last_claimant = [m.key for m in roles.claimants if not self._generic(m.key)]
            elif not subjects:
                firsts = [
                    m.key
                    for m in u.mentions
                    if m.label == "ACTOR" and self._kind(m) in ARMED_KINDS and not self._generic(m.key)
                ]
                if firsts and not new_here:
                    last_perp = firsts[:1]
        self._apply_corrections(units, drafts)
        return self._merge(drafts)

    def _apply_corrections(self, units: list[Unit], drafts: list[Draft]) -> None:
        """ "Correction: an earlier version said the attack took place on Tuesday. It took place on Wednesday.":
        the event dated by the wrong day (else the latest one) takes the corrected day."""
        for i, u in enumerate(units):
            if not cues.shared("correction").search(u.text) or not drafts:
                continue
            window = [u, *units[i + 1 : i + 2]]
            stated = [d for w in window for d in w.dates if d.value is not None and d.precision == "day"]
            right = [
                d
                for w in window
                for d in w.dates
                if d.value is not None
                and cues.shared("took_place").search(w.text[max(0, d.start - w.start - 40) : d.start - w.start])
            ]
            if not right:
                continue
            new = right[-1]
            wrong = {d.value for d in stated if d is not new}
            target = [d for d in drafts if d.date.value in wrong] or drafts[-1:]
            for d in target:
                d.date = DateValue(new.value, "day", "correction", new.text, new.start, new.end)

    def _restates(self, u: Unit, places: list[Mention], drafts: list[Draft], roles) -> bool:
        """The unit speaks again of events already read (a claim posted the next morning, a follow-up)."""
        for p in places:
            if re.search(
                rf"\b(?:the|that|this|after the)\s+{re.escape(p.text)}\s+(?:[\w-]+\s+)?"
                r"(?:attack|strike|raid|incident|bombing)s?\b",
                u.text,
                re.I,
            ) and not any(d.precision == "day" and d.kind in ("absolute", "weekday", "relative") for d in u.dates):
                return True  # "the Erbil attack", "after the Baghdad strike": an event told elsewhere
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
        return self._aggregate_span(u, lang) is not None

    def _aggregate_span(self, u: Unit, lang: str) -> tuple[int, int] | None:
        """Document offsets of a count of many incidents in the unit ("more than 85 targets"), if any."""
        if lang == "en" and not any(w in u.low for w in AGGREGATE_NOUNS):
            return None  # no counted noun at all: skip the costly pattern
        m = u.has(cues.cue(lang, "aggregate"))
        if not m:
            return None
        phrase = m.group(0).lower()
        # "two drones ... three rockets" are one event's details; counts of attacks/times are aggregates,
        # but "two rocket attacks on Kharab al-Jir" (one or two claims at one site) still reports an event
        if (
            re.match(r"^(?:two|both|2)\s+(?:\w+\s+)?(?:attacks|strikes|claims|operations)\b", phrase)
            and len(u.mentions) < 8
        ):
            return None
        if re.search(r"\b(?:one|a|single)\b", phrase) or cues.shared("aggregate_except").search(phrase):
            return None
        if re.search(r"[\"“«]\s*$", u.text[: m.start()]):
            return None  # a count quoted from a claim ("carried out \"three operations\"") reports one event
        if re.match(r"[^.;:]{0,40}:\s*\S", u.text[m.end() :]):
            return None  # "claimed three attacks on Wednesday: a drone attack on A, rockets at B": a list follows
        return u.start + m.start(), u.start + m.end()

    def _drop_containers(self, assigned, u: Unit):
        """A province or country named next to a site in it locates the site; it is not another event."""
        keep = []
        bounds = clauses(u)
        for p, dv in assigned:
            inner = [
                q
                for q, dq in assigned
                if q is not p
                and (dq.value == dv.value or clause_of(q.start, bounds) == clause_of(p.start, bounds))
                and contains(self, p.key, q.key)
            ]
            if inner:
                continue
            keep.append((p, dv))
        # country-level sites only when nothing more precise is named in the unit
        precise = [x for x in keep if self.places[x[0].key].precision != "country"]
        if precise:
            keep = precise
        else:
            # a country (or a region of one) is the place when nothing more precise is named and the unit
            # dates the attack itself: "U.S. forces in Syria shot down two drones on Wednesday"
            keep = (
                [x for x in keep if x[1].basis in ("absolute", "weekday", "relative", "hijri", "month")]
                if len({x[0].key for x in keep}) == 1
                else []
            )
        return keep

    def _weapons(self, drafts: list[Draft], weapons: list[Mention], u: Unit) -> None:
        if not drafts:
            return
        back = cues.shared("retaliation").search(u.text)
        if back and all(d.place.start < u.start + back.start() for d in drafts):
            # "US jets struck X, in retaliation for a ballistic missile attack on Y": the missile is Y's
            weapons = [w for w in weapons if w.start < u.start + back.start()]
        for prior in cues.shared("prior_attack").finditer(u.text):
            # "after a rocket attack on the K-1 base ..., US aircraft struck ...": the rockets are the earlier attack's,
            # unless the event read here is that earlier attack ("hours after a drone slammed into the base at Erbil")
            comma = u.text.find(",", prior.end())
            lo, hi = u.start + prior.start(), u.start + (comma if comma >= 0 else len(u.text))
            if all(not lo <= d.place.start < hi for d in drafts):
                weapons = [w for w in weapons if not lo <= w.start < u.start + prior.end()]
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
            d.weapons = clean_weapons([w.key for w in mine])
            if {"drone", "missile"} <= set(d.weapons) and _DRONE_FIRED_MISSILE.search(u.text):
                d.weapons.remove("missile")  # "the drone fired two missiles": one drone strike
            d.evidence.extend(Evidence("weapons", w.start, w.end, w.text) for w in mine)

    def _actors(self, drafts: list[Draft], roles, u: Unit, last_perp: list[str], last_claimant: list[str]) -> None:
        perps = [self._acting(m.key) for m in roles.perpetrators]
        claimants = [self._acting(m.key) for m in roles.claimants]
        if roles.claim_anaphora and last_claimant:
            claimants = list(last_claimant)
        elif roles.claim_anaphora and last_perp:
            claimants = list(last_perp)
        if not perps and not claimants and roles.perp_anaphora and last_perp:
            perps = list(last_perp)
            if (
                last_claimant
                and set(perps) <= {self._acting(k) for k in last_claimant}
                and cues.shared("operation_continues").search(u.text)
            ):
                # "X said it struck A. A few hours earlier, its fighters hit B": one statement, several operations
                claimants = list(perps)
        claimants = [k for k in claimants if not self._generic(k)]
        for d in drafts:
            d.perpetrators = uniq(perps)
            d.claimants = uniq(claimants) if not roles.claim_negated else []
            d.superseded = [m.key for m in roles.first_claimants]
            d.attributed = uniq(m.key for m in roles.attributed)
            d.targets = uniq(self._acting(m.key) for m in roles.targets)
            d.unclaimed = roles.claim_negated
            d.state_ack = roles.state_ack
            for m in roles.claimants + roles.attributed + roles.perpetrators:
                d.evidence.append(Evidence("actors", m.start, m.end, m.text))
            self._claims(d, roles, u)
            strikes = re.search(
                r"\b(?:the|US|American) (?:air )?strikes?\b|\bair ?strikes?\b|"
                r"\b(?:les|des|une|la) (?:frappes?|raids?)\b",
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

    def _casualties(self, drafts: list[Draft], u: Unit) -> None:
        bounds = clauses(u)
        by_clause: dict[tuple[int, int], list[Draft]] = {}
        for d in drafts:
            by_clause.setdefault(clause_of(d.place.start, bounds), []).append(d)
        if len(by_clause) > 1:
            # "X struck A, killing five, hours after Y hit B, wounding two": each clause's figures for its own event
            for (ca, cb), group in by_clause.items():
                text = (u.norm or u.text)[ca - u.start : cb - u.start]
                cas = parse_casualties(text) if mentions_casualties(text) else None
                if cas is not None and not (cas.shared and len(group) > 1):
                    for d in group if cas.fatalities == 0 and cas.injuries == 0 else group[-1:]:
                        apply_casualties(d, cas, u, offset=ca - u.start)
            return
        cas = parse_casualties(u.norm or u.text) if mentions_casualties(u.norm or u.text) else None
        if cas is None:
            return
        if cas.shared and len(drafts) > 1:
            return
        targets = drafts if len(drafts) == 1 else drafts[-1:]
        if cas.fatalities == 0 and cas.injuries == 0:
            targets = drafts
        for d in targets:
            apply_casualties(d, cas, u)

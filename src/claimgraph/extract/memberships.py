"""Stated affiliations: member -> umbrella, from sentences with a membership cue.

Direction comes from the cue ("X is part of Y", "Y, which includes X", "X's
fighters are registered as brigades of Y") and is checked against the knowledge
base: a pair the KB holds the other way round is dropped. Negated affiliations
("denied any role") and vague ties ("ties with", "proxy of") are not recorded.
Pronouns are resolved to the previous sentence: "its core members" (the last
umbrella), "It also operates under ..." (the last group), "These groups ...".
"""

from __future__ import annotations

import itertools
import re
from typing import NamedTuple

from claimgraph.extract import cues
from claimgraph.extract.units import title_mentions
from claimgraph.models import Evidence, Membership
from claimgraph.nlp.pipeline import Annotated, Mention

_STRUCTURAL = {"member_of", "front_of", "part_of"}
MEMBER_KINDS = {"armed_group", "umbrella_brand", "organisation", "state_force"}


def _cues(cue_re: re.Pattern, text: str, norm=None):
    """The membership cues of ``text``, without "members of" said of people or a place that "includes" units.
    With ``norm`` (the pack's normal form: Arabic letters, "أقوى أطراف" as "اقوي اطراف") the cue is read on the
    normal form and its offsets are those of ``text``."""
    people_word, people_before = cues.shared("membership_people_word"), cues.shared("members_people_before")
    place_before = cues.shared("members_place_before")
    found = ((c, c) for c in cue_re.finditer(text)) if norm is None else cues.finditer_normal(cue_re, text, norm)
    for c, at in found:
        before = c.string[max(0, c.start() - 30) : c.start()]  # (read on the normal form, as the cue)
        if people_word.match(c.group(0)) and people_before.search(before):
            continue
        if place_before.search(before):
            continue
        yield at


# between a unit and the group it is "of": "the Quds Force of the IRGC", "Quds Force of Iran's Revolutionary Guards"
_OF_OWNER = re.compile(r"\s+of\s+(?:the\s+|Iran['’]s\s+)?")
_AR_OWNER = re.compile(r"\s(?:ال)?تابع[ةه]?\s+ل(ل)?(\S.*)$")


_COMMA = re.compile(r"[,،]")
# between the comma that closes an opening and the sentence's subject: an article at most ("le Hezbollah")
_SUBJECT_GAP = re.compile(r"\s*(?:(?:the|le|la|les|l['’])\s*)?", re.IGNORECASE)


_INFOBOX_SENTENCES = 30  # an infobox stands in a page's first lines


class MembershipReader:
    """Built once per process: knows the KB's structural relations for direction checks."""

    def __init__(self, kb):
        self.kb = kb
        self.up: dict[str, set[str]] = {}
        for rel in kb.relations:
            if rel.predicate in _STRUCTURAL:
                self.up.setdefault(rel.subject, set()).add(rel.object)
        pmf = kb.actor_by_name("Popular Mobilization Forces")
        self.pmf = pmf.id if pmf else None
        self.umbrellas = {o for objs in self.up.values() for o in objs} | {
            a.id for a in kb.actors.values() if a.kind in ("umbrella_brand", "coalition")
        }

    def above(self, actor: str) -> set[str]:
        """Everything ``actor`` belongs to, transitively."""
        seen: set[str] = set()
        todo = [actor]
        while todo:
            for o in self.up.get(todo.pop(), ()):
                if o not in seen:
                    seen.add(o)
                    todo.append(o)
        return seen

    def read(self, ann: Annotated, name_of) -> list[Membership]:
        out: dict[tuple[str, str], Membership] = {}
        seen: set[str] = set()
        last_umbrella: str | None = None
        prev_members: list[str] = []
        last_group: str | None = None
        lang = ann.lang
        cue_re = cues.cue(lang, "membership")
        norm = cues.rules(lang).normaliser  # the text as the pack's membership cue reads it (Arabic: normalised)
        negation, brigades = cues.shared("membership_negated"), cues.shared("membership_brigades")
        member_pronoun, pronoun_forms = cues.shared("member_pronoun"), cues.shared("membership_pronoun_forms")
        for sent in ann.sentences:
            actors = [m for m in ann.in_sentence(sent.index, "ACTOR") if m.key]
            if not actors:
                continue  # "The four groups Saar named ..." may follow a sentence that names no one
            text = sent.text
            cue = next(_cues(cue_re, text, norm), None) or _under_umbrella(text, sent.start, actors, self.umbrellas)
            negated = negation.search(text)
            members_here: list[str] = []
            pmf = self.pmf if self.pmf and (self.pmf in seen or any(m.key == self.pmf for m in actors)) else None
            if pmf and brigades.search(text) and not self._denied(text, sent.start, negated, actors, pmf):
                # "Brigades 45, 46 and 47 belong to Kataib Hezbollah": brigade numbers are PMF registration (a denial
                # of another tie in the sentence -- "... its leaders denied it is part of the IRI" -- leaves them be)
                pronoun = member_pronoun.match(text) or pronoun_forms.search(text)
                if last_group and pronoun and not any(_kind(self.kb, m.key) == "armed_group" for m in actors):
                    self._add(out, last_group, pmf, text, sent, name_of)  # "Ils forment les brigades 45, 46 et 47"
                for m in actors:
                    if self._denied(text, sent.start, negated, actors, pmf, m.key):
                        continue
                    if m.key != pmf and self._compatible(m.key, pmf) and _kind(self.kb, m.key) == "armed_group":
                        self._add(out, m.key, pmf, text, sent, name_of)
                        members_here.append(m.key)
            for i, m in enumerate(actors):
                owner = self._possessor(m) or self._owner_after(m, actors[i + 1 : i + 2], ann.text)
                if owner is not None and not self._denied(text, sent.start, negated, actors, owner, m.key):
                    self._add(out, m.key, owner, text, sent, name_of)  # "the IRGC's Quds Force"
                    members_here.append(m.key)
            fronted = self._fronted_member(text, sent.start, actors, cue_re, norm) if cue else None
            if fronted is not None and not self._denied(text, sent.start, negated, actors, fronted[1], fronted[0]):
                self._add(out, *fronted, text, sent, name_of)  # "A key member of the Axis of Resistance, Hezbollah ..."
                members_here.append(fronted[0])
            if cue:
                stated = _subject_before_verb(text, sent.start, actors)
                pairs = self._pairs(text, sent.start, stated, cue, last_umbrella, prev_members, last_group, lang)
                for member, umb in pairs:
                    if negated and _negation_covers(text, sent.start, negated, actors, umb, member):
                        continue
                    members_here.append(member)
                    self._add(out, member, umb, text, sent, name_of)
            seen.update(m.key for m in actors)
            for m in actors:
                if m.key in self.umbrellas and _kind(self.kb, m.key) not in ("state", "state_force"):
                    last_umbrella = m.key  # (not "the American forces": a state's parts belong to no brand)
            brands = [m.key for m in actors if _kind(self.kb, m.key) in ("umbrella_brand", "coalition")]
            if len(brands) > 1 and (brands[0], brands[-1]) in out:
                # "The IRI is considered part of the Axis of Resistance. ... it comprises KH": "it" is the subject
                last_umbrella = brands[0]
            groups = [m.key for m in actors if m.key not in self.umbrellas or self.up.get(m.key)]
            if groups:
                last_group = groups[0]
            named = [
                m.key for m in actors if getattr(self.kb.actors.get(m.key), "kind", "armed_group") == "armed_group"
            ]
            prev_members = members_here or named
        self._tables(ann, out, name_of)
        self._infobox(ann, out, name_of)
        return list(out.values())

    def _infobox(self, ann: Annotated, out: dict, name_of) -> None:
        """An encyclopaedic page's infobox, under a first line that names an umbrella or group ("Islamic Resistance in
        Iraq" / "Part of: Axis of Resistance" / "Groups: Kataib Hezbollah; Harakat Hezbollah al-Nujaba"): the page's
        subject belongs to what "Part of" names, and the groups its "Groups" line lists belong to it (pack cues
        ``infobox_part_of_line``, ``infobox_members_line``)."""
        topic = next(iter(title_mentions(ann, "ACTOR")), None)
        if topic is None:
            return
        part_of, members = cues.per_language("infobox_part_of_line"), cues.per_language("infobox_members_line")
        for sent in ann.sentences[:_INFOBOX_SENTENCES]:
            actors = [m for m in ann.in_sentence(sent.index, "ACTOR") if m.key and m.key != topic.key]
            if not actors:
                continue
            if any(c.match(sent.text) for c in part_of):
                for m in actors:
                    if m.key in self.umbrellas and self._compatible(topic.key, m.key):
                        self._add(out, topic.key, m.key, sent.text, sent, name_of)
            elif any(c.match(sent.text) for c in members) and topic.key in self.umbrellas:
                for m in actors:
                    if self._compatible(m.key, topic.key):
                        self._add(out, m.key, topic.key, sent.text, sent, name_of)

    def _tables(self, ann: Annotated, out: dict, name_of) -> None:
        """A table of groups ("| Group | IRI member? | PMF brigades |"): a column headed by an umbrella's name
        holds, on each group's row, whether the group belongs to it: "Yes" (pack cue ``membership_cell_yes``), or
        for the PMF its brigade numbers; "Denies", "Unclear", "No" or an empty cell state no tie."""
        text = ann.text
        if text.count("|") < 6:
            return
        yes = cues.shared("membership_cell_yes")
        for block in _table_blocks(text):
            header, rows = block[0], block[1:]
            columns = {}
            for j, (a, b) in enumerate(header[1:], start=1):
                here = [m for m in ann.mentions if m.label == "ACTOR" and a <= m.start < b and m.key in self.umbrellas]
                if here:
                    columns[j] = here[0].key
            for row in rows:
                if len(row) != len(header):
                    continue
                a0, b0 = row[0]
                members = [
                    m
                    for m in ann.mentions
                    if m.label == "ACTOR" and a0 <= m.start < b0 and _kind(self.kb, m.key) == "armed_group"
                ]
                if not members:
                    continue
                member = members[0].key
                line = Span(row[0][0], row[-1][1])
                for j, umb in columns.items():
                    cell = text[row[j][0] : row[j][1]]
                    stated = yes.match(cell) or (umb == self.pmf and re.search(r"\d", cell))
                    if stated and member != umb and self._compatible(member, umb):
                        self._add(out, member, umb, text[line.start : line.end], line, name_of)

    def _denied(self, text, offset, negated, actors, umbrella, member=None) -> bool:
        """Whether the sentence's denial covers ``member`` -> ``umbrella``; a denial followed by another umbrella
        is of that one ("AAH, represented in the PMF by brigades 41-43, denied being part of the IRI")."""
        if not negated:
            return False
        if not any(m.key == umbrella for m in actors) and any(
            m.key in self.umbrellas and m.key not in (umbrella, member) and m.start - offset > negated.start()
            for m in actors
        ):
            return False
        return _negation_covers(text, offset, negated, actors, umbrella, member)

    def _fronted_member(self, text: str, offset: int, actors: list[Mention], cue_re, norm) -> tuple[str, str] | None:
        """A sentence that opens with what its subject belongs to, before a comma ("Principal allié de Téhéran au sein
        de « l'axe de la résistance », le Hezbollah ...", "A key member of the Axis, Hezbollah has ..."): (the
        subject, the umbrella), when the opening names no other group."""
        for comma in _COMMA.finditer(text):
            k = comma.start()
            subject = next(
                (
                    m
                    for m in actors
                    if m.start - offset >= comma.end() and _SUBJECT_GAP.fullmatch(text[comma.end() : m.start - offset])
                ),
                None,
            )
            if subject is None:
                continue
            head = [m for m in actors if m.end - offset <= k]
            found = list(_cues(cue_re, text[:k], norm))
            if not found or any(cues.shared("umbrella_first").match(c.group(0)) for c in found):
                return None  # "groups such as KH, AAH and KSS": a list, not an opening
            umbrellas = [
                m
                for m in head
                if _kind(self.kb, m.key) in ("umbrella_brand", "coalition") and m.start - offset > found[0].start()
            ]
            others = [m for m in head if m not in umbrellas and _kind(self.kb, m.key) not in ("state", "state_force")]
            if umbrellas and not others and self._compatible(subject.key, umbrellas[-1].key):
                return subject.key, umbrellas[-1].key
            return None  # only the first comma followed by a name can close an opening
        return None

    def _possessor(self, m: Mention) -> str | None:
        """The group a name in the possessive makes its owner ("the IRGC's Quds Force", "the Revolutionary
        Guards' Quds Force"), when the KB has the named one as part of it: a stated affiliation. A state owns
        its forces without that being an affiliation ("Iran's Revolutionary Guards")."""
        head, sep, _ = m.text.partition("'")  # mentions are read on the text with plain apostrophes
        if not sep or not head.strip():
            return None
        return self._owner_named(m.key, head.strip())

    def _owner_after(self, m: Mention, following: list[Mention], text: str) -> str | None:
        """The group a unit is named "of" right after ("the Quds Force of the IRGC"), when the KB has the unit as
        part of it: the possessive turned round (also inside a name the KB lists whole)."""
        _, of, tail = m.text.partition(" of ")
        if of and tail.strip():
            owner = self._owner_named(m.key, re.sub(r"^(?:the|Iran['’]s)\s+", "", tail.strip()))
            if owner is not None:
                return owner
        belongs = _AR_OWNER.search(m.text)  # "فيلق القدس التابع للحرس الثوري": "the one belonging to" the owner
        if belongs:
            owner = self._owner_named(m.key, ("ال" if belongs.group(1) else "") + belongs.group(2))
            if owner is not None:
                return owner
        for n in following:
            if _OF_OWNER.fullmatch(text[m.end : n.start]) and self._owns(n.key, m.key):
                return n.key
        return None

    def _owner_named(self, unit: str, name: str) -> str | None:
        """The actor called ``name`` that the KB has ``unit`` as part of, if any."""
        return next((o.id for o in self.kb.actors_named(name) if self._owns(o.id, unit)), None)

    def _owns(self, owner: str, unit: str) -> bool:
        return owner != unit and owner in self.up.get(unit, ()) and self._compatible(unit, owner)

    def _add(self, out: dict, member: str, umb: str, text: str, sent, name_of) -> None:
        if (member, umb) in out or any(getattr(self.kb.actors.get(k), "generic", False) for k in (member, umb)):
            return  # "Iran-backed militias such as KH": a generic referent belongs to nothing and holds no one
        if cues.shared("membership_possible").search(text):
            conf = "possible"
        elif cues.shared("membership_likely").search(text):
            conf = "likely"
        else:
            conf = "confirmed"
        out[(member, umb)] = Membership(
            name_of(member),
            name_of(umb),
            member,
            umb,
            relation=_relation(self.kb, member, umb),
            confidence=conf,
            evidence=[Evidence("membership", sent.start, sent.end, text.strip())],
        )

    def _pairs(self, text, offset, actors, cue, last_umbrella, prev_members, last_group, lang="en"):
        pos = cue.start() if hasattr(cue, "start") else cue
        belong_pos = pos
        listing = cues.shared("umbrella_first").search(text)
        umbrella_first = bool(listing)
        listing_end = listing.end() if listing else 0
        if listing:
            pos = (
                listing.start()
            )  # "... component of the Axis, alongside X and groups such as Hamas": read from "such as"
        ids = [m.key for m in actors]
        seq = []
        for m in actors:
            if not seq or seq[-1][0] != m.key:
                seq.append((m.key, m.start - offset))
        ends = {m.start - offset: max(0, m.end - offset) for m in actors}  # (a subject read before its verb: at -1)
        pairs: list[tuple[str, str]] = []
        uniq = list(dict.fromkeys(ids))
        # 1. pairs the KB already knows the direction of, both stated in this sentence: direct relations, or
        #    through the KB up to an alliance (KH -> Axis via the IRI), never up to a state force (KH -> ISF)
        # cue words inside actor names ("Said al-Shuhada Brigades") are not cues
        spans = [(m.start - offset, m.end - offset) for m in actors]
        cue_re = cues.cue(lang, "membership")
        norm = cues.rules(lang).normaliser
        cue_ms = [c for c in _cues(cue_re, text, norm) if not any(a <= c.start() < b for a, b in spans)]
        near: set[str] = set()

        def stated_of_subject(at: int) -> bool:
            """The belonging cue before the name at ``at`` has a verb of its own ("..., it is a part of the Axis"),
            so it is said of the sentence's subject, not of the names listed just before it."""
            prev_end = max((e for p, e in ends.items() if p < at), default=0)
            cue_at = max((c.start() for c in cue_ms if c.start() < at), default=at)
            return bool(cues.shared("membership_copula_before").search(text[prev_end:cue_at]))

        def cue_before(at: int) -> bool:
            """A belonging cue (not a listing one) stands just before the name at ``at`` ("part of the Axis")."""
            return any(0 <= at - c.end() <= 25 and _belonging(c.group(0)) for c in cue_ms)

        for m in actors:
            at = m.start - offset
            if not cue_ms:
                if abs(at - pos) < 90:
                    near.add(m.key)
                continue
            c = min(cue_ms, key=lambda c: abs(c.start() - at))
            listing = bool(cues.shared("umbrella_first").match(c.group(0)))
            # a member follows a listing cue ("which includes X") and precedes a belonging cue ("X is part of");
            # "part of the Axis ... and hosts delegations from Hezbollah" does not make Hezbollah a member
            if abs(c.start() - at) < 90 and (at > c.start() if listing else at < c.start()):
                near.add(m.key)
        for a in uniq:
            for b in uniq:
                if a != b and a in near and self._direct_enough(a, b):
                    pairs.append((a, b))
        from_kb = set(pairs)
        # 2. order rule for the rest, with pronouns
        # a state holds its forces (the IRGC is Iran's) but lists no members: "factions backed by Iran, the most
        # prominent of which are KH and Nujaba" are the umbrella's named before it
        listed_by = {k for k, _ in seq if k in self.umbrellas and _kind(self.kb, k) != "state"}
        umb_after = [k for k, p in seq if p >= pos and k in listed_by]
        umb_before = [k for k, p in seq if p < pos and k in listed_by]
        # members stand near the cue ("X, whose fighters ..., is one of"), not anywhere earlier in a long sentence
        members_before = [k for k, p in seq if pos - 150 < p < pos and k not in umb_after[:1]]
        members_after = [k for k, p in seq if p >= pos]
        anaphor = cues.shared("umbrella_pronoun").search(text)
        if anaphor:
            # "under the banner of the IRI ... KH, the most powerful of the factions": the umbrella named earlier
            superlative = cues.shared("umbrella_superlative").match(anaphor.group(0))
            named_before = [
                k
                for k, p in seq
                if superlative and p < anaphor.start() and _kind(self.kb, k) in ("umbrella_brand", "coalition")
            ]
            umb = named_before[-1] if named_before else last_umbrella
            if umb:
                for k in members_before or members_after:
                    if k != umb and _kind(self.kb, k) not in ("umbrella_brand", "coalition", "state"):
                        pairs.append((k, umb))
        if (
            umbrella_first
            and not umb_before
            and last_umbrella
            and (
                cues.shared("umbrella_anaphor").search(text[:pos])
                or any(c.match(text, listing_end) for c in cues.per_language("umbrella_anaphor_after"))
            )
        ):
            # "it includes Kataib Hezbollah, Nujaba ...", "وتضم الجماعة ...": it = the umbrella named before
            umb_before = [last_umbrella]
        if umbrella_first and umb_before:
            umb_at = max((p for k, p in seq if k == umb_before[-1] and p < pos), default=None)
            between = text[max(0, ends.get(umb_at, umb_at)) : pos] if umb_at is not None else ""
            if any(c.search(between) for c in cues.per_language("membership_speech_between")):
                umb_before = []  # "KH warned that factions such as Nujaba ...": a list in what it said
        if umbrella_first and umb_before:
            umb = umb_before[-1]
            # "the IRI, such as KH and Nujaba, is part of the Axis alongside Hezbollah": the list ends at the next
            # umbrella named after a cue of its own; the names after that one are its members, not the first's
            nxt = next((p for k, p in seq if p >= pos and k in self.umbrellas and k != umb and cue_before(p)), None)
            if nxt is not None and not stated_of_subject(nxt):
                nxt = None  # "groups, including KSS and Nujaba, as part of the IRI": the listed ones are the members
            for k, p in seq:
                if p >= pos and k != umb and (nxt is None or p < nxt):
                    pairs.append((k, umb))
            if nxt is not None:
                # ... and the one the list was said of is the member of that next umbrella
                pairs.append((umb, next(k for k, p in seq if p == nxt)))
                pairs.extend(self._alongside(text, seq, ends, nxt))
            # "These groups are integral to the Axis ..., which includes ...": the pronoun's groups belong too
            first = [k for k, p in seq if p >= belong_pos and k in self.umbrellas]
            if cues.shared("member_pronoun").match(text) and first and belong_pos < pos:
                for k in _pronoun_members(text, prev_members, last_group):
                    if k != first[0]:
                        pairs.append((k, first[0]))
        elif umb_after:
            umb = umb_after[0]
            # "It is one of several Iran-backed militias that are part of the PMF": a generic referent is no member,
            # the pronoun's group is
            members = [k for k in members_before if k != umb and not getattr(self.kb.actors.get(k), "generic", False)]
            colon = text.find(":", pos)
            umb_pos = next(p for k, p in seq if k == umb and p >= pos)
            if not members and colon > 0 and umb_pos < colon:
                # "form the core of the IRI: KH, Nujaba, ..." (not "it includes three factions: KH, Nujaba, ...": the
                # first of the list is no umbrella of the others)
                members = [k for k, p in seq if p > colon and k != umb]
            if not members and cues.shared("member_pronoun").match(text):
                members = _pronoun_members(text, prev_members, last_group)
            if not members and cues.shared("membership_it_as").search(text) and seq and seq[0][0] != umb:
                members = [seq[0][0]]  # "Ashab al-Kahf's style ... led researchers to assess it as a front group of KH"
            for k in members:
                pairs.append((k, umb))
            pairs.extend(self._alongside(text, seq, ends, next(p for k, p in seq if k == umb and p >= pos)))
        # a second belonging cue further on: "KH is part of the PMF, a coalition now integrated into Iraq's armed
        # forces" -- the name just before it (the appositive's head) belongs to the umbrella just after it
        first_cue = cue_ms[0].start() if cue_ms else pos
        for c in cue_ms:
            if c.start() <= max(first_cue, pos) or not _belonging(c.group(0)):
                continue
            umb = next((k for k, p in seq if 0 <= p - c.end() <= 25), None)
            member = [
                k for k, p in seq if c.start() - 150 < p < c.start() and k != umb and _kind(self.kb, k) != "state"
            ]
            if umb and member and not any(b == umb for _, b in pairs):  # not when the umbrella is read already
                pairs.append((member[-1], umb))
        # "the IRI, such as KH, is part of the Axis": KH -> Axis is the KB's chain, which the sentence states link by
        # link (KH -> IRI -> Axis); a pair only the KB supplies is not kept when both links are read here
        links = {(a, b) for a, b in pairs if self._compatible(a, b)}
        pairs = [
            (a, b)
            for a, b in pairs
            if (a, b) not in from_kb or not any((a, c) in links and (c, b) in links for c in uniq if c not in (a, b))
        ]
        known = {(a, b) for a, b in pairs if self._direct_enough(a, b)}
        has_known = {a for a, _ in known}
        # keep pairs the KB does not contradict
        out = []
        for a, b in pairs:
            if (a, b) not in known and (a in has_known or a in self.umbrellas):
                continue  # KH "including" KSS while KSS is stated "part of the IRI"; PMF is no IRI member
            if not self._compatible(a, b):
                continue
            if a == b or a in self.above(b):
                continue
            kinds = {getattr(self.kb.actors.get(x), "kind", "armed_group") for x in (a, b)}
            if "state" in kinds:
                continue
            if (a, b) not in out:
                out.append((a, b))
        return out

    def _alongside(self, text: str, seq: list, ends: dict, umb_at: int) -> list[tuple[str, str]]:
        """'part of the Axis alongside Hezbollah and the Houthis': the names after 'alongside' are members too."""
        umb = next((k for k, p in seq if p == umb_at), None)
        after = cues.shared("membership_alongside").match(text, ends.get(umb_at, umb_at))
        if umb is None or not after:
            return []
        stop = text.find(".", after.end())
        listed = [(k, p) for k, p in seq if p >= after.end() and (stop < 0 or p < stop) and k != umb]
        if not listed or listed[0][1] - after.end() > 25:
            return []  # "part of the IRI with the backing of ...": the names must follow the word
        return [(k, umb) for k, _ in listed]

    def _direct_enough(self, a: str, b: str) -> bool:
        if b in self.up.get(a, ()):
            return self._compatible(a, b)
        kind_b = getattr(self.kb.actors.get(b), "kind", "")
        return b in self.above(a) and kind_b in ("coalition", "umbrella_brand") and self._compatible(a, b)

    def _compatible(self, a: str, b: str) -> bool:
        """State forces belong to state forces (PMF -> Iraqi security forces); armed groups to umbrellas."""
        ka = getattr(self.kb.actors.get(a), "kind", "armed_group")
        kb_ = getattr(self.kb.actors.get(b), "kind", "armed_group")
        if ka in ("state", "coalition", "organisation") or kb_ == "state":
            return False  # (an organisation, a think tank or a monitor that speaks of a group, belongs to none)
        if ka == "state_force" or kb_ == "state_force":
            return b in self.up.get(a, ()) or (ka == kb_ == "state_force" and b in self.above(a))
        return True


class Span(NamedTuple):
    start: int
    end: int


def _table_blocks(text: str) -> list[list[list[tuple[int, int]]]]:
    """The tables of ``text`` written with pipes: runs of lines with two pipes or more, each line a list of its
    cells' spans (a rule line, "|---|---|", left out)."""
    blocks: list[list[list[tuple[int, int]]]] = []
    current: list[list[tuple[int, int]]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.count("|") >= 2:
            if not re.fullmatch(r"[\s|:\-]+", body):
                bars = [pos + i for i, c in enumerate(body) if c == "|"]
                first = [pos] if body.strip()[:1] != "|" else []  # a row written without its outer pipes
                last = [pos + len(body)] if body.strip()[-1:] != "|" else []
                edges = first + bars + last
                current.append([(x + (1 if text[x] == "|" else 0), y) for x, y in itertools.pairwise(edges)])
        elif current:
            blocks.append(current)
            current = []
        pos += len(line)
    if current:
        blocks.append(current)
    return [b for b in blocks if len(b) > 1]


def _pronoun_members(text: str, prev_members: list[str], last_group: str | None) -> list[str]:
    """Who a sentence-opening pronoun stands for: 'It' or 'The group' is one group, the one the sentence before
    is about (its first group); 'These groups' or 'They' are the groups named there."""
    if cues.shared("member_pronoun_singular").match(text):
        return [last_group] if last_group else []
    return prev_members or ([last_group] if last_group else [])


def _under_umbrella(text: str, offset: int, actors: list[Mention], umbrellas: set[str]):
    """'the Iraqi Hezbollah Brigades, under the "Islamic Resistance in Iraq"': a cue at 'under'."""
    for m in actors:
        if m.key in umbrellas:
            before = text[max(0, m.start - offset - 12) : m.start - offset]
            if cues.shared("umbrella_under_before").search(before):
                return cues.shared("umbrella_under").search(text[: m.start - offset])
    return None


def _belonging(cue_text: str) -> bool:
    """Whether a membership cue states belonging outright, the umbrella right after it ("part of", "ضمن")."""
    return any(c.match(cue_text) for c in cues.per_language("membership_belonging"))


def _subject_before_verb(text: str, offset: int, actors: list[Mention]) -> list[Mention]:
    """``actors`` with the subject of a verb-first clause ("وتنتمي كتائب سيد الشهداء إلى الحشد الشعبي", "وتتكون
    المقاومة من ...") read where an English sentence puts it, just before the verb: the order rules then see
    the member (or the umbrella) first, as they do in "KSS belongs to the PMF". Only a verb no name precedes in
    the sentence, with its subject right after it."""
    verb = cues.shared("membership_verb_first").search(text)
    if verb is None or any(m.start - offset < verb.start() for m in actors):
        return actors
    after = [m for m in actors if m.start - offset >= verb.end()]
    if not after or text[verb.end() : after[0].start - offset].strip():
        return actors
    # the subject, and the names joined to it ("وانضمت حركة النجباء وكتائب حزب الله إلى ...")
    subjects = [after[0]]
    for m in after[1:]:
        if not _JOINED.fullmatch(text[subjects[-1].end - offset : m.start - offset]):
            break
        subjects.append(m)
    before = offset + verb.start() - 1  # just before the verb (the rules read "before" as strictly before)
    moved = [
        Mention(m.label, m.key, before - len(subjects) + i, before - len(subjects) + i, m.text, m.sent)
        for i, m in enumerate(subjects)
    ]
    return [*moved, *(m for m in actors if m not in subjects)]


# what joins two names of one subject: a comma, "and" (Arabic و is written on the next word: "وكتائب")
_JOINED = re.compile(r"\s*(?:[,،]\s*)?(?:و|and\s+)?")


def _negation_covers(text, offset, negated, actors, umbrella, member=None) -> bool:
    """A negation covers a pair when it stands between the member and the umbrella ("AAH ... is not part of
    the IRI"), or before the umbrella when the member is not named ("denies being part of the IRI")."""
    neg = negated.start()
    umb_at = [m.start - offset for m in actors if m.key == umbrella]
    mem_at = [m.start - offset for m in actors if m.key == member] if member else []
    if not mem_at:
        return not umb_at or any(neg < u for u in umb_at)
    if not umb_at:
        return any(a < neg for a in mem_at)  # "... is not part of that umbrella"
    if any(a < neg for a in mem_at) and _TAKEN_UP.match(text, negated.end()):
        return True  # "AAH has kept its distance from the IRI ... his group is not part of it"
    contrast = cues.shared("membership_contrast")
    if any(
        neg < a < u and a - negated.end() <= 4 and not contrast.search(text, negated.end(), u)
        for a in mem_at
        for u in umb_at
    ):
        # the verb before its subject: "تنفي «عصائب أهل الحق» ... أي علاقة لها بالمقاومة الإسلامية"; not past a
        # contrast ("نفت العصائب أن تكون جزءاً من المقاومة، مع أنها تملك ألوية في الحشد")
        return True
    return any(a < neg < u for a in mem_at for u in umb_at)


_TAKEN_UP = re.compile(
    r"\s*(?:of\s+)?(?:it|them|the (?:umbrella|coalition|alliance|brand|axis))\b(?!\s+(?:is|was|are|were|has|had)\b)",
    re.IGNORECASE,
)


def _kind(kb, key: str) -> str:
    return getattr(kb.actors.get(key), "kind", "armed_group")


def _relation(kb, member: str, umbrella: str) -> str:
    for rel in kb.relations:
        if rel.subject == member and rel.object == umbrella and rel.predicate in _STRUCTURAL:
            return rel.predicate
    return "member_of"

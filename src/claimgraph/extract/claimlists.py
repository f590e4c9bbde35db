"""Statements that list several operations: each operation is an event, and the group its claimant.

Hezbollah's and the Houthis' statements, and the reports that rewrite them, give one operation after the
other: "Hezbollah said in a statement that its fighters carried out several operations. At 10:30, they
targeted the Malkia site with rocket weapons. At 14:00, they targeted the Ramim barracks with an attack
drone", "استهدف مجاهدو المقاومة الإسلامية موقع المالكية عند الساعة 10:30، وثكنة راميم عند الساعة
14:00". The events stage reads one event per site and carries "they" to the group; what it cannot see
from one unit is that the group *claims* each of them: the claim is in the statement's head. ``claim_lists``
(after the events stage) reads the units again: a unit where an armed group claims (the head) opens a
list; the units after it that are items of the list (a time of day, "also", "in a separate operation":
pack cues ``claim_list_item`` and ``operation_continues``; not "in retaliation for") and name no other actor
but as a target give their events,
when they have no claimant of their own, the head's claimants with the head's channel and evidence. The
list ends at a unit that tells of events and is no item, at another party, or two paragraphs on. In the
head unit itself, a later clause that names no actor ("..., and the Ramim barracks with a drone at 14:00")
is an operation of the same statement.

``quoted_statements`` (after it) reads a statement a page quotes whole: a block that opens with the basmala or
"البيان رقم (2)", or that follows "... البيان التالي:" / "the statement reads:". What its operations tell with no
claimant of their own is the statement group's claim (and, with no actor, its act): "نفذت القوات البحرية ...
عمليتين: الأولى: استهدفت السفينة ..." is the Houthis' own word.

``struck_lists`` (after it) reads the other kind of list: the places a state's announced wave of strikes
hit, told in the next sentence with no actor ("The outskirts of Zrariyeh, Kfar Melki and Ansar were hit").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimgraph.extract import cues
from claimgraph.extract.drafts import ARMED_KINDS, Draft, clean_weapons, uniq
from claimgraph.extract.roles import STATE_KINDS, UnitRoles, assign_roles
from claimgraph.models import Claim, DateValue, Evidence, stable_id

if TYPE_CHECKING:
    from claimgraph.extract.pipeline import Extractor
    from claimgraph.extract.reading import Reading

from claimgraph.extract.units import Unit

_MAX_PARAGRAPHS = 2  # an item is at most this many paragraphs after the head
_MAX_UNITS = 12  # ... and this many units


@dataclass(slots=True)
class _Head:
    """The statement an item belongs to: who claims, through which channel, with which words."""

    claimants: list[str]
    channel: str
    evidence: list[Evidence]
    unit: int
    paragraph: int


def list_item(text: str) -> bool:
    """The unit reads as the next operation of a statement: a time of day ("At 14:00", "عند الساعة"), or
    "also", "in a separate operation"."""
    return any(c.search(text) for c in cues.per_language("claim_list_item")) or bool(
        cues.shared("operation_continues").search(text)
    )


def _roles(ex: Extractor, r: Reading, u: Unit) -> UnitRoles | None:
    if not any(m.label == "ACTOR" for m in u.mentions):
        return None
    return assign_roles(u.text, u.start, u.norm, r.lang, u.mentions, ex.kind)


def _claimants(ex: Extractor, roles: UnitRoles | None) -> list[str]:
    if roles is None or roles.claim_negated:
        return []
    return uniq(ex.acting(m.key) for m in roles.claimants if ex.kind(m) in ARMED_KINDS and not ex.generic(m.key))


def _others(ex: Extractor, u: Unit, roles: UnitRoles | None, claimants: list[str]) -> bool:
    """The unit names an actor other than the statement's claimants, and not as the target of its events."""
    targets = {m.start for m in roles.targets + roles.flags} if roles else set()
    return any(
        m.label == "ACTOR" and ex.acting(m.key) not in claimants and not ex.generic(m.key) and m.start not in targets
        for m in u.mentions
    )


def _give(ex: Extractor, d: Draft, head: _Head, u: Unit) -> None:
    d.claimants = uniq(d.claimants + head.claimants)
    d.unclaimed = False
    have = {c.claimant_id for c in d.claims}
    for key in head.claimants:
        if key not in have:
            d.claims.append(
                Claim(
                    stable_id("clm", u.start, key),
                    ex.name(key),
                    key,
                    head.channel,
                    d.date,
                    "issued",
                    evidence=list(head.evidence),
                )
            )


def claim_lists(ex: Extractor, r: Reading) -> None:
    """Reads ``units`` and ``drafts``; writes the claimants and claims of the events a statement lists after
    its head (and of the later clauses of the head itself that name no actor)."""
    if not r.drafts:
        return
    by_unit: dict[int, list[Draft]] = {}
    for d in r.drafts:
        by_unit.setdefault(d.unit.index, []).append(d)
    head: _Head | None = None
    for u in r.units:
        drafts = by_unit.get(u.index, [])
        if head is None and not drafts and not any(m.label == "ACTOR" for m in u.mentions):
            continue
        roles = _roles(ex, r, u)
        claimants = _claimants(ex, roles)
        if claimants:
            head = _Head(claimants, roles.channel, list(roles.claim_evidence), u.index, u.paragraph)
            first = min((m.start for m in roles.claimants), default=u.start)
            for d in drafts:
                if d.place.start > first and not (d.perpetrators or d.claimants or d.attributed):
                    _give(ex, d, head, u)
            continue
        if head is None:
            continue
        if u.paragraph - head.paragraph > _MAX_PARAGRAPHS or u.index - head.unit > _MAX_UNITS:
            head = None
            continue
        if _others(ex, u, roles, head.claimants):
            head = None  # another party: the statement's list is over
            continue
        if not list_item(u.norm or u.text) or cues.find("retaliation", u.text):
            if drafts:
                head = None  # events told otherwise: the list is over
            continue
        for d in drafts:
            if d.claimants or d.attributed or d.unclaimed or set(d.perpetrators) - set(head.claimants):
                continue  # (a drone "of unknown origin", "unclaimed": no item of the statement)
            _give(ex, d, head, u)


# -- the places a wave of strikes hit ------------------------------------------------------------------------------
def struck_lists(ex: Extractor, r: Reading) -> None:
    """Reads ``units`` and ``drafts``; writes the actor and weapons of the events told right after a state's
    strikes were announced with no site of their own: "On Monday, Israel launched a wave of air strikes on
    towns north of the Litani. The outskirts of Zrariyeh, Kfar Melki and Ansar were hit": the places listed
    are the announced strikes, each an event of that state, when they name no actor nor weapon of their own."""
    if not r.drafts:
        return
    _own_country(ex, r)
    by_unit: dict[int, list[Draft]] = {}
    for d in r.drafts:
        by_unit.setdefault(d.unit.index, []).append(d)
    wave: tuple[str, list[str], Unit] | None = None
    for u in r.units:
        drafts = by_unit.get(u.index, [])
        if not drafts:
            roles = _roles(ex, r, u)
            states = [ex.acting(m.key) for m in roles.perpetrators if ex.kind(m) in STATE_KINDS] if roles else []
            if states and cues.shared("strike_word").search(u.norm or u.text):
                wave = (states[0], clean_weapons(m.key for m in u.mentions if m.label == "WEAPON"), u)
            elif any(m.label == "ACTOR" for m in u.mentions):
                wave = None
            continue
        if wave is not None and u.index - wave[2].index <= 2 and u.paragraph - wave[2].paragraph <= 1:
            state, weapons, told = wave
            for d in drafts:
                if d.perpetrators or d.claimants or d.attributed or any(e.field == "weapons" for e in d.evidence):
                    continue  # (weapons with no words of its own are only the antecedent's: "those attacks")
                d.perpetrators = [state]
                d.weapons = list(weapons) or ["aircraft"]
                d.evidence += [
                    Evidence("actors", m.start, m.end, m.text)
                    for m in told.mentions
                    if m.label == "ACTOR" and ex.acting(m.key) == state
                ][:1]
        wave = None


def _own_country(ex: Extractor, r: Reading) -> None:
    """A state given an air strike only because the unit names it ("- Location: Dahieh, Lebanon - Map: Lebanon"
    with "Airstrike" above), at a place in its own country, while the text has one other state striking: that
    other state struck. A state named with no words of its role has no ``actors`` evidence."""

    def country(key: str) -> str:
        a = ex.kb.actors.get(key)
        return a.country if a else ""

    def guessed(d: Draft) -> bool:
        return (
            len(d.perpetrators) == 1
            and ex.kb.actors.get(d.perpetrators[0]) is not None
            and ex.kb.actors[d.perpetrators[0]].kind == "state"
            and not d.claimants
            and not any(e.field == "actors" for e in d.evidence)
            and country(d.perpetrators[0]) == getattr(r.places.get(d.place.key), "country", None)
        )

    others = {
        k
        for d in r.drafts
        if not guessed(d)
        for k in d.perpetrators
        if ex.kb.actors.get(k) is not None and ex.kb.actors[k].kind in STATE_KINDS
    }
    for d in r.drafts:
        if guessed(d):
            rest = {k for k in others if country(k) != country(d.perpetrators[0])}
            if len(rest) == 1:
                d.perpetrators = [rest.pop()]


_BLOCK = re.compile(r"\n[ \t]*\n")


def statement_blocks(text: str) -> list[tuple[int, int]]:
    """The stretches of ``text`` that are a statement quoted whole: a block (lines between blank lines) that opens
    with a statement's first line (``statement_block_start``: the basmala, "البيان رقم (1)", "In the name of God"),
    or that comes right after a line announcing its text (``statement_text_follows``: "البيان التالي:"). A block that
    is only the statement's opening (the basmala and a verse) runs on over the blocks of its body to its signature:
    the first block after it of short lines only ("صنعاء، 2 ربيع الآخر 1447هـ" / "القوات المسلحة اليمنية")."""
    starts = cues.shared("statement_block_start")
    follows = cues.shared("statement_text_follows")
    blocks, pos = [], 0
    for sep in [*_BLOCK.finditer(text), None]:
        end = sep.start() if sep else len(text)
        blocks.append((pos, end))
        pos = sep.end() if sep else len(text)
    out, announced, i = [], False, 0
    while i < len(blocks):
        a, b = blocks[i]
        block = text[a:b]
        first = _first_line(block)
        if first and not announced and not starts.match(first) and follows.search(first):
            # "وجاء في البيان:" and the basmala on the next line: the statement opens after its announcing line
            rest = block[block.index(first) + len(first) :]
            second = _first_line(rest)
            if second and starts.match(second):
                a += block.index(first) + len(first) + rest.index(second)
                block, first = text[a:b], second
        if first and (announced or starts.match(first)):
            if len(block.strip()) < _OPENING_CHARS:
                body = False  # (a heading line, "بيان", before the body is no signature)
                for j in range(i + 1, min(i + 1 + _BODY_BLOCKS, len(blocks))):
                    lines = [x for x in text[blocks[j][0] : blocks[j][1]].splitlines() if x.strip()]
                    if body and lines and all(len(x.strip()) <= _SIGNATURE_CHARS for x in lines):
                        b, i = blocks[j][1], j  # the body, up to the signature
                        break
                    body = body or any(len(x.strip()) > _SIGNATURE_CHARS for x in lines)
            out.append((a, b))
            block = text[blocks[i][0] : blocks[i][1]]
        last = block.strip().rsplit("\n", 1)[-1] if block.strip() else ""
        announced = bool(last and follows.search(last))
        i += 1
    return out


def _first_line(block: str) -> str:
    """A block's first line of words: a channel's post stamp above a statement ("٢١.٠١.٢٤ ٠٩:١٧", "[14:05]") is no
    line of it."""
    lines = [x for x in block.strip().splitlines() if x.strip()]
    return next((x for x in lines if any(c.isalpha() for c in x)), "")


_OPENING_CHARS = 200  # a statement's opening block alone: the basmala and a verse
_BODY_BLOCKS = 4  # the blocks of a statement's body, signature included
_SIGNATURE_CHARS = 80  # a signature's lines: a place and date, the group's name


def quoted_statements(ex: Extractor, r: Reading) -> None:
    """Reads ``drafts`` and the text's statement blocks; writes the statement group's claim (and act) on each event
    of a block that no one else carried out or claimed."""
    if not r.drafts:
        return
    blocks = statement_blocks(r.ann.text)
    for a, b in blocks:
        told = {m.key for m in r.ann.mentions if m.label == "PLACE" and a <= m.start < b}
        # (an event named before the statement, in the page's title, and told again in it)
        inside = [d for d in r.drafts if a <= d.place.start < b or d.place.key in told]
        if not inside:
            continue
        group = _statement_group(ex, r, a, b, blocks)
        if group is None:
            continue
        head = _Head([group], "statement", [], inside[0].unit.index, inside[0].unit.paragraph)
        signed = _signature(r, a, b)
        for d in inside:
            if signed is not None and a <= d.place.start < b and d.date.basis in ("context", "publication"):
                # an operation the statement tells with no day of its own is of the day the statement is signed with
                d.date = DateValue(signed.value, "day", "signed", signed.text, signed.start, signed.end)
                d.evidence = [e for e in d.evidence if e.field != "date"]
                d.evidence.append(Evidence("date", signed.start, signed.end, signed.text))
        for d in inside:
            if d.claimants or d.attributed or set(d.perpetrators) - {group}:
                continue  # claimed already, or another party's act the statement tells of (the strike it avenges)
            if cues.find("enemy_act", d.unit.text):
                continue  # "شنّ العدو فجر اليوم 73 غارة على صنعاء": the enemy's raids the statement reports
            if not d.perpetrators:
                d.perpetrators = [group]
            _give(ex, d, head, d.unit)


def _signature(r: Reading, a: int, b: int):
    """The date a statement quoted at ``a:b`` is signed with: the latest full date on the short lines that close it
    ("صنعاء، 2 ربيع الآخر 1447هـ" / "الموافق 24 سبتمبر 2025م"), or None."""
    lines, pos = [], b
    for line in reversed(r.ann.text[a:b].splitlines(keepends=True)):
        pos -= len(line)
        if not line.strip():
            continue
        if len(line.strip()) > _SIGNATURE_CHARS:
            break
        lines.append((pos, pos + len(line)))
    dated = [
        d
        for d in r.found
        for lo, hi in lines
        if lo <= d.start < hi and d.explicit_year and d.precision == "day" and d.value is not None
    ]
    return max(dated, key=lambda d: d.value) if dated else None


def _statement_group(ex: Extractor, r: Reading, a: int, b: int, blocks) -> str | None:
    """The armed group a quoted statement is of: the first one it names, else the last one the lines announcing it
    name ("أصدرت المقاومة الإسلامية في لبنان البيان التالي:"), else the previous statement's."""

    def armed(lo: int, hi: int) -> list[str]:
        return [
            ex.acting(m.key)
            for m in r.ann.mentions
            if m.label == "ACTOR" and lo <= m.start < hi and ex.kind(m) in ARMED_KINDS and not ex.generic(m.key)
        ]

    named = armed(a, b)
    if named:
        return named[0]
    intro = armed(max(0, a - 600), a)
    if intro:
        return intro[-1]
    before = [x for x in blocks if x[1] <= a]
    return _statement_group(ex, r, *before[-1], blocks[: blocks.index(before[-1])]) if before else None

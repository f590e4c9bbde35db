"""Who did what to whom in one unit: perpetrators, targets, claims and blame.

Rules read the words around each actor mention: the subject of an offensive
verb is a perpetrator ("the IRI launched"), the object or owner of what was hit
is a target ("struck two Kataib Hezbollah facilities"), the subject of a
defensive verb is a target ("US forces engaged two drones"); "claimed by X" and
"X said it had struck" are claims; "attributed the attack to X", "bore the
hallmarks of X" are attributions with a hedge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from claimgraph.extract import cues
from claimgraph.models import Evidence
from claimgraph.nlp.normalize import normalize_arabic
from claimgraph.nlp.pipeline import Mention

IC = re.IGNORECASE
STATE_KINDS = {"state", "state_force", "coalition"}
_OFFENSIVE = re.compile(
    r"^[^.;]{0,60}?\b(launched|fired|struck|hit|targeted|attacked|carried out|bombed|shelled|conducted|"
    r"sent|destroyed|raided|killed|claimed|said (?:it|its)|announced|استهدف\w*|شن\w*|اعلن\w*|a frappé|ont frappé)",
    IC,
)
_TARGET_AFTER = re.compile(
    r"^(?:'s|’s)?\s+(?:(?:senior|top|key|main|local|former|two|three|four|several|affiliated|\d+|[A-Z][\w-]+)\s+)?(facilit\w*|sites?|positions?|headquarters|fighters|members|commanders?|"
    r"militants|operatives|building|depots?|weapons|storage|leaders?|officials?|camps?|offices?|targets?|"
    r"stronghold|personnel|troops|soldiers|gatherings?|mقار|مقار|مواقع)\b",
    IC,
)
_TARGET_BEFORE = re.compile(
    r"\b(?:on|at|against|targeting|targeted|toward|towards|used by|belonging to|of|hosting|housing|killing|killed|"
    r"struck|hit|of the|into|affiliated with|loyal to|على|ضد|لـ?)\s+[\"“']?(?:the\s+|an?\s+|\w+\s+)?$",
    IC,
)
_SPEAKER = re.compile(
    r"^\s*(?:'s\s+)?(?:(?:defen[cs]e|military|security|government|senior|two|three)\s+)?"
    r"(?:officials?|spokes(?:man|woman|person)|sources?|diplomats?|media|officers?)\b",
    IC,
)
# words that introduce the members of an umbrella: "including", "that includes", "made up of", "dont font partie"
_LISTING = (
    r"including|such as|among them|(?:which|that) includes?|comprising|(?:made up|composed|comprised|consisting) of|"
    r"dont font partie"
)
_LISTED_MEMBER = re.compile(
    rf"\b(?:{_LISTING}|font partie|من بينها|تضم|المنضوية في|احد الفصائل المنضوية في)"
    r"\s+(?:the\s+|les\s+|la\s+)?[\"“«]?$",
    IC,
)
_FR_WEAPON_BEFORE = re.compile(
    r"\b(?:frappes?|raids?|drones?|avions?|bombardiers?|chasseurs?|missiles?|roquettes?)(?: \w+)?\s+$", IC
)
# inside an apposition that lists members ("an umbrella of groups including KH and Nujaba, claimed"): members
_IN_LISTING = re.compile(rf"\b({_LISTING}|whose members include|notamment)\b[^.;:]{{0,80}}$", IC)
# actors blamed together are listed together: "blamed KH and Nujaba", "KH, Nujaba or KSS"
_JOINED = re.compile(r"^\W*(?:,|and|or|as well as|et|ou|و)?\s*(?:the\s+)?[\"“']?$", IC)
_SPONSOR_BEFORE = re.compile(r"\b(?:backed|supported|armed|funded|sponsored|directed) by\s+(?:the\s+)?$", IC)
_AR_MUJAHIDEEN = re.compile(r"(?:مجاهدو|مجاهدي|ابطال|رجال)\s*$")
_AR_VERB_BEFORE = re.compile(r"(?:هاجم|هاجمت|استهدف|استهدفت|قصف|قصفت|شن|شنت|اطلق|اطلقت|ضرب|ضربت)\s+(?:\S+\s+){0,2}$")
_AR_TARGET_BEFORE = re.compile(r"(?:مقرات|مقر|مواقع|موقع|عناصر|قيادي|قياديا|مخازن|مستودعات|اهداف)\s+(?:\S+\s+)?$")
_BY_BEFORE = re.compile(r"\b(?:claimed by|carried out by|by|par|de la part de)\s+(?:the\s+|la\s+|le\s+)?$", IC)
_STATE_ACK = re.compile(
    r"\b(Pentagon|CENTCOM|Central Command|Department of Defen[cs]e|Defen[cs]e Secretary|(?:US|American|Israeli) "
    r"(?:defen[cs]e |military )?officials?|spokes\w+|the military|Revolutionary Guard\w*|IRGC)\b[^.]{0,80}?"
    r"\b(said|announced|confirmed|acknowledged|described)|which announced|announced the strikes?|confirmed that",
    IC,
)


@dataclass(slots=True)
class UnitRoles:
    perpetrators: list[Mention] = field(default_factory=list)
    targets: list[Mention] = field(default_factory=list)
    claimants: list[Mention] = field(default_factory=list)
    attributed: list[Mention] = field(default_factory=list)
    claim_negated: bool = False
    claim_anaphora: bool = False
    perp_anaphora: bool = False
    state_ack: bool = False
    first_claimants: list[Mention] = field(default_factory=list)  # "initially claimed by X"
    claim_evidence: list[Evidence] = field(default_factory=list)
    blamer: str = ""
    hedge: str = "likely"
    channel: str = "unknown"


def assign_roles(text: str, start: int, norm: str, lang: str, mentions: list[Mention], kind_of) -> UnitRoles:
    """Roles of the actor mentions in one unit (``text`` starts at document offset ``start``)."""
    r = UnitRoles()
    subject = norm or text
    actors = [m for m in mentions if m.label == "ACTOR"]
    low = text.lower()
    claim = cues.cue(lang, "claim").search(subject) if _may(lang, low, _CLAIM_STEMS) else None
    if claim and re.match(r"claims?\s+(?:\w+\s+)?(?:attacks|operations|strikes)\b", subject[claim.start() :], IC):
        claim = None  # "factions that claim attacks under the banner": a habit, not a claim of this event
    negated = cues.cue(lang, "claim_negated").search(subject) if _may(lang, low, _NEGATED_STEMS) else None
    attrib = cues.cue(lang, "attribution").search(text) if _may(lang, low, _ATTRIBUTION_STEMS) else None
    r.claim_negated = bool(negated) and not claim_after(claim, negated)
    if claim:
        r.channel = cues.channel_of(text) or r.channel
    for m in actors:
        a, b = m.start - start, m.end - start
        before, after = text[max(0, a - 40) : a], text[b : b + 70]
        kind = kind_of(m)
        if lang == "ar" and (
            _AR_TARGET_BEFORE.search(normalize_arabic(before))
            or (m.text[:1] in "لب" and len(m.text) > 2 and not m.text.startswith(("ال", "لواء", "بدر")))
        ):
            r.targets.append(m)  # "مقرات لكتائب حزب الله": the headquarters of KH were hit
            continue
        if lang == "ar" and kind not in STATE_KINDS:
            nb = normalize_arabic(before)
            an = len(normalize_arabic(text[:a]))  # the claim cue was read on the normalised text
            if claim and not r.claim_negated and claim.start() <= an < claim.end():
                r.claimants.append(m)  # "وقالت المقاومة إنها استهدفت ...": the subject of a claim formula
                continue
            if _AR_MUJAHIDEEN.search(nb):
                r.claimants.append(m)  # "هاجم مجاهدو المقاومة ...": the group's own statement of its attack
                continue
            if _AR_VERB_BEFORE.search(nb):
                r.perpetrators.append(m)  # verb-subject order: "استهدفت المقاومة ..."
                continue
        if re.match(r"^[-‑](?:backed|aligned|linked|allied|affiliated|sponsored|supported|led)\b", after):
            continue  # "Iran-backed militants": a description, not a participant
        if kind == "state" and re.search(r"\b(?:in|from|to|into|across|inside|near|of)\s+$", before, IC):
            continue  # "the T-4 Airbase in Syria": a country as a place, not a party
        if kind in STATE_KINDS and _FR_WEAPON_BEFORE.search(before):
            r.perpetrators.append(m)  # "une frappe américaine", "des frappes israéliennes"
            continue
        if _LISTED_MEMBER.search(before) or _SPONSOR_BEFORE.search(before) or _listed(text, a, actors, start):
            continue  # "the IRI, ... including Kataib Hezbollah": a member named; "backed by the regime": a sponsor
        if _SPEAKER.match(after) and not claim:
            continue  # "US officials said the drone struck": who speaks, not who acted
        if (
            kind in STATE_KINDS
            and re.match(
                r"^(?:-led)?\s+(?:air|drone|fighter|war|jets?|aircraft|strikes?|bombers?|gunships?|warplanes|helicopters)\b",
                after,
                IC,
            )
            and not _TARGET_BEFORE.search(before[-12:] if before.endswith("on ") else "")
        ):
            r.perpetrators.append(m)
            continue
        if claim and re.search(r"\b(?:under|in) the (?:name|banner|brand|label) of (?:the\s+)?$", before, IC):
            r.claimants.append(m)
            continue
        if re.search(r"\b(?:mujahideen|fighters|members|militants|men|units|brigades) of (?:the\s+)?$", before, IC):
            (r.claimants if claim else r.perpetrators).append(m)
            continue
        if (
            _BY_BEFORE.search(before)
            and claim
            and 0 <= a - claim.end() <= 60  # "claimed by X", "a été revendiquée par X"
        ):
            r.claimants.append(m)
            continue
        passive_blame = attrib and re.match(r"(?:was|were)\b", attrib.group(0), IC) and 0 <= attrib.start() - b < 30
        if (
            attrib
            and (a > attrib.start() or passive_blame)
            and not (kind in STATE_KINDS and a < attrib.start())
            and not (a > attrib.end() and _NEW_CLAUSE.search(text, attrib.end(), a))
        ):
            if r.attributed and not _JOINED.match(text[r.attributed[-1].end - start : a]):
                continue  # "the hallmarks of KH, one of the factions under the IRI banner": the IRI is not blamed
            r.attributed.append(m)
            continue
        if (
            _TARGET_AFTER.match(after)
            and not re.match(r"^\s*(?:fighter (?:jets|aircraft)|aircraft|jets|warplanes)", after, IC)
            and not (
                kind in STATE_KINDS
                and re.match(
                    r"^\s*(?:forces|troops|military|officials?)\b[^.]{0,40}?\b(struck|fired|launched|carried out)",
                    after,
                    IC,
                )
            )
        ):
            r.targets.append(m)
            continue
        if _TARGET_BEFORE.search(before) and not _BY_BEFORE.search(before):
            r.targets.append(m)
            continue
        if cues.shared("defensive").search(after[:50]) and not _OFFENSIVE.match(after[:20]):
            r.targets.append(m)
            continue
        ar_claimant = lang == "ar" and claim is not None and 0 <= a - claim.end() < 25
        if claim and (a < claim.start() or ar_claimant) and kind not in STATE_KINDS and not r.claim_negated:
            r.claimants.append(m)
            continue
        off = _OFFENSIVE.match(after)
        if off and not re.search(r"\b(?:been|were|was|is|are)\s+(?:\w+\s+)?$", after[: off.start(1)], IC):
            r.perpetrators.append(m)
            continue
    if (
        claim
        and not r.claimants
        and not r.claim_negated
        and cues.shared("actor_anaphor").search(text[: claim.start() + 1])
    ):
        r.claim_anaphora = True
    if not r.perpetrators and not r.claimants and cues.shared("actor_anaphor").search(text):
        r.perp_anaphora = True
    first = claim and re.search(r"\b(?:initially|first|originally)\b[^.]{0,40}claimed", text, IC)
    if first and cues.shared("claim_first").search(text):
        # "X first claimed it, but the claim was later re-issued under Y": Y issues the claim
        # that replaces X's; without a revision in the same sentence, every claimant was first.
        revised = cues.shared("claim_revised").search(text, first.end())
        cut = revised.start() if revised else len(text)
        r.first_claimants = [m for m in r.claimants if m.start < cut] if revised else list(r.claimants)
    if claim:
        r.claim_evidence.append(Evidence("claimed_by", start + claim.start(), start + claim.end(), claim.group(0)))
    if attrib:
        word = attrib.group(0).lower()
        r.hedge = cues.hedge_of(text) or "likely"
        if "hallmark" in word or "suspect" in word:
            r.hedge = "alleged"
        by = re.search(
            r"\b((?:US|American|Iraqi|Israeli|Kurdish|Western) (?:officials?|intelligence)|the Pentagon|Washington|"
            r"officials|analysts|the think tank)\b",
            text[: attrib.start() + 1],
            IC,
        )
        r.blamer = by.group(1) if by else ""
    r.state_ack = _may(lang, low, _STATE_ACK_STEMS) and bool(_STATE_ACK.search(text))
    return r


# "Biden blamed militant groups ... and said the United States would respond": what follows a new
# clause after the blame is not the one blamed.
_NEW_CLAUSE = re.compile(r"\b(?:and|but|while) (?:\w+ )?(?:said|says|added|vowed|warned|promised|insisted)\b|;", IC)

# Words without which a cue cannot match (English): a substring test is far cheaper than the regex.
_CLAIM_STEMS = ("claim", "responsib", "said", "announc", "mujahideen", "fighters of", "issued", "credit", "reported")
_NEGATED_STEMS = ("claim", "statement about", "mention")
_ATTRIBUTION_STEMS = (
    "attribut",
    "blam",
    "hallmark",
    "footprint",
    "fingerprint",
    "signature",
    "responsib",
    "named",
    "accus",
    "suspect",
    "believed",
    "behind",
    "carried out by",
    "finger",
)
_STATE_ACK_STEMS = (
    "pentagon",
    "centcom",
    "central command",
    "defen",
    "official",
    "spokes",
    "military",
    "guard",
    "irgc",
    "announced",
    "confirmed",
)


def _may(lang: str, low: str, stems: tuple[str, ...]) -> bool:
    """Whether a cue can match: always for Arabic and French, else only when one of its stems occurs."""
    return lang != "en" or any(stem in low for stem in stems)


def _listed(text: str, a: int, actors: list[Mention], start: int) -> bool:
    """The mention is one of the members an apposition lists ("an umbrella including KH and Nujaba, claimed"):
    right after the listing cue, or after another actor listed after it."""
    lo = max(0, a - 100)
    m = _IN_LISTING.search(text[lo:a])
    if not m:
        return False
    cue_end = lo + m.end(1)
    return a - cue_end < 25 or any(cue_end <= o.start - start < a for o in actors)


def quiet_roles(unit, lang: str) -> UnitRoles:
    """Roles of a unit that names no actor, place or weapon: only a negated claim can matter."""
    r = UnitRoles()
    subject = unit.norm or unit.text
    negated = cues.cue(lang, "claim_negated").search(subject)
    if negated:
        r.claim_negated = not claim_after(cues.cue(lang, "claim").search(subject), negated)
    elif cues.cue(lang, "claim").search(subject) and cues.shared("actor_anaphor").search(unit.text):
        r.claim_anaphora = True
        r.channel = cues.channel_of(unit.text) or r.channel
    return r


def claim_after(claim: re.Match | None, negated: re.Match) -> bool:
    """A positive claim cue that is not part of the negation ("no group has claimed" vs later "X claimed")."""
    if claim is None:
        return False
    return claim.start() > negated.end() + 5

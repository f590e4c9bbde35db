"""Cue grammar: the words that make a sentence an attack, a claim, a blame, an aggregate.

Compiled once at import (they are small, pure regexes — no I/O). Arabic cues
are written in normalised form (see ``nlp.normalize.normalize_arabic``) and are
matched against normalised sentence text.
"""

from __future__ import annotations

import re

from claimgraph.nlp.normalize import normalize_arabic

IC = re.IGNORECASE


def _ar(*words: str) -> str:
    return "|".join(normalize_arabic(w) for w in words)


# Offensive actions: the sentence reports an attack or strike.
ATTACK = {
    "en": re.compile(
        r"\b(attack(?:s|ed|ing)?|struck(?! down)|strikes?|striking|hit|hits|fired|fire[sd]? at|launch(?:ed|es|ing)?|"
        r"target(?:ed|ing|s)?|bomb(?:ed|ing)|shell(?:ed|ing)|raid(?:ed|s)?|pounded|killed|killing|exploded|"
        r"detonated|came under|flew at|landed|fell|engaged|intercepted|shot down|brought down|downed|"
        r"salvo|barrage|assault|ambush(?:ed)?|operation against|sent drones)\b",
        IC,
    ),
    "fr": re.compile(
        r"\b(attaque|attaques|attaqué|frappe|frappes|frappé|tir|tirs|tirée?s?|visée?s?|visant|ciblée?s?|bombard\w*|"
        r"lancée?s?|abattu|intercept\w*|raids?|explos\w*|tué|tués|touchée?s?|pilonn\w*)\b",
        IC,
    ),
    "ar": re.compile(
        _ar(
            "استهدف",
            "استهدفت",
            "استهداف",
            "هجوم",
            "الهجوم",
            "هجمات",
            "غارات",
            "غارة",
            "قصف",
            "ضربة",
            "الضربات",
            "ضربات",
            "هاجم",
            "سقط",
            "سقوط",
            "هاجمت",
            "دك",
            "شنت",
            "شن",
            "اطلاق",
            "اطلقت",
            "سقطت",
            "اسقطت",
            "اسقاط",
            "تصدت",
            "استهدفت",
            "اصابت",
            "قتلوا",
        )
    ),
}

# The subject of these verbs is the defender or victim, not the attacker.
DEFENSIVE = re.compile(
    r"\b(engaged|intercepted|shot down|brought down|downed|repelled|came under|were wounded|was wounded|"
    r"were killed|was killed|were injured|was injured|suffered|hosting|hosts|housing|stationed)\b",
    IC,
)

# Counts of many incidents: the sentence summarises, it does not report one event.
AGGREGATE = {
    "en": re.compile(
        r"\b(?:attacks|strikes|operations)\b[^.;]{0,40}?\bsince\b"
        r"|\b(?:(?:more than|over|at least|about|some|nearly|almost|around|roughly)\s+)?"
        r"(?<![\w-])(?:\d{2,}|dozens of|scores of|hundreds of|two|three|four|five|six|seven|eight|nine|ten|\d)\s+"
        r"(?:(?!in\b|at\b|on\b|with\b|of\b|from\b|near\b|against\b)\w+\s+){0,5}?"
        r"(?:attacks|strikes|times|targets|claims|operations|incidents|launches)\b"
        r"|\b(?:running (?:count|total|tally)|tally of (?:attacks|strikes|operations)|attack tally"
        r"|our (?:own )?(?:count|tally))\b"
        r"|\battacked (?:at least |more than |about )?\d+ times\b",
        IC,
    ),
    "fr": re.compile(
        r"\b(?:plus de|au moins|près de)?\s*\d{2,}\s+(?:attaques|frappes|cibles|opérations)\b"
        r"|\bune série d['’e]|\bdes dizaines d['’e]|\bplusieurs (?:attaques|frappes)\b",
        IC,
    ),
    "ar": re.compile(
        _ar("اكثر من") + r"\s*\d+|" + r"\d{2,}\s+(?:" + _ar("هجوما", "هدفا", "هجمات", "عملية") + ")|" + _ar("سلسلة")
    ),
}
# Mentions of a count that still describe one event ("two drones", "three rockets"): not aggregates.
AGGREGATE_EXCEPT = re.compile(r"\b(?:first|second|third|latest|round)\b", IC)

# Statements about the future, suspensions, condemnations: not events by themselves.
NON_EVENT = {
    "en": re.compile(
        r"\b(warn(?:ed|s|ing)?|threat(?:en(?:ed|s)?)?|would (?:resume|respond|retaliate)|vow(?:ed|s)? (?:to|revenge)|"
        r"suspen(?:d|ded|ding|sion)|pause[ds]?|halt(?:ed)? (?:its|their) (?:military )?operations|false alarm|"
        r"re-?posted|footage|condemn(?:ed|s)?|talks|negotiat\w+|commemorat\w+|anniversary|rall(?:y|ies)|"
        r"cardiac|heart attack|visit|recalled|ambassador|complaint|summoned|sovereignty|video|purport\w*|"
        r"any (?:\w+ )?(?:attacks?|strikes?))\b",
        IC,
    ),
    "fr": re.compile(r"\b(menac\w+|suspen\w+|condamn\w+|pourparlers|visite)\b", IC),
    "ar": re.compile(
        _ar("هدد", "تهديد", "تعليق", "ادان", "ادانت", "مفاوضات", "مباحثات", "محادثات", "زيارة", "ذكرى", "اوقفت")
    ),
}

# A threatened or conditional attack ("warned it would strike", "vowed to target").
FUTURE_ATTACK = re.compile(
    r"\b(?:would|will|could|might|threaten(?:ed|s)? to|vow(?:ed|s)? to|warn(?:ed|s)? (?:it|they) (?:would|will))\s+"
    r"(?:\w+\s+)?(?:strike|attack|target|hit|launch|resume|retaliate|respond|fire)\b",
    IC,
)

# Present-perfect summaries of many incidents: "the IRI has turned to Israel, issuing claims against targets".
GENERIC_PLURAL = re.compile(
    r"\b(?:has|have)\s+(?:\w+\s+)?(?:turned|claimed|carried out|launched|conducted|stepped up|shifted|continued|"
    r"escalated|intensified|targeted|resumed|persisted|increased|declined)\b[^.]*\b(?:attacks|claims|strikes|targets|operations|launches)\b"
    r"|\b(?:attacks|claims|strikes|targets|operations|launches)\b[^.]*\b(?:has|have)\s+(?:\w+\s+)?(?:turned|"
    r"claimed|carried out|launched|stepped up|continued|stopped)\b",
    IC,
)

# Claims of responsibility.
CLAIM = {
    "en": re.compile(
        r"\b(claim(?:ed|s|ing)?(?: responsibility)?|took responsibility|responsibility for|"
        r"said\b[^.;]{0,40}?\b(?:that )?(?:it|its [\"“']?(?:fighters|mujahideen|drones|missiles|rockets|forces|members)"
        r"[\"”']?|they|their (?:fighters|drones))\s+(?:had |has |was |were )?"
        r"(?:struck|hit|targeted|attacked|launched|fired|sent|behind|carried out|bombed|shelled|downed)|"
        r"said (?:on|in) (?:its|a) (?:telegram|statement|post)\w*[^.]{0,40}?(?:it|its fighters) (?:had |was )?"
        r"(?:struck|hit|targeted|attacked|launched|fired|behind|carried out)|"
        r"announced (?:that )?(?:it|its fighters) (?:had )?(?:struck|targeted|attacked|launched)|"
        r"(?:announced|claimed|declared) (?:the )?(?:targeting|bombing|attack on|strike on|shelling)|"
        r"(?:took|claimed) credit|"
        r"(?:mujahideen|fighters) of [^.]{0,60}? (?:struck|targeted|attacked|hit)|"
        r"issued (?:its own|a) claim|re-?issued|asked to change the claim|reported strikes)\b",
        IC,
    ),
    "fr": re.compile(r"\b(revendiqu\w+|a affirmé avoir (?:visé|frappé|attaqué)|a dit avoir (?:visé|frappé))\b", IC),
    "ar": re.compile(
        _ar("تبنت", "تبنى", "تبني", "اعلنت", "اعلن", "مسؤوليتها", "المسؤولية", "بيان", "بيانا") + r"|مسوول"
    ),
}
CLAIM_NEGATED = {
    "en": re.compile(
        r"\b(no (?:group|one|faction)(?: has| had)?(?: so far| yet| immediately)? claimed|no claim|"
        r"(?:has|have|had|was|were) not (?:yet |immediately )?(?:been )?claimed|did not (?:immediately )?claim|"
        r"unclaimed|made no statement about|no group (?:has |had )?(?:so far )?(?:immediately )?claimed|"
        r"not claimed|without (?:a )?claim)\b",
        IC,
    ),
    "fr": re.compile(r"\b(n'a pas été revendiquée?|pas été revendiqué|aucune revendication|non revendiqué)\b", IC),
    "ar": re.compile(_ar("لم تتبن", "لم تعلن", "لم يتبن", "لم تعلن اي جهة")),
}
CLAIM_FIRST = re.compile(r"\b(initially|first|originally|earlier)\b", IC)
CLAIM_REVISED = re.compile(
    r"\b(issued its own claim|re-?issued|asked to change the claim|changed the claim|took down|was taken down|"
    r"replaced|under the umbrella name)\b",
    IC,
)
CHANNEL = [
    ("telegram", re.compile(r"telegram|تلغرام|تليغرام|تلجرام", IC)),
    ("video", re.compile(r"\bvideo\b|footage|فيديو|مصور", IC)),
    ("statement", re.compile(r"statement|communiqué|بيان", IC)),
    ("spokesman", re.compile(r"spokes(?:man|person|woman)|المتحدث|الناطق|porte-parole", IC)),
]

# Attributions: a third party blames an actor.
ATTRIBUTION = {
    "en": re.compile(
        r"\b(attributed (?:the (?:attack|strike)|it|the strikes|the attacks) to|blam(?:ed|es|ing)|"
        r"bore the hallmarks of|(?:hallmarks|footprints|fingerprints|signature)[\"”’']? of|pointed the finger at|"
        r"(?:was|were) (?:most )?(?:likely |probably )?responsible for (?:the|this|that) (?:attack|strike)|"
        r"held responsible|holds? \w+ responsible|named|accused|"
        r"suspected|believed to (?:be|have been) (?:behind|carried out)|carried out by|"
        r"(?:was|were) (?:most |very )?(?:likely |probably |almost certainly )?behind)\b",
        IC,
    ),
    "fr": re.compile(
        r"\b(attribu\w+ (?:l'attaque |la frappe |l'attentat |ces attaques )?(?:à|aux?)\b|"
        r"accus\w+|imput\w+ (?:à|aux?)\b)",
        IC,
    ),
    "ar": re.compile(_ar("حمل", "حملت", "اتهم", "اتهمت", "تقف وراء", "يقف وراء")),
}
HEDGE = [
    ("confirmed", re.compile(r"\b(confirmed|determined|concluded|established)\b", IC)),
    ("likely", re.compile(r"\b(likely|probably|believed|assessed)\b", IC)),
    ("alleged", re.compile(r"\b(hallmarks|suspected|possibly|alleged|allegedly|accused)\b", IC)),
]

# Place roles.
LAUNCH_ZONE = re.compile(r"\b(?:were|was|had been|being) (?:launched|fired) from\b|\blaunch(?:ed)? sites?\b", IC)
IMPACT_AFTER_LAUNCH = re.compile(
    r"\b(?:struck|hit|landed|fell|exploded|targeted|towards?|at (?:a|an|the)|on (?:a|an|the)|against|into)\b", IC
)
LAUNCH_BEFORE = re.compile(
    r"(?:launched|fired|came|flew|taken off|took off)\s+(?:\w+\s+){0,3}?from\s+(?:the\s+)?"
    r"(?:(?!struck\b|hit\b|landed\b|exploded\b|fell\b|targeted\b|at\b|on\b|against\b)[\w-]+\s+){0,6}$"
    r"|(?:منصة|منصات) (?:الاطلاق|إطلاق)[^.،]{0,40}$",
    IC,
)
LOCATOR_BEFORE = re.compile(
    r"(?:\b(?:au|à l'|a l')\s*(?:sud|nord|est|ouest)\s+(?:de\s+|d')|\bprès\s+(?:de\s+|d')|\bproche\s+(?:de\s+|d')|"
    r"\baux abords\s+(?:de\s+|d')|\bnon loin\s+(?:de\s+|d'))$|"
    r"(?:غربي|شرقي|شمالي|جنوبي|غرب|شرق|شمال|جنوب|قرب|بالقرب من)\s+(?:العاصمة\s+|مدينة\s+|محافظة\s+)?$|"
    r"\b(?:near|close to|outside|across the border from|opposite|facing|north|south|east|west|"
    r"north-?east|north-?west|south-?east|south-?west|"
    r"northern|southern|eastern|western|km|kilometres|kilometers|miles)\s*(?:of|from)?\s*(?:the\s+)?(?:city of\s+)?$",
    IC,
)
SPONSOR_PLACE_BEFORE = re.compile(
    r"\b(?:loyal to|backed by|linked to|aligned with|allied (?:to|with)|supported by|close to|proxies of|"
    r"funded by|pressure from|orders from|support from|instructions from|soutenus? par|soutenues? par|liés? à|"
    r"proches? de)\s+$",
    IC,
)
# "in retaliation for a ballistic missile attack on Ain al-Asad": an earlier event, not dated by this sentence
RETALIATION_CUE = re.compile(
    r"\b(?:in retaliation for|in response to|en représailles (?:à|aux?)|en riposte (?:à|aux?))\b|ردا على|رداً على", IC
)
PRIOR_ATTACK = re.compile(
    r"\b(?:after|following|après|in retaliation for|in response to|en représailles à) (?:a|an|une?|the|l') ?"
    r"(?:[\w-]+ ){0,3}(?:attack|strike|barrage|attaque|frappe)\b",
    IC,
)
RETALIATION_BEFORE = re.compile(
    r"(?:\b(?:in retaliation for|in response to|en représailles (?:à|aux?)|en riposte (?:à|aux?))\b|ردا على|رداً على)"
    r"[^.;]{0,70}$"
    r"|\b(?:after|following|après) (?:a|an|une?) (?:[\w-]+ ){0,2}(?:attack|strike|barrage|attaque|frappe) "
    r"(?:on|against|at|contre) (?:the |la |le )?$",
    IC,
)
CONTEXT_BEFORE = re.compile(
    r"(?:الحرب|العدوان|حرب) (?:في|على)\s*$|"
    r"\b(?:war|conflict|aggression|massacres?|siege|genocide|crimes|offensive|people|solidarity|support|backing|"
    r"support(?:ed|ing)?|aid|ties)\b"
    r"[^.;]{0,40}\b(?:in|on|against|of|for|with)\s+(?:the\s+)?$",
    IC,
)
# "the Gaza war", "the Lebanon ceasefire": the place names a conflict, not a site.
CONTEXT_AFTER = re.compile(r"^\s*(?:'s\s+)?(?:war|conflict|crisis|ceasefire|truce|front|file|talks|negotiations)\b", IC)
# A capital standing for its government: "Baghdad recalled its ambassador", "Tehran denied".
METONYMY_AFTER = re.compile(
    r"^\s*(?:has |had |also |has been |have been |is |was )?(?:said|says|recalled|condemned|denied|announced|accused|"
    r"blamed|warned|urged|rejected|summoned|called|insists|insisted|responded|vowed|vowing|agreed|asked|demanded|"
    r"welcomed|told|works|worked|working|seeks|sought|seeking|wants|hopes|fears|feared|tries|tried|trying|"
    r"pushed|pushing|pressed|pressing)\b"
    r"|^\s*'s\s+(?:response|reaction|position|decision|policy|relations|government|approach|stance|efforts|"
    r"demands?|leverage|patience|calculus)\b",
    IC,
)
# A date that opens or closes a period is not the date of an event: "since October", "until February".
PERIOD_BEFORE = re.compile(
    r"\b(?:since|until|till|from|between|through|by the end of|depuis|jusqu'(?:à|en|au)|à partir de)\s+"
    r"(?:the\s+)?(?:early\s+|late\s+|mid-)?$",
    IC,
)
# "A spokesman initially said it took place at X, but ...": the first place was corrected.
CORRECTED_PLACE = re.compile(
    r"\b(?:initially|originally|first|earlier|d'abord|initialement)\s+(?:said|reported|stated|affirmé|indiqué|dit|annoncé)"
    r"\b[^.]*?(?:\bbut\b|\bmais\b|\.|$)",
    IC,
)
HOSPITAL_BEFORE = re.compile(r"\b(?:hospital|clinic|medical centre|morgue|taken to)\b[^.;]{0,25}$", IC)
FOUND_VERB = re.compile(r"\b(found|discovered|seized|recovered)\b|عثرت|عثر|ضبطت", IC)

# Membership statements (member -> umbrella). Vague ties are deliberately absent.
MEMBERSHIP = {
    "en": re.compile(
        r"\b(part of|member(?:s)? of|one of the (?:labels|factions|groups|brigades|main)|under the [\w' ]{0,30}?"
        r"(?:banner|umbrella|brand|name|label)|operat(?:e|es|ing) under|folded into|belong(?:s|ing)? to|"
        r"integral to|includ(?:es|ing)|comprising|comprises|made up of|core members|umbrella (?:label|name|group|for)|"
        r"used (?:since \w+ )?by|registered as|enrolled in|brigades? \d+|\d+(?:st|nd|rd|th) brigade|"
        r"brigades? of the|brigades|affiliat(?:ion|ed) (?:to|with)|joined|front|fronts? for|formally part|such as|"
        r"one of the (?:\w+ ){0,2}(?:labels|factions|groups|members)|(?:form|forms|formed|make up|makes up) the core|"
        r"core of|(?:leading|main|largest|key|prominent|principal|dominant) (?:faction|member|group|component)s?|"
        r"operat\w* (?:within|inside|as part of)|(?:integrated|incorporated|absorbed|folded) into|"
        r"of which [^.]{0,40} part|"
        r"component of|wing of|(?:main |principal |key )?pillars? of|façade for|facade for|front group|backbone of|"
        r"spearhead of|mainstay of|linchpin of|heart of|make up|makes up)\b",
        IC,
    ),
    "fr": re.compile(
        r"\b(dont font partie|font partie|fait partie|membres? de|regroup\w+|compren\w+|piliers? de|"
        r"composante de|au sein (?:de|du|des)|sous la bannière|sous l'égide|"
        r"intégrée?s? (?:à|aux|au|dans)|colonne vertébrale (?:de|du|des)|fer de lance (?:de|du|des)|"
        r"noyau dur (?:de|du|des)|c(?:œ|oe)ur (?:de|du|des)|principale? (?:faction|composante|membre)s? (?:de|du|des)|"
        r"l'une? des (?:factions|groupes|composantes|membres) (?:de|du|des))\b",
        IC,
    ),
    "ar": re.compile(_ar("تضم", "من بينها", "ينضوي", "تنضوي", "جزء من", "ضمن", "اعضاء", "المنضوية")),
}
MEMBERSHIP_NEGATED = re.compile(
    r"\b(never|den(?:y|ied|ies)|not (?:a )?(?:member|part)|has not joined|never joined|not every|distanced|"
    r"refused to join|"
    r"rejected)\b",
    IC,
)

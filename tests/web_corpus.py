"""Documents for the analyst-workflow browser tests (tests/test_web_browser_review.py): every script
the evidence highlighting must hold in (Arabic, French, emoji, combining marks), an Arabic-titled
source, a 2020 outlier that must not set the timeline's axis, and two reports of one strike that
the machine keeps apart (a duplicate the queue should suggest). Written for these tests."""

from __future__ import annotations

ARABIC_TOWER = {
    "id": "ar-tower22",
    "published": "2024-02-03",
    "lang": "ar",
    "outlet": "وكالة الأنباء العراقية",
    "title": "هجوم على البرج 22 في الأردن",
    "text": (
        "أعلنت المقاومة الإسلامية في العراق مسؤوليتها عن هجوم بطائرة مسيرة على البرج 22 في الأردن "
        "أسفر عن مقتل ثلاثة جنود أمريكيين وإصابة 25 آخرين يوم الأحد."
    ),
}
FRENCH = {
    "id": "fr-tower22",
    "published": "2024-01-29",
    "lang": "fr",
    "outlet": "Le Quotidien d'Amman",
    "title": "Attaque de drone contre la Tour 22",
    "text": (
        "AMMAN — Une attaque de drone contre la Tour 22 en Jordanie a tué trois soldats américains et blessé "
        "34 autres dimanche, a déclaré le Pentagone. La Résistance islamique en Irak a revendiqué l'attaque."
    ),
}
EMOJI = {
    "id": "emoji-tower22",
    "published": "2024-01-29",
    "lang": "en",
    "outlet": "Frontline Channel 🔥",
    "title": "🚨 Drone strike on Tower 22",
    "text": (
        "🚨🚨 BREAKING 🔥: A drone attack on Tower 22 in Jordan killed three U.S. soldiers and injured 34 on "
        "Sunday, the Pentagon said. The Islamic Resistance in Iraq claimed the attack 🇮🇶."
    ),
}
COMBINING = {  # decomposed accents (e + U+0301): the readers store text as NFC
    "id": "combining-tower22",
    "published": "2024-01-30",
    "lang": "en",
    "outlet": "Cafe\u0301 Reporter",
    "title": "Re\u0301sume\u0301: Tower 22",
    "text": (
        "Re\u0301sume\u0301 \u2014 A drone attack on Tower 22 in Jordan killed three U.S. soldiers and injured 34 "
        "on Sunday, the Pentagon said. The Islamic Resistance in Iraq claimed the attack."
    ),
}
OUTLIER = {
    "id": "embassy-2020",
    "published": "2020-01-27",
    "lang": "en",
    "outlet": "Wire E",
    "title": "Rockets hit the US embassy compound in Baghdad",
    "text": (
        "BAGHDAD - Rockets struck the US embassy compound in Baghdad on Sunday, wounding one person, "
        "security sources said."
    ),
}
HILLA_AIR = {  # two reports of one night near Hilla: one says aircraft, the other a drone, so the
    # machine keeps them apart (a state's air strike is not a militia's drone); an analyst may not
    "id": "hilla-aircraft",
    "published": "2023-12-27",
    "lang": "en",
    "outlet": "Wire F",
    "title": "US aircraft strike near Hilla",
    "url": "https://example.org/hilla",
    "text": (
        "WASHINGTON - US aircraft struck a facility near Hilla in Babil province on Tuesday, killing two "
        "fighters, the Pentagon said."
    ),
}
HILLA_DRONE = {
    "id": "hilla-drone",
    "published": "2023-12-27",
    "lang": "en",
    "outlet": "Wire G",
    "title": "Drone strike near Hilla kills one",
    "text": "HILLA - A drone struck a building near Hilla on Tuesday, killing one person, a local official said.",
}
DOCUMENTS = (ARABIC_TOWER, FRENCH, EMOJI, COMBINING, OUTLIER, HILLA_AIR, HILLA_DRONE)

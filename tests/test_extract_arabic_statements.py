"""Arabic statements and wire copy: words that look like a cue inside another word, a ship seized, an agency's
sign-off line. Sentences written for these tests."""

from datetime import date

from claimgraph.models import Document


def _events(extractor, text, lang="ar", published=date(2023, 12, 31)):
    return extractor.extract(Document(id="t", text=text, lang=lang, published=published)).events


def test_continuation_is_not_repeatedly(extractor):
    # "استمرارًا" (continuing) holds "مرارًا" (repeatedly): the attack it introduces is one attack
    text = (
        'قالت المقاومة في بيان: "استمرارًا بنهجنا في مقاومة قوات الاحتلال في العراق والمنطقة، هاجم مجاهدونا '
        'قاعدة الاحتلال في مطار أربيل بواسطة الطيران المسير".'
    )
    (event,) = _events(extractor, text)
    assert event.location.name == "Erbil Air Base"
    # ... while "repeatedly" itself still makes a habit of it
    assert not _events(extractor, "استهدفت الفصائل مطار أربيل مرارًا بالطيران المسير.")


def test_a_ship_seized_at_sea_is_an_event(extractor):
    for text, lang in [
        ("قال المتحدث إن القوات البحرية سيطرت على السفينة الإسرائيلية يوم أمس في البحر الأحمر.", "ar"),
        ("استولت القوات البحرية على سفينة شحن يوم أمس في البحر الأحمر.", "ar"),
        ("Yemeni naval forces seized an Israeli-linked cargo ship in the Red Sea on Sunday.", "en"),
    ]:
        (event,) = _events(extractor, text, lang, date(2023, 11, 20))
        assert (event.location.name, event.date.value) == ("Red Sea", date(2023, 11, 19))
    # weapons seized are found, not an attack
    assert not _events(extractor, "Police seized rockets and a launcher in a farm near Baghdad on Sunday.", "en")


def test_an_agency_sign_off_line_is_no_dateline(extractor):
    text = (
        "أعلنت المقاومة الإسلامية في العراق استهداف قاعدة حرير في أربيل بطائرة مسيرة.\n"
        "وأضافت أنها ستواصل عملياتها.\n"
        "انتهى/\n"
    )
    (event,) = _events(extractor, text)
    assert event.location.name == "Harir Air Base"


def test_the_group_followed_by_a_comma_takes_up_the_group_named_before(extractor):
    text = (
        "أعلن حزب الله مقتل اثنين من عناصره. وفي بيانات منفصلة، أعلنت الجماعة، الثلاثاء "
        '"استهداف دبابة إسرائيلية في ثكنة راميم".'
    )
    (event,) = _events(extractor, text, published=date(2023, 10, 17))
    assert event.location.name == "Ramim barracks"
    assert event.claimed_by == ["Hezbollah (Lebanon)"]
    # a channel "speaking in the name of the group" is no anaphor of an attacker
    from claimgraph.extract import cues

    assert not cues.shared("actor_anaphor").search("وفق قناة المسيرة الناطقة باسم الجماعة، فيما")


def test_a_dateline_with_its_agency_in_brackets_is_no_site(extractor):
    text = (
        "مقتل 16 مسلحاً في القصف الأمريكي على القائم\n\n"
        "أربيل (كوردستان24)- قتل 16 شخصاً وأصيب 25 آخرين في القصف الأمريكي على القائم."
    )
    (event,) = _events(extractor, text, published=date(2024, 2, 3))
    assert (event.location.name, event.fatalities, event.injuries) == ("Al-Qaim", 16, 25)


def test_the_capital_of_a_sponsor_is_no_site(extractor):
    text = "شنت الولايات المتحدة يوم الجمعة ضربات استهدفت قوات إيرانية ومجموعات موالية لطهران في القائم."
    assert [e.location.name for e in _events(extractor, text, published=date(2024, 2, 3))] == ["Al-Qaim"]


def test_an_undated_text_that_calls_a_written_date_today_is_of_that_day(extractor):
    text = (
        "قتل 16 شخصاً في القصف الأمريكي على القائم.\n"
        "وأكدت قيادة عمليات الأنبار في بيان لها اليوم 3 شباط 2024، مقتل 16 مسلحاً."
    )
    result = extractor.extract(Document(id="t", text=text, lang="ar"))
    (event,) = result.events
    assert (event.location.name, event.date.value, event.date.precision) == ("Al-Qaim", date(2024, 2, 3), "day")
    assert any("calls today" in n.message for n in result.notes)


def test_people_killed_in_a_strike_in_a_town_is_a_site_not_background(extractor):
    text = "Sixteen people were killed in a US air strike in al-Qaim, the PMF said."
    (event,) = _events(extractor, text, "en", date(2024, 2, 3))
    assert event.location.name == "Al-Qaim"
    # ... while the people of a place in a cause stay background
    text = "In solidarity with the Palestinians under Israeli attack in Gaza, the group struck Haifa port."
    assert [e.location.name for e in _events(extractor, text, "en", date(2024, 3, 1))] == ["Haifa"]


def test_jaffa_and_tel_aviv_the_same_day_are_one_attack(extractor):
    text = (
        "أعلنت القوات المسلحة اليمنية استهداف منطقة يافا المحتلة بطائرة مسيرة فجر الجمعة. "
        "وقال الجيش الإسرائيلي إن طائرة مسيرة انفجرت في تل أبيب فجر الجمعة."
    )
    events = _events(extractor, text, published=date(2024, 7, 19))
    assert len(events) == 1 and events[0].location.name in ("Jaffa", "Tel Aviv")

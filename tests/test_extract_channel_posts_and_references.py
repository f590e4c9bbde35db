"""A channel's export and the references around its news (thirteenth session). Each statement a channel posts sits
under a post stamp ("٢١.٠١.٢٤ ٠٩:١٧"): the stamp is no line of the statement, and a heading word ("بيان") above its
body is no signature. A statement that lists bases under a country ("أربع قواعد ... في سوريا، وهي:" and a bullet per
base) tells one attack per base, none in the country itself. Footage re-posted from earlier operations is no attack.
"بمقاومة قوات الاحتلال" makes those forces the target; "نفذه الحرس الثوري" makes the Guards the actor, and "وقف إطلاق
النار بين إيران وإسرائيل" makes neither a party. "بعد ساعات من X" counts from X and moves no narrative on; "بعد أيام
من هجوم على X" names an earlier attack with no day. A village the KB does not know ("قرية مراط") is still a place.
Casualty words that count shells ("سقوط ثلاث قذائف") count no one. A group that "regularly claims" attacks claims
none of them here. Sentences written for these tests."""

from datetime import date

from claimgraph.extract.casualties import parse_casualties
from claimgraph.models import Document

IRI = "Islamic Resistance in Iraq"


def _events(extractor, text, lang="ar", published=None):
    return extractor.extract(Document(id="t", text=text, lang=lang, published=published)).events


POSTS = """قناة المقاومة

١٤.٠٢.٢٤ ٠٨:٠٥
بسم الله الرحمن الرحيم

بيان

نصرةً لأهلنا في غزة، نفّذ مجاهدو المقاومة الإسلامية في العراق فجر اليوم الأربعاء العمليتين الآتيتين:
١- استهداف قاعدة الاحتلال الأمريكي في الشدادي بالطيران المسيّر.
٢- استهداف قاعدة الاحتلال الأمريكي في التنف بالطيران المسيّر.

المقاومة الإسلامية في العراق
٤ شعبان ١٤٤٥هـ
الموافق ١٤-٢-٢٠٢٤م

١٤.٠٢.٢٤ ١٣:٢٠
🎥 مشاهد من استهداف قاعدة حرير خلال العمليات السابقة (إعادة نشر)
"""


def test_a_statement_under_a_post_stamp_claims_each_numbered_operation(extractor):
    got = [(e.location.name, e.date.value, e.claimed_by) for e in _events(extractor, POSTS)]
    assert got == [
        ("Al-Shaddadi", date(2024, 2, 14), [IRI]),
        ("Al-Tanf Garrison", date(2024, 2, 14), [IRI]),
    ]  # and the re-posted footage of Harir is no attack


BULLETS = (
    "بسم الله الرحمن الرحيم\n\n"
    "ردّاً على مجازر العدو، واستمراراً في نهجنا بمقاومة قوات الاحتلال الأمريكي، هاجم مجاهدو المقاومة الإسلامية في"
    " العراق، فجر اليوم الجمعة، بالطائرات المسيّرة قاعدتين للعدو في سوريا، وهما:\n"
    "● قاعدة الشدادي\n"
    "● قاعدة التنف\n\n"
    "المقاومة الإسلامية في العراق\n"
    "الموافق ١٦-٢-٢٠٢٤م\n"
)


def test_bases_listed_under_a_country_are_the_sites_not_the_country(extractor):
    got = [(e.location.name, e.date.value, e.actors, e.claimed_by, e.target) for e in _events(extractor, BULLETS)]
    assert got == [
        ("Al-Shaddadi", date(2024, 2, 16), [IRI], [IRI], "US forces"),
        ("Al-Tanf Garrison", date(2024, 2, 16), [IRI], [IRI], "US forces"),
    ]


def test_resisting_the_occupation_forces_makes_them_the_target(extractor):
    text = (
        "استمراراً في نهجنا بمقاومة قوات الاحتلال الأمريكي، هاجم مجاهدو المقاومة الإسلامية في العراق، فجر اليوم"
        " الأحد، قاعدة في الحسكة بالطائرات المسيّرة."
    )
    (e,) = _events(extractor, text, published=date(2024, 3, 3))
    assert (e.actors, e.claimed_by, e.target) == ([IRI], [IRI], "US forces")


UDEID = (
    "أعلنت خلية الإعلام الأمني، اليوم الثلاثاء، أن طائرة مسيّرة مجهولة استهدفت منظومة الرادار في معسكر التاجي.\n\n"
    "وتأتي الهجمات بعد ساعات من إعلان وقف إطلاق النار بين إيران وإسرائيل، وبعد قصف صاروخي نفذه الحرس الثوري الإيراني"
    " على قاعدة العديد الأمريكية في قطر مساء الاثنين."
)


def test_a_strike_the_guards_carried_out_is_theirs_and_the_truce_parties_are_no_actors(extractor):
    got = {e.location.name: (e.date.value, e.actors) for e in _events(extractor, UDEID, published=date(2025, 6, 24))}
    # "بعد ساعات من" counts from the truce; the strike keeps its own evening ("مساء الاثنين")
    assert got["Al Udeid Air Base"] == (date(2025, 6, 23), ["IRGC"])
    assert got["Camp Taji"][0] == date(2025, 6, 24)


def test_an_operations_commander_named_for_his_city_places_nothing_there(extractor):
    text = (
        "استهدفت طائرة مسيّرة منظومة الرادار في معسكر التاجي اليوم الثلاثاء. "
        'وقال قائد عمليات بغداد إن "الحادث اقتصر على أضرار مادية".'
    )
    assert [e.location.name for e in _events(extractor, text, published=date(2025, 6, 24))] == ["Camp Taji"]


def test_an_attack_days_before_with_no_day_is_background(extractor):
    text = (
        "سقطت قذائف صاروخية على قاعدة حقل كونيكو اليوم الجمعة. "
        "ويأتي ذلك بعد أيام من هجوم صاروخي استهدف قاعدة عين الأسد في العراق وأسفر عن إصابة جنود أمريكيين."
    )
    assert [e.location.name for e in _events(extractor, text, published=date(2024, 8, 9))] == ["Conoco gas field"]


def test_a_village_the_gazetteer_lacks_is_kept_as_written_in_the_country_named_before(extractor):
    text = (
        "سقطت قذائف صاروخية على قاعدة حقل كونيكو بريف دير الزور اليوم الجمعة. "
        "وردّت قوات التحالف الدولي بقصف مدفعي على قرية زبيدات الفوقا، ما أدى إلى مقتل عنصرين من حركة النجباء."
    )
    events = _events(extractor, text, published=date(2024, 8, 9))
    village = [e for e in events if e.location.precision == "unresolved"]
    assert [(e.location.name, e.location.country, e.actors, e.fatalities) for e in village] == [
        ("زبيدات الفوقا", "SY", ["Coalition forces"], 2)
    ]


def test_a_border_village_is_no_name():
    from claimgraph.resolve.places import _adjective_ar

    assert _adjective_ar("حدودية")
    assert not _adjective_ar("مراط")


def test_the_west_bank_of_a_river_is_no_west_bank(extractor):
    text = "أطلقت الفصائل صواريخ من الضفة الغربية لنهر الفرات على قاعدة حقل كونيكو اليوم."
    assert "West Bank" not in [e.location.name for e in _events(extractor, text, published=date(2024, 8, 9))]


def test_shells_that_fell_count_no_one():
    text = "رصد المرصد سقوط ثلاث قذائف صاروخية على الأقل قرب القاعدة، وقال إن الخسائر البشرية لم تعرف بعد."
    c = parse_casualties(text)
    assert (c.fatalities, c.injuries) == (None, None)
    c = parse_casualties("سقوط ثلاث قذائف صاروخية قرب القاعدة، دون ورود معلومات عن خسائر بشرية.")
    assert (c.fatalities, c.injuries) == (0, 0)  # "no word of casualties": none, as the annotators read it
    assert (parse_casualties("سقطت صواريخ قرب القاعدة دون وقوع خسائر بشرية.").fatalities) == 0


def test_a_group_that_regularly_claims_attacks_claims_none_of_them_here(extractor):
    text = (
        "أسقطت الدفاعات الجوية في قاعدة حقل العمر ليل أمس طائرة مسيّرة مجهولة. "
        'وتعد "حركة النجباء" إحدى فصائل "المقاومة الإسلامية في العراق" التي تتبنى بشكل دوري استهداف القواعد الأمريكية.'
    )
    (e,) = _events(extractor, text, published=date(2024, 8, 9))
    assert (e.actors, e.claimed_by) == ([], [])


def test_a_city_and_outlet_before_a_bar_are_a_dateline(extractor):
    text = (
        "صنعاء | المسيرة نت: أصدرت القوات المسلحة اليمنية، مساء اليوم الخميس، بياناً أعلنت فيه تنفيذ عملية"
        " ضد سفينة في البحر الأحمر."
    )
    got = [e.location.name for e in _events(extractor, text, published=date(2024, 8, 22))]
    assert "Sanaa" not in got and got == ["Red Sea"]


def test_the_district_named_after_a_site_locates_it(extractor):
    text = "شنّ طيران العدوان الأمريكي، عصر اليوم، ثلاث غارات على منطقة رأس عيسى بمديرية الصليف في محافظة الحديدة."
    assert [e.location.name for e in _events(extractor, text, published=date(2024, 8, 22))] == ["Ras Isa port"]


SANA = (
    "دمشق-سانا\n"
    "استهدف عدوان جوي إسرائيلي فجر اليوم مطاري دمشق وحلب الدوليين، ما أدى إلى خروجهما عن الخدمة. "
    "وأطلق العدو الصواريخ من اتجاه البحر المتوسط غرب اللاذقية.\n\n"
    "ويأتي هذا العدوان بعد عشرة أيام من عدوان مماثل نفذه كيان الاحتلال في الثاني عشر من الشهر الجاري على مطار"
    " دمشق الدولي."
)


def test_both_airports_of_a_dual_and_an_earlier_strike_of_this_month(extractor):
    got = [(e.location.name, e.date.value, e.actors) for e in _events(extractor, SANA, published=date(2023, 10, 22))]
    assert got == [
        ("Damascus International Airport", date(2023, 10, 22), ["Israel"]),
        ("Aleppo International Airport", date(2023, 10, 22), ["Israel"]),  # "وحلب" after "مطاري": its airport
        ("Damascus International Airport", date(2023, 10, 12), ["Israel"]),  # "نفذه كيان الاحتلال"
    ]  # and Latakia, where the missiles came from, is no site


AFP = (
    "AFP | Monde\n\n"
    "Frappes en Irak : Bagdad dénonce une « violation » de sa souveraineté\n\n"
    "Bagdad (AFP) – Le gouvernement irakien a dénoncé samedi une « violation » après les frappes américaines menées"
    " vendredi soir contre des groupes armés, près de quatre mois après le début de la guerre entre Israël et le"
    " Hamas.\n\n"
    "Selon un porte-parole, les frappes ont visé des positions à al-Qaïm, près de la frontière syrienne.\n"
)


def test_an_undated_dispatch_counted_in_months_from_the_war_dates_its_weekdays(extractor):
    events = _events(extractor, AFP, lang="fr")
    # four months after 7 October 2023, a few days short ("près de"): the Friday is 2 February 2024; Baghdad is the
    # dateline (a quote's closing mark is no breadcrumb)
    assert [(e.location.name, e.date.precision) for e in events] == [("Al-Qaim", "week")]
    assert abs((events[0].date.value - date(2024, 2, 2)).days) <= 1


def test_months_counted_from_a_landmark_in_three_languages():
    from claimgraph.extract.undated import months_after_day

    day, _ = months_after_day("The strikes came nearly four months after the war between Israel and Hamas began.", "en")
    assert date(2024, 2, 1) <= day <= date(2024, 2, 7)
    day, _ = months_after_day("ويأتي ذلك بعد أكثر من عشرة أشهر على اندلاع الحرب على قطاع غزة.", "ar")
    assert date(2024, 8, 7) <= day <= date(2024, 8, 14)
    assert months_after_day("Four months ago, a drone hit the base.", "en") is None


def test_one_toll_before_places_listed_together_is_no_single_places(extractor):
    text = (
        "Vendredi, au moins 23 combattants ont été tués dans les frappes américaines qui ont visé des positions à"
        " Mayadine et à Albou Kamal."
    )
    events = _events(extractor, text, lang="fr", published=date(2024, 2, 3))
    assert [(e.location.name, e.fatalities) for e in events] == [("Al-Mayadin", None), ("Albu Kamal", None)]


EMBASSY = (
    "تعرّض محيط السفارة الأمريكية في المنطقة الخضراء وسط بغداد، فجر اليوم الجمعة، لهجوم بعدد من صواريخ الكاتيوشا.\n\n"
    'وقال مصدر أمني لـ"بغداد اليوم"، إن "14 صاروخاً أطلقت نحو الساعة الرابعة فجراً من منطقة الزعفرانية جنوب شرقي'
    ' بغداد، سقط عدد منها قرب السفارة".'
)


def test_an_outlet_named_for_its_city_and_a_launch_area_told_after_a_time_are_no_sites(extractor):
    got = [e.location.name for e in _events(extractor, EMBASSY, published=date(2023, 12, 8))]
    assert got == ["US Embassy Baghdad"]


def test_a_capital_that_condemns_is_its_government(extractor):
    text = (
        'قُتل ثلاثة جنود أمريكيين أمس الأحد في هجوم بطائرة مسيّرة على البرج 22، قبل أن تعود عمّان وتدين "الهجوم الإرهابي".'
    )
    assert "Amman" not in [e.location.name for e in _events(extractor, text, published=date(2024, 1, 29))]


SYRIA_TV = (
    "خرج مطارا دمشق وحلب الدوليان عن الخدمة، فجر اليوم الأحد 22 تشرين الأول، إثر ضربات جوية إسرائيلية.\n\n"
    "وكانت ضربات إسرائيلية مماثلة قد استهدفت المطارين في 12 تشرين الأول الجاري.\n\n"
    "مقالات ذات صلة\n"
    "- قتلى بغارة إسرائيلية على ريف دمشق\n"
)


def test_the_two_airports_taken_up_and_related_headlines(extractor):
    got = [(e.location.name, e.date.value) for e in _events(extractor, SYRIA_TV, published=date(2023, 10, 22))]
    assert got == [
        ("Damascus International Airport", date(2023, 10, 22)),
        ("Aleppo International Airport", date(2023, 10, 22)),  # "مطارا دمشق وحلب": the nominative dual
        ("Damascus International Airport", date(2023, 10, 12)),  # "المطارين": the two just told of
        ("Aleppo International Airport", date(2023, 10, 12)),
    ]  # the related headline under "مقالات ذات صلة" is no news


KURDISTAN = (
    "كوردستان 24\n"
    "السليمانية | طاقة\n"
    "آخر تحديث: السبت 27-04-2024 11:40\n\n"
    "ارتفاع حصيلة ضحايا الهجوم بطائرة مسيّرة على حقل كورمور إلى أربعة عمال\n\n"
    "السليمانية (كوردستان 24) – ارتفعت حصيلة ضحايا الهجوم بطائرة مسيّرة الذي استهدف، مساء أمس الجمعة، حقل كورمور"
    " للغاز، إلى أربعة قتلى.\n"
)


def test_a_dateline_with_its_outlet_in_brackets_below_the_page_header(extractor):
    # the dateline is read as one (its outlet in brackets), so the headline is the body's attack told again
    got = [(e.location.name, e.date.value) for e in _events(extractor, KURDISTAN)]
    assert got == [("Khor Mor gas field", date(2024, 4, 26))]

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.corpus import clean_text
from pipeline.corpus.cleaning import same_char

BODY_1 = "Vietnam and Japan signed a coastguard equipment agreement in Hanoi on Tuesday, officials said."
BODY_2 = "The deal covers six patrol vessels worth about $350 million, with deliveries from 2027."
BODY_3 = "Both sides said further talks on radar systems would follow later this year."


def assert_map(raw, ct):
    for i, ch in enumerate(ct.text):
        assert same_char(raw[ct.to_raw(i)], ch), i
    assert ct.to_raw(len(ct.text)) <= len(raw)


def cleaned(raw):
    ct = clean_text(raw)
    assert_map(raw, ct)
    return ct.text


def test_keeps_plain_article_byte_for_byte():
    raw = f"Hanoi and Tokyo seal patrol-boat deal\n\n{BODY_1}\n\n{BODY_2}\n"
    ct = clean_text(raw)
    assert ct.text == raw
    assert ct.segments == ((0, 0, len(raw)),)
    assert ct.removed == ()


def test_leading_date_line_inline_and_alone():
    raw = f"  date 2024-05-06 HANOI: {BODY_1}\n"
    assert cleaned(raw) == f"HANOI: {BODY_1}\n"
    raw = f" date 2024-05-06\nHanoi and Tokyo seal deal\n\n{BODY_1}\n"
    assert cleaned(raw) == f"Hanoi and Tokyo seal deal\n\n{BODY_1}\n"


def test_crumbs_removed():
    for crumb in ["Home › World › Asia", "Homepage   /   news   /   Hanoi and Tokyo seal deal",
                  "Home > News > Defence", "Home  >  World  >  Asia  >  Hanoi and Tokyo seal deal"]:
        text = cleaned(f"{crumb}\nHanoi and Tokyo seal deal\n\n{BODY_1}\n")
        assert crumb not in text
        assert text.startswith("Hanoi and Tokyo seal deal\n")


def test_share_and_social_lines_removed():
    noise = ["Share this", "Share on Facebook", "Tweet", "WhatsApp", "Share: Facebook | X | Email",
             "Share this story: [Facebook] [LinkedIn]", "Follow us on Telegram"]
    raw = BODY_1 + "\n" + "\n".join(noise) + "\n" + BODY_2 + "\n"
    assert cleaned(raw) == f"{BODY_1}\n{BODY_2}\n"


def test_sentence_starting_with_share_is_kept():
    line = "Shares of the shipbuilder rose 4% on Facebook-style hype, analysts said."
    assert line in cleaned(f"{BODY_1}\n{line}\n")


def test_read_more_lines_and_related_trailer():
    raw = (
        f"{BODY_1}\n\nRead more: Hanoi hosts naval expo\n\n{BODY_2}\n"
        "Also read | Typhoon season starts early\nRelated: Tokyo budget hits record\n"
        f"{BODY_3}\n\nYou may also like\nNew ferry route opens\nStock market closes higher\n"
    )
    assert cleaned(raw) == f"{BODY_1}\n\n{BODY_2}\n{BODY_3}\n"


def test_trailer_block_with_teasers_removed_to_the_end():
    teaser = "A long teaser paragraph of another story that the site lists under its recommendations. " * 2
    body = "\n\n".join([BODY_1, BODY_2, BODY_3] * 4)
    for heading in ["Guess You Like", "Related Articles", "Recommended"]:
        raw = f"{body}\n\n{heading}\n{teaser}\n"
        assert cleaned(raw) == f"{body}\n"


def test_read_more_block_in_the_middle_keeps_the_following_body():
    raw = f"{BODY_1}\n\nRead more:\n- Tokyo budget hits record\n- Ferry route opens\n\n{BODY_2}\n\n{BODY_3}\n"
    assert cleaned(raw) == f"{BODY_1}\n\n{BODY_2}\n\n{BODY_3}\n"


def test_read_more_block_of_unbulleted_headlines_in_the_middle_keeps_the_following_body():
    raw = f"{BODY_1}\n\nRead more:\nTokyo budget hits record\nFerry route opens in Hanoi\n\n{BODY_2}\n\n{BODY_3}\n"
    assert cleaned(raw) == f"{BODY_1}\n\n{BODY_2}\n\n{BODY_3}\n"


def test_ad_json_and_image_markup_removed():
    raw = (
        '![](https://img.example/x.jpg) |\n| Foto: Coastguard vessel in Hanoi |\n'
        f"{BODY_1}\n"
        '{ "slotId": "", "unitType": "responsive", "pubId": "" }\n'
        "![a patrol boat](https://img.example/y.jpg)\n"
        f"{BODY_2}\n"
    )
    assert cleaned(raw) == f"{BODY_1}\n{BODY_2}\n"


def test_data_tables_are_kept():
    table = "| Ship | Number |\n|---|---|\n| Patrol vessel | 6 |\n"
    assert table in cleaned(f"{BODY_1}\n{table}{BODY_2}\n")


def test_captions_removed():
    captions = ["[Image: A patrol boat at sea. File photo]", "[Photo: Officials at the signing]",
                "[Photo caption: The ministers shake hands. Photo: Ministry]", "Photo: Reuters",
                "Foto: Kementerian Pertahanan", "File photo of the vessel", "(Photo: Coast Guard)"]
    raw = BODY_1 + "\n" + "\n".join(captions) + "\n" + BODY_2 + "\n"
    assert cleaned(raw) == f"{BODY_1}\n{BODY_2}\n"


def test_comments_copyright_and_bylines_removed():
    raw = (
        "Hanoi and Tokyo seal deal\n\nBy Staff Writer\n\nBy Correspondent\n\nTran Van An 🕒︎ 2024-05-07\n\n"
        f"{BODY_1}\n\n{BODY_2}\n\nCopyright 2024 Example News. All rights reserved.\n\n"
        "Leave a Reply\nYour email address will not be published.\nComment *\nName *\n"
    )
    assert cleaned(raw) == f"Hanoi and Tokyo seal deal\n\n{BODY_1}\n\n{BODY_2}\n"


def test_duplicate_title_lines_removed_first_kept():
    title = "Hanoi and Tokyo seal patrol-boat deal"
    raw = f"{title}\n{title}\n\n{title}\n\n{BODY_1}\n\n{title}\n\n{BODY_2}\n"
    assert cleaned(raw) == f"{title}\n\n{BODY_1}\n\n{BODY_2}\n"


def test_lone_caption_fragments_removed_headings_kept():
    raw = (
        f"{BODY_1}\n\nLPD\n\n{BODY_2}\n\nSamjin\n\nK9A1 Thunder\n\n"
        f"Conclusion\n\n{BODY_3}\n\nWhat happened next\n\nTiming\n\n{BODY_1}\n"
    )
    text = cleaned(raw)
    for fragment in ["LPD\n", "Samjin\n", "K9A1 Thunder\n"]:
        assert fragment not in text
    for heading in ["Conclusion\n", "What happened next\n", "Timing\n"]:
        assert heading in text


def test_header_dates_mastheads_and_sections_removed():
    raw = (
        "HARBOUR TIMES\nNEWS | ASIA\n07.05.2024 10:20\nHanoi and Tokyo seal deal\n"
        "Published 7 May 2024, 10:20 AM ICT | Updated 11:00 AM ICT\n\n"
        f"{BODY_1}\n\n{BODY_2}\n\nTags: Vietnam, Japan, coastguard\n---\n(END)\n"
    )
    assert cleaned(raw) == f"Hanoi and Tokyo seal deal\n\n{BODY_1}\n\n{BODY_2}\n"


def test_lines_with_sentences_are_kept_even_if_they_look_like_noise():
    line = "Related to the deal, Japan will also train 40 Vietnamese crew members."
    assert line in cleaned(f"{BODY_1}\n{line}\n")
    heading = "Implications and Future Prospects"
    assert heading in cleaned(f"{BODY_1}\n\n{heading}\n\n{BODY_2}\n")


def test_crlf_line_endings():
    raw = f"Home > News\r\nHanoi and Tokyo seal deal\r\n\r\n{BODY_1}\r\nShare this\r\n{BODY_2}\r\n"
    assert cleaned(raw) == f"Hanoi and Tokyo seal deal\r\n\r\n{BODY_1}\r\n{BODY_2}\r\n"


MESSY = (
    "\n date 2024-05-07\r\nHome › News › Asia\nHanoi and Tokyo seal deal\nHanoi and Tokyo seal deal\n"
    "By Staff Writer\n[Image: The ministers. File photo]\n\n"
    f"HANOI, May 7, 2024 — {BODY_1}\n\n{{ \"slotId\": \"1\", \"unitType\": \"responsive\" }}\nMRSS\n\n"
    f"{BODY_2}\nShare on Facebook\n\u00a0\n\n\n{BODY_3} — Example Wire\n\nGuess You Like\nOther story one\n"
)


def test_offset_map_every_character_of_a_messy_article():
    ct = clean_text(MESSY)
    assert ct.text == (
        f"Hanoi and Tokyo seal deal\n\nHANOI, May 7, 2024 — {BODY_1}\n\n{BODY_2}\n\u00a0\n{BODY_3} — Example Wire\n"
    )
    for i, ch in enumerate(ct.text):
        assert MESSY[ct.to_raw(i)] == ch
    # every raw character is either kept or inside a removed range / dropped blank
    assert ct.to_raw(len(ct.text)) == MESSY.index("\n\nGuess You Like") + 1
    # span mapping: a sentence maps to the same sentence in the raw text
    s = ct.text.index(BODY_2)
    a, b = ct.to_raw_span(s, s + len(BODY_2))
    assert MESSY[a:b] == BODY_2
    # an end offset at a segment boundary maps right after the kept text, not after removed lines
    end = ct.text.index(BODY_1) + len(BODY_1) + 1
    assert MESSY[ct.to_raw(end - 1, end=False)] == "\n"
    assert ct.to_raw(end, end=True) == ct.to_raw(end - 1) + 1
    assert all(reason for _, _, reason in ct.removed)


def test_empty_and_noise_only_inputs():
    assert clean_text("").text == ""
    assert clean_text("").to_raw(0) == 0
    ct = clean_text("Share this\nTweet\n")
    assert ct.text == ""
    assert ct.to_raw(0) == 0


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)
       | st.lists(st.sampled_from([
           "Home › A › B", "Share this", "Guess You Like", "date 2024-01-02", " date 2024-01-02 X",
           "MRSS", "Leave a Reply", "[Photo: x]", "| Foto: y |", "![]()", BODY_1, BODY_2,
           "Hanoi and Tokyo seal deal", "", " ", "\u00a0", "Read more:", "- item", "March 7, 2025",
           "By Staff Writer", '{"ad": 1}', "Conclusion", "\r", "x\ry",
       ]), max_size=25).map(lambda parts: "\n".join(parts)))
def test_property_never_raises_and_map_holds(raw):
    ct = clean_text(raw)
    for i, ch in enumerate(ct.text):
        assert same_char(raw[ct.to_raw(i)], ch)
    assert 0 <= ct.to_raw(len(ct.text)) <= len(raw)
    pos = 0
    for c, r, n in ct.segments:  # segments are ordered, contiguous in the clean text, increasing in raw
        assert c == pos and n > 0 and r >= 0
        pos += n
    assert pos == len(ct.text)

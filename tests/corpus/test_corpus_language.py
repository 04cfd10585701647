"""Articles not in English are refused as unsupported_language, naming the script or language
(issue 12, part 6). Invented articles; the extractor reads English only."""
import pytest

from pipeline.corpus import DocumentRejected, read_document
from pipeline.corpus.errors import REASONS

ENGLISH = (
    "Ruritania orders four patrol boats\n\n"
    "PORT ELAN, June 2, 2025 - Ruritania signed a contract on Monday with a local yard for four patrol "
    "boats worth $80 million, the navy said. The first of the boats is due in 2027, and the last one "
    "will follow two years later, officials added.\n"
)
CHINESE = (
    "国防部宣布新护卫舰合同\n\n"
    "国防部周一表示，新的护卫舰将在本地船厂建造。第一艘舰艇预计明年交付海军，官员说。该合同价值约五亿美元。\n\n"
    "合同还包括培训和维护。\n"
)
RUSSIAN = (
    "Министерство заказало четыре патрульных катера\n\n"
    "Министерство обороны заявило в понедельник, что новые катера будут построены на местной верфи. "
    "Первый катер должен быть передан флоту в следующем году.\n"
)
KOREAN = "국방부, 초계함 네 척 계약\n\n국방부는 월요일 새로운 초계함이 국내 조선소에서 건조될 것이라고 밝혔다. 첫 번째 함정은 내년에 인도된다.\n"
FRENCH = (
    "La Ruritanie commande quatre patrouilleurs\n\n"
    "PORT ELAN, 2 juin 2025 - Le ministère de la Défense a annoncé lundi la signature d'un contrat pour "
    "quatre patrouilleurs avec un chantier naval local. Les navires seront livrés à partir de 2027, selon "
    "le ministre, qui a salué un accord historique pour la marine.\n"
)
INDONESIAN = (
    "Ruritania memesan empat kapal patroli\n\n"
    "Kementerian Pertahanan pada hari Senin mengumumkan penandatanganan kontrak untuk empat kapal patroli "
    "dengan galangan kapal lokal. Kapal-kapal itu akan dikirim mulai tahun 2027, kata menteri, yang "
    "menyebutnya sebagai perjanjian bersejarah bagi angkatan laut.\n"
)


@pytest.mark.parametrize("text, named", [(CHINESE, "Han"), (RUSSIAN, "Cyrillic"), (KOREAN, "Hangul"),
                                         (FRENCH, "French"), (INDONESIAN, "Indonesian")],
                         ids=["chinese", "russian", "korean", "french", "indonesian"])
def test_non_english_articles_are_refused_naming_the_script_or_language(text, named):
    with pytest.raises(DocumentRejected) as e:
        read_document("foreign.txt", text.encode("utf-8"))
    assert e.value.reason == "unsupported_language"
    assert named in str(e.value) and "English" in str(e.value)


def test_an_english_article_is_read():
    assert read_document("english.txt", ENGLISH.encode("utf-8")).title == "Ruritania orders four patrol boats"


def test_an_english_article_quoting_a_foreign_name_is_read():
    text = ENGLISH.replace("the navy said", "the navy (海军) said, calling it «Проект 22»")
    assert read_document("english.txt", text.encode("utf-8")).n_chars > 0


def test_only_boilerplate_is_still_only_boilerplate():
    with pytest.raises(DocumentRejected) as e:
        read_document("menu.txt", b"Home > News\nShare this\nTweet\nLeave a Reply\nRelated Articles\n" * 4)
    assert e.value.reason == "only_boilerplate"


def test_the_reason_is_declared_where_the_published_table_checks_it():
    from schemas.rejected import REJECTION_REASONS

    assert "unsupported_language" in REASONS
    assert set(REASONS) <= set(REJECTION_REASONS)

import codecs

import pytest

from pipeline.corpus import DocumentRejected, decode_bytes, read_document

TEXT = "Ankara and Jakarta agreed on a “joint production” plan – worth €1.2 billion.\n"


def test_utf8():
    assert decode_bytes(TEXT.encode("utf-8")) == (TEXT, "utf-8")


def test_utf8_with_bom():
    text, enc = decode_bytes(codecs.BOM_UTF8 + TEXT.encode("utf-8"))
    assert (text, enc) == (TEXT, "utf-8-sig")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec):
    data = TEXT.encode(codec)
    if codec != "utf-16":  # add the BOM explicitly for the endian-specific codecs
        data = (codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE) + data
    text, enc = decode_bytes(data)
    assert text == TEXT
    assert enc == "utf-16"
    assert data.decode(enc) == text


def test_utf16_without_bom_is_recognised_not_binary():
    data = "Seoul signed the contract on Friday.\n".encode("utf-16-le")
    text, enc = decode_bytes(data)
    assert (text, enc) == ("Seoul signed the contract on Friday.\n", "utf-16-le")


def test_cp1252_curly_quotes():
    data = b"The minister called it a \x93historic\x94 deal \x96 worth \x80500m."
    text, enc = decode_bytes(data)
    assert enc == "cp1252"
    assert text == "The minister called it a “historic” deal – worth €500m."


def test_latin1_last_resort():
    # 0x81 is undefined in cp1252, so only latin-1 can decode this
    data = b"Caf\xe9 talks in Hanoi continued on Tuesday \x81 with the ministers of both countries."
    text, enc = decode_bytes(data)
    assert enc == "latin-1"
    assert text == data.decode("latin-1")


def test_png_rejected():
    with pytest.raises(DocumentRejected) as e:
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 20)
    assert e.value.reason == "binary"
    assert "PNG" in str(e.value)


@pytest.mark.parametrize("data", [b"%PDF-1.7\n%\xe2\xe3", b"PK\x03\x04\x14\x00\x06\x00"])
def test_pdf_zip_rejected(data):
    with pytest.raises(DocumentRejected) as e:
        decode_bytes(data)
    assert e.value.reason == "binary"


def test_nul_bytes_rejected():
    with pytest.raises(DocumentRejected) as e:
        decode_bytes(b"plain text\x00\x01\x02 then garbage \x00\xff\x00\x00\x00")
    assert e.value.reason == "binary"


def test_control_characters_rejected():
    with pytest.raises(DocumentRejected) as e:
        decode_bytes(bytes(range(1, 9)) * 10 + b"some words")
    assert e.value.reason == "binary"


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  ", codecs.BOM_UTF8])
def test_empty_rejected(data):
    with pytest.raises(DocumentRejected) as e:
        decode_bytes(data)
    assert e.value.reason == "empty"
    assert str(e.value)  # a human message


def test_bad_utf16_is_undecodable():
    with pytest.raises(DocumentRejected) as e:
        decode_bytes(codecs.BOM_UTF16_LE + b"a\x00\x00\xd8")  # lone high surrogate
    assert e.value.reason == "undecodable"


# --------------------------------------------------------------------------- issue 12, part 6
# Invented articles. A UTF-8 file with a few corrupt bytes is still UTF-8; a file in a
# non-Western legacy encoding is refused rather than published as cp1252 mojibake.

UTF8_ARTICLE = (
    "Ruritania’s navy signs for two corvettes\n\n"
    "PORT ÉLAN, May 4, 2025 – Ruritania’s defence ministry said on Monday it had signed a "
    "“final” contract with a Belgian shipyard for two corvettes worth €310 million.\n"
    "The ministry’s spokesman said the café-side ceremony in Port Élan was brief.\n"
    "Deliveries are due in 2028, the minister’s office added.\n"
)


def _corrupt(data: bytes, bad: bytes = b"\xff\xfe\x81") -> bytes:
    """The bytes of an article with ``bad`` (never valid UTF-8) spliced in the middle."""
    cut = data.index(b"signed a")
    return data[:cut] + bad + data[cut:]


def test_utf8_with_three_bad_bytes_is_read_as_utf8_not_cp1252():
    data = _corrupt(UTF8_ARTICLE.encode("utf-8"))
    text, enc = decode_bytes(data)
    assert enc == "utf-8"
    assert text == data.decode("utf-8", errors="replace")
    assert "Ruritania’s" in text and "PORT ÉLAN" in text and "â€" not in text and "Ã" not in text
    assert text.count("\ufffd") == 3


def test_scattered_bad_bytes_are_each_replaced_and_counted():
    data = UTF8_ARTICLE.encode("utf-8")
    data = data.replace(b"Deliveries", b"Deliv\xc3eries", 1).replace(b"brief", b"bri\x92ef", 1)
    doc = read_document("scattered.txt", data)
    assert doc.encoding == "utf-8" and doc.n_replaced_bytes == 2
    assert "Ruritania’s" in doc.text and doc.text.count("\ufffd") == 2


def test_replaced_bytes_are_counted_on_the_document():
    doc = read_document("corrupt.txt", _corrupt(UTF8_ARTICLE.encode("utf-8")))
    assert (doc.encoding, doc.n_replaced_bytes) == ("utf-8", 3)
    assert "Ruritania’s navy" in doc.text
    # offsets still map back into the decoded text (bad bytes read as U+FFFD)
    raw = _corrupt(UTF8_ARTICLE.encode("utf-8")).decode(doc.encoding, errors="replace")
    assert all(raw[doc.to_raw(i)] == c for i, c in enumerate(doc.text))
    assert read_document("clean.txt", UTF8_ARTICLE.encode("utf-8")).n_replaced_bytes == 0


def test_replaced_bytes_are_a_documents_column():
    from schemas import DocumentsSchema

    from pipeline.tables import documents_frame

    docs = [read_document("corrupt.txt", _corrupt(UTF8_ARTICLE.encode("utf-8"))),
            read_document("clean.txt", UTF8_ARTICLE.encode("utf-8"))]
    df = documents_frame(docs)
    DocumentsSchema.validate(df)
    assert str(df["n_replaced_bytes"].dtype) == "Int64"
    assert dict(zip(df["file_name"], df["n_replaced_bytes"])) == {"clean.txt": 0, "corrupt.txt": 3}


def test_a_genuine_cp1252_article_still_reads_as_cp1252():
    # curly quotes, dashes and accents of cp1252: every non-ASCII byte is invalid UTF-8
    text = UTF8_ARTICLE.replace("€", "EUR ")
    data = text.encode("cp1252")
    assert decode_bytes(data) == (text, "cp1252")
    assert read_document("legacy.txt", data).n_replaced_bytes == 0


def test_mostly_invalid_utf8_is_not_read_as_utf8():
    # one valid UTF-8 sequence ("é") among many cp1252 bytes: clearly not UTF-8
    text = "Caf\u00c3\u00a9 \u201ctalks\u201d \u2013 the \u201cfinal\u201d round \u2013 ended on Friday.\n"
    data = text.encode("cp1252")
    assert decode_bytes(data) == (text, "cp1252")


RUSSIAN = (
    "Министерство обороны заявило, что новые корабли будут построены на местной верфи. "
    "Первый корабль должен быть передан флоту в следующем году, сообщили в ведомстве.\n"
)
CHINESE = "国防部表示，新的护卫舰将在本地船厂建造。第一艘舰艇预计明年交付海军，官员在周一说。\n"
KOREAN = "국방부는 새로운 호위함이 국내 조선소에서 건조될 것이라고 밝혔다. 첫 번째 함정은 내년에 해군에 인도될 예정이라고 관계자가 말했다.\n"


@pytest.mark.parametrize("text, codec", [(RUSSIAN, "cp1251"), (CHINESE, "gbk"), (KOREAN, "euc-kr")])
def test_non_western_legacy_encodings_are_refused_not_garbled(text, codec):
    data = ("Title line\n\n" + text * 2).encode(codec)
    with pytest.raises(DocumentRejected) as e:
        decode_bytes(data)
    assert e.value.reason == "undecodable"
    assert "UTF-8" in str(e.value) and "legacy encoding" in str(e.value)
    with pytest.raises(DocumentRejected) as e:
        read_document("legacy.txt", data)
    assert e.value.reason == "undecodable"


def test_replaced_bytes_are_announced():
    from pipeline.corpus.errors import replaced_bytes_warning

    doc = read_document("corrupt.txt", _corrupt(UTF8_ARTICLE.encode("utf-8")))
    message = replaced_bytes_warning(doc.file_name, doc.n_replaced_bytes)
    assert message.startswith("corrupt.txt: 3 invalid UTF-8 bytes") and "U+FFFD" in message

import codecs

import pytest

from pipeline.corpus import DocumentRejected, decode_bytes

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

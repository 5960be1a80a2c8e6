"""Encodings of files that are not UTF-8 (issue 14): a second opinion from charset-normalizer, an
unsure guess said so in the import summary, and the article keeps the encoding it was read with."""

from __future__ import annotations

from pathlib import Path

import pytest

from db.flows.importing import import_paths
from workbench.text.decoding import decode_bytes
from workbench.text.importers import read_file

RUSSIAN = (
    "Москва. Президент России заявил в четверг, что переговоры с Украиной продолжатся на следующей "
    "неделе, сообщает агентство.\nЭто важное заявление, сказал представитель Кремля."
)
SURE = [
    (RUSSIAN, "cp1251"),
    (RUSSIAN, "koi8_r"),
    ("Київ. Президент України заявив у четвер, що переговори продовжаться наступного тижня.", "cp1251"),
    ("Ο πρόεδρος δήλωσε την Πέμπτη ότι οι διαπραγματεύσεις θα συνεχιστούν την επόμενη εβδομάδα.", "cp1253"),
    ("Prezydent oświadczył w czwartek, że rozmowy będą kontynuowane w przyszłym tygodniu.", "cp1250"),
    ("Le président a déclaré jeudi que les négociations reprendraient, « c'est très important ».", "cp1252"),
    ("Der Präsident erklärte am Donnerstag, dass die Verhandlungen fortgesetzt würden. Größer.", "cp1252"),
    ("The minister said \u201cthe reform is essential\u201d \u2013 it costs \u20ac3bn.", "cp1252"),
    ("東京都は木曜日、新たな感染者が確認されたと発表した。", "shift_jis"),
    ("北京市政府周四宣布，新的措施将于下周开始实施。官员表示，这是必要的。", "gb18030"),
]


@pytest.mark.parametrize(("text", "encoding"), SURE, ids=[e for _, e in SURE])
def test_a_clear_legacy_encoding_is_read_right_and_sure(text, encoding):
    decoded = decode_bytes(text.encode(encoding))
    assert decoded.text == text
    assert decoded.unsure == ""


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Привет мир", "cp1251"),  # two words: too short to tell cp1251 from its neighbours
        ("Cumhurbaşkanı perşembe günü müzakerelerin devam edeceğini söyledi. Şimdi ağır.", "cp1254"),
    ],
)
def test_an_ambiguous_file_is_reported_as_a_guess(text, encoding):
    decoded = decode_bytes(text.encode(encoding))
    assert decoded.unsure.startswith("encoding unsure: read as ")
    assert encoding.replace("-", "_") in decoded.unsure or decoded.encoding == encoding


def test_utf8_and_boms_never_ask_the_detector():
    assert decode_bytes("Москва".encode()).encoding == "utf-8"
    assert decode_bytes("Москва".encode("utf-16")).unsure == ""


def test_the_article_carries_the_encoding_and_the_summary_names_a_guess(tmp_path: Path, fresh_ws):
    (tmp_path / "moscow.txt").write_bytes(RUSSIAN.encode("cp1251"))
    (tmp_path / "short.txt").write_bytes("Привет мир".encode("cp1251"))
    item = read_file(tmp_path / "moscow.txt")[0]
    assert (item.encoding, item.encoding_note) == ("cp1251", "")
    report = import_paths(fresh_ws, [tmp_path])
    assert "1 with a guessed encoding" in report.summary()
    assert [Path(p).name for p, _ in report.unsure] == ["short.txt"]
    stored = {a.title: fresh_ws.articles.get(a.id) for a in fresh_ws.articles.summaries()}
    moscow = next(a for t, a in stored.items() if t.startswith("Москва"))
    assert moscow.encoding == "cp1251" and moscow.encoding_note == "" and "Президент" in moscow.text
    short = next(a for a in stored.values() if a is not moscow)
    assert short.encoding_note.startswith("encoding unsure")


def test_the_cli_names_the_file_whose_encoding_is_a_guess(tmp_path: Path, capsys):
    from ui.cli.main import main

    (tmp_path / "short.txt").write_bytes("Привет мир".encode("cp1251"))
    assert main(["import", str(tmp_path / "short.txt"), "-w", str(tmp_path / "ws.db")]) == 0
    err = capsys.readouterr().err
    assert "1 with a guessed encoding" in err
    assert "short.txt: encoding unsure: read as cp1251" in err

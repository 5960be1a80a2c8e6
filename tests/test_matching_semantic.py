"""workbench/matching/semantic.py: WordLlama's static vectors, read from its wheel, and their use in the rerank."""

from __future__ import annotations

import importlib

import pytest

from workbench.matching import semantic
from workbench.matching.query import normalise
from workbench.matching.rerank import PreparedQuery, score

RERANK = importlib.import_module("workbench.matching.rerank")


def test_the_model_is_read_from_the_files_its_wheel_ships():
    folder = semantic.package_folder()
    assert (folder / semantic.WEIGHTS_FILE).is_file() and (folder / semantic.TOKENIZER_FILE).is_file()
    model = semantic.model()
    assert model.tokens.shape == (32000, 256)
    assert semantic.model() is model  # one per process


def test_texts_meaning_the_same_are_closer_than_texts_sharing_a_topic():
    claim = normalise("Immigration agents checked the citizenship papers of shooting victims in El Paso")
    close, far = semantic.similarities(
        claim,
        [
            normalise(
                "ICE officers asked people hurt in the El Paso shooting for their immigration documents"
            ),
            normalise("El Paso hosted a food festival downtown with music and dancing"),
        ],
    )
    assert close > far + 0.1


def test_vectors_are_unit_length_and_an_empty_text_has_none():
    vectors = semantic.model().vectors(["pompeo called saleh", ""])
    assert vectors[0] @ vectors[0] == pytest.approx(1.0, abs=1e-5)
    assert not vectors[1].any()
    assert semantic.similarities("pompeo called saleh", [""]) == [0.0]


def test_stored_duplicates_differing_in_quotes_get_one_similarity():
    a, b = semantic.similarities(
        normalise("Trump said 'we love you'"),
        [normalise('A crowd chanted "We love Trump"'), normalise("A crowd chanted 'We love Trump'")],
    )
    assert a == b  # so the rerank's tie-break between them stays as the lexical one


def test_the_signal_lifts_a_paraphrase_and_keeps_a_verbatim_match_near_100(monkeypatch):
    query = PreparedQuery.build("The minister quit after the bribery scandal")
    paraphrase = "The minister resigned after the corruption scandal."
    with_meaning = score(query, paraphrase)
    monkeypatch.setattr(RERANK, "W_SEMANTIC", 0.0)
    assert with_meaning > score(query, paraphrase)
    monkeypatch.undo()
    assert score(query, "The minister quit after the bribery scandal.") > 95

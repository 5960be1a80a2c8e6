"""workbench/matching/query.py and rerank.py: query terms, rerank and reasons (pure, no database)."""

from __future__ import annotations

import pytest

from workbench.matching.query import (
    DATE_WEIGHT,
    JOINED_TAG_WEIGHT,
    MAX_QUERY_TERMS,
    POSTINGS_BUDGET,
    SHORT_CLAIM_TERMS,
    SHORT_POSTINGS_BUDGET,
    WEAK_MIN_SCORE,
    QueryTerm,
    choose_terms,
    correction,
    fold,
    fts_expression,
    index_terms,
    match_note,
    normalise,
    query_terms,
)
from workbench.matching.rerank import (
    PreparedQuery,
    StoredMatch,
    corroboration,
    explain,
    rerank,
    score,
)
from workbench.model import LinkKind, MatchRelation, MatchResult, SentenceHit


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Kadhimí", "kadhimi"),
        ("Iraq's embassy", "iraq embassy"),
        ("Iraq’s embassy", "iraq embassy"),
        ("the troops' bases", "the troops bases"),
        ("Shi'ite", "shi'ite"),  # not a possessive: FTS5 splits it, and so does normalise()
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


def test_normalise_drops_urls_and_punctuation():
    assert normalise("Pompeo called Saleh! https://t.co/abc #Iraq") == "pompeo called saleh iraq"


def test_query_terms_short_claim():
    terms = query_terms("Pompeo called Saleh")
    assert [(t.word, t.key) for t in terms] == [("pompeo", "pompeo"), ("called", "call"), ("saleh", "saleh")]
    assert fts_expression([(t,) for t in terms]) == '"pompeo" OR "call" OR "saleh"'


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("The troops were called back", ["troop", "call", "back"]),
        ("Elections, elected, electing", ["elect", "elect", "elect"]),  # repeats kept: BM25 counts them
        ("The news of the general", ["news", "general"]),  # Snowball, not Porter (new, gener)
        ("Kadhimí's #BlackHistoryMonth", ["kadhimi", "blackhistorymonth", "black", "histori", "month"]),
        ("It is what it is", []),
    ],
)
def test_index_terms_are_snowball_stems_of_the_content_words(text, terms):
    assert index_terms(text) == terms


def test_a_query_term_is_the_index_term_of_its_word():
    for claim in ("Pompeo called Saleh", "The unemployment rates rose in September", "Troops leaving Iraq"):
        assert {t.key for t in query_terms(claim)} == set(index_terms(claim))


def test_query_terms_drop_stopwords_and_possessives():
    terms = query_terms("The US said it would close Iraq's embassy")
    assert [t.word for t in terms] == ["us", "close", "iraq", "embassy"]


def test_query_terms_of_stopwords_only_is_empty():
    assert query_terms("The and of it") == []


def _keys(groups):
    return [tuple(t.key for t in g) for g in groups]


def test_choose_terms_prefers_rare_terms_within_budget():
    terms = [QueryTerm(w, w) for w in ("common", "rare", "middle", "absent")]
    df = {"common": 900_000, "rare": 3, "middle": SHORT_POSTINGS_BUDGET - 3, "absent": 0}
    assert _keys(choose_terms(terms, df, 1_000_000)) == [("rare",), ("middle",)]


def test_choose_terms_long_claims_have_the_larger_budget():
    terms = [QueryTerm(f"w{i}", f"w{i}") for i in range(SHORT_CLAIM_TERMS)]
    df = {t.key: POSTINGS_BUDGET // SHORT_CLAIM_TERMS for t in terms}
    assert _keys(choose_terms(terms, df, 1_000_000)) == [(t.key,) for t in terms]  # all alone, no pairs
    short = _keys(choose_terms(terms[:-1], df, 1_000_000))  # a short claim: one lone term, then pairs
    assert short[0] == ("w0",) and len(short) > 1 and all(len(g) == 2 for g in short[1:])


def test_choose_terms_pairs_beside_two_lone_terms():
    # a short claim whose rare words are typos corrected to other words ("Presiednt" -> present)
    # is found by its common words together: pairs of the rarest lone term and the next ones
    terms = [QueryTerm(w, w) for w in ("fed", "present", "send", "york", "show")]
    df = {"fed": 200, "present": 290, "send": 4249, "york": 6918, "show": 61867}
    groups = _keys(choose_terms(terms, df, 1_000_000))
    assert groups == [("fed",), ("present",), ("fed", "send"), ("fed", "york"), ("send", "york")]
    # "present" is searched alone already; "show" is in 6% of sentences: never intersected
    assert not any("show" in g for g in groups)  # in 6% of sentences: never intersected


def test_choose_terms_pairs_common_terms():
    terms = [QueryTerm(w, w) for w in ("rare", "c1", "c2", "c3", "huge")]
    df = {
        "rare": 10,
        "c1": POSTINGS_BUDGET,
        "c2": POSTINGS_BUDGET * 2,
        "c3": POSTINGS_BUDGET * 3,
        "huge": 900_000,
    }
    groups = _keys(choose_terms(terms, df, 1_000_000))
    assert groups[0] == ("rare",)
    assert ("rare", "c1") in groups and ("c1", "c2") in groups and ("c2", "c3") in groups
    assert not any("huge" in g for g in groups)  # in most sentences: never worth intersecting


def test_choose_terms_lone_common_word():
    assert _keys(choose_terms([QueryTerm("iraq", "iraq")], {"iraq": POSTINGS_BUDGET * 4}, 1_000_000)) == [
        ("iraq",)
    ]


def test_fts_expression_groups():
    a, b, c = (QueryTerm(w, w) for w in "abc")
    assert fts_expression([(a,), (b, c)]) == '"a" OR ("b" AND "c")'


def test_choose_terms_caps_long_queries():
    terms = [QueryTerm(f"w{i}", f"w{i}") for i in range(MAX_QUERY_TERMS + 10)]
    assert len(choose_terms(terms, {t.key: 1 for t in terms})) == MAX_QUERY_TERMS


@pytest.mark.parametrize(
    ("word", "vocabulary", "expected"),
    [
        ("kadhimi", ["kadhemi", "kadima", "kataeb"], "kadhemi"),
        ("pompoe", ["pompeo", "pomp"], "pompeo"),
        ("saleh", ["sadr", "sanctions"], None),
        ("abc", ["abd"], None),  # too short to correct
    ],
)
def test_correction(word, vocabulary, expected):
    assert correction(word, vocabulary) == expected


def _hits(*texts: str) -> list[SentenceHit]:
    return [SentenceHit(i + 1, 10 + i, 0, len(t), t, rank=-1.0) for i, t in enumerate(texts)]


def test_rerank_puts_the_paraphrase_first():
    hits = _hits(
        "Pompeo visited Baghdad on Monday and met officials.",
        "In a new escalation, US Secretary of State Mike Pompeo called Iraqi President Barham Saleh last week.",
        "Saleh said the call went well.",
    )
    ranked = rerank(PreparedQuery.build("Pompeo called Saleh"), hits)
    assert ranked[0][0].sentence_id == 2
    assert ranked[0][1] > ranked[-1][1]


def test_short_stored_texts_do_not_match_everything():
    query = PreparedQuery.build("Obama said the border wall would cost 25 billion dollars, Reuters reported")
    assert score(query, "The") == 0.0
    assert score(query, "Obama") < 30  # a one-word text carries little evidence
    assert score(query, "Obama said the border wall would cost 25 billion dollars.") > 70


@pytest.mark.parametrize(
    ("claim", "sentence", "relation"),
    [
        ("around 3,000 troops", "The US has 5,200 troops in Iraq.", MatchRelation.CONFLICT),
        ("3,000 troops", "The US has 5,200 troops in Iraq.", MatchRelation.CONFLICT),
        ("around 3,000 troops", "The US has 3,000 troops in Iraq.", MatchRelation.AGREE),
        ("120 sites", "It threatened to bomb more than 120 sites.", MatchRelation.AGREE),
        ("3,000 troops", "The embassy has 3,000 employees.", MatchRelation.UNRELATED),
        ("Pompeo called Saleh", "Pompeo called Saleh last week.", MatchRelation.AGREE),
        ("Pompeo called Saleh", "Obama met Merkel in Berlin last week.", MatchRelation.UNRELATED),
    ],
)
def test_number_relations(claim, sentence, relation):
    assert explain(claim, sentence).relation is relation


def test_explain_gives_names_terms_and_numbers():
    reasons = explain(
        "Mike Pompeo said around 3,000 troops would leave Iraq",
        "Pompeo told reporters that 5,200 troops are based in Iraq.",
    )
    assert "pompeo" in reasons.shared_names and "iraq" in reasons.shared_names
    assert "troops" in reasons.shared_terms
    assert reasons.conflicts == ("around 3,000 troops ≠ 5,200 troops",)
    assert reasons.relation is MatchRelation.CONFLICT
    assert reasons.to_json()["conflicts"] == ["around 3,000 troops ≠ 5,200 troops"]


def _stored(id_, source, relation=MatchRelation.AGREE, link=None, score_=50.0) -> StoredMatch:
    result = MatchResult(article_id=abs(source), start=0, end=1, text="x", score=score_, relation=relation)
    return StoredMatch(id_, 1, result, link, source)


def test_corroboration_counts_independent_sources():
    matches = [
        _stored(1, 7, score_=90),  # wire group 7: two copies of one story
        _stored(2, 7, score_=80),
        _stored(3, -12),
        _stored(4, -13, MatchRelation.CONFLICT),
        _stored(5, -14, MatchRelation.CONFLICT, link=LinkKind.CORROBORATES),  # a person overrules
        _stored(6, -15, MatchRelation.AGREE, link=LinkKind.CONTRADICTS),
    ]
    result = corroboration(matches)
    assert result.counts == (3, 2)
    assert [m.id for m in result.corroborating] == [1, 3, 5]
    assert {m.id for m in result.conflicting} == {4, 6}


def test_hashtags_and_handles_are_searched_by_their_words():
    keys = [t.word for t in query_terms("Wow #BlackHistoryMonth says @realDonaldTrump and #MAGA")]
    assert keys == [
        "wow",
        "blackhistorymonth",
        "black",
        "history",
        "month",
        "realdonaldtrump",
        "real",
        "donald",
        "trump",
        "maga",
    ]


def _weights(text: str) -> dict[str, float]:
    return {t.word: t.weight for t in query_terms(text)}


@pytest.mark.parametrize(
    ("text", "dated", "plain"),
    [
        ("Trump fans — James Cook (@BBCJamesCook) June 4, 2019", {"june", "4", "2019"}, {"trump", "fans"}),
        ("On 14 August 2017, protesters removed the flag", {"14", "august", "2017"}, {"protesters", "flag"}),
        ("Sales fell in Sept. 2018 by 4 percent", {"sept", "2018"}, {"sales", "4"}),
        ("The 2016 election was rigged", set(), {"2016", "election"}),  # a bare year is no date
        ("Troops march on the capital in May", set(), {"troops", "march", "capital"}),  # "march" the verb
        ("2019 was the year; 2019 came on June 4, 2019", {"june", "4"}, {"2019"}),  # used outside it too
    ],
)
def test_a_date_weighs_less_than_what_the_claim_says(text, dated, plain):
    weights = _weights(text)
    assert {w for w in dated if weights[w] == DATE_WEIGHT} == dated
    assert all(weights[w] == 1.0 for w in plain)


def test_a_spelt_out_tag_weighs_less_as_one_joined_term():
    weights = _weights("Wow #BlackHistoryMonth says @realDonaldTrump and #MAGA")
    assert weights["blackhistorymonth"] == weights["realdonaldtrump"] == JOINED_TAG_WEIGHT < 1.0
    assert weights["black"] == weights["trump"] == weights["maga"] == 1.0  # "#MAGA" is its only term


def test_query_weights_are_idf_times_the_term_weight():
    df, total = {"june": 50, "protest": 50}, 1000
    query = PreparedQuery.build("protest June 4", df, total)
    assert query.weights["june"] == pytest.approx(query.weights["protest"] * DATE_WEIGHT)


def test_a_statement_title_restating_the_claim_counts_as_contained():
    """A long claim (a tweet) covers a short statement's title better than its longer text: the
    better of the two back coverages counts."""
    query = PreparedQuery.build(
        "Ilhan Omar wants Sharia law in Minnesota, she said it at a rally today, wake up people #MAGA"
    )
    text = "A video shows the congresswoman telling a crowd she supports religious courts in the state."
    title = "Does Ilhan Omar Want Sharia Law in Minnesota?"
    # the title wholly in the claim counts as a short stored text inside it (W_CONTAINED): more
    # than the same words run into the text, where they are a third of a longer sentence
    assert score(query, text, title=title) >= score(query, f"{text} {title}") + 5
    assert score(query, text, title="Congresswoman video") == score(query, text)  # nothing shared


@pytest.mark.parametrize(
    ("claim", "note"),
    [
        ("Obama", "Too short to match well (1 content word: only obama)"),
        ("rigged election", "Too short to match well (2 content words: only rigged, election)"),
        (
            "were the latest signs of a 'rigged election'",
            "Too short to match well: a fragment (it starts with 'were'",
        ),
        (
            "of the many things the senate voted on",
            "Too short to match well: a fragment (it starts with 'of'",
        ),
        ("Pompeo called Saleh", ""),  # three content words with names: a claim
        ("were among the 3,000 troops leaving", ""),  # a figure is a checkable core
        ("were the latest signs, Trump said", ""),  # a name is too
        ("i constantly eat watermelon when it's in season", ""),  # a pronoun starts a whole clause
        ("The unemployment rate rose to 5 percent in September", ""),
    ],
)
def test_match_note_for_claims_too_short_to_match_well(claim, note):
    found = match_note(claim)
    assert found.startswith(note) if note else found == ""


def test_a_claim_too_short_to_match_well_shows_only_near_verbatim_matches():
    hits = [
        SentenceHit(1, 1, 0, 0, "The election was held in November and turnout was high."),
        SentenceHit(
            2, 2, 0, 0, "Critics said these were the latest signs of a 'rigged election' in the county."
        ),
    ]
    fragment = PreparedQuery.build("were the latest signs of a 'rigged election'")
    assert fragment.note and fragment.cutoff == WEAK_MIN_SCORE
    assert [h.sentence_id for h, _ in rerank(fragment, hits)] == [2]
    # the same words in a whole claim: the loose match is shown as well
    claim = PreparedQuery.build("Officials said these were the latest signs of a 'rigged election'")
    assert not claim.note and [h.sentence_id for h, _ in rerank(claim, hits)] == [2, 1]

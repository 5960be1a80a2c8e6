"""The JSON-LD exports pass the real validators (issue 14): every ClaimReview against Google's
required and recommended fields and schema.org's vocabulary, every W3C export against the W3C
test-suite schemas, and pyld expands both with no term dropped. No test touches the network:
pyld's document loader serves local copies of the contexts (tests/data/jsonld/)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator
from pyld import jsonld
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4
from report_seed import seed_claims

from db.queries.report_data import load_report_data
from workbench.reports.claimreview import (
    CLAIM_REVIEWED_LIMIT,
    check_claimreview,
    claim_reviews,
    missing_recommended,
    render_claimreview,
)
from workbench.reports.w3c import WB_NS, render_w3c, text_sha256

DATA = Path(__file__).resolve().parent / "data"
W3C_TESTS = DATA / "w3c-annotation-tests"
CONTEXTS = {
    "http://www.w3.org/ns/anno.jsonld": DATA / "jsonld" / "anno.jsonld",
    "https://schema.org": DATA / "jsonld" / "schemaorg-claimreview.jsonld",
}
NAMESPACES = (
    "http://www.w3.org/ns/oa#",
    "http://purl.org/dc/terms/",
    "http://purl.org/dc/elements/1.1/",
    "http://www.w3.org/ns/activitystreams#",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://www.w3.org/2000/01/rdf-schema#",
    "http://xmlns.com/foaf/0.1/",
    "http://schema.org/",
    WB_NS,
)
# schema.org 26.0: the properties each type our ClaimReview uses may carry (own and inherited from
# Review < CreativeWork < Thing; Claim < CreativeWork; Rating < Intangible < Thing).
THING = {"name", "url", "alternateName", "sameAs", "description", "identifier", "image"}
CREATIVE_WORK = THING | {"author", "datePublished", "headline", "publisher", "text", "dateModified"}
SCHEMA_PROPERTIES = {
    "ClaimReview": CREATIVE_WORK | {"itemReviewed", "reviewRating", "reviewBody", "claimReviewed"},
    "Claim": CREATIVE_WORK | {"appearance", "firstAppearance", "claimInterpreter"},
    "NewsArticle": CREATIVE_WORK | {"dateline"},
    "Rating": THING | {"ratingValue", "bestRating", "worstRating", "author", "ratingExplanation"},
    "Organization": THING,
    "Person": THING,
}


# --- fixtures ---------------------------------------------------------------------------------------


@pytest.fixture
def seeded(seed_ws):
    return seed_claims(seed_ws, 1)


@pytest.fixture
def data(seed_ws, seeded):
    return load_report_data(
        seed_ws,
        None,
        organisation="Desk Checks",
        organisation_url="https://desk.example/",
        generated_at="2026-12-02T10:00:00+00:00",
    )


def with_article(data, **fields):
    """The report with the first article's metadata changed (a URL, a date...)."""
    first = data.articles[0]
    return replace(
        data, articles=(replace(first, article=replace(first.article, **fields)), *data.articles[1:])
    )


def complete(data):
    return with_article(data, url="https://news.example/iraq-embassy", date="2020-09-28T08:30:00+03:00")


# --- pyld against local contexts ---------------------------------------------------------------------


def local_loader(url: str, options: dict | None = None) -> dict[str, Any]:
    path = CONTEXTS.get(url.rstrip("/"))
    if path is None:
        raise jsonld.JsonLdError(f"the tests fetch nothing: {url}", "loading document failed")
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": json.loads(path.read_text()),
    }


def expand(document: Any) -> list[Any]:
    return jsonld.expand(document, {"documentLoader": local_loader})


def compact_leaves(node: Any) -> int:
    """Scalar values of a compact document (outside @context): each must survive expansion."""
    if isinstance(node, dict):
        return sum(compact_leaves(v) for k, v in node.items() if k != "@context")
    if isinstance(node, list):
        return sum(compact_leaves(v) for v in node)
    return 0 if node is None else 1


def expanded_leaves(node: Any) -> int:
    if isinstance(node, list):
        return sum(expanded_leaves(v) for v in node)
    if not isinstance(node, dict):
        return 0
    if "@value" in node:
        return 1  # its @type is the datatype the context gave, not a value of the document
    count = 1 if "@id" in node else 0
    types = node.get("@type", [])
    count += len(types) if isinstance(types, list) else 1
    return count + sum(expanded_leaves(v) for k, v in node.items() if k not in ("@id", "@type"))


def properties(node: Any) -> set[str]:
    if isinstance(node, list):
        return set().union(*(properties(v) for v in node)) if node else set()
    if not isinstance(node, dict):
        return set()
    own = {k for k in node if not k.startswith("@")}
    return own.union(*(properties(v) for v in node.values()))


def assert_nothing_dropped(document: Any) -> list[Any]:
    expanded = expand(document)
    assert expanded_leaves(expanded) == compact_leaves(document)
    outside = {p for p in properties(expanded) if not p.startswith(NAMESPACES)}
    assert not outside, f"expanded to IRIs outside the known vocabularies: {sorted(outside)}"
    return expanded


def test_the_loader_fetches_nothing():
    with pytest.raises(jsonld.JsonLdError):
        expand({"@context": "https://example.org/ctx.jsonld", "a": 1})


def test_the_dropped_term_check_can_fail(data):
    review = claim_reviews(complete(data))[0]
    review["ratingExplanaton"] = "a misspelt property"  # not in schema.org: expansion drops it
    with pytest.raises(AssertionError):
        assert_nothing_dropped(review)
    collection = json.loads(render_w3c(data))
    collection["first"]["items"][0]["body"][2]["wb:attribution"]["phrase"] = "an un-prefixed term"
    with pytest.raises(AssertionError):
        assert_nothing_dropped(collection)


# --- ClaimReview ------------------------------------------------------------------------------------


def schema_type_errors(node: Any, path: str = "") -> list[str]:
    """Properties schema.org does not define for the node's type (schema.org 26.0, SCHEMA_PROPERTIES)."""
    errors = []
    if isinstance(node, list):
        for i, item in enumerate(node):
            errors += schema_type_errors(item, f"{path}[{i}]")
    elif isinstance(node, dict):
        kind = node.get("@type")
        allowed = SCHEMA_PROPERTIES.get(kind)
        if allowed is None:
            errors.append(f"{path or 'root'}: unknown type {kind!r}")
            allowed = set()
        for key, value in node.items():
            if key.startswith("@"):
                continue
            if key not in allowed:
                errors.append(f"{path}.{key}: not a property of {kind}")
            errors += schema_type_errors(value, f"{path}.{key}")
    return errors


@pytest.mark.parametrize("variant", ["complete", "bare"])
def test_every_claimreview_passes_google_schema_org_and_pyld(data, variant):
    report = complete(data) if variant == "complete" else with_article(data, url="", date="spring 2020")
    reviews = json.loads(render_claimreview(report))
    assert len(reviews) == 5
    for review in reviews:
        assert check_claimreview(review) == [], review
        assert schema_type_errors(review) == [], review
        assert len(review["claimReviewed"]) <= CLAIM_REVIEWED_LIMIT
        assert review["url"].startswith("https://desk.example/fact-checks/claim-")
        assert "news.example" not in review["url"]  # never the reviewed article's page
    assert_nothing_dropped(reviews)
    missing = {path for review in reviews for path in missing_recommended(review)}
    if variant == "complete":
        # Every recommended field is there, but an author for claims whose source nobody resolved.
        assert missing <= {"itemReviewed.author.@type", "itemReviewed.author.name"}
        for review in reviews:
            item = review["itemReviewed"]
            assert (
                item["appearance"]["url"]
                == item["firstAppearance"]["url"]
                == "https://news.example/iraq-embassy"
            )
            assert item["datePublished"] == "2020-09-28T08:30:00+03:00"
            assert review["reviewRating"]["name"] == review["reviewRating"]["alternateName"]
    else:
        assert {"itemReviewed.datePublished", "itemReviewed.firstAppearance"} <= missing
        assert all("url" not in r["itemReviewed"]["appearance"] for r in reviews)


def test_claimreview_authors_come_only_from_resolved_sources(seed_ws, seeded, data):
    # A source phrase nobody resolved (a headline fragment the extractor took for a name) is no author.
    claim_id = seeded.claims["mamouri"]
    seed_ws.db.execute(
        "UPDATE attributions SET source_id = NULL, phrase = 'Witness Debunks' WHERE claim_id = ?", [claim_id]
    )
    report = load_report_data(seed_ws, 1, organisation="D", organisation_url="https://desk.example")
    by_id = {f"claim-{c.id}": c for c in report.articles[0].claims}
    reviews = {r["url"].rsplit("/", 1)[-1]: r for r in claim_reviews(report)}
    assert "author" not in reviews[f"claim-{claim_id}"]["itemReviewed"]
    named = [r["itemReviewed"]["author"]["name"] for r in reviews.values() if "author" in r["itemReviewed"]]
    assert "Witness Debunks" not in named
    assert all(
        by_id[k].source_id is not None or by_id[k].source_kind is None
        for k in reviews
        if "author" in reviews[k]["itemReviewed"]
        and reviews[k]["itemReviewed"]["author"]["@type"] == "Person"
    )


def test_the_claim_path_makes_the_review_url_on_the_organisations_site(data):
    from workbench.reports.claimreview import ClaimPathError

    report = replace(
        complete(data),
        organisation_url="https://desk.example/checks/",
        claim_path="/{article}/claims/{claim}",
    )
    urls = [r["url"] for r in claim_reviews(report)]
    assert all(u.startswith("https://desk.example/checks/1/claims/") for u in urls)
    with pytest.raises(ClaimPathError, match="placeholder"):
        claim_reviews(replace(report, claim_path="/{slug}"))
    # A path is always under the organisation's address, whatever it says.
    sneaky = claim_reviews(replace(report, claim_path="//evil.example/{claim}"))
    assert all(r["url"].startswith("https://desk.example/checks/") for r in sneaky)
    anchored = claim_reviews(replace(report, claim_path="#claim-{claim}"))
    assert all(r["url"].startswith("https://desk.example/checks/#claim-") for r in anchored)


def test_the_google_check_can_fail(data):
    review = claim_reviews(complete(data))[0]
    del review["url"]
    review["claimReviewed"] = "x" * 80
    problems = check_claimreview(review)
    assert "url" in problems and any("claimReviewed" in p for p in problems)


# --- W3C Web Annotation ----------------------------------------------------------------------------


def w3c_registry() -> Registry:
    resources = []
    for path in W3C_TESTS.rglob("*.json"):
        schema = json.loads(path.read_text())
        resources.append((schema["id"], Resource.from_contents(schema, default_specification=DRAFT4)))
    return Registry().with_resources(resources)


REGISTRY = w3c_registry()


def w3c_failures(test: str, instance: Any) -> list[str]:
    """The assertions of a W3C test-suite test that `instance` fails, as the W3C harness decides."""
    failures = []
    for assertion in json.loads((W3C_TESTS / test).read_text())["assertions"]:
        schema = json.loads((W3C_TESTS / assertion).read_text())
        validator = Draft4Validator(schema, registry=REGISTRY, format_checker=Draft4Validator.FORMAT_CHECKER)
        valid = validator.is_valid(instance)
        expected = schema.get("expectedResult", "valid") == "valid"
        if valid != expected and schema.get("onUnexpectedResult", "").startswith("fail"):
            failures.append(f"{assertion}: {schema.get('errorMessage', '')}")
    return failures


@pytest.mark.parametrize("variant", ["complete", "bare"])
def test_every_w3c_export_passes_the_w3c_schemas_and_pyld(data, variant):
    report = complete(data) if variant == "complete" else data
    collection = json.loads(render_w3c(report))
    assert w3c_failures("collections/collectionMusts.test", collection) == []
    assert w3c_failures("collections/pages/pageMusts.test", collection) == []
    items = collection["first"]["items"]
    assert len(items) == collection["total"] == 6
    for item in items:
        assert w3c_failures("annotations/annotationMusts.test", item) == [], item["id"]
    expanded = assert_nothing_dropped(collection)
    text = json.dumps(expanded)
    for term in ("phrase", "kind", "cue", "sourceStart", "sourceEnd", "mark", "articleId", "sha256"):
        assert f"{WB_NS}{term}" in text, term


def test_the_w3c_check_can_fail(data):
    collection = json.loads(render_w3c(data))
    del collection["id"]
    del collection["first"]["items"][0]["target"]
    assert any(
        "collectionIdValidated" in f for f in w3c_failures("collections/collectionMusts.test", collection)
    )
    item = collection["first"]["items"][0]
    assert any("targetKeyFound" in f for f in w3c_failures("annotations/annotationMusts.test", item))


def test_w3c_targets_are_ids_anyone_can_recompute(data):
    collection = json.loads(render_w3c(data))
    article = data.articles[0].article
    sources = {i["target"]["source"] for i in collection["first"]["items"]}
    assert sources == {f"urn:sha256:{text_sha256(article.text)}"}  # the seed article has no URL
    refs = collection["wb:articles"]
    assert refs[0]["wb:articleId"] == article.id and refs[0]["wb:sha256"] == text_sha256(article.text)
    again = json.loads(render_w3c(data))
    assert (again["id"], again["first"]["id"]) == (collection["id"], collection["first"]["id"])
    assert collection["first"]["partOf"] == collection["id"]


def test_an_earlier_w3c_export_still_imports(seed_ws, seeded, data, tmp_path):
    """Exports made before issue 14 used un-prefixed names inside wb:attribution and wb:articles."""
    from db.flows.annotations import import_annotations
    from workbench.reports.w3c import parse_annotations

    collection = json.loads(render_w3c(data))
    for ref in collection["wb:articles"]:
        for key in list(ref):
            ref[key.removeprefix("wb:")] = ref.pop(key)
    for item in collection["first"]["items"]:
        attribution = item["body"][2]["wb:attribution"]
        for key in list(attribution):
            attribution[key.removeprefix("wb:")] = attribution.pop(key)
    parsed = parse_annotations(json.dumps(collection))
    assert {p.attribution.source for p in parsed if p.attribution} >= {"Mr Ali Mamouri"}
    path = tmp_path / "old.jsonld"
    path.write_text(json.dumps(collection), encoding="utf-8")
    assert import_annotations(seed_ws, path).existing == 6  # found the article, every span already there

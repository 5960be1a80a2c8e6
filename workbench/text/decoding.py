"""Turning bytes from disk into article text: encodings, newlines, wire and byline metadata.

The rule is "keep the text exactly": after decoding and newline normalisation the only
thing removed from a plain-text article is metadata the format puts around the body (the
wire header ` date YYYY-MM-DD PLACE • ` and the trailing all-caps credit line).
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from dataclasses import dataclass

from workbench.model import ArticleMeta

# A one-line first paragraph short enough to be a headline, even with a final full stop.
_HEADLINE_LINE = re.compile(r"[^\n]{1,150}")
_LINE = re.compile(r"[^\n]+")
_MARKDOWN_HEADING = re.compile(r"#\s+(.+?)\s*#*\s*(\n|\Z)")


class TextError(ValueError):
    """A file's bytes cannot be turned into article text."""


class BinaryContent(TextError):
    """The bytes are not text (an image, an archive, an executable...)."""


class EmptyContent(TextError):
    """The file holds no text at all (or only white space)."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    unsure: str = ""  # "" when the encoding is certain; else why not (workbench/text/charsets.py)


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Bytes that are control characters in every text encoding we accept.
_CONTROL = set(range(0, 9)) | {11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 28, 29, 30, 31}


def decode_bytes(data: bytes) -> Decoded:
    """Decode file bytes: UTF-8 (with or without BOM), UTF-16/32, else a legacy encoding.

    Mixed files (some lines UTF-8 with non-ASCII text, others not) are decoded line by line, the
    others as cp1252. A file in one legacy encoding gets a second opinion from charset-normalizer
    (`workbench.text.charsets.guess_legacy`), which also says when the guess is unsure.

    Raises:
        BinaryContent: the bytes look like a binary file.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), encoding.replace("-sig", "") + " (BOM)")
            except UnicodeDecodeError as exc:
                raise BinaryContent(
                    f"starts with a {encoding} byte-order mark but is not {encoding}"
                ) from exc
    utf16 = _sniff_utf16(data)
    if utf16:
        try:
            return Decoded(data.decode(utf16), utf16)
        except UnicodeDecodeError:
            pass
    if _looks_binary(data):
        raise BinaryContent("looks like a binary file, not text")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    lines = data.splitlines(keepends=True)
    if not any(_is_utf8_text(line) for line in lines):
        from workbench.text.charsets import guess_legacy

        guess = guess_legacy(data)
        return Decoded(guess.text, guess.encoding, guess.unsure)
    decoded = []
    for line in lines:
        try:
            decoded.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            decoded.append(_decode_cp1252(line))
    return Decoded("".join(decoded), "mixed utf-8/cp1252")


def _is_utf8_text(line: bytes) -> bool:
    """A line with non-ASCII bytes that is valid UTF-8 (a legacy encoding almost never is)."""
    if all(b < 0x80 for b in line):
        return False
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _decode_cp1252(data: bytes) -> str:
    """cp1252 leaves five bytes undefined; latin-1 maps every byte, so those fall back to it."""
    if not any(b in _CP1252_UNDEFINED for b in data):
        return data.decode("cp1252")
    return "".join(bytes([b]).decode("latin-1" if b in _CP1252_UNDEFINED else "cp1252") for b in data)


_CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}


def _sniff_utf16(data: bytes) -> str | None:
    """Recognise UTF-16 without a BOM from the NUL bytes of ASCII characters."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > 0.4 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.4 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b in _CONTROL)
    return controls > 0.02 * len(sample)


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF; a leading BOM character is dropped. Nothing else changes."""
    text = text.lstrip("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def text_hash(text: str) -> str:
    """A hash of the text that ignores case, white space and Unicode form: finds re-imports."""
    folded = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


# --- the wire format of the seed ------------------------------------------------------------

_WIRE_HEADER = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\s+(.*?)\s*[•·]\s*")
_CREDIT_LINE = re.compile(r"\n\s*([A-Z][A-Z .&'\-]{1,60}[A-Z.])\s*\Z")
_KNOWN_AGENCIES = {
    "AGENCE FRANCE-PRESSE": "Agence France-Presse",
    "AFP": "AFP",
    "AP": "Associated Press",
    "ASSOCIATED PRESS": "Associated Press",
    "THE ASSOCIATED PRESS": "Associated Press",
    "REUTERS": "Reuters",
    "DPA": "dpa",
    "BLOOMBERG": "Bloomberg",
    "XINHUA": "Xinhua",
    "EFE": "EFE",
    "ANSA": "ANSA",
}


def agency_display_name(credit: str) -> str:
    """'AGENCE FRANCE-PRESSE' -> 'Agence France-Presse'; short acronyms stay upper case."""
    credit = " ".join(credit.split())
    if credit.upper() in _KNOWN_AGENCIES:
        return _KNOWN_AGENCIES[credit.upper()]
    return " ".join(w if len(w) <= 4 and "." not in w else w.title() for w in credit.split())


@dataclass(frozen=True, slots=True)
class WireParts:
    body: str
    date: str = ""
    dateline: str = ""
    agency: str = ""


def parse_wire(text: str) -> WireParts:
    """Split the wire header and the credit line off a plain-text article.

    ` date 2020-09-28 BAGHDAD • Enraged by...` gives date and dateline; a trailing line in
    capitals ("AGENCE FRANCE-PRESSE") gives the agency. The body is what is left, stripped of
    surrounding white space but otherwise exactly as written.
    """
    date = dateline = agency = ""
    header = _WIRE_HEADER.match(text)
    if header:
        date, dateline = header.group(1), header.group(2).strip()
        text = text[header.end() :]
    credit = _CREDIT_LINE.search(text)
    if credit and not any(c.islower() for c in credit.group(1)) and len(credit.group(1).split()) <= 6:
        agency = " ".join(credit.group(1).split())  # kept as written; agency_display_name() for display
        text = text[: credit.start()]
    return WireParts(text.strip(), date, dateline, agency)


def derive_title(body: str, limit: int = 90) -> str:
    """A title for an article that has none: the first sentence of its first line, through the
    sentence splitter (so "U.S.", "Jan." and "Mr." do not end it), cut at a word boundary."""
    from workbench.text.sentences import split_sentences

    first = body.strip().split("\n", 1)[0]
    sentences = split_sentences(first)
    if sentences and sentences[0].end <= limit:
        return first[sentences[0].start : sentences[0].end].strip().rstrip(".!?").strip()
    if len(first) <= limit:
        return first.strip()
    cut = first[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def split_headline(text: str) -> tuple[str, str]:
    """A first line that reads as a headline (short, no final full stop, a blank or text after it).

    Returns (headline, rest); headline is "" when the first line is body text.
    """
    first, sep, rest = text.partition("\n")
    line = first.strip()
    if not sep or not line or len(line) > 150 or line.endswith((".", ",", ";", ":")):
        return "", text
    if not rest.strip():
        return "", text
    return line, rest


# "CAIRO, March 14 (Reuters) -", "WASHINGTON (AP) —", "NIAMEY (AFP) -", "SAVANNAH, Ga., June 3, 2024
# /PRNewswire/ --", "NAIROBI —": a place in capitals, an optional date and agency, then a dash.
DATELINE_RE = re.compile(
    r"(?P<place>[A-Z][A-Z .'’-]{1,40}[A-Z])(?:,\s*[A-Z][a-z]{1,5}\.?)?"
    r"(?:,\s*(?P<date>(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})(?:,\s*\d{4})?))?"
    r"\s*(?:\((?P<agency>[A-Z][\w .&'’-]{0,40})\)|/(?P<wire>[A-Za-z][\w .&-]{0,30})/)?"
    r"\s*(?:--|[-–—])\s+"
)
# A whole line that is a byline, a credit or a sign-off: never body text to extract claims from.
BYLINE_RE = re.compile(
    r"By\s+[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|and|de|van|von|al-\w+)){0,5}(?:\s*[·|•–—]\s*.{0,60}|,\s*[A-Z][\w.]*(?:\s+[A-Z\d][\w.,]*){0,5})?"
)
CREDIT_RE = re.compile(
    r"\(?\s*(?:(?:Additional\s+)?[Rr]eporting|Writing|Editing|Compiled|Edited|Produced|Graphics|Photos?)\s+by\b.*"
    r"|.*\bcontributed (?:to )?(?:this|the) (?:report|story|article)\.?"
    r"|(?:Republished|Reprinted|Syndicated)\s+(?:from|with permission)\b.*"
    r"|[a-z]{2,4}(?:-[a-z]{2,4})?(?:/[a-z]{2,4}){1,4}"  # AFP sign-off "bur-sd/jm/ach"
    r"|(?:FOR IMMEDIATE RELEASE|Media contacts?:?|Press contacts?:?|Contacts?:|Issued by:?|SOURCE\s+.+|###|-ENDS-|ENDS)"
)


# "By Jane Doe, Associated Press", "By JANE DOE · Reuters", "By Jane Doe and Tom Roe | AFP",
# "By Jane Doe, AP Business Writer": the agency named in a byline.
_AGENCY_NAMES = "|".join(sorted((re.escape(k) for k in _KNOWN_AGENCIES), key=len, reverse=True))
_BYLINE_AGENCY = re.compile(
    r"By\s+[^,·|•–—]{2,80}?(?:,|\s*[·|•–—])\s*(?P<agency>" + _AGENCY_NAMES + r")\b"
    r"(?:\s+(?:[A-Z][a-z]+\s+)?[Ww]riters?)?\s*[.,]?\s*(?:[·|•–—].*)?",
    re.IGNORECASE,
)
# "Associated Press writer Tom Roe contributed to this report.", "— Reuters": a credit line.
_CREDIT_AGENCY = re.compile(
    r"(?:(?P<writer>" + _AGENCY_NAMES + r")\s+(?:[A-Z][a-z]+\s+)?writers?\b.*\bcontributed\b.*"
    r"|[–—-]{1,2}\s*(?P<sign>" + _AGENCY_NAMES + r")\.?)",
    re.IGNORECASE,
)


def furniture_agency(line: str) -> str:
    """The agency a byline or credit line names ("By Jane Doe, Associated Press" -> "Associated
    Press"), as written; "" when it names none."""
    line = line.strip()
    m = _BYLINE_AGENCY.fullmatch(line)
    if m is not None:
        return m.group("agency")
    m = _CREDIT_AGENCY.fullmatch(line)
    if m is not None:
        return m.group("writer") or m.group("sign")
    return ""


def find_dateline(text: str, pos: int = 0) -> re.Match[str] | None:
    """A wire dateline at `pos` (the start of a paragraph), or None."""
    m = DATELINE_RE.match(text, pos)
    if m is None or not any(c.isalpha() for c in m.group("place")):
        return None
    return m


def is_furniture(line: str) -> bool:
    """A byline, credit line, sign-off or metadata line ("By Jane Doe · 2 May 2024",
    "(Reporting by X; Editing by Y)", "2024-08-14 · Meridian News Service · MANILA")."""
    line = line.strip()
    return len(line) < 200 and (
        BYLINE_RE.fullmatch(line) is not None
        or CREDIT_RE.fullmatch(line) is not None
        or parse_meta_line(line) is not None
    )


_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for m in names
}
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?")
_MDY_DATE = re.compile(r"(?:[A-Z][a-z]+,?\s+)?([A-Z][a-z]{2,8})\.?\s+(\d{1,2}),?\s+(\d{4})")
_DMY_DATE = re.compile(r"(?:[A-Z][a-z]+,?\s+)?(\d{1,2})\s+([A-Z][a-z]{2,8})\.?,?\s+(\d{4})")
_META_SEPARATORS = re.compile(r"\s*[·|•]\s*|\s+[-–—]\s+")
# A place in capitals: "MANILA", "BISMARCK, N.D.", "WEXFORD CITY", "SAN JOSÉ, Costa Rica".
_PLACE_FIELD = re.compile(r"[A-Z][A-Z .'’-]*[A-Z.](?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})?")
# An agency or outlet: one to six capitalised words ("Meridian News Service", "The Coastal Herald").
_OUTLET_FIELD = re.compile(r"(?:The\s+)?[A-Z][\w.&'’-]*(?:\s+(?:[A-Z][\w.&'’-]*|of|the|and|&|de|du)){0,5}")


@dataclass(frozen=True, slots=True)
class MetaLine:
    """The fields of a metadata line under a headline ("2024-08-14 · Meridian News Service · MANILA")."""

    date: str
    dateline: str = ""
    agency: str = ""


def _meta_date(field: str) -> str | None:
    """ISO form of a date field ("2024-08-14", "March 3, 2024", "3 March 2024"), or None."""
    if m := _ISO_DATE.fullmatch(field):
        year, month, day = (int(g) for g in m.groups())
    elif m := _MDY_DATE.fullmatch(field):
        month, day, year = _MONTHS.get(m.group(1).lower(), 0), int(m.group(2)), int(m.group(3))
    elif m := _DMY_DATE.fullmatch(field):
        day, month, year = int(m.group(1)), _MONTHS.get(m.group(2).lower(), 0), int(m.group(3))
    else:
        return None
    if not (1 <= month <= 12 and 1 <= day <= 31 and 1000 <= year <= 2999):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def parse_meta_line(line: str) -> MetaLine | None:
    """A short line of 2-4 fields separated by `·`, `|` or ` - ` where one field is a date and
    the others a place in capitals or an agency/outlet name; Markdown emphasis around it is ignored.
    None when the line is anything else (body text never has this shape)."""
    line = line.strip().strip("*_").strip()
    if not line or len(line) > 120 or "\n" in line:
        return None
    fields = [f.strip() for f in _META_SEPARATORS.split(line)]
    if not 2 <= len(fields) <= 4 or not all(fields):
        return None
    date, dateline, agency = "", "", ""
    for field in fields:
        iso = _meta_date(field)
        if iso and not date:
            date = iso
        elif field.upper() in _KNOWN_AGENCIES and not agency:
            agency = field
        elif _PLACE_FIELD.fullmatch(field) and sum(c.isupper() for c in field) >= 2 and not dateline:
            head = field.split(",")[0]
            if any(c.islower() for c in head):
                return None
            dateline = field
        elif _OUTLET_FIELD.fullmatch(field) and len(field) <= 60 and not agency:
            agency = field
        else:
            return None
    if not date or not (dateline or agency):
        return None
    return MetaLine(date, dateline, agency)


def parse_plain_text(text: str) -> tuple[str, ArticleMeta]:
    """Body and metadata of a .txt article (wire format aware). The body keeps its headline.

    A wire dateline opening the first body paragraph ("CAIRO, March 14 (Reuters) -") fills
    `dateline` and `agency` but stays in the text; the extractor never puts it inside a claim.
    """
    wire = parse_wire(text)
    body = wire.body
    headline, _ = split_headline(body)
    if headline and parse_meta_line(headline) is not None:
        headline = ""
    title = headline or derive_title(body)
    date, dateline, agency = wire.date, wire.dateline, wire.agency
    for n, para in enumerate(_LINE.finditer(body[:2000])):
        meta_line = parse_meta_line(para.group()) if n < 3 else None
        if meta_line is not None:  # "2024-08-14 · Meridian News Service · MANILA": stays in the text
            date = date or meta_line.date
            dateline = dateline or meta_line.dateline
            agency = agency or meta_line.agency
            continue
        if headline and para.group().strip() == headline or is_furniture(para.group()):
            agency = agency or furniture_agency(para.group())  # "By Jane Doe, Associated Press"
            continue
        m = find_dateline(body, para.start())
        if m is None and n == 0 and _HEADLINE_LINE.fullmatch(para.group().strip()):
            continue  # "U.S. adds 156,000 jobs; ... to 5%." above "WASHINGTON (AP) —": a headline too
        if m is not None:
            dateline = dateline or m.group().strip().rstrip("-–— ").strip()
            agency = agency or (m.group("agency") or m.group("wire") or "").strip()
        break
    if not agency:
        agency = _credit_agency(body)
    return body, ArticleMeta(title=title, date=date, dateline=dateline, agency=agency)


def _credit_agency(body: str) -> str:
    """The agency of a credit line in the last paragraphs ("AP writer X contributed to this report.")."""
    for line in reversed(body.rstrip().split("\n")[-6:]):
        if line.strip() and len(line) < 200:
            found = furniture_agency(line)
            if found:
                return found
    return ""


def parse_markdown(text: str) -> tuple[str, ArticleMeta]:
    """A Markdown article: a leading `# Title` line becomes the title and leaves the body."""
    stripped = text.lstrip()
    title = ""
    match = _MARKDOWN_HEADING.match(stripped)
    if match:
        title = match.group(1).strip()
        stripped = stripped[match.end() :]
    body, meta = parse_plain_text(stripped)
    return body, ArticleMeta(
        title=title or meta.title, date=meta.date, dateline=meta.dateline, agency=meta.agency
    )

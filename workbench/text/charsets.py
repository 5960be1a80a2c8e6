"""Which legacy encoding a file that is not UTF-8 is in, and whether the guess is sure.

`charset-normalizer` gives a second opinion on every file that is not UTF-8 (a BOM, UTF-16 and
UTF-8 are recognised before this is asked). Its ranking is used with three rules of our own:

- When its best reading is the same text as cp1252 (it often names cp1250 for plain French or
  German, which decode the same), the file is cp1252: the most common legacy encoding of news copy.
- The guess is **sure** only when the best reading is clean (little "chaos", some coherence with a
  language) and no other encoding giving a different text scores about as well: a short "Café"
  or a Turkish text that reads as well in cp1252 as in cp1254 is reported as unsure.
- A reading in Latin letters where most letters carry accents ("Ïðèâåò ìèð") is never chosen
  while another reading is clean: that is Cyrillic (or Greek...) read with the wrong table.
- Otherwise, when every non-ASCII character cp1252 gives belongs to Western European text
  (é è ü ß œ “ ” – €...: no Icelandic þ ð ý, which is Turkish or Cyrillic read wrongly, no ¹ ³,
  which is Polish) and the letters are not mostly accented, cp1252 is chosen and the guess is
  sure: the detector's statistics often rank cp1250, cp850 or Mac Roman first for short English
  with curly quotes, or for French, which none of them is.
- A rare encoding (kz1048, ptcp154, cp1006...) tying with a common one does not make the guess
  unsure: only the common ones (PREFERRED) count as rivals of a common best reading.
- A multi-byte CJK reading (Shift-JIS, GB18030, Big5, EUC) that is clean is sure: random bytes
  almost never form valid multi-byte sequences (charset-normalizer has no coherence for them).

An unsure guess is still used (nothing is refused), and its note says so and names the other
candidates; the import summary lists it and the article keeps the note.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from charset_normalizer import from_bytes

SAMPLE_BYTES = 256 * 1024  # enough to decide; the detector's time grows with the input
CLEAN_CHAOS = 0.15  # charset-normalizer's mess ratio (0 clean .. 1 garbage) for a sure reading
MIN_COHERENCE = 0.2  # its language coherence (0 .. 1) for a sure reading
RIVAL_CHAOS = 0.02  # another reading this close in mess ...
RIVAL_COHERENCE = 0.05  # ... and in coherence makes the guess unsure
# Among readings that score the same, the encodings news copy is most often in, first.
PREFERRED = (
    "cp1252",
    "cp1251",
    "cp1250",
    "cp1253",
    "cp1254",
    "cp1257",
    "cp1255",
    "cp1256",
    "koi8_r",
    "iso8859_15",
    "cp932",
    "gb18030",
    "big5",
    "euc_kr",
    "euc_jp",
    "mac_roman",
)


@dataclass(frozen=True, slots=True)
class Guess:
    encoding: str
    text: str
    unsure: str = ""  # "" when sure; else a sentence for the import summary


def guess_legacy(data: bytes) -> Guess:
    """The best reading of bytes that are not UTF-8 (see the module docstring)."""
    matches = [m for m in from_bytes(data[:SAMPLE_BYTES]) if _decodes(data, m.encoding)]
    if not matches:
        return Guess("cp1252", _cp1252(data), "no encoding reads it cleanly; read as cp1252")
    best = matches[0]
    same = {_name(e) for e in best.could_be_from_charset} | {_name(best.encoding)}
    encoding = "cp1252" if "cp1252" in same else _name(best.encoding)
    rivals = [
        m
        for m in matches[1:]
        if _name(m.encoding) not in same
        and m.chaos <= best.chaos + RIVAL_CHAOS
        and m.coherence >= best.coherence - RIVAL_COHERENCE
    ]
    if encoding in PREFERRED:  # kz1048 or ptcp154 tying with cp1251 does not make it doubtful
        rivals = [m for m in rivals if _name(m.encoding) in PREFERRED]
    text = _decode(data, encoding)
    clean = best.chaos <= CLEAN_CHAOS
    if clean and encoding in MULTIBYTE and not rivals:
        return Guess(encoding, text)
    if clean and best.coherence >= MIN_COHERENCE and not rivals and _plausible(text):
        return Guess(encoding, text)
    western = _cp1252(data)
    if _western(western) and _plausible(western):
        return Guess("cp1252", western)
    candidates = [best, *rivals] if rivals else matches
    clean = [m for m in candidates if m.chaos <= best.chaos + RIVAL_CHAOS]
    choice = _preferred(data, clean) or encoding
    text = _decode(data, choice)
    others = list(dict.fromkeys(_name(m.encoding) for m in clean if _name(m.encoding) != choice))[:3]
    also = f"; it could also be {', '.join(others)}" if others else ""
    return Guess(choice, text, f"encoding unsure: read as {choice}{also}")


MULTIBYTE = {"cp932", "gb18030", "gb2312", "big5", "big5hkscs", "euc_kr", "euc_jp", "cp949", "cp950"}
WESTERN = set(
    "àâäáãåæçéèêëíìîïñóòôöõøœúùûüÿßÀÂÄÁÃÅÆÇÉÈÊËÍÌÎÏÑÓÒÔÖÕØŒÚÙÛÜŸ“”‘’„‚–—…«»‹›€£¥¢°·•™©®§¶¡¿ªº×±½¼¾´¨¸\xa0"
)


def _western(text: str) -> bool:
    """Every non-ASCII character is one Western European text uses (see the module docstring)."""
    return all(c in WESTERN for c in text if ord(c) > 127)


def _preferred(data: bytes, matches: list) -> str:
    names = []
    for m in matches:
        names.append(_name(m.encoding))
        names += [_name(e) for e in m.could_be_from_charset]
    plausible = [n for n in dict.fromkeys(names) if _plausible(_decode(data, n))] or names
    # Here cp1252 gave characters Western text does not use (þ ð ý ¹ ³): it is the last resort.
    order = [*PREFERRED[1:], "cp1252"]
    ranked = sorted(plausible, key=lambda n: order.index(n) if n in order else len(order))
    return ranked[0] if ranked else ""


def _plausible(text: str) -> bool:
    """False for Latin letters that are mostly accented: another script read with the wrong table."""
    letters = [c for c in text[:20000] if c.isalpha()]
    accented = [c for c in letters if ord(c) > 127 and unicodedata.name(c, "").startswith("LATIN")]
    return not letters or len(accented) <= 0.5 * len(letters)


def _name(encoding: str) -> str:
    encoding = encoding.lower().replace("-", "_")
    return {"windows_1252": "cp1252", "windows_1251": "cp1251", "shift_jis": "cp932"}.get(encoding, encoding)


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _decode(data: bytes, encoding: str) -> str:
    if encoding == "cp1252":
        return _cp1252(data)
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return _cp1252(data)


_CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}


def _cp1252(data: bytes) -> str:
    """cp1252 leaves five bytes undefined; latin-1 maps every byte, so those fall back to it."""
    if not any(b in _CP1252_UNDEFINED for b in data):
        return data.decode("cp1252")
    return "".join(bytes([b]).decode("latin-1" if b in _CP1252_UNDEFINED else "cp1252") for b in data)

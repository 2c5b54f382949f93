"""Code similarity (plagiarism) between submissions to one problem: winnowed fingerprints of
normalised tokens (Schleimer, Wilkerson and Aiken, SIGMOD 2003), pairs ranked, and the
matching regions mapped back to line ranges. Pure: sources in, a report out.

Tokens come from Pygments' lexer for the language. Identifiers of every kind become `I`,
numbers `N`, strings `S`, characters `C`; comments and whitespace go; keywords stay (with a
few spellings shared across languages: `&&`/`and`, `null`/`None`/`nil`...), types become `T`
(`long long` is one `T`), and operators and punctuation are split into single characters
(lexers disagree on `+=` vs `+ =`). So renaming, reformatting and re-commenting change
nothing, and languages of one family (C, C++, Java, C#, JavaScript) share one alphabet:
a C++ program translated to Java still matches. Languages of other shapes (Python's
indentation against braces) do not, and are not meant to.

Every k-gram of tokens is hashed; winnowing keeps the minimum of each window of w hashes,
which guarantees that any shared run of at least k + w - 1 tokens is found. Fingerprints of
the problem's templates (stubs given to everyone) are removed first, and so is code common to
many submissions (as MOSS does), since it says nothing about copying.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from itertools import combinations

from pygments.lexer import Lexer
from pygments.lexers import get_lexer_by_name, get_lexer_for_filename
from pygments.token import (
    Comment,
    Keyword,
    Literal,
    Name,
    Number,
    Operator,
    String,
    Text,
    Token,
)
from pygments.util import ClassNotFound

K = 9  # tokens per k-gram: shorter runs are noise
W = 5  # winnowing window: shared runs of K + W - 1 = 13 tokens are always found
COMMON_MIN = 10  # a fingerprint in more submissions than this (and COMMON_SHARE) is common
COMMON_SHARE = 0.1
DEFAULT_MIN = 0.3  # pairs shown unless asked otherwise: independent solutions stay below
MAX_MATCHES_PER_HASH = 16  # a hash repeated more often than this in one source pairs no regions

# One spelling per idea across languages (after lower-casing).
SYNONYMS = {"&&": "and", "||": "or", "!": "not", "elif": "else if", "elsif": "else if",
            "null": "nil", "none": "nil", "nullptr": "nil", "undefined": "nil",
            "true": "true", "false": "false", "def": "fn", "func": "fn", "fun": "fn",
            "function": "fn", "let": "var", "val": "var", "const": "var", "auto": "T"}
MERGED = ("S", "C", "T")  # pieces of one literal or type, as lexers split them
_FALLBACK = re.compile(r"[A-Za-z_]\w*|\d[\w.]*|\"(?:\\.|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])*'|\S")


@dataclass(frozen=True)
class Source:
    """One submission's program, as compared."""

    id: str
    team_id: str
    language_id: str
    file_name: str
    text: str


@dataclass(frozen=True)
class Tokens:
    """A source's normalised tokens and the line each came from."""

    symbols: tuple[str, ...]
    lines: tuple[int, ...]


@dataclass(frozen=True)
class Fingerprints:
    """A source's selected k-gram hashes, each with the token positions where it starts."""

    tokens: Tokens
    positions: dict[int, tuple[int, ...]]


@dataclass(frozen=True)
class Region:
    """A matching passage: lines first..last (1-based, inclusive) in each source."""

    a_first: int
    a_last: int
    b_first: int
    b_last: int
    tokens: int  # how many tokens of source a it covers

    def to_json(self) -> dict:
        return {"a": [self.a_first, self.a_last], "b": [self.b_first, self.b_last],
                "tokens": self.tokens}


@dataclass(frozen=True)
class Pair:
    """Two submissions and how much of each the other covers."""

    a: Source
    b: Source
    shared: int  # fingerprints in common
    share_a: float  # of a's fingerprints, the part found in b
    share_b: float
    regions: tuple[Region, ...] = ()
    lines_a: int = 0  # lines of a inside matching regions
    lines_b: int = 0

    @property
    def similarity(self) -> float:
        """The larger share: a copy padded with extra code still scores high."""
        return max(self.share_a, self.share_b)

    def to_json(self) -> dict:
        side = {"a": self.a, "b": self.b}
        return {"similarity": round(self.similarity, 4), "shared_fingerprints": self.shared,
                **{k: {"submission_id": s.id, "team_id": s.team_id,
                       "language_id": s.language_id, "file_name": s.file_name,
                       "share": round(self.share_a if k == "a" else self.share_b, 4),
                       "matched_lines": self.lines_a if k == "a" else self.lines_b}
                   for k, s in side.items()},
                "regions": [r.to_json() for r in self.regions]}


@dataclass(frozen=True)
class Report:
    """One problem's pairs, most similar first."""

    problem_id: str
    submissions: int
    pairs: tuple[Pair, ...] = field(default=())
    unreadable: tuple[str, ...] = ()  # ids of sources with too few tokens to compare

    def above(self, min_similarity: float) -> Report:
        """The same report with only the pairs at least this similar."""
        return replace(self, pairs=tuple(p for p in self.pairs
                                         if p.similarity >= min_similarity))

    def to_json(self) -> dict:
        return {"problem_id": self.problem_id, "submissions": self.submissions,
                "unreadable": list(self.unreadable),
                "pairs": [p.to_json() for p in self.pairs]}


# -- tokens -----------------------------------------------------------------------------------

def lexer_for(language_id: str, file_name: str) -> Lexer | None:
    """Pygments' lexer for the language id (most Podium ids are Pygments aliases), else for
    the file name; None when neither is known."""
    for find in (lambda: get_lexer_by_name(language_id),
                 lambda: get_lexer_for_filename(file_name)):
        try:
            return find()
        except ClassNotFound:
            continue
    return None


@functools.lru_cache(maxsize=1 << 16)
def _symbol(kind, value: str) -> tuple[str, ...]:
    """The normalised symbols of one Pygments token (none for layout and comments); cached,
    since a token type's ancestry is slow to test and a program repeats its tokens."""
    return tuple(_symbols(kind, value))


def _symbols(kind, value: str) -> list[str]:
    if kind in Comment or kind in Text or kind is Token.Text.Whitespace or not value.strip():
        return []
    if kind in String.Char:
        return ["C"]
    if kind in String or kind in Literal.String:
        return ["S"]
    if kind in Number:
        return ["N"]
    if kind in Keyword.Type:
        return ["T"]
    if kind in Name:
        return ["I"]
    if kind in Operator.Word or kind in Keyword:  # `and`, `in`, `not` in Python
        return SYNONYMS.get(value.lower(), value.lower()).split()
    if value.isidentifier():  # a word the lexer left unclassified (Text, Error)
        return [SYNONYMS.get(value.lower(), "I")]
    word = SYNONYMS.get(value)
    return [word] if word else list(value.replace(" ", ""))


def tokenize(text: str, language_id: str, file_name: str) -> Tokens:
    """The source's normalised tokens with their lines; a string, a type or an identifier
    split by the lexer into pieces is one token."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    newlines = [i for i, ch in enumerate(text) if ch == "\n"]
    lexer = lexer_for(language_id, file_name)
    raw = (lexer.get_tokens_unprocessed(text) if lexer else
           ((m.start(), _fallback_kind(m.group()), m.group()) for m in _FALLBACK.finditer(text)))
    symbols: list[str] = []
    lines: list[int] = []
    for index, kind, value in raw:
        line = bisect.bisect_left(newlines, index) + 1 + len(value) - len(value.lstrip("\n"))
        for symbol in _symbol(kind, value):
            if symbol in MERGED and symbols and symbols[-1] == symbol:
                continue  # "abc" lexed as quote, text, quote; `long long`
            symbols.append(symbol)
            lines.append(line)
    return Tokens(tuple(symbols), tuple(lines))


def _fallback_kind(word: str):
    if word[0].isalpha() or word[0] == "_":
        return Name
    if word[0].isdigit():
        return Number
    if word[0] in "\"'":
        return String
    return Token.Operator


# -- fingerprints -----------------------------------------------------------------------------

def kgram_hashes(symbols: Sequence[str], k: int = K) -> list[int]:
    """A stable 64-bit hash of every k-gram (stable across processes, unlike hash())."""
    ids = [_symbol_id(s) for s in symbols]
    return [int.from_bytes(hashlib.blake2b(bytes(ids[i:i + k]), digest_size=8).digest(), "big")
            for i in range(len(ids) - k + 1)]


_IDS: dict[str, int] = {}


def _symbol_id(symbol: str) -> int:
    """A byte per distinct symbol: its hash's first byte would collide too often."""
    if symbol not in _IDS:
        _IDS[symbol] = hashlib.blake2b(symbol.encode(), digest_size=1).digest()[0]
    return _IDS[symbol]


def winnow(hashes: Sequence[int], w: int = W) -> list[tuple[int, int]]:
    """(position, hash) of the minimum of each window of w hashes, the rightmost on ties,
    each recorded once (robust winnowing)."""
    if len(hashes) <= w:
        return [(i, h) for i, h in enumerate(hashes) if h == min(hashes)][-1:] if hashes else []
    chosen: list[tuple[int, int]] = []
    last = -1
    for start in range(len(hashes) - w + 1):
        window = hashes[start:start + w]
        low = min(window)
        pos = start + w - 1 - window[::-1].index(low)
        if pos != last:
            chosen.append((pos, low))
            last = pos
    return chosen


def fingerprints(tokens: Tokens, excluded: frozenset[int] = frozenset(),
                 k: int = K, w: int = W) -> Fingerprints:
    """The winnowed fingerprints of the tokens, less the excluded hashes."""
    positions: dict[int, list[int]] = defaultdict(list)
    for pos, h in winnow(kgram_hashes(tokens.symbols, k), w):
        if h not in excluded:
            positions[h].append(pos)
    return Fingerprints(tokens, {h: tuple(p) for h, p in positions.items()})


def template_hashes(templates: Iterable[tuple[str, str, str]], k: int = K) -> frozenset[int]:
    """Every k-gram hash of the templates (text, language id, file name): all of them, not
    only the winnowed ones, so no fingerprint of a stub survives in any submission."""
    return frozenset(h for text, language, name in templates
                     for h in kgram_hashes(tokenize(text, language, name).symbols, k))


# -- pairs and regions ------------------------------------------------------------------------

def compare(problem_id: str, sources: Sequence[Source],
            templates: Iterable[tuple[str, str, str]] = (), *, k: int = K, w: int = W,
            common_min: int = COMMON_MIN, common_share: float = COMMON_SHARE,
            min_similarity: float = 0.0, same_team: bool = False,
            seen: dict[tuple[str, str, str], Tokens] | None = None) -> Report:
    """Every pair of sources (of different teams unless `same_team`) sharing a fingerprint,
    most similar first, with its matching regions; pairs below `min_similarity` are left
    out. Templates are (text, language id, file name). `seen` keeps tokens between calls
    (keyed by language, file name and text), so a report made again lexes only new sources."""
    excluded = template_hashes(templates, k)
    prints: dict[str, Fingerprints] = {}
    unreadable = []
    for s in sources:
        found = fingerprints(_tokens_of(s, seen), excluded, k, w)
        if found.positions:
            prints[s.id] = found
        else:
            unreadable.append(s.id)
    holders: dict[int, list[str]] = defaultdict(list)
    for sid, found in prints.items():
        for h in found.positions:
            holders[h].append(sid)
    common = max(common_min, int(common_share * len(prints)))
    common_hashes = {h for h, ids in holders.items() if len(ids) > common}
    sizes = {sid: sum(h not in common_hashes for h in f.positions) for sid, f in prints.items()}
    shared: dict[tuple[str, str], list[int]] = defaultdict(list)
    order = {s.id: i for i, s in enumerate(sources)}
    for h, ids in holders.items():
        if h in common_hashes:
            continue
        for x, y in combinations(sorted(ids, key=order.__getitem__), 2):
            shared[(x, y)].append(h)
    by_id = {s.id: s for s in sources}
    pairs = []
    for (x, y), hs in shared.items():
        a, b = by_id[x], by_id[y]
        if a.team_id == b.team_id and not same_team:
            continue
        share_a, share_b = len(hs) / max(1, sizes[x]), len(hs) / max(1, sizes[y])
        if max(share_a, share_b) < min_similarity:
            continue
        regions = _regions(prints[x], prints[y], hs, k, w)
        pairs.append(Pair(a, b, len(hs), min(1.0, share_a), min(1.0, share_b), regions,
                          _lines((r.a_first, r.a_last) for r in regions),
                          _lines((r.b_first, r.b_last) for r in regions)))
    pairs.sort(key=lambda p: (-p.similarity, -p.shared, order[p.a.id], order[p.b.id]))
    return Report(problem_id, len(sources), tuple(pairs), tuple(unreadable))


def _tokens_of(source: Source, seen: dict[tuple[str, str, str], Tokens] | None) -> Tokens:
    """The source's tokens, lexed once per `seen`."""
    key = (source.language_id, source.file_name, source.text)
    if seen is not None and key in seen:
        return seen[key]
    tokens = tokenize(source.text, source.language_id, source.file_name)
    if seen is not None:
        seen[key] = tokens
    return tokens


def _regions(fa: Fingerprints, fb: Fingerprints, hashes: Iterable[int], k: int,
             w: int) -> tuple[Region, ...]:
    """Shared fingerprints chained into passages: matches whose positions advance together
    in both sources (gaps under a window plus a k-gram) are one region, then stretched to
    where the tokens stop agreeing."""
    matches = sorted((pa, pb) for h in hashes
                     if len(fa.positions[h]) <= MAX_MATCHES_PER_HASH
                     and len(fb.positions[h]) <= MAX_MATCHES_PER_HASH
                     for pa in fa.positions[h] for pb in fb.positions[h])
    gap = k + w
    runs: list[list[tuple[int, int]]] = []
    for pa, pb in matches:
        for run in runs:
            la, lb = run[-1]
            if 0 < pa - la <= gap and 0 < pb - lb <= gap:
                run.append((pa, pb))
                break
        else:
            runs.append([(pa, pb)])
    found = []
    sa, sb = fa.tokens.symbols, fb.tokens.symbols
    ta, tb = fa.tokens.lines, fb.tokens.lines
    for run in runs:
        (a0, b0), (a1, b1) = run[0], run[-1]
        a_end, b_end = a1 + k - 1, b1 + k - 1
        while a0 > 0 and b0 > 0 and sa[a0 - 1] == sb[b0 - 1]:  # winnowing saw only part
            a0, b0 = a0 - 1, b0 - 1
        while a_end + 1 < len(sa) and b_end + 1 < len(sb) and sa[a_end + 1] == sb[b_end + 1]:
            a_end, b_end = a_end + 1, b_end + 1
        found.append(Region(ta[a0], ta[a_end], tb[b0], tb[b_end], a_end + 1 - a0))
    found.sort(key=lambda r: (-r.tokens, r.a_first))
    kept: list[Region] = []
    for region in found:  # a repeated line matched again inside a longer passage says nothing
        if not any(k.a_first <= region.a_first and region.a_last <= k.a_last
                   and k.b_first <= region.b_first and region.b_last <= k.b_last for k in kept):
            kept.append(region)
    return tuple(kept)


def _lines(ranges: Iterable[tuple[int, int]]) -> int:
    """How many distinct lines the ranges cover."""
    return len({line for first, last in ranges for line in range(first, last + 1)})

"""Headlines: the seed's own headline line, else one cut from the lede; and the summary."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Container

from ..markup import shorten
from ..places import ACRONYM_PLACES
from .text import FULL_STOPS, clean_line, sentences, word_set

HEADLINE_LIMIT = 150
LEDE_TITLE_LIMIT = 90
SUMMARY_LIMIT = 300


def is_headline(line: str, next_line: str | None) -> bool:
    """A headline is a short line followed by a blank line, not a sentence-ending fragment of prose."""
    text = clean_line(line)
    if not text or len(text) > HEADLINE_LIMIT or next_line is None or next_line.strip():
        return False
    # Prose ends with a full stop; headlines end with a word, a number, a quote, ? or ! (or "U.S.").
    if text.endswith(FULL_STOPS):
        return False  # 。 ۔ । end a sentence, in scripts with or without spaces between words
    last_word = text.rsplit(" ", 1)[-1]
    sentence_end = text.endswith(".") and not text.endswith("...") and "." not in last_word[:-1] and not text.isupper()
    return not (sentence_end and len(text.split()) > 3) and not text.endswith((",", ";", ":", "，", "،"))


# Subordinate openers whose clause, up to the first comma, is not the news.
_OPENERS = word_set(
    "after although as because before despite following if in amid on once since though until when whereas while with without "
    "according faced facing having"
)
# Cut points inside a long clause, best first; a cut is only made before one of these.
_CUT_BEFORE = re.compile(
    r"\s(?=(?:to|in|on|at|for|with|after|as|amid|while|which|who|that|but|and|from|over|by|despite|following|because|since|than|into|under|when|where)\s)"
)
_ATTRIBUTION = re.compile(r",\s+(?:[^,]{1,60}\s)?(?:said|says|told|reported|announced|according to)\b[^,]{0,80}$")
_PARENTHESES = re.compile(r"\s*\([^()]{0,200}\)")
_DANGLING = word_set(
    "a an the and or but of to in on at for with by from as that which who its their his her is are was were be will has have had"
)


def lede_headline(lede: str, limit: int = LEDE_TITLE_LIMIT) -> str:
    """Make a headline from the lede: the main clause of its first sentence, cut at a natural boundary."""
    first = sentences(lede, 1)
    text = clean_line(first[0] if first else lede[:1000])
    text = _PARENTHESES.sub("", text)
    text = text.rstrip(" .!?;:,\"'。۔।॥，،")
    words = text.split(" ", 1)
    if words[0].lower() in _OPENERS and "," in text[: len(text) * 2 // 3]:
        main = text.split(",", 1)[1].strip()
        if len(main.split()) >= 4:
            text = main[:1].upper() + main[1:]
    attribution = _ATTRIBUTION.search(text)
    if attribution and attribution.start() > 30:
        text = text[: attribution.start()]
    if len(text) > limit:
        text = _cut(text, limit)
    words = text.rstrip(" .,;:!?-–—\"'").split()
    while len(words) > 3 and words[-1].lower().strip(",;:") in _DANGLING:
        words.pop()
    return " ".join(words).rstrip(" .,;:!?-–—\"'。۔।॥，،")


def _cut(text: str, limit: int) -> str:
    head = text[: limit + 1]
    floor = limit // 2
    for separator in ("; ", " — ", " – ", " - ", ", ", "，", "、", "؛ ", "، "):
        position = head.rfind(separator)
        if position >= floor:
            return text[:position]
    cuts = [m.start() for m in _CUT_BEFORE.finditer(head) if floor <= m.start() <= limit]
    if cuts:
        return text[: cuts[-1]]
    return head.rsplit(" ", 1)[0]


def lede_summary(paragraphs: list[str], limit: int = SUMMARY_LIMIT) -> str:
    """The lede as plain text: the first sentence, and the second when both are short."""
    if not paragraphs:
        return ""
    found = sentences(paragraphs[0], 2)
    if not found:
        return ""
    summary = found[0]
    if len(found) > 1 and len(summary) < 150 and len(summary) + 1 + len(found[1]) <= limit:
        summary = f"{summary} {found[1]}"
    return shorten(summary, limit)


_CASED_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_SENTENCE_OPENING = re.compile(r"(?:^|[.!?:]\s+|[\"“(]\s*)$")
# Words that are capitalised at a sentence's start but lower case elsewhere, whatever the body shows.
_LOWER_WORDS = word_set(
    "a an the and or but of to in on at for with by from as that which who its it is are was were be will has have had this these "
    "those after before over under up down off out new says said say plans plan sees set sets"
)


# Short words of headlines that are words, not abbreviations, when the body does not use them.
_SHORT_WORDS = _LOWER_WORDS | word_set(
    "add adds ago aid aim aims air all also amid any arm arms army art ask asks away back bad ban bank bans bar bars base be bear "
    "beat bed best bet bid bids big bill bird blow body bond book boom boss both box boy buy buys call calls came can car card care "
    "case cash cast cell cent chip city club cold cost cup cut cuts day days deal dean debt did die dies dip dips does dog done door "
    "down drop drug due dust duty each ease east easy eat edge end ends era euro even ever eye face fact fail fair fall fans far farm "
    "fast fear fed fee feed feel few file film find fine fire firm fish five flat flow fly food for form four free fuel full fund gain "
    "game gap gas gave get gets gift girl give go goal goes gold gone good got gov grab grew grow guns guy half hall halt hand hard "
    "head heat held help her here hero hike hit hits hold home hope host hot how huge hunt hurt idea ill into iron its job jobs join "
    "joy jump just keep key kid kids kill kind king land last late law laws lead lean left less life lift like line link list live "
    "loan lone long look lose loss lost lot low lows made mail main make man many mark mass may meet men mid mild mile mind mine mix "
    "mln more most move much must name navy near need net next nine no none not now odd off oil old once one only open opt out own "
    "pact page paid pair park part pass past pay pays peak pick plan play plea plot poll pool poor pop port post pour pct price pull "
    "push put quit race raid rain rate raw read real red rely rent rest rich ride rise risk road role roll room root rose rule run "
    "runs safe said sale same save saw say seat see seek seen sees sell send sent set sets shot show shut side sign site six size "
    "slow snow sold some son soon sort star stay step stop such sue sues sun sure take talk tax team tell ten term test than that "
    "them then they thin this tie ties time tiny told too took top toy trip true try turn two unit upon urge use used vast very view "
    "vote wage wait walk wall want war warm wary way ways week well went west what when who why wide wife will win wind wins wish "
    "with won word work year yen yet you zone"
)


# Abbreviations of wire headlines that are no initials, in the case copy writes them: `4TH QTR NET` → `4th qtr net`,
# `ACME CORP <ACM>` → `Acme Corp <ACM>`, `JAN SALES` → `Jan sales`. (DEC, MAR and MAY stay as they are: a company, a
# verb, a word.)
_WIRE_ABBREVIATIONS = {
    "inc": "Inc", "corp": "Corp", "co": "Co", "cos": "Cos", "ltd": "Ltd", "plc": "Plc", "bhd": "Bhd",
    "qtr": "qtr", "dlr": "dlr", "dlrs": "dlrs", "shr": "shr", "shrs": "shrs", "cts": "cts", "stg": "stg", "yr": "yr",
    "yrs": "yrs", "avg": "avg", "via": "via",
    "jan": "Jan", "feb": "Feb", "apr": "Apr", "jun": "Jun", "jul": "Jul", "aug": "Aug", "sept": "Sept", "oct": "Oct", "nov": "Nov",
}  # fmt: skip


def recase_headline(headline: str, paragraphs: list[str] | tuple[str, ...], places: Container[str] = frozenset()) -> str:
    """An ALL-CAPS headline in the case its body uses for each word (`SANDOZ PLANS … IN USSR` → `Sandoz plans … in USSR`).

    A word the body writes mid-sentence takes that form; one it only writes at a sentence's
    start keeps its capital unless it is a common word; one the body lacks is lower case,
    unless it is a place (Yugoslavia), has no vowel (NBC), is a short word that is no common
    one (USDA, OPEC) or is a ticker in angle brackets; wire abbreviations take the case copy
    writes them in (`4TH QTR` → `4th qtr`, `CORP` → `Corp`).
    A headline with lower-case letters, or a body without any, is returned unchanged.
    """
    letters = [c for c in headline if c.isalpha()]
    if len(letters) < 4 or any(c.islower() for c in letters):
        return headline
    body = " ".join(paragraphs)[:20000]
    if not any(c.islower() for c in body):
        return headline
    middle: dict[str, Counter[str]] = {}
    opening: dict[str, Counter[str]] = {}
    wanted = {word.casefold() for word in _CASED_WORD.findall(headline)}
    for match in _CASED_WORD.finditer(body):
        word = match.group(0)
        if word[-2:] in ("'s", "’s") and word.casefold() not in wanted:
            word = word[:-2]  # "Hong Kong's" writes Kong as the headline's KONG
        if word.casefold() not in wanted:
            continue
        before = body[max(0, match.start() - 4) : match.start()]
        table = opening if _SENTENCE_OPENING.search(before) else middle
        table.setdefault(word.casefold(), Counter())[word] += 1

    def recase(match: re.Match[str]) -> str:
        word = match.group(0)
        key = word.casefold()
        start = match.start()
        if len(word) == 1 and headline[match.end() : match.end() + 1] == ".":
            return word  # a letter of initials (U.S., U.K.), whatever a lone letter in the body is
        if key in middle:
            return max(middle[key].items(), key=lambda item: (item[1], item[0]))[0]
        if key in opening and key not in _SHORT_WORDS:
            return max(opening[key].items(), key=lambda item: (item[1], item[0]))[0]
        if start and headline[start - 1].isdigit():
            return word.lower()  # 4TH, 1990S
        inside_brackets = headline.rfind("<", 0, start) > headline.rfind(">", 0, start)
        dotted = headline[match.end() : match.end() + 1] == "." and len(word) <= 2
        if not inside_brackets and key in _WIRE_ABBREVIATIONS:
            return _WIRE_ABBREVIATIONS[key]
        if inside_brackets or dotted or not any(c in "AEIOUY" for c in word.upper()):
            return word
        if key in _SHORT_WORDS:
            return word.lower()
        if key in places:
            # A place written in capitals as its name (USSR, UAE) keeps them; others take a capital (Yugoslavia).
            return word if key in ACRONYM_PLACES else word.capitalize()
        if len(word) <= 4:
            return word
        return word.lower()

    recased = _CASED_WORD.sub(recase, headline)
    first = next((i for i, c in enumerate(recased) if c.isalpha()), None)
    if first is None:
        return recased
    return recased[:first] + recased[first].upper() + recased[first + 1 :]

"""Tags: the people, places and organisations a story names most often."""

from __future__ import annotations

import re
from collections import Counter

from .text import word_set

# A capitalised word; apostrophes and hyphens inside names ("O'Neill", "Jean-Luc") are kept.
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]{0,40}|[.!?;:,()\"]|\d+")
_CONNECTORS = word_set("of de da di del van von der bin al le la du")
_STOP = word_set("""a an the and or but if so yet nor for in on at to of by with from as into about after before over under than then
    this that these those there here he she it its they them their we our you your i his her my me us who whom whose which what
    when where why how while although though because since until unless no yes not also
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september
    october november december jan feb mar apr jun jul aug sep sept oct nov dec many some several most more much other others
    all any each every both few one two three four five six seven eight nine ten first second third last next new old
    meanwhile however moreover still even just only now today yesterday tomorrow according said says such
    shr net revs qtr oper avg shrs pct mln dlrs cts vs""")
# Titles before a name ("US President Joe Biden") are dropped down to the name itself.
_ROLES = word_set("""mr mrs ms dr sir dame lord lady president minister prime secretary ambassador chancellor senator sen rep governor gov
    chairman chairwoman chief executive director spokesman spokeswoman king queen prince princess pope gen lt col
    capt judge coach manager mayor leader deputy former vice striker midfielder defender goalkeeper star singer actor
    actress""")
_DEMONYM = re.compile(r"(?:ian|ean|ese|ish|ic)$")


def extract_tags(title: str, paragraphs: list[str], limit: int) -> list[str]:
    """Return up to `limit` names mentioned at least twice, most mentioned first, merged ("Biden" into "Joe Biden")."""
    if limit <= 0:
        return []
    counts: Counter[str] = Counter()
    openers: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for text in [title, *paragraphs] if title and not title.isupper() else paragraphs:
        for name, opens_sentence in _names(text[:20000]):
            (openers if opens_sentence else counts)[name] += 1
            first_seen.setdefault(name, len(first_seen))
    # A lone capitalised word opening a sentence counts only if the story also names it elsewhere.
    known_words = {word for name in counts for word in name.split()}
    for name, count in openers.items():
        if name in known_words:
            counts[name] += count
    merged = _merge(counts)
    ranked = sorted(merged.items(), key=lambda item: (-item[1], first_seen.get(item[0], 0)))
    return [name for name, count in ranked if count >= 2][:limit]


def _names(text: str) -> list[tuple[str, bool]]:
    """Capitalised runs in a text, each with whether it is a single word opening a sentence."""
    tokens = _WORD.findall(text)
    names: list[tuple[str, bool]] = []
    run: list[str] = []
    run_at_sentence_start = False
    sentence_start = True
    for index, token in enumerate(tokens):
        possessive = token.endswith(("'s", "’s"))
        word = token.removesuffix("'s").removesuffix("’s").rstrip("'’")
        lower = word.lower()
        capitalised = word[:1].isupper() and (lower not in _STOP or (word.isupper() and len(word) > 1))
        if capitalised:
            if not run:
                run_at_sentence_start = sentence_start
            run.append(word)
        elif run and lower in _CONNECTORS and index + 1 < len(tokens) and tokens[index + 1][:1].isupper():
            run.append(word)
            continue
        if run and (possessive or not capitalised):
            names.extend(_finish(run, run_at_sentence_start))
            run = []
        sentence_start = token in (".", "!", "?", '"', ":")
    if run:
        names.extend(_finish(run, run_at_sentence_start))
    return names


def _finish(run: list[str], at_sentence_start: bool) -> list[tuple[str, bool]]:
    while run and run[-1].lower() in _CONNECTORS:
        run = run[:-1]
    # Drop leading titles: "US President Joe Biden" names Joe Biden.
    last_role = max((i for i, word in enumerate(run) if word.lower() in _ROLES), default=-1)
    if 0 <= last_role < len(run) - 1:
        run = run[last_role + 1 :]
    elif last_role == len(run) - 1:
        return []
    if not run:
        return []
    if len(run) == 1:
        word = run[0]
        # A lone demonym ("Russian") is an adjective, not a name.
        if len(word) < 2 or (_DEMONYM.search(word) and not word.isupper()):
            return []
        return [(word, at_sentence_start and not word.isupper())]
    return [(" ".join(run), False)]


def _split_runs(counts: Counter[str]) -> Counter[str]:
    """Split a one-off run that glues two known names ("United States Anatoly Antonov")."""
    result: Counter[str] = Counter()
    for name, count in counts.items():
        words = name.split()
        if count <= 2 and len(words) >= 3:
            for k in range(1, len(words)):
                left, right = " ".join(words[:k]), words[k:]
                if left in counts and (" ".join(right) in counts or right[-1] in counts) and left != name:
                    result[left] += count
                    result[" ".join(right)] += count
                    break
            else:
                result[name] += count
        else:
            result[name] += count
    return result


def _merge(counts: Counter[str]) -> dict[str, int]:
    """Fold each name into the longest name that ends or starts with it ("Biden" into "Joe Biden")."""
    counts = _split_runs(counts)
    names = sorted(counts, key=lambda n: (-len(n.split()), -counts[n], n))
    merged: dict[str, int] = {}
    for name in names:
        words = name.split()
        target = None
        for longer in merged:
            longer_words = longer.split()
            if len(longer_words) > len(words) and (longer_words[-len(words) :] == words or longer_words[: len(words)] == words):
                target = longer
                break
        if target is None:
            merged[name] = counts[name]
        else:
            merged[target] += counts[name]
    return merged

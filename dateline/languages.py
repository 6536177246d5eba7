"""Language tags (BCP 47) as front matter and config write them, and the direction each language's script reads in.

The direction comes from the script subtag if the tag has one (`ku-Arab`, `az-Latn`),
else from the language's usual script: the right-to-left languages below are the
languages CLDR writes right to left by default. A table of twenty tags earns no
dependency; a tag not in it reads left to right.
"""

from __future__ import annotations

import re

# ISO 639 codes of languages whose default script is written right to left (CLDR's characterOrder).
RTL_LANGUAGES = frozenset(
    {"ar", "arc", "azb", "bal", "bqi", "ckb", "dv", "fa", "glk", "he", "iw", "ji", "khw", "ks", "lrc", "mzn", "nqo", "pnb", "prs"}
    | {"ps", "sd", "sdh", "syr", "ug", "ur", "yi"}
)
# ISO 15924 scripts written right to left.
RTL_SCRIPTS = frozenset({"adlm", "arab", "hebr", "mand", "mend", "nkoo", "rohg", "samr", "syrc", "thaa", "yezi"})
# A language subtag, then optional subtags (script, region, variants): `ur`, `zh-Hans`, `pt-BR`, `sr-Latn-RS`.
_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")


def is_language_tag(text: str) -> bool:
    """True for a well-formed BCP 47 language tag (the common forms; private and grandfathered tags are not news)."""
    return _TAG.fullmatch(text) is not None


def direction(tag: str) -> str:
    """`rtl` or `ltr` for a language tag."""
    parts = tag.lower().split("-")
    script = next((part for part in parts[1:] if len(part) == 4 and part.isalpha()), None)
    if script is not None:
        return "rtl" if script in RTL_SCRIPTS else "ltr"
    return "rtl" if parts[0] in RTL_LANGUAGES else "ltr"


# Scripts that name their language, by Unicode block (first code point, last code point, language).
# Only scripts one language dominates in news: Latin, Cyrillic and plain Arabic script are shared
# by many, and the letters that tell them apart are checked below.
_SCRIPT_BLOCKS = (
    (0x0370, 0x03FF, "el"),
    (0x0590, 0x05FF, "he"),
    (0x0900, 0x097F, "hi"),
    (0x0980, 0x09FF, "bn"),
    (0x0A80, 0x0AFF, "gu"),
    (0x0B80, 0x0BFF, "ta"),
    (0x0C00, 0x0C7F, "te"),
    (0x0D00, 0x0D7F, "ml"),
    (0x0E00, 0x0E7F, "th"),
    (0x10A0, 0x10FF, "ka"),
    (0x3040, 0x30FF, "ja"),
    (0xAC00, 0xD7AF, "ko"),
    (0x4E00, 0x9FFF, "zh"),
)
# Letters of the Arabic script that Urdu (and Persian) use and Arabic does not.
_URDU_LETTERS = set("ٹڈڑںےۓھہۂ۔")
_PERSIAN_LETTERS = set("پچژگک")
_UKRAINIAN_LETTERS = set("іїєґІЇЄҐ")


def detect_language(text: str) -> str | None:
    """The language a text's letters name, by script (`ur`, `ar`, `zh`, `ja`, `hi`, `ru`…); None for Latin or mixed text.

    Ingest writes the tag into new pages so they read in the right direction and
    are searched in their language; where the script does not settle it (any
    Latin script, or too few letters) it says so rather than guessing.
    """
    counts: dict[str, int] = {}
    letters = 0
    sample = text[:5000]
    if sample.isascii():
        return None  # every letter is Latin: the loop below would say the same, 2 ms later
    for character in sample:
        if not character.isalpha():
            continue
        letters += 1
        code = ord(character)
        if 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F:
            name = "arab"
        elif 0x0400 <= code <= 0x04FF:
            name = "cyrl"
        else:
            name = next((language for first, last, language in _SCRIPT_BLOCKS if first <= code <= last), "other")
        counts[name] = counts.get(name, 0) + 1
    if letters < 20:
        return None
    script, count = max(counts.items(), key=lambda item: item[1])
    if script == "other" or count < letters * 0.6:
        return None
    if script == "ja" or (script == "zh" and counts.get("ja", 0) > letters * 0.05):
        return "ja"
    if script == "arab":
        present = set(sample)
        if present & _URDU_LETTERS:
            return "ur"
        return "fa" if present & _PERSIAN_LETTERS else "ar"
    if script == "cyrl":
        return "uk" if set(sample) & _UKRAINIAN_LETTERS else "ru"
    return script

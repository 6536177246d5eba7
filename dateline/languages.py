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

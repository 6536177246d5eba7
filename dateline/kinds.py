"""What a tag names: a person, a place or an organisation, from evidence in the stories, or nothing.

Precision first: a wrong kind on an entity page misleads, a missing one does not,
so each rule needs evidence a reader would accept and a tag without any gets no kind.
In order, the first that holds wins:

1. config.yaml declares the tag's kind;
2. a story naming the tag has it as its dateline location → place;
3. a story naming the tag puts a personal title before it, or before its last word
   ("Mr Putin", "President Vladimir Putin" for `Vladimir Putin`) → person;
4. the gazetteer (places.py) knows the name → place;
5. the name ends in a legal form or an institution's word ("Acme Corp", "World Bank") → organisation.
"""

from __future__ import annotations

import re
from collections.abc import Container

PERSON, PLACE, ORGANISATION = "person", "place", "organisation"

# Titles written before a person's name in news copy; the regex tries longer ones first,
# so that "Prime Minister Boris Johnson" yields the name, not "Minister" after a stray word.
_TITLES = (
    "Prime Minister", "Foreign Minister", "Finance Minister", "Vice President", "Chief Executive",
    "Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Dame", "Lord", "Lady", "President", "Minister", "Senator", "Sen.", "Rep.",
    "Representative", "Congressman", "Congresswoman", "Governor", "Gov.", "Mayor", "King", "Queen", "Prince", "Princess",
    "Pope", "Judge", "Justice", "Chancellor", "Ambassador", "Premier", "Sheikh", "Archbishop", "Cardinal", "Rev.",
    "Gen.", "Lt.", "Col.", "Capt.", "Chairman", "Chairwoman",
    # Roles written before a name in lower case ("spokeswoman Jen Psaki", "his counterpart Vladimir Putin").
    "chief executive", "president", "minister", "ambassador", "senator", "governor", "mayor", "chairman", "chairwoman",
    "spokesman", "spokeswoman", "spokesperson", "counterpart", "predecessor", "successor", "founder", "lawyer", "attorney",
    "judge", "coach", "actor", "actress", "singer", "economist", "opposition figure",
)  # fmt: skip
# A name after a title: one to three capitalised words. "Ursula von der Leyen" is caught as "Ursula":
# a missed person only means no kind is shown.
_NAME_WORD = r"[A-Z][\w'’\-]*"
_TITLED = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(re.escape(title.removesuffix(".")) for title in sorted(_TITLES, key=lambda t: (-len(t), t)))
    + rf")\.?[ \t]+({_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,2}})"
)
_POSSESSIVE = re.compile(r"['’]s?$")
# Words that end an organisation's name: legal forms and the institutions news names most.
_ORGANISATION_ENDINGS = frozenset(
    """inc inc. corp corp. corporation co co. company ltd ltd. limited plc llc llp lp ag gmbh sa s.a. nv n.v. se ab asa oyj spa s.p.a.
    group holdings bank ministry party council commission agency association university institute foundation federation
    organisation organization union fund department committee authority airlines airways motors court parliament
    senate congress assembly police army navy "force" reserve exchange board""".replace('"', "").split()
)
_ORGANISATION_OPENINGS = ("ministry of ", "bank of ", "university of ", "department of ", "office of ", "court of ")


def titled_names(text: str) -> tuple[str, ...]:
    """The names a personal title stands before in `text` ("Mr Putin" → Putin), each once, in order."""
    found: dict[str, None] = {}
    for match in _TITLED.finditer(text):
        name = _POSSESSIVE.sub("", match.group(1)).strip()
        if name:
            found.setdefault(name.casefold(), None)
            last = name.split()[-1]
            found.setdefault(last.casefold(), None)
    return tuple(found)


def tag_kind(name: str, *, declared: str = "", located: bool = False, titled: Container[str] = (), places: Container[str] = ()) -> str:
    """The kind of a tag named `name` by the rules in this module's docstring ("" when none holds)."""
    if declared:
        return declared
    if located:
        return PLACE
    folded = name.casefold()
    words = folded.split()
    if words and words[-1] not in _ORGANISATION_ENDINGS and (folded in titled or (len(words) > 1 and words[-1] in titled)):
        return PERSON
    if folded in places:
        return PLACE
    if len(words) > 1 and (words[-1] in _ORGANISATION_ENDINGS or folded.startswith(_ORGANISATION_OPENINGS)):
        return ORGANISATION
    return ""

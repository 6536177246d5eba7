"""Ingest extraction: datelines, dates, titles, summaries, tags, sign-offs, decoding (pure functions)."""

from __future__ import annotations

import codecs
import time as clock
from datetime import UTC as TZ_UTC
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from dateline.ingest import extract_article
from dateline.ingest.agencies import canonical_source
from dateline.ingest.dateline import parse_dateline, parse_meta_line
from dateline.ingest.tags import extract_tags
from dateline.ingest.text import build_paragraphs, decode_seed, strip_signoffs
from dateline.ingest.title import lede_headline, lede_summary

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
UTC = ZoneInfo("UTC")
REFERENCE = date(2024, 1, 15)
DATELINES = yaml.safe_load((FIXTURES / "datelines.yaml").read_text(encoding="utf-8"))


def extract(text: str, **options):
    return extract_article(text, options.pop("reference", REFERENCE), UTC, **options)


@pytest.mark.parametrize("row", DATELINES, ids=[row["text"][:40] for row in DATELINES])
def test_dateline_table(row):
    found = parse_dateline(row["text"])
    got = {
        "location": found.location or None,
        "source": found.source or None,
        "month": found.date.month if found.date else None,
        "day": found.date.day if found.date else None,
        "year": found.date.year if found.date else None,
    }
    assert got == {key: row[key] for key in got}


def test_dateline_table_is_large_enough():
    assert len(DATELINES) >= 40


def test_dateline_is_removed_from_body():
    article = extract("PARIS, Feb 26 - The French government said on Friday it would act.\n\nMore text here.\n")
    assert article.paragraphs[0] == "The French government said on Friday it would act."
    assert article.location == "PARIS"


@pytest.mark.parametrize(
    ("seed", "expected"),
    [
        # a dateline on a line of its own, its agency or its story on the next
        (
            "Cabinet backs the budget\n\nOSAKA, June 2, Kyodo\n\nThe Cabinet approved it.\n\nOfficials gave no more details.",
            ("OSAKA", "Kyodo", (6, 2)),
        ),
        (
            "Soldier killed in raid\n\nVALLEY TIMES DESK\n\nSRINAGAR: A soldier was killed.\n\nOfficials gave no more details.",
            ("SRINAGAR", "", None),
        ),
        ("Port blast kills three\n\nSANAA - SABA\nThe blast hit the port.\nOfficials gave no more details.", ("SANAA", "Saba", None)),
        # a dateline set in a narrow column, a line a part (a release's legend in capitals above the dateline: the fixture)
        (
            "Fire at the market\n\nNAIROBI,\nKenya,\nJune 3\n-- The market burned.\nOfficials gave no more details.",
            ("NAIROBI, Kenya", "", (6, 3)),
        ),
    ],
)
def test_dateline_across_its_own_line(seed, expected):
    article = extract(seed)
    assert (article.location, article.source) == expected[:2]
    assert expected[2] is None or (article.date.month, article.date.day) == expected[2]
    assert article.paragraphs[0].startswith("The ") or article.paragraphs[0].startswith("A soldier")
    assert article.paragraphs[-1] == "Officials gave no more details."


def test_ingest_reads_each_opening_as_parse_dateline_does():
    """Every fixture opening whose first lines are short, as a seed under a headline: ingest's paragraphs must not
    lose the place or agency parse_dateline reads in the opening's text (save for the quotes ingest types straight)."""
    lost = []
    for row in WIRE_OPENINGS:
        if "\n" not in row["text"][:120]:
            continue  # one long first paragraph: ingest reads exactly the text parse_dateline does
        found = parse_dateline(row["text"])
        article = extract("Officials meet to discuss the plan\n\n" + row["text"])
        straight = found.location.replace("’", "'")
        if (article.location, article.source or "") != (straight, found.source) and (found.location or found.source):
            lost.append(f"{row['text'][:60]!r}: {found.location!r} {found.source!r} → {article.location!r} {article.source!r}")
    assert not lost, "\n".join(lost)


def test_sample_seed_front_matter_fields():
    article = extract((FIXTURES / "000_9c5e82f933cbf2fe.txt").read_text(encoding="utf-8"))
    assert (article.location, article.source, article.date, article.date_inferred) == (
        "WASHINGTON",
        "UrduPoint News / Sputnik",
        date(2021, 3, 20),
        False,
    )
    assert article.title == "Russian Ambassador to the United States Anatoly Antonov will leave Washington"
    assert not article.paragraphs[0].startswith("WASHINGTON")
    assert "Joe Biden" in article.tags and "Biden" not in article.tags


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20th March, 2021", (2021, 3, 20)),
        ("March 20, 2021", (2021, 3, 20)),
        ("2021-03-20", (2021, 3, 20)),
        ("Mar. 20", (None, 3, 20)),
        ("Saturday 20 March 2021", (2021, 3, 20)),
    ],
)
def test_date_forms_in_a_published_line(text, expected):
    meta = parse_meta_line(f"Published: {text}")
    assert meta is not None and (meta.date.year, meta.date.month, meta.date.day) == expected


def test_published_line_with_time_gives_iso_datetime():
    article = extract("Storm hits coast\n\nBy Jane Doe\nPublished: 20 March 2021 14:05 GMT\n\nA storm hit the coast on Saturday.\n")
    assert article.date == datetime(2021, 3, 20, 14, 5, tzinfo=TZ_UTC)
    assert article.author == "Jane Doe"
    assert article.title == "Storm hits coast"
    assert article.paragraphs == ("A storm hit the coast on Saturday.",)


def test_year_from_another_date_in_the_text():
    article = extract("PARIS, Feb 26 - Talks begun on February 20, 2019 ended today.\n")
    assert article.date == date(2019, 2, 26) and not article.date_inferred


def test_year_inferred_from_reference_is_marked():
    article = extract("PARIS, Feb 26 - Talks ended today.\n", reference=date(2024, 1, 15))
    # Feb 26 after Jan 15: the story is from the year before.
    assert article.date == date(2023, 2, 26) and article.date_inferred


def test_no_date_at_all_uses_reference_and_is_marked():
    article = extract("Quiet day\n\nNothing happened at all today.\n", reference=date(2022, 5, 1))
    assert article.date == date(2022, 5, 1) and article.date_inferred
    assert (article.location, article.source, article.author) == ("", "", "")


def test_byline_sentence_is_not_a_byline():
    assert parse_meta_line("By declaring their assets, people would be able to act.") is None
    assert parse_meta_line("By JANE DOE and John Roe").author == "JANE DOE and John Roe"


def test_headline_line_is_title():
    article = extract("Ad sales boost Time Warner profit\n\nQuarterly profits at US media giant TimeWarner jumped 76%.\n")
    assert article.title == "Ad sales boost Time Warner profit"


def test_all_caps_headline_keeps_a_place_written_in_initials():
    # The issue's own example, read with the real gazetteer, which knows USSR as a place: its initials stay capitals.
    article = extract("SANDOZ PLANS WEEDKILLER JOINT VENTURE IN USSR\n\nBASLE, March 3 - Sandoz AG said it planned a joint venture.\n")
    assert article.title == "Sandoz plans weedkiller joint venture in USSR"
    article = extract("TALKS ON YUGOSLAVIA OPEN\n\nGENEVA, March 3 - Talks opened on Monday in the city.\n")
    assert article.title == "Talks on Yugoslavia open"


def test_all_caps_headline_keeps_initials_and_reads_names_before_a_possessive():
    # A lone small "s" in the body ("a s note") must not lower the S of U.S.; "Hong Kong's" writes the headline's KONG.
    article = extract("U.S. GIVES HONG KONG A DRAFT\n\nGENEVA, March 3 - The U.S. gave Hong Kong's envoy a draft, a s note.\n")
    assert article.title == "U.S. gives Hong Kong a draft"


def test_all_caps_headline_sets_wire_abbreviations_in_their_usual_case():
    article = extract("ACME CORP <ACM> 4TH QTR NET RISES IN JAN\n\nNEW YORK, March 3 - Acme earned more than a year ago.\n")
    assert article.title == "Acme Corp <ACM> 4th qtr net rises in Jan"


def test_all_caps_headline_takes_the_body_case_and_keeps_the_original():
    article = extract("CHINA CALLS FOR BETTER TRADE DEAL WITH U.S.\n\nPEKING, March 3 - China called for a better deal.\n Reuter\n")
    assert article.title == "China calls for better trade deal with U.S."
    assert article.original_title == "CHINA CALLS FOR BETTER TRADE DEAL WITH U.S."
    assert (article.location, article.source) == ("PEKING", "Reuters")


def test_headline_with_dash_is_not_a_dateline():
    article = extract("YUGOSLAVIA WHEAT FREE OF WINTERKILL - USDA\n\nWASHINGTON, March 3 - No damage was found.\n")
    assert article.title == "Yugoslavia wheat free of winterkill - USDA"
    assert article.location == "WASHINGTON"


@pytest.mark.parametrize(
    ("lede", "title"),
    [
        ("The city council approved a pilot of night buses on Tuesday.", "The city council approved a pilot of night buses on Tuesday"),
        (
            "After months of talks, the two companies agreed to merge their chip businesses in a deal worth billions, people said.",
            "The two companies agreed to merge their chip businesses in a deal worth billions",
        ),
        (
            "Scientists found the glacier is melting far faster than any model had predicted, which worries coastal planners.",
            "Scientists found the glacier is melting far faster than any model had predicted",
        ),
    ],
)
def test_lede_headline(lede, title):
    assert lede_headline(lede) == title


def test_lede_headline_is_short_and_clean():
    title = lede_headline("A " + "very " * 40 + "long sentence about a thing that happened.")
    assert len(title) <= 90 and not title.endswith((".", ",", " "))


def test_summary_is_first_sentence_or_two():
    paragraphs = ["Stocks fell on Monday. Bonds rose. Oil was flat.", "Second paragraph."]
    assert lede_summary(paragraphs) == "Stocks fell on Monday. Bonds rose."
    assert len(lede_summary(["word " * 200])) <= 300


def test_summary_not_split_at_abbreviations():
    assert (
        lede_summary(["The U.S. economy grew 3 pct, Mr. Smith said. Then more."])
        == "The U.S. economy grew 3 pct, Mr. Smith said. Then more."
    )


def test_tags_merge_and_limit():
    paragraphs = [
        "US President Joe Biden met Vladimir Putin in Geneva.",
        "Biden said the talks were good. Putin agreed with Biden.",
        "In Geneva, officials from the United Nations watched. The United Nations said little.",
    ]
    tags = extract_tags("", paragraphs, 3)
    assert tags == ["Joe Biden", "Vladimir Putin", "Geneva"]
    assert extract_tags("", paragraphs, 0) == []


def test_tags_skip_sentence_openers_and_adjectives():
    tags = extract_tags("", ["Many people came. Many more stayed. Russian officials met Russian diplomats."], 5)
    assert tags == []


def test_wire_paragraphs_rebuilt_and_signoff_removed():
    text = (
        "SANDOZ PLANS JOINT VENTURE\n\nBASLE, March 3 - Sandoz AG said it planned a joint venture\nto produce herbicides in the "
        "Soviet Union.\n    The company said it had signed a letter of intent with the\nSoviet Ministry of Fertiliser Production "
        "to form the first\nforeign joint venture.\n Reuter\n"
    )
    article = extract(text)
    assert article.paragraphs == (
        "Sandoz AG said it planned a joint venture to produce herbicides in the Soviet Union.",
        "The company said it had signed a letter of intent with the Soviet Ministry of Fertiliser Production to form the first foreign joint venture.",
    )
    assert (article.source, article.date, article.date_inferred) == ("Reuters", date(2023, 3, 3), True)


def test_credits_give_author_and_are_removed():
    lines = ["Talks ended without a deal.", "", "(Reporting by Jane Doe in London; Editing by", "Bob Roe)"]
    kept, credits = strip_signoffs(lines)
    assert kept == ["Talks ended without a deal."] and credits.author == "Jane Doe"
    kept, credits = strip_signoffs(["Talks ended. (Reporting by Ann Lee; Editing by Tom Fox)", "© 2021 Example News. All rights reserved."])
    assert kept == ["Talks ended."] and credits == type(credits)("Example News", "Ann Lee", 2021)


def test_blank_line_paragraphs_and_hyphen_joins():
    assert build_paragraphs(["One long line that is a whole paragraph on its own and goes on for a while.", "", "Two."]) == [
        "One long line that is a whole paragraph on its own and goes on for a while.",
        "Two.",
    ]
    wrapped = ["The Anglo-", "American air attacks on Iraq were protested in Moscow by the", "government of the day, officials said."]
    assert build_paragraphs(wrapped) == [
        "The Anglo-American air attacks on Iraq were protested in Moscow by the government of the day, officials said."
    ]


def test_quotes_and_whitespace_normalised():
    article = extract("Title\u00a0here\r\n\r\n\u201cHello,\u201d she said\u2019s  ``quote''.\r\n")
    assert article.title == "Title here"
    assert article.paragraphs == ('"Hello," she said\'s "quote".',)


TEXT = "Caf\u00e9 opens\n\nThe caf\u00e9 \u201cLe Monde\u201d opened in Paris on Monday.\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("cp1252"), "windows-1252"),
        (TEXT.replace("\n", "\r\n").encode("cp1252"), "windows-1252"),
        ("Caf\u00e9 \u00a315m\n\nA caf\u00e9 sold for \u00a315m.\n".encode("latin-1"), "windows-1252"),
    ],
)
def test_encodings(data, encoding):
    decoded = decode_seed(data)
    assert decoded.encoding == encoding
    article = extract(decoded.text)
    assert article.title.startswith("Caf\u00e9")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\r\n\t ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        (bytes(range(256)) * 4, "binary"),
    ],
)
def test_unreadable_bytes(data, reason):
    decoded = decode_seed(data)
    assert decoded.text is None and reason in decoded.reason


@pytest.mark.parametrize("line", ["[" * 1_000_000, " " * 1_000_000, "." * 1_000_000, "(a" * 500_000, "March 3 " * 125_000])
def test_hostile_long_lines_are_fast(line):
    started = clock.perf_counter()
    article = extract(f"{line}\n\nLONDON - {line}\n")
    assert clock.perf_counter() - started < 5
    assert len(article.title) <= 150


@pytest.mark.parametrize(
    "prefix",
    ["[Text] ", "10:30 ", "(Updated 2:59pm, 28 March 2009) ", "a.jpg ", "Reuters, Oct 2, 2008 10:00 . ", "SEOUL, NO DATE "],
)
def test_a_paragraph_of_repeated_openings_is_read_in_bounded_depth(prefix):
    # Each of these is set aside before a dateline and the rest read again: a hostile paragraph of thousands of them
    # must neither exhaust the stack nor lose text (what follows the dateline is always the paragraph's own end).
    paragraph = prefix * (200_000 // len(prefix)) + "LONDON (Reuters) - The story."
    found = parse_dateline(paragraph)
    assert paragraph.endswith(found.rest) and len(found.rest) > 100_000


# Batches 2, 3 and 4 (holdout2-4) were measured blind first (48.8%, 82.1% and 78.0% of rows wholly right); the rules
# written since are general ones (two-digit years, foreign month names, a country in brackets, ...), see WIRE_OPENINGS.md.
WIRE_OPENINGS = [
    row
    for name in sorted(path.name for path in FIXTURES.glob("wire_openings*.yaml"))
    for row in yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8"))
]


def _dateline_fields(text: str) -> dict:
    found = parse_dateline(text)
    return {
        "location": found.location or None,
        "source": found.source or None,
        "month_day": (found.date.month, found.date.day) if found.date else None,
    }


def _wire_rate(split: str) -> tuple[float, list[str]]:
    rows = [row for row in WIRE_OPENINGS if row["split"] == split]
    misses = []
    for row in rows:
        got = _dateline_fields(row["text"])
        want = {"location": row["location"], "source": row["source"], "month_day": (row["month"], row["day"]) if row["month"] else None}
        if got["source"] and want["source"] and canonical_source(got["source"]).casefold() == canonical_source(want["source"]).casefold():
            got["source"] = want["source"]  # the same agency, named as the row writes it
        if got != want:
            misses.append(f"{row['style']}: {row['text'][:70]!r} got {got} want {want}")
    return 1 - len(misses) / len(rows), misses


def test_wire_openings_fixture_is_wide():
    sources = {row["source"] for row in WIRE_OPENINGS if row["source"]}
    assert len(WIRE_OPENINGS) >= 300 and len(sources) >= 15


@pytest.mark.parametrize(
    ("split", "floor"),
    [
        ("dev", 0.97),
        ("holdout", 0.95),
        ("holdout2", 0.92),
        ("holdout3", 0.90),
        ("holdout4", 0.92),
        ("holdout5", 0.90),
        ("holdout6", 0.87),
        ("holdout7", 0.90),
        ("holdout8", 0.84),
        ("holdout9", 0.92),
        ("holdout10", 0.81),
        ("holdout11", 0.86),
        ("holdout12", 0.95),
        ("holdout13", 0.94),
        ("holdout14", 0.88),
        ("holdout15", 0.75),
        ("holdout16", 0.94),
        ("holdout17", 0.95),
        ("holdout18", 0.93),
        ("holdout19", 0.97),
        ("holdout20", 0.98),
        ("holdout21", 0.88),
        ("holdout22", 0.91),
        ("holdout23", 0.91),
        ("holdout24", 0.99),
        ("holdout25", 0.96),
        ("holdout26", 0.87),
        ("holdout27", 0.97),
        ("holdout28", 0.88),
        ("holdout29", 0.96),
        ("holdout30", 0.96),
        ("holdout31", 0.98),
        ("holdout32", 0.98),
        ("holdout33", 0.89),
        ("holdout34", 0.99),
        ("holdout35", 0.93),
        ("holdout36", 0.82),
        ("holdout37", 0.94),
        ("holdout38", 0.94),
        ("holdout39", 0.91),
        ("holdout40", 0.86),
        ("holdout41", 0.91),
        ("holdout42", 0.95),
        ("holdout43", 0.88),
        ("holdout44", 0.68),
        ("holdout45", 0.87),
        ("holdout46", 0.84),
        ("holdout47", 0.73),
        ("holdout48", 0.84),
        ("holdout49", 0.92),
        ("holdout50", 0.86),
        ("holdout51", 0.91),
        ("holdout52", 0.64),
        ("holdout53", 0.95),
        ("holdout54", 0.91),
        ("holdout55", 0.92),
        ("holdout56", 0.82),
        ("holdout57", 0.98),
        ("holdout58", 0.91),
        ("holdout59", 1.0),
        ("holdout60", 0.78),
        ("holdout61", 1.0),
        ("holdout62", 0.78),
        ("holdout63", 0.98),
        ("holdout64", 0.85),
        ("holdout65", 0.81),
        ("holdout66", 0.85),
        ("holdout67", 0.81),
        ("holdout68", 0.88),
        ("holdout69", 0.86),
        ("holdout70", 0.93),
        ("holdout71", 0.89),
        ("holdout72", 1.0),
        ("holdout73", 0.86),
        ("holdout74", 0.89),
        ("holdout75", 0.92),
        ("holdout76", 0.88),
        ("holdout77", 0.91),
        ("holdout78", 0.94),
        ("holdout79", 0.93),
        ("holdout80", 0.94),
        ("holdout81", 0.94),
        ("holdout82", 0.95),
        ("holdout83", 1.0),
        ("holdout84", 0.90),
        ("holdout85", 0.97),
        ("holdout86", 1.0),
        ("holdout87", 0.96),
        ("holdout88", 1.0),
        ("holdout89", 0.76),
        ("holdout90", 0.86),
        ("holdout91", 0.97),
        ("holdout92", 0.95),
        ("holdout93", 0.91),
        ("holdout94", 0.83),
        ("holdout95", 0.98),
        ("holdout96", 0.95),
        ("holdout97", 0.95),
        ("holdout98", 0.86),
        ("holdout99", 0.77),
        ("holdout100", 0.98),
        ("holdout101", 0.96),
        ("holdout102", 0.96),
        ("holdout103", 0.96),
        ("holdout104", 0.98),
        ("holdout105", 0.91),
        ("holdout106", 0.95),
        ("holdout107", 0.93),
        ("holdout108", 0.98),
        ("holdout109", 0.93),
        ("holdout110", 0.95),
        ("holdout111", 1.0),
        ("holdout112", 1.0),
        ("holdout113", 0.96),
        ("holdout114", 0.9),
        ("holdout115", 0.96),
        ("holdout116", 0.91),
        ("holdout117", 0.81),
        ("holdout118", 0.93),
        ("holdout119", 0.88),
        ("holdout120", 0.94),
        ("holdout121", 1.0),
        ("holdout122", 1.0),
        ("holdout123", 0.66),
        ("holdout124", 1.0),
        ("holdout125", 0.98),
        ("holdout126", 0.8),
        ("holdout127", 0.91),
        ("holdout128", 0.92),
        ("holdout129", 0.89),
        ("holdout130", 0.96),
        ("holdout131", 0.95),
        ("holdout132", 1.0),
        ("holdout133", 0.85),
        ("holdout134", 0.69),
        ("holdout135", 0.76),
        ("holdout136", 0.86),
        ("holdout137", 0.97),
        ("holdout138", 1.0),
        ("holdout139", 0.91),
        ("holdout140", 1.0),
        ("holdout141", 0.89),
        ("holdout142", 1.0),
        ("holdout143", 0.7),
        ("holdout144", 0.75),
    ],
)
def test_wire_openings_read_on_evidence(split, floor):
    rate, misses = _wire_rate(split)
    assert rate >= floor, "\n".join(misses)


# Plain ledes whose form other batches label a dateline, so no rule can tell them apart: batch 43's `8 septembre 2025.
# Telle est la date ...` opens with a date and a full stop as Nepali sites' datelines do (`30th September 2010. If all
# goes well ...`, batch 28); batch 47's `KENYA: Food situation in northwest critical`, a desk's slug before a one-line
# headline, has the form of a one-line dateline paragraph (`Mumbai: The city's traders`, the families below), and only a
# list of countries apart from their capitals could part them; batch 36's Persian credit `به گزارش خبرنگار فرهنگی خبرگزاری
# تسنیم،` ("according to Tasnim's culture reporter") is labelled no dateline there, while batches 44, 52 and 60 label the
# same credit, a reporter's too (`به گزارش خبرنگار ایمنا،`), as naming the source, and the reader follows them; batch 62's
# `据中新网9月9日报道` ("according to chinanews.com's report of 9 September") is labelled no dateline there, while batch 47
# labels an agency's dateline carried with "according to" (`据新华社北京2月13日电`) as the agency's; batch 70's Persian
# credit of a news site (`به گزارش بازار،`, "according to Bazaar") is labelled no dateline, as batch 36's; batch 117's
# `March 20, 2003: The U.S. starts ...`, a memoir's date before a colon, has the form of the dated briefs batches 97 and
# 106 label a dateline's date (`(July 16): Palm oil futures ...`, `June 12: Kashmir militants ...`). They count as
# misses in their split's rate; they are not asserted here.
READ_AS_DATELINES_ELSEWHERE = (
    "8 septembre 2025. Telle est la date",
    "KENYA: Food situation in northwest critical",
    "به گزارش خبرنگار فرهنگی خبرگزاری تسنیم،",
    "据中新网9月9日报道",
    "به گزارش بازار،",
    "March 20, 2003: The U.S. starts",
)


@pytest.mark.parametrize(
    "row",
    [row for row in WIRE_OPENINGS if row["style"] == "none" and not row["text"].startswith(READ_AS_DATELINES_ELSEWHERE)],
    ids=lambda row: row["text"][:40],
)
def test_openings_without_a_dateline_get_none_invented(row):
    assert _dateline_fields(row["text"]) == {"location": None, "source": None, "month_day": None}


def test_every_plain_lede_set_aside_is_in_the_fixture():
    texts = [row["text"] for row in WIRE_OPENINGS if row["style"] == "none"]
    assert all(any(text.startswith(prefix) for text in texts) for prefix in READ_AS_DATELINES_ELSEWHERE)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NEW DELHI, Jan 5 (PTI) The government on Tuesday said", ("NEW DELHI", "PTI", (1, 5), "The government")),
        ("(Reuters)Shares of the bank fell", ("", "Reuters", None, "Shares of")),
        ("AP - The president said on Monday", ("", "AP", None, "The president")),
        ("Canadian Press - VANCOUVER (CP) - The Canucks signed", ("VANCOUVER", "CP", None, "The Canucks")),
        ("MOSCOW, March 20. /TASS/. The Kremlin said", ("MOSCOW", "TASS", (3, 20), "The Kremlin")),
        ("Madrid, Jan 5 (EFE).- The Spanish government", ("Madrid", "EFE", (1, 5), "The Spanish")),
        ("(ANSA) - Rome, January 5 - Italy said", ("Rome", "ANSA", (1, 5), "Italy said")),
        ("New Delhi [India], Jan 5 (ANI): Prime Minister", ("New Delhi", "ANI", (1, 5), "Prime Minister")),
        ("WASHINGTON, Jan. 5 (UPI) -- The Senate", ("WASHINGTON", "UPI", (1, 5), "The Senate")),
        ("TOKYO, Jan. 5 Kyodo - Japan's", ("TOKYO", "Kyodo", (1, 5), "Japan's")),
        ("BEIJING, Jan. 5 (Xinhua/Li Xin) -- China", ("BEIJING", "Xinhua", (1, 5), "China")),
        ("NEW YORK (CNN/Money) - Stocks", ("NEW YORK", "CNN/Money", None, "Stocks")),
        ("Jan. 5 (Bloomberg) -- Bonds rallied", ("", "Bloomberg", (1, 5), "Bonds rallied")),
        ("KARACHI: The city's traders", ("KARACHI", "", None, "The city's")),
        ("Mumbai: The city's traders", ("Mumbai", "", None, "The city's")),
        ("RICHMOND, Va. (AP) _ Apple Hospitality", ("RICHMOND, Va.", "AP", None, "Apple")),
        # Forms from the fourth blind batch: a country or region in brackets belongs to the place, not the agency ...
        ("Kigali (Rwanda) — The ministry said", ("Kigali (Rwanda)", "", None, "The ministry")),
        ("Kumasi (Ashanti Region) 4 May 2003 - The chief said", ("Kumasi (Ashanti Region)", "", (5, 4), "The chief")),
        ("APA - Bamako (Mali) — Officials said", ("Bamako (Mali)", "APA", None, "Officials said")),
        # ... press-release wires between slashes, bylines in capitals or ending with the agency ...
        ("TORONTO, June 3, 2024 /CNW/ - Acme Corp announced", ("TORONTO", "CNW", (6, 3), "Acme Corp")),
        ("BY JANE DOE NAIROBI – The court ruled", ("NAIROBI", "", None, "The court")),
        ("By JOHN ROE Associated Press CAIRO, Egypt (AP) — Talks resumed", ("CAIRO, Egypt", "AP", None, "Talks resumed")),
        # ... other presses' dates, a country in capitals, a date before the place, a date alone in brackets.
        ("Lisbon, 5 de maio (Lusa).- O governo", ("Lisbon", "Lusa", (5, 5), "O governo")),
        ("Rabat, Mar.07 – The king chaired", ("Rabat", "", (3, 7), "The king")),
        ("Addis Ababa June 2/2022 (ENA) The ministry", ("Addis Ababa", "ENA", (6, 2), "The ministry")),
        ("SYDNEY, AUSTRALIA (AP) _ Results Monday", ("SYDNEY, AUSTRALIA", "AP", None, "Results Monday")),
        ("June 4, 2002 Kampala, Uganda (Pana) - The army said", ("Kampala, Uganda", "Pana", (6, 4), "The army")),
        ("(June 4, 2002) The minister said", ("", "", (6, 4), "The minister")),
        ("DAILYNEWS - The mayor said", ("", "DAILYNEWS", None, "The mayor")),
        ("WASHINGTON, REUTERS - The Senate voted", ("WASHINGTON", "Reuters", None, "The Senate")),
        ("Prishtinë, January 3, 1999 - The talks", ("Prishtinë", "", (1, 3), "The talks")),
        # Forms read again after the fourth batch: dates in figures (day first unless it cannot be) ...
        ("Jakarta, 30/11 / 2026 (ANTARA) - Exports grew", ("Jakarta", "Antara", (11, 30), "Exports grew")),
        ("Nicosia, 02.03.1998 (CNA) -- Talks resumed", ("Nicosia", "CNA", (3, 2), "Talks resumed")),
        ("Boston, 4/16/2004 (UPI) - The mayor", ("Boston", "UPI", (4, 16), "The mayor")),
        # ... a city, a name in brackets and the first word with nothing between them ...
        ("Dubai (Gulf Times) Officials announced", ("Dubai", "Gulf Times", None, "Officials announced")),
        # ... a place in capitals run into its double hyphen, and a city alone on its own line.
        ("MANILA-- The senate voted", ("MANILA", "", None, "The senate")),
        ("NAIROBI The Kenyan shilling", ("NAIROBI", "", None, "The Kenyan")),
        # Forms read after the fifth blind batch: a comma between month and day before a wire in slashes ...
        ("TBILISI, June, 3. /ARKA/. Talks resumed", ("TBILISI", "ARKA", (6, 3), "Talks resumed")),
        # ... a known agency after the date, or glued to the place's dash, or before a city with no dash at all ...
        ("Tashkent, April 9, UzA The president said", ("Tashkent", "UzA", (4, 9), "The president")),
        ("IZMIR-Anadolu Agency Rescue teams worked", ("IZMIR", "Anadolu", None, "Rescue teams")),
        ("AAP Sydney The dollar rose", ("Sydney", "AAP", None, "The dollar")),
        # ... a syndicator's credit naming an outlet the table does not know, an outlet's web address ...
        ("(MENAFN- Gulf Pulse) Officials said", ("", "Gulf Pulse", None, "Officials said")),
        ("VNEXPRESS.VN - The minister said", ("", "VNEXPRESS.VN", None, "The minister")),
        # ... a reporter's name run on before the place in capitals, a place after a byline's "in" ...
        ("Maria Santos DAVAO CITY, Feb. 2 (PNA) -- The mayor", ("DAVAO CITY", "PNA", (2, 2), "The mayor")),
        ("By JOHN ROE in Auckland The council voted", ("Auckland", "", None, "The council")),
        # ... and the punctuation a place's name must not keep.
        ("DENVER--(BUSINESS WIRE)-- Acme Corp said", ("DENVER", "Business Wire", None, "Acme Corp")),
        ("HANOI, Vietnam. – The government said", ("HANOI, Vietnam", "", None, "The government")),
        ("Baku, May 4, Gün-Az The army said", ("Baku", "", (5, 4), "Gün-Az")),
        # Forms read after the sixth blind batch: Slavic months after a day with a full stop, any script's capital ...
        ("Ljubljana, 3. marca - Vlada je sprejela", ("Ljubljana", "", (3, 3), "Vlada")),
        ("Łódź, 12. października - Miasto", ("Łódź", "", (10, 12), "Miasto")),
        # ... a page's update note first, a state with a hyphen, a state's abbreviation before the story ...
        ("(Updated 10:05am, 2 May 2011) SINGAPORE, 2 May 2011: Shares fell", ("SINGAPORE", "", (5, 2), "Shares")),
        ("MOSTAR, Bosnia-Herzegovina (AP) - The bridge", ("MOSTAR, Bosnia-Herzegovina", "AP", None, "The bridge")),
        ("FRESNO, Calif. Farmers said", ("FRESNO, Calif.", "", None, "Farmers")),
        ("HOBART, TAS, June 2 -- The premier", ("HOBART, TAS", "", (6, 2), "The premier")),
        # ... a whole date straight after the agency, a German agency in lower case, a region in brackets.
        ("KABUL (AFP) Mar 3, 2005 The ministry said", ("KABUL", "AFP", (3, 3), "The ministry")),
        ("Munich (dts Nachrichtenagentur) – Die Polizei", ("Munich", "dts", None, "Die Polizei")),
        ("Nagpur (Maharashtra): The police said", ("Nagpur (Maharashtra)", "", None, "The police")),
        ("By Ann Lee in Hong Kong The bank said", ("Hong Kong", "", None, "The bank")),
        # Forms read after the seventh blind batch: a place and an agency between pipes, a bullet as the dash ...
        ("CAIRO | Xinhua | The talks resumed", ("CAIRO", "Xinhua", None, "The talks")),
        ("LONDON • Shares fell on Monday", ("LONDON", "", None, "Shares fell")),
        # ... a byline with its desk before a place in capitals, a byline listing names and agency before the place ...
        ("By Jo Roe / Associated Press DENVER -- The storm", ("DENVER", "", None, "The storm")),
        ("By Jo Roe and Al Poe, PTI, Chennai : The court ruled", ("Chennai", "", None, "The court")),
        # ... a byline, a date and an agency with no place, and a syndicator's credit without its opening bracket.
        ("By Jo Roe March 3 (Bloomberg) -- Bonds fell", ("", "Bloomberg", (3, 3), "Bonds fell")),
        ("MENAFN - Gulf Times (GT)) DOHA, May 2 (QNA) -- The emir said", ("DOHA", "QNA", (5, 2), "The emir")),
        # Forms read after the eighth blind batch: copy all in small letters, given back as written ...
        ("cairo, feb. 3, mena -- the minister said", ("cairo", "MENA", (2, 3), "the minister")),
        ("Cairo, Feb. 3, MENA -- The minister said", ("Cairo", "MENA", (2, 3), "The minister")),
        # ... a day in capitals, a photo credit run into the place, a city and its country on their joined line ...
        ("ROME 5TH Mar. (IPS) Farmers protested", ("ROME", "IPS", (3, 5), "Farmers")),
        ("AP Photo/Jo RoeMANILA, May 3 (AP) - Rescuers searched", ("MANILA", "AP", (5, 3), "Rescuers")),
        ("MANILA, Philippines Rescuers searched the rubble", ("MANILA, Philippines", "", None, "Rescuers")),
        # ... and a headline run into a known place in capitals and its colon or dash.
        ("Floods cut off villages SURABAYA, East Java: Floods cut roads", ("SURABAYA, East Java", "", None, "Floods cut")),
        ("Sect revival feared JAKARTA (AFP): Officials believe", ("JAKARTA", "AFP", None, "Officials")),
        # A known agency, a comma and a whole date, then the story (perhaps after a known place).
        ("Xinhua, 2 May 2019 Rescuers searched", ("", "Xinhua", (5, 2), "Rescuers")),
        ("Interfax, 2003-07-09, Moscow The Kremlin said", ("Moscow", "Interfax", (7, 9), "The Kremlin")),
        # Only the dateline in small letters, given back as written.
        ("baghdad, iraq -- A car bomb exploded", ("baghdad, iraq", "", None, "A car bomb")),
        # After the tenth batch: EFE's `.-` run into a place in capitals with accents, an agency's short name before a
        # dash where a state would stand, and a country with a hyphen before the story's capitals.
        ("ASUNCIÓN.- El presidente dijo", ("ASUNCIÓN", "", None, "El presidente")),
        ("CEBU, PIA- The province said", ("CEBU", "PIA", None, "The province")),
        ("MOSTAR, Bosnia-Herzegovina UN troops left the town", ("MOSTAR, Bosnia-Herzegovina", "", None, "UN troops")),
        # After the eleventh batch: Spanish dates with "de" before the year, the year before the month, a weekday before
        # a date that opens the text, a country named with "of" or in capitals after a town, `U.S.A.` after a state,
        # a picture's file name or braces in the opening, an outlet where the place would stand, a bracket naming
        # several outlets and a date, a mixed-case place after a run-in headline, an agency's full stop, `.-` after a
        # place in any case, and a town in capitals with only a comma.
        ("GUADALAJARA, Jal., 12 de marzo de 2019.- Las autoridades", ("GUADALAJARA, Jal.", "", (3, 12), "Las autoridades")),
        (
            "BOSTON, MASSACHUSETTS, U.S.A., 1994 MAR 7 (NB) -- A software maker",
            ("BOSTON, MASSACHUSETTS, U.S.A.", "NB", (3, 7), "A software"),
        ),
        ("Tuesday, 2 March 2021, Riffa, Kingdom of Bahrain: The ministry", ("Riffa, Kingdom of Bahrain", "", (3, 2), "The ministry")),
        ("Kampala, UGANDA: Officials said", ("Kampala, UGANDA", "", None, "Officials said")),
        ("IMG_2041.jpgBAGHDAD (INA)- The ministry said", ("BAGHDAD", "INA", None, "The ministry")),
        ("JACKSON, Miss. {AP} State lawmakers met", ("JACKSON, Miss.", "AP", None, "State lawmakers")),
        ("MANILA TIMES, Oct. 4 – The senate voted", ("", "MANILA TIMES", (10, 4), "The senate")),
        (
            "CAIRO, (Gulf Today / Egypt Independent / MENA - 3rd Feb, 2020) Officials said",
            ("CAIRO", "Gulf Today / Egypt Independent / MENA", (2, 3), "Officials"),
        ),
        ("Sultan Receives Credentials Of Envoys Salalah, 5 Nov (ONA) --- His Majesty", ("Salalah", "ONA", (11, 5), "His Majesty")),
        ("Aleppo, SANA. Citizens returned", ("Aleppo", "SANA", None, "Citizens")),
        ("Quito.- El presidente dijo", ("Quito", "", None, "El presidente")),
        ("NAIROBI, Traders at the market said", ("NAIROBI", "", None, "Traders")),
        # After the twelfth batch: a reporter's name alone in brackets, a date right after an agency that leads, Japan's
        # prefectures, a town's full stop before its agency, a short agency name closed by a dash after the date, a town
        # under two names, a name in capitals with a whole date, a place run into a caption, a byline of an agency.
        ("(Ramesh Shrestha) Pokhara, Oct 3: The district office", ("Pokhara", "", (10, 3), "The district")),
        ("Jiji - Oct 14 Two hikers were found", ("", "Jiji", (10, 14), "Two hikers")),
        ("AP - May 5 marks the anniversary", ("", "AP", None, "May 5 marks")),  # the date is the sentence's
        ("Kobe, Hyogo Pref., Feb. 2 (Jiji Press)--Officials said", ("Kobe, Hyogo Pref.", "Jiji", (2, 2), "Officials")),
        ("ALMATY. KAZINFORM - The city council", ("ALMATY", "Kazinform", None, "The city")),
        ("RIGA, Mar 3, LETA –The parliament voted", ("RIGA", "LETA", (3, 3), "The parliament")),
        ("Bengaluru/Bangalore: The police said", ("Bengaluru/Bangalore", "", None, "The police")),
        ('KHULNA, Jan 5, 2014 "We will not stop," he said', ("KHULNA", "", (1, 5), '"We will')),
        ("a press conference photoSeoul - Officials said on Monday", ("Seoul", "", None, "Officials")),
        ("By Kyodo OSAKA, Japan -- Officials said", ("OSAKA, Japan", "", None, "Officials")),
        # After the thirteenth batch: a byline in small letters, the reporter's agency spelt out after the byline, a
        # wire's one-word brand in brackets, a place in square brackets, `Reporter/AGENCY, Place –`, a month and day alone.
        ("by Jane Kamau Mombasa, Kenya (AFP) Jun 02, 2007 Officials said", ("Mombasa, Kenya", "AFP", (6, 2), "Officials")),
        ("By Sam Riley THE CANADIAN PRESS VANCOUVER- The Canucks won", ("VANCOUVER", "", None, "The Canucks")),
        ("Austin, Texas (ots-PRNewswire) - Die Firma teilte mit", ("Austin, Texas", "ots-PRNewswire", None, "Die Firma")),
        ("[SINGAPORE] Asian shares rose on Monday", ("SINGAPORE", "", None, "Asian shares")),
        ("Maria Gomez/IPS, Madrid – Activists gathered", ("Madrid", "IPS", None, "Activists")),
        ("Jan 14 Shares of the bank rose", ("", "", (1, 14), "Shares of")),
        # After the fourteenth batch: TASS in Russian (a month in the genitive, the agency between slashes in Cyrillic),
        # Belga's teletype `DD/MM (AGENCY) =`, a letter lost to a wrong decoding, an ambiguous short agency name in
        # capitals before a dash, the agency's bracket after the country's.
        ("САНКТ-ПЕТЕРБУРГ, 3 марта. /ТАСС/. Губернатор города заявил", ("САНКТ-ПЕТЕРБУРГ", "TASS", (3, 3), "Губернатор")),
        ("ANVERS 12/09 (BELGA) = Le port a annoncé", ("ANVERS", "Belga", (9, 12), "Le port")),
        ("Gen\ufffdve (Reuter) - Die Bank meldete", ("Gen\ufffdve", "Reuters", None, "Die Bank")),
        ("AGI - Il governo ha deciso", ("", "AGI", None, "Il governo")),
        ("Lyon (France) (AFP) – Le maire a dit", ("Lyon (France)", "AFP", None, "Le maire")),
        # Chinese and Japanese agency datelines, read from batch 10's rows: agency, place, month and day, 电.
        ("新华社上海10月8日电 上海市政府今天宣布", ("上海", "Xinhua", (10, 8), "上海市政府")),
        ("【共同通信東京11月2日】日本政府は", ("東京", "Kyodo", (11, 2), "日本政府")),
        ("中新社广州十二月二十一日电(记者 王芳)广东省", ("广州", "China News Service", (12, 21), "广东省")),
        # After the fifteenth batch: Korean and Japanese datelines in brackets, Arabic agencies joined to the place by a
        # hyphen, Thai month abbreviations (and the vowel signs inside a Thai place's name).
        ("(부산=연합뉴스) 박철수 기자 = 부산시는", ("부산", "Yonhap", None, "부산시는")),
        # After the sixteenth batch: a wire's name between slashes may hold its short form in brackets.
        (
            "ACCRA, Ghana, May 2, 2016/African Press Organization (APO)/ -- The minister",
            ("ACCRA, Ghana", "African Press Organization (APO)", (5, 2), "The minister"),
        ),
        ("시장 선거 앞두고 공약 경쟁 (대구=연합뉴스) 김영희 기자 = 대구시장 후보들은", ("대구", "Yonhap", None, "대구시장")),
        ("【大阪共同通信】大阪府は", ("大阪", "Kyodo", None, "大阪府は")),
        ("【パリ=山田太郎】フランス政府は", ("パリ", "", None, "フランス政府は")),
        ("دبي-وام: أعلنت الحكومة", ("دبي", "WAM", None, "أعلنت")),
        ("ภูเก็ต 2 ส.ค.-ผู้ว่าราชการจังหวัด", ("ภูเก็ต", "", (8, 2), "ผู้ว่า")),
        ("体坛周报3月8日讯 昨晚的比赛", ("", "体坛周报", (3, 8), "昨晚的比赛")),  # an outlet's report, no place
        ("عمان اليوم: أعلنت الحكومة", ("", "عمان اليوم", None, "أعلنت")),  # an Arabic outlet's name and colon
        # After the seventeenth batch: place, date and agency parted by full stops, the agency closed by a slash.
        ("Ganja. 3 March. REPORT.AZ/ The governor said", ("Ganja", "REPORT.AZ", (3, 3), "The governor")),
        # After the eighteenth batch: a known place alone in brackets before a dash is the place, not an outlet;
        ("(CHICAGO) -- The city council voted", ("CHICAGO", "", None, "The city council")),
        # one word before a known agency's bracket is a dateline's place even when no gazetteer knows it;
        ("Zaranj (Pajhwok) the provincial council met", ("Zaranj", "Pajhwok", None, "the provincial")),
        # and `(BNA)`, which two national agencies write, is kept as written.
        ("Isa Town, May 4 (BNA) The minister said", ("Isa Town", "BNA", (5, 4), "The minister")),
        # After the nineteenth batch: a joint credit of known agencies in any case, written as it stands;
        ("Lyon (afp/dpa) — Der Bürgermeister sagte", ("Lyon", "afp/dpa", None, "Der Bürgermeister")),
        # a country's name with accents after the town;
        ("VERACRUZ, México -- Officials said on Friday", ("VERACRUZ, México", "", None, "Officials said")),
        # a known city in any case run into its hyphen;
        ("Bamako- Le gouvernement a annoncé", ("Bamako", "", None, "Le gouvernement")),
        # a known city, its comma and a sentence opening with an article;
        ("Lucknow, A fire broke out on Tuesday", ("Lucknow", "", None, "A fire")),
        # and a known agency, its comma, then the place: `UNB, Chattogram :`.
        ("UNB, Dhaka : A fire broke out", ("Dhaka", "UNB", None, "A fire")),
        # After the twentieth batch: old AP's backtick for the ayn inside a place's name;
        ("SHI`A QUARTER, Lebanon (AP) _ Gunmen fired", ("SHI`A QUARTER, Lebanon", "AP", None, "Gunmen fired")),
        # and a known agency in square brackets, spelt in words apart.
        ("[ADN Kronos] The minister said on Monday", ("", "Adnkronos", None, "The minister")),
        # After the twenty-first batch: a joint credit of known agencies joined by a hyphen, as written;
        ("Quito, Mar 3 (efe-epa).- Thousands marched on Sunday", ("Quito", "efe-epa", (3, 3), "Thousands marched")),
        # two places parted by a slash and a space;
        ("Mumbai/ Pune, June 2 (PTI): The monsoon arrived", ("Mumbai/ Pune", "PTI", (6, 2), "The monsoon")),
        # and a place, its comma and a known agency before the dash, read as the agency, not as a state.
        ("Rafah, Alray - Crossings reopened on Monday", ("Rafah", "Alray", None, "Crossings reopened")),
        # After the twenty-second batch: a place with its country between pipes, then the agency.
        ("Accra, Ghana | AFP | Parliament approved the budget", ("Accra, Ghana", "AFP", None, "Parliament approved")),
        # From reading unlabelled openings of fourteen public data sets: a release wire whose name starts with a digit;
        ("SAN DIEGO, CA, May 2, 2024 /9-5Wire/ -- The firm said", ("SAN DIEGO, CA", "9-5Wire", (5, 2), "The firm")),
        # a wire's name in brackets between the date and its dash;
        ("DENVER - June 3, 2025 (BIZWIRE NOW) - The firm said", ("DENVER", "BIZWIRE NOW", (6, 3), "The firm")),
        # or after the date's own dash;
        ("BOSTON, MA — May 5, 2025 — (PRWIRE ONE) — The firm said", ("BOSTON, MA", "PRWIRE ONE", (5, 5), "The firm")),
        # a release wire between slashes after a whole date, with no dash before the text;
        ("BUSAN, KOREA, March 3, 2025 /PRWeb Asia/ A new port opened", ("BUSAN, KOREA", "PRWeb Asia", (3, 3), "A new port")),
        # a place, the wire and the date each closed by a slash;
        ("AUSTIN, TX / ACCESSWIRE / June 5, 2024 / Acme Inc. said", ("AUSTIN, TX", "ACCESSWIRE", (6, 5), "Acme Inc.")),
        # a province in capitals with its kind, which ISO 3166-2 writes in Chinese ("Anhui Sheng");
        ("HEFEI, ANHUI PROVINCE, July 2 (Xinhua) -- Farmers began", ("HEFEI, ANHUI PROVINCE", "Xinhua", (7, 2), "Farmers began")),
        # the UN's headquarters, where agencies date their UN stories;
        ("United Nations (AFP) Diplomats said on Monday", ("United Nations", "AFP", None, "Diplomats said")),
        # a transcript's dateline that says it has no date;
        ("MANAGUA, NO DATE (RADIO SANDINO) -- [TEXT] The army said", ("MANAGUA", "RADIO SANDINO", None, "[TEXT] The army")),
        # and a country of thirty years ago after the town.
        ("LEIPZIG, East Germany (AP) _ Thousands marched", ("LEIPZIG, East Germany", "AP", None, "Thousands marched")),
        # After the twenty-third batch: a known agency with its regional service's code;
        ("Kiel (dpa/lsh) - Die Landesregierung hat", ("Kiel", "dpa/lsh", None, "Die Landesregierung")),
        # a translator's note of what follows, before the dateline;
        ("[Excerpts] Lusaka, 4 May (ZANA) -- The minister said", ("Lusaka", "ZANA", (5, 4), "The minister")),
        # a date with no comma before it, then an agency's name in capitals and a double hyphen;
        ("Durban May 2 SAPA -- Voters queued from dawn", ("Durban", "SAPA", (5, 2), "Voters queued")),
        # a day of the month alone before a known agency's bracket;
        ("LIMA, 12 (AFP) - Rescuers reached the village", ("LIMA", "AFP", None, "Rescuers reached")),
        # the time the wire sent it, before a dateline naming its agency;
        ("09:15 BELGRADE, Feb 3 (Tanjug) - The government", ("BELGRADE", "Tanjug", (2, 3), "The government")),
        # a place's name whose particle joins a known end to the words before it;
        ("Santa Cruz de Tenerife, 4 Jun (EFE) - Firefighters", ("Santa Cruz de Tenerife", "EFE", (6, 4), "Firefighters")),
        # a known agency's Arabic name leading its copy, run into its hyphen;
        ("وام- استقبل صاحب السمو", ("", "WAM", None, "استقبل")),
        # the agency alone before the date in Chinese, with no place;
        ("中新网3月2日电 国务院", ("", "China News Service", (3, 2), "国务院")),
        # a Japanese dateline in brackets after a photo's caption run on before it;
        ("会見する報道官。（北京＝共同）【共同通信北京3月2日】外務省は", ("北京", "Kyodo", (3, 2), "外務省は")),
        # and a Japanese paper's bracket of a place and the agency's short name.
        ("【大阪共同】府警は5日", ("大阪", "Kyodo", None, "府警は")),
        # After the twenty-fourth batch: a Hijri date before the Gregorian one, and the era after its year;
        ("Dammam, Shawwal 3, 1444 AH, April 23, 2023 AD, SPA -- Crowds", ("Dammam", "SPA", (4, 23), "Crowds")),
        # and an agency's credit with its sending time before the dateline, whose date is not the dateline's.
        ("Reuters, Mon May 5, 2008 10:02 EDT . KABUL (Reuters) - Gunmen", ("KABUL", "Reuters", None, "Gunmen")),
        # After the twenty-fifth batch: an outlet and its place parted by a pipe in brackets;
        ("(NTV|KAMPALA) – Police said on Monday", ("KAMPALA", "NTV", None, "Police said")),
        # and a place whose known town is not its first part, with a date, in brackets.
        ("(Treaty Six Territory, Edmonton, AB – May 2, 2021) – The band", ("Treaty Six Territory, Edmonton, AB", "", (5, 2), "The band")),
        # After the twenty-sixth batch: ANI's state in brackets and country in square brackets after the town;
        ("Nashik (Maharashtra) [India], June 4 (ANI): The police", ("Nashik (Maharashtra)", "ANI", (6, 4), "The police")),
        # a known agency after the place's dash, closed by a full stop;
        ("KABUL – Xinhua. Afghan forces said on Monday", ("KABUL", "Xinhua", None, "Afghan forces")),
        # and a feed's image placeholder run into the dateline.
        ("first_imgHALIFAX, N.S. – The province said", ("HALIFAX, N.S.", "", None, "The province")),
        # After the twenty-seventh batch: a release's standfirst run into its place, wire and whole date between slashes;
        (
            "Acme Will Grow In Asia DALLAS, TX / ACCESSWIRE / May 3, 2022 / Acme Inc. said",
            ("DALLAS, TX", "ACCESSWIRE", (5, 3), "Acme Inc."),
        ),
        # into a release wire between slashes after a whole date, which need not be a known agency;
        (
            "Sales rose 8% in 2021. DENVER, CO, May 3, 2022 /PR Daily Wire/ -- Acme said",
            ("DENVER, CO", "PR Daily Wire", (5, 3), "Acme said"),
        ),
        # a known release wire's bracket and its whole date after a standfirst;
        (
            "Acme adds a line of cash tools for shops Austin, TX (PRWEB) May 3, 2015. Acme said",
            ("Austin, TX", "PRWeb", (5, 3), "Acme said"),
        ),
        # and a town, its state and its country in capitals before the date, as EIN Presswire sets them.
        ("OMAHA, NE, UNITED STATES, May 3, 2022 /EINPresswire.com/ -- Acme", ("OMAHA, NE, UNITED STATES", "EIN Presswire", (5, 3), "Acme")),
        # After the twenty-eighth batch: a byline's desk glued to a place of two words in capitals;
        ("Sports WriterLOS ANGELES (AP) -- The Lakers won", ("LOS ANGELES", "AP", None, "The Lakers")),
        # and a whole date and its colon before a sentence.
        ("12th Oct 2011: As the festival nears, prices rise", ("", "", (10, 12), "As the festival")),
        # After the thirty-first batch: a known city, its comma (spaced or not), and a word that only opens a sentence.
        ("Hanoi, Three workers were hurt when a crane fell", ("Hanoi", "", None, "Three workers")),
        ("Cairo , Her Excellency the minister opened the fair", ("Cairo", "", None, "Her Excellency")),
        ("Lagos, Friday saw the first rain of the season", ("Lagos", "", None, "Friday saw")),
        # Read again over every split: an honorific's initials after the comma, and the article `A` after capitals.
        ("Manama, HE the Minister of Health opened the clinic", ("Manama", "", None, "HE the Minister")),
        ("OSAKA A ferry ran aground on Monday", ("OSAKA", "", None, "A ferry")),
        # After the thirty-third and thirty-fourth batches: a known city in capitals and a full stop;
        ("LIMA. El Congreso aprobó ayer la ley", ("LIMA", "", None, "El Congreso")),
        # a known town alone in brackets, with no dash;
        ("(Genève) Le Conseil fédéral a décidé", ("Genève", "", None, "Le Conseil")),
        # the wire's time stamp before its agency's bracket and the place;
        ("09:40 (ANSA) - MILANO - La Borsa ha aperto", ("MILANO", "ANSA", None, "La Borsa")),
        # an Italian agency that writes its name in small letters;
        ("Torino, 3 apr. (askanews) - Il sindaco ha detto", ("Torino", "askanews", (4, 3), "Il sindaco")),
        # and a city under the name wire copy used for decades, before a colon.
        ("Bombay: Shares rose on Monday", ("Bombay", "", None, "Shares rose")),
        # Read again over every split: an outlet's name, then its place in brackets, then a dash.
        ("Harbour Times (Valletta) – The ferry strike ended", ("Valletta", "Harbour Times", None, "The ferry")),
        ("Kenyanews-(Nairobi)-Schools reopened on Monday", ("Nairobi", "Kenyanews", None, "Schools reopened")),
        # and a Hijri date alone, with no era after its year, whose month and day the Gregorian calendar does not give.
        ("Makkah, Shaaban 12, 1440 — The governor opened the fair", ("Makkah", "", None, "The governor")),
        # After the thirty-sixth batch: Hindi datelines with the month in Devanagari, the agency's Hindi name and a danda;
        ("लखनऊ, 3 मार्च (भाषा) उत्तर प्रदेश में", ("लखनऊ", "PTI-Bhasha", (3, 3), "उत्तर")),
        ("जयपुर, 9 अगस्त (हि.स.)। राजस्थान में", ("जयपुर", "Hindusthan Samachar", (8, 9), "राजस्थान")),
        # a Korean place=agency in square brackets, then a desk chief's name and title;
        ("[부산=뉴스핌] 김철수 사회부장 = 부산시는 오늘", ("부산", "Newspim", None, "부산시는")),
        # Taiwan's CNA in brackets with the day alone;
        ("(中央社高雄5日電)高雄市政府今天宣布", ("高雄", "CNA", None, "高雄市政府")),
        # and Thai copy opening with the day, the month and the Buddhist year, in brackets or not.
        ("(3 มี.ค.) ที่ทำเนียบรัฐบาล นายกรัฐมนตรี", ("", "", (3, 3), "ที่ทำเนียบ")),
        ("7 ต.ค. 2566 กรมอุตุนิยมวิทยา", ("", "", (10, 7), "กรมอุตุ")),
        # A big city by its name in another script, before a colon or joined to a known agency by a hyphen.
        ("القاهرة: قال وزير الخارجية", ("القاهرة", "", None, "قال")),
        ("लखनऊ: उत्तर प्रदेश में", ("लखनऊ", "", None, "उत्तर")),
        ("عدن- سبأ: أعلنت السلطات", ("عدن", "Saba", None, "أعلنت")),
        # After the thirty-seventh batch: a desk's byline that signs staff copy, before the dateline.
        ("Staff Correspondent, Chittagong, 4 March 2024: Traders said", ("Chittagong", "", (3, 4), "Traders said")),
        ("Our Reporter, Lahore: The provincial cabinet met", ("Lahore", "", None, "The provincial")),
        ("March 3, 2019 (Juba) South Sudan's rival leaders met", ("Juba", "", (3, 3), "South Sudan's")),
        ("8 November 2021 (Kampala) The opposition said", ("Kampala", "", (11, 8), "The opposition")),
        ("Nov. 8, 2021 (Kampala) - The opposition said", ("Kampala", "", (11, 8), "The opposition")),
        ("Ina- Baghdad The ministry of oil announced", ("Baghdad", "INA", None, "The ministry")),
        ("Reuters, Nairobi Kenya's central bank held its rate", ("Nairobi", "Reuters", None, "Kenya's central")),
        ("Gulf Mirror: The ministry of labour announced", ("", "Gulf Mirror", None, "The ministry")),
        ("STA, 12 May 2019 - The government in Ljubljana said", ("", "STA", (5, 12), "The government")),
        ("Apia, Samoa Samoa's parliament met on Monday", ("Apia, Samoa", "", None, "Samoa's parliament")),
        ("Christchurch, New Zealand Police said on Friday", ("Christchurch, New Zealand", "", None, "Police said")),
        ("Abidjan, 3 fév (AFP) - Le gouvernement a annoncé", ("Abidjan", "AFP", (2, 3), "Le gouvernement")),
        ("Košice 2. júna (TASR) - Mesto oznámilo", ("Košice", "TASR", (6, 2), "Mesto")),
        ("Izmir, 4 Kasım (AA) - Belediye açıkladı", ("Izmir", "Anadolu", (11, 4), "Belediye")),
        ("Rotterdam, 9 mei (ANP) - De gemeente meldde", ("Rotterdam", "ANP", (5, 9), "De gemeente")),
        ("Cluj-Napoca, 7 iulie (Agerpres) - Primăria a anunțat", ("Cluj-Napoca", "Agerpres", (7, 7), "Primăria")),
        ("21:10 AMSTERDAM - De politie heeft", ("AMSTERDAM", "", None, "De politie")),
        ("Brno /FOTO/ - Hasiči zasahovali", ("Brno", "", None, "Hasiči")),
        ("(Fargo, ND) — A water main broke downtown", ("Fargo, ND", "", None, "A water main")),
        ("Shelby County, TN - Deputies closed the road", ("Shelby County, TN", "", None, "Deputies closed")),
        ("Osh, May 2, 2019 / Kabar /. The city council met", ("Osh", "Kabar", (5, 2), "The city council")),
        ("DAKAR | Le gouvernement a annoncé", ("DAKAR", "", None, "Le gouvernement")),
        ("மதுரை: மாவட்ட ஆட்சியர் கூறினார்", ("மதுரை", "", None, "மாவட்ட")),
        ("تبریز- استاندار آذربایجان شرقی گفت", ("تبریز", "", None, "استاندار")),
        ("Одеса, 9 травня (УНН) - Міська рада повідомила", ("Одеса", "УНН", (5, 9), "Міська рада")),
        ("HANOI, May 3,1999 (AFP) - The ministry said", ("HANOI", "AFP", (5, 3), "The ministry")),
        ("BEIRUT, Sunday (AFP) Rescuers dug through", ("BEIRUT", "AFP", None, "Rescuers dug")),
        ("OSAKA, Nov. 2, Kyodo\nShares of the bank fell", ("OSAKA", "Kyodo", (11, 2), "Shares of")),
        ("KTN (Nairobi) — The county assembly voted", ("Nairobi", "KTN", None, "The county")),
        ("BANDUNG, JPN -- The governor opened", ("BANDUNG", "JPN", None, "The governor")),
        ("By Ann Lee\nCAIRO | Mon Jun 3, 2013 9:41am EDT\n(Reuters) - Egypt's army", ("CAIRO", "Reuters", (6, 3), "Egypt's army")),
        ("Detik.com, Surabaya - Banjir merendam", ("Surabaya", "Detik.com", None, "Banjir")),
        ("MEDAN, Tribunnews.com — Polisi menangkap", ("MEDAN", "Tribunnews.com", None, "Polisi")),
        ("• NAPOLI, 4 MAR - Il sindaco ha detto", ("NAPOLI", "", (3, 4), "Il sindaco")),
        ("ROSARIO (NA). La Justicia ordenó", ("ROSARIO", "NA", None, "La Justicia")),
        ("Lagos, Wed. - The federal government said", ("Lagos", "", None, "The federal")),
        ("本报上海3月2日电 记者王明报道:上海市今天", ("上海", "本报", (3, 2), "记者王明")),
        ("据新华社广州5月9日电 广东省今天", ("广州", "Xinhua", (5, 9), "广东省")),
        ("CITY DESK\n\nLUCKNOW: The state cabinet met", ("LUCKNOW", "", None, "The state cabinet")),
        ("ASIF KHAN QUETTA—Rescue teams reached", ("QUETTA", "", None, "Rescue teams")),
        # indented copy, as forums and archives keep it
        ("   KINGSTON, Jamaica - Heavy rains flooded the capital", ("KINGSTON, Jamaica", "", None, "Heavy rains")),
        # a byline on a line of its own, in small letters or not, above the dateline
        ("by Maria Lopez\n\nMarch 3 (Reuters) - Oil prices rose", ("", "Reuters", (3, 3), "Oil prices")),
        ("By Tom Hale\n\nMay 5, 2001 (NAIROBI) — Kenya's parliament", ("NAIROBI", "", (5, 5), "Kenya's parliament")),
        # an agency's credit in square brackets, dated or not, before the dateline or the story
        ("[WAFA] Ramallah - The Palestinian cabinet met", ("Ramallah", "WAFA", None, "The Palestinian")),
        ("[DPA, 3/25/1994] BONN -- The government said", ("BONN", "dpa", (3, 25), "The government")),
        ("[GulfNews, Monday, 4 May 2009, 10:00 GMT]\nThe ministry said", ("", "GulfNews", (5, 4), "The ministry")),
        # the agency's name after the dateline's separator, closed by its line or a dash
        ("SANAA - SABA\nThe cabinet approved", ("SANAA", "Saba", None, "The cabinet")),
        ("Benghazi, 12.03.2015 - LANA - The council met", ("Benghazi", "LANA", (3, 12), "The council")),
        # day and month in figures before the colon
        ("Hanoi, 5/3: The National Assembly opened", ("Hanoi", "", (3, 5), "The National")),
        # a known city, its comma, and a sentence whose first word names no place
        ("Nairobi, Kenyan police arrested two men", ("Nairobi", "", None, "Kenyan police")),
        ("Gyumri /Mediamax/. The mayor said", ("Gyumri", "Mediamax", None, "The mayor")),
        # Japanese, Chinese, Taiwanese and Korean brackets and datelines
        ("【6月2日 AFP】米国の大統領は", ("", "AFP", (6, 2), "米国の")),
        ("【ワシントン時事】米政府は", ("ワシントン", "Jiji", None, "米政府は")),
        ("聯合報台北3月5日電 行政院今天表示", ("台北", "聯合報", (3, 5), "行政院")),
        ("〔記者王小明／高雄報導〕高雄市政府", ("高雄", "", None, "高雄市")),
        ("[한국일보 김철수 기자] 정부는", ("", "한국일보", None, "정부는")),
        # place, date and agency parted by full stops, in Cyrillic
        ("Минск. 5 марта. Белта - Президент", ("Минск", "Белта", (3, 5), "Президент")),
        # an agency after the separator, closed by a full stop or a colon, or in guillemets
        ("МОСКВА, 5 мая — ТАСС. Президент", ("МОСКВА", "TASS", (5, 5), "Президент")),
        ("CAIRO — «MENA»: The ministry said", ("CAIRO", "MENA", None, "The ministry")),
        # WAM's Arabic dateline with the Levant's month; the Persian credit
        ("دمشق في 3 أيار / سانا / أكد الرئيس", ("دمشق", "SANA", (5, 3), "أكد")),
        ("به گزارش ایرنا، وزیر امور خارجه", ("", "IRNA", None, "وزیر")),
        ("به گزارش خبرنگار ایرنا، وزیر امور خارجه", ("", "IRNA", None, "وزیر")),
        ("به گزارش سرویس سیاسی خبرگزاری مهر؛ وزیر امور خارجه", ("", "Mehr", None, "وزیر")),
        # a city and its country after an Arabic comma; the wires' generic credit
        ("عمان، الأردن – عين الملك", ("عمان، الأردن", "", None, "عين")),
        ("عمان-وكالات\nوقع الملك", ("عمان", "Agencies", None, "وقع")),
        # a known city alone on its line
        ("Cleveland\n\nThe Browns signed a new quarterback", ("Cleveland", "", None, "The Browns")),
        # a Chinese outlet's report with no date, a reporter's credit after it or not; a dated one before the credit
        ("北京晚报讯（记者 王明）昨天，北京市政府宣布", ("", "北京晚报", None, "昨天")),
        ("澎湃新闻网讯，上海市今天发布", ("", "澎湃新闻网", None, "上海市")),
        ("北京晚报5月3日讯（记者 王明）北京市政府宣布", ("", "北京晚报", (5, 3), "北京市")),
        # a known city, a full stop and a no-break space
        ("München.\xa0Die Polizei hat am Montag", ("München", "", None, "Die Polizei")),
        # a city, its country and a known agency in brackets, in Arabic
        ("عمان، الأردن (CNN) -- قال الملك", ("عمان، الأردن", "CNN", None, "قال")),
        # an outlet in capitals after its town; a town's abbreviated state is none
        ("LAGOS, PUNCH— The governor said", ("LAGOS", "PUNCH", None, "The governor")),
        ("SAN JOSE, CALIF. - The company said", ("SAN JOSE, CALIF.", "", None, "The company")),
        # a dash read in the wrong code page
        ("MANILA, Feb. 26, 1986 â€” Ferdinand Marcos fled", ("MANILA", "", (2, 26), "Ferdinand")),
        # a country whose name takes "the"
        ("MANILA, the Philippines, Feb. 26, 1986 — Marcos fled", ("MANILA, the Philippines", "", (2, 26), "Marcos")),
        ("THE HAGUE, the Netherlands — Judges ruled", ("THE HAGUE, the Netherlands", "", None, "Judges")),
        # a release wire between slashes whose place and date were cut; an outlet's name where the place stands
        ("/Business Wire/ -- Acme Corp. said today", ("", "Business Wire", None, "Acme Corp.")),
        ("INTERFAX-NEWS. May 4, 2009. The ministry said", ("", "INTERFAX-NEWS", (5, 4), "The ministry")),
        ("DUBAI, May 4, 2009, The Gulf Times. The ministry said", ("DUBAI", "The Gulf Times", (5, 4), "The ministry")),
        # a known city alone before a full stop, in any language's copy, and an outlet's initials (no vowel)
        ("København. Regeringen vil i dag fremlægge", ("København", "", None, "Regeringen")),
        ("München. Die Polizei hat am Montag", ("München", "", None, "Die Polizei")),
        ("BND - Die Regierung hat beschlossen", ("", "BND", None, "Die Regierung")),
        # Hong Kong's China News Agency by its short name; CNA's reporter between the agency and the place
        ("香港中通社3月2日電 特區政府今日宣布", ("", "Zhongguo Tongxun She", (3, 2), "特區政府")),
        ("(中央社記者李明台北5日專電)行政院今天表示", ("台北", "CNA", None, "行政院")),
        # an Indonesian reporter's credit line; an outlet after a town's comma
        ("Laporan Wartawan Kompas.com, Budi Santoso\nKOMPAS.COM, BANDUNG - Pemerintah kota", ("BANDUNG", "KOMPAS.COM", None, "Pemerintah")),
        ("Bandung, CNN Indonesia - Pemerintah kota", ("Bandung", "CNN Indonesia", None, "Pemerintah")),
        # the byline's agency run into the place
        ("By JOHN ROE, AP TOWSON, Md. - The county council", ("TOWSON, Md.", "", None, "The county")),
        # a known agency's name on a line of its own, the place (in capitals or not) or the story below
        ("Business Wire\nCHICAGO\n\nAcme Corp. reported", ("CHICAGO", "Business Wire", None, "Acme Corp.")),
        ("Agencies\n\nKarachi\n\nTwo men were arrested", ("Karachi", "Agencies", None, "Two men")),
        ("Xinhua\n\nThe ministry said on Friday", ("", "Xinhua", None, "The ministry")),
        # a known place with its kind after it, before a colon; the UN's headquarters before a colon
        ("NAKURU COUNTY: The governor said", ("NAKURU COUNTY", "", None, "The governor")),
        ("United Nations: The Security Council voted", ("United Nations", "", None, "The Security")),
        # an outlet's name led by capitals after a known town, its dash glued or spaced
        ("YEREVAN, ARMNews–The parliament voted", ("YEREVAN", "ARMNews", None, "The parliament")),
        # a date and an agency, then a known place before its own separator
        ("March 4 (UNB) Dhaka- Two buses collided", ("Dhaka", "UNB", (3, 4), "Two buses")),
        # a known city run into a word that only opens a sentence (its separator lost with its bold type)
        ("München Der Stadtrat hat beschlossen", ("München", "", None, "Der Stadtrat")),
        ("Madrid El Gobierno aprobó", ("Madrid", "", None, "El Gobierno")),
        # a big city by its own language's name in plain letters, five or more of them, before a full stop
        ("TORINO. Un incendio è scoppiato", ("TORINO", "", None, "Un incendio")),
        ("Milano: Il sindaco ha detto", ("Milano", "", None, "Il sindaco")),
        # Malay and Indonesian month names
        ("IPOH, 3 Julai - Kerajaan negeri hari ini", ("IPOH", "", (7, 3), "Kerajaan")),
        ("Bandung, 17 Agustus (ANTARA) - Pemerintah kota", ("Bandung", "Antara", (8, 17), "Pemerintah")),
        # a known city before a full stop in any script's capitals or mixed case
        ("НОВОСИБИРСК. Власти города объявили", ("НОВОСИБИРСК", "", None, "Власти")),
        ("Казань. Сегодня в городе открылась", ("Казань", "", None, "Сегодня")),
        # an Arabic or Persian outlet: alone on its line before its dash, its hamza dropped, in Persian letters, and a town
        # on its own line after it
        ("نبض البلد -\nأعلنت وزارة الصحة", ("", "نبض البلد", None, "أعلنت")),
        ("عمون الاخبارية: قررت الحكومة", ("", "عمون الاخبارية", None, "قررت")),
        ("خبر آنلاین: رئیس جمهور گفت", ("", "خبر آنلاین", None, "رئیس")),
        ("الموصل نيوز - الموصل\nأعلنت الشرطة", ("الموصل", "الموصل نيوز", None, "أعلنت")),
        # a weekday's whole name in capitals dates the copy; it is no place
        ("THURSDAY, Oct. 12 (HealthDay News) -- Eating", ("", "HealthDay", (10, 12), "Eating")),
        # an agency's whole name, then its initials in brackets: no place
        ("GLOBAL NEWS SERVICE (GNS) — Officials said", ("", "GLOBAL NEWS SERVICE (GNS)", None, "Officials")),
        # Russian months in the nominative; the agency, then its reporter, in brackets
        ("Самара, Июнь 12 (Новый Регион, Пётр Иванов) – Губернатор", ("Самара", "Новый Регион", (6, 12), "Губернатор")),
        # "of the year" after the year, then an agency's name in capitals after the date
        ("ЛЬВОВ, 3 АПРЕЛЯ 2015 ГОДА, ЗАПАД-ИНФОРМ — Власти", ("ЛЬВОВ", "ЗАПАД-ИНФОРМ", (4, 3), "Власти")),
        # a correspondent's title before the agency between slashes
        ("КАЗАНЬ, 5 мая. /Корр. ИТАР-ТАСС/. Президент", ("КАЗАНЬ", "TASS", (5, 5), "Президент")),
        # names in brackets in a script without capitals; a staff reporter's credit is no source
        ("پشاور (آن لائن نیوز) صوبائی حکومت", ("پشاور", "آن لائن نیوز", None, "صوبائی")),
        ("کراچی (سٹاف رپورٹر) شہر میں بارش", ("کراچی", "", None, "شہر")),
        ("KARACHI (Web Desk) - The city", ("KARACHI", "", None, "The city")),
        ("الإسكندرية (أ ش أ) قال المحافظ", ("الإسكندرية", "MENA", None, "قال")),
        # an Arabic outlet's name with a number; then a known town on its line; an outlet on its line after the town's dash
        ("سما 24 :\nأكد الوزير", ("", "سما 24", None, "أكد")),
        ("الجزائر 24 – وهران\nأعلنت الشرطة", ("وهران", "الجزائر 24", None, "أعلنت")),
        ("تونس - نسمة نيوز\n\nأعلنت الوزارة", ("تونس", "نسمة نيوز", None, "أعلنت")),
        # a line of more than four words after the dash is the story's (hard-wrapped copy)
        ("القاهرة - قال الرئيس عبد الفتاح السيسي\nاليوم في", ("القاهرة", "", None, "قال الرئيس")),
        ("الدوحة - قنا\nأعلنت", ("الدوحة", "QNA", None, "أعلنت")),  # a known town before the dash is the place
        ("بيروت\n\nأعلن الجيش", ("بيروت", "", None, "أعلن")),
        # a Turkish reporter's name, a slash and the place; Turkish capitals' dotted I
        ("Ayşe DEMİRCİOĞLU/ANTALYA, (DHA)- Kentte", ("ANTALYA", "DHA", None, "Kentte")),
        ("İSKENDERUN (İHA) - Kentte", ("İSKENDERUN", "IHA", None, "Kentte")),
        # a Persian credit of the outlet that quotes another ("به نقل از")
        ("به گزارش خبرآنلاین به نقل از ایسنا، رئیس", ("", "خبرآنلاین", None, "رئیس")),
        # the Caribbean's and the Pacific's agencies; an island named after a saint; the country in brackets before the
        # agency's; the date first in the agency's bracket, or in figures after it
        ("KINGSTON, Jamaica, Oct. 2, CMC – The government", ("KINGSTON, Jamaica", "CMC", (10, 2), "The government")),
        ("CHARLESTOWN, St. Nevis, June 3, 2019 (SKNIS) – The", ("CHARLESTOWN, St. Nevis", "SKNIS", (6, 3), "The")),
        ("VALLETTA (MALTA) (ANSA) – The court", ("VALLETTA (MALTA)", "ANSA", None, "The court")),
        ("APIA, Samoa (June 5, 2001 - PINA)---The cabinet", ("APIA, Samoa", "PINA", (6, 5), "The cabinet")),
        ("Huế (TTXVN 12/5/2021) Tỉnh", ("Huế", "VNA", (5, 12), "Tỉnh")),
        # a low line typed for the dash after the full stop; a place and its country closed by a full stop on their line
        ("Tegucigalpa._ La Secretaría", ("Tegucigalpa", "", None, "La Secretaría")),
        ("Choluteca, Honduras.\n\nLa policía", ("Choluteca, Honduras", "", None, "La policía")),
        # a quote opens the story after a known place and its date; Malay's short December
        ("Milano, 5 ott. “Il sindaco", ("Milano", "", (10, 5), "“Il sindaco")),
        ("IPOH 3 Dis. - Kerajaan negeri", ("IPOH", "", (12, 3), "Kerajaan")),
        # a Taiwanese reporter's signature without brackets; a desk's byline on its own line
        ("記者李明∕高雄報導 市政府今日", ("高雄", "", None, "市政府今日")),
        ("By ABC News staff\n\nSydney, AUSTRALIA — The", ("Sydney, AUSTRALIA", "", None, "The")),
        # a known city's comma before "The" and a state's body, or before a pronoun; a section's name before the place
        ("Salalah, The Ministry of Tourism said", ("Salalah", "", None, "The Ministry")),
        ("Kolkata, She’s been praised by critics", ("Kolkata", "", None, "She’s")),
        ("City News, Chennai, May 3 (IANS) The", ("Chennai", "IANS", (5, 3), "The")),
        # the horizontal bar as a dash; a comma between the date and the bracketed place; Macedonian months and MIA in
        # Cyrillic; an unknown-to-the-state agency and a date on the dateline's own line; a particle inside a city's
        # name before its full stop; "At" opens a sentence; an agency joined to a known town by a hyphen
        ("OTTAWA ― The federal government", ("OTTAWA", "", None, "The federal")),
        ("May 2, 2014, (JUBA) – The army", ("JUBA", "", (5, 2), "The army")),
        ("Битола, 3 февруари (МИА) - Градот", ("Битола", "MIA", (2, 3), "Градот")),
        ("Linden, GINA, March 3, 2015\n\nThe ministry", ("Linden", "GINA", (3, 3), "The ministry")),
        ("Dar es Salaam. Serikali imetangaza", ("Dar es Salaam", "", None, "Serikali")),
        ("Tirana At the meeting", ("Tirana", "", None, "At the")),
        ("APA-Kinshasa (DR Congo) The government", ("Kinshasa (DR Congo)", "APA", None, "The government")),
        # a report signed in brackets by an outlet, or from a known town
        ("【南方日报报道】广州市政府", ("", "南方日报", None, "广州市政府")),
        ("(台北综合讯)行政院今天", ("台北", "", None, "行政院")),
        # a small country's capital before a colon; "and" inside a country's name; Mexican papers' state, full stop or
        # semicolon, and "del" before the year, in capitals too; "Por" bylines; a reporter's name in mixed case and a
        # slash before the place; an outlet's date between its colon and the story's
        ("Majuro: The government announced", ("Majuro", "", None, "The government")),
        ("CASTRIES, Antigua and Barbuda – The", ("CASTRIES, Antigua and Barbuda", "", None, "The")),
        ("Puebla, Puebla. 3 de mayo del 2019.- El", ("Puebla, Puebla", "", (5, 3), "El")),
        ("Toluca, México; 5 de junio de 2022.- La", ("Toluca, México", "", (6, 5), "La")),
        ("CULIACÁN, SINALOA, 5 DE MAYO DE 2020.- El", ("CULIACÁN, SINALOA", "", (5, 5), "El")),
        ("Por María López\nOaxaca, Oaxaca, 3 de marzo de 2024.- El", ("Oaxaca, Oaxaca", "", (3, 3), "El")),
        ("Juan Pérez/Monterrey, NL.- El", ("Monterrey, NL.", "", None, "El")),
        ("Sierra Leone Daily: 03 March 2021: Officials", ("", "Sierra Leone Daily", (3, 3), "Officials")),
        # a county and its state in brackets before a dash, as a local station sets its dateline
        ("(Tooele Co., UT) -- The sheriff", ("Tooele Co., UT", "", None, "The sheriff")),
        # credits in brackets opening Chinese, Japanese and Korean copy: a known agency alone, an agency with a place and a
        # date in Korean, an outlet's correspondent stationed abroad, a report's date alone
        ("【時事】政府は今日", ("", "Jiji", None, "政府は今日")),
        ("[신화사 서울 3월 5일] 정부는", ("서울", "Xinhua", (3, 5), "정부는")),
        ("【人民日报驻美国记者 张三】美国国会", ("", "People's Daily", None, "美国国会")),
        ("【2024年11月02日訊】台灣行政院", ("", "", (11, 2), "台灣行政院")),
        # a date in figures with its year in two, right before the agency's bracket
        ("3/7/16 (ANA) — The ministry", ("", "ANA", (7, 3), "The ministry")),
        # a no-break space inside a dotted date; a Persian credit's outlet in quotes; a Hindi paper's correspondent
        ("ОДЕССА. 5\xa0мая. УНН. Власти", ("ОДЕССА", "УНН", (5, 5), "Власти")),
        ('به گزارش "خبر ورزشی"، تیم ملی', ("", "خبر ورزشی", None, "تیم")),
        ("भास्कर संवाददाता, जयपुर। राज्य सरकार ने", ("जयपुर", "", None, "राज्य")),
        # an agency and a known place on a line of their own, either way round, parted by a bar or a slash; a German
        # paper's middle dot; day and month in figures right after the town's comma; a region with its kind before its
        # name; an abbreviated state in accented letters keeps its full stop; a known town, a slash and a paper's
        # initials; a country written with its accent before the Spanish wires' '.-'
        ("AFP | Nairobi\n\nThe ministry said", ("Nairobi", "AFP", None, "The ministry")),
        ("Lima / EFE\n\nEl Gobierno anunció", ("Lima", "EFE", None, "El Gobierno")),
        ("Bonn · Die Stadt hat", ("Bonn", "", None, "Die Stadt")),
        ("Cuttack,12/3: The state government", ("Cuttack", "", (3, 12), "The state")),
        ("Feldbach, Bezirk Südoststeiermark – Am Montag", ("Feldbach, Bezirk Südoststeiermark", "", None, "Am Montag")),
        ("Buchholz, Landkreis Harburg - Der Bürgermeister", ("Buchholz, Landkreis Harburg", "", None, "Der Bürgermeister")),
        ("PUEBLA, Pué.- El gobernador", ("PUEBLA, Pué.", "", None, "El gobernador")),
        ("Halle/HZ - Der Stadtrat", ("Halle", "HZ", None, "Der Stadtrat")),
        ("Perú.- El Congreso aprobó", ("Perú", "", None, "El Congreso")),
        # a space typed before each comma and the colon
        ("Sharjah , March 4 , 2025 : The council", ("Sharjah", "", (3, 4), "The council")),
        # a territory's or country's code before the dash or the agency's bracket, not an agency after the country; a
        # byline with the reporter's role before a town of several words in capitals
        ("CHARLOTTE AMALIE, St. Thomas, VI - The governor", ("CHARLOTTE AMALIE, St. Thomas, VI", "", None, "The governor")),
        ("Boston, MA, US (UPI) - The mayor", ("Boston, MA, US", "UPI", None, "The mayor")),
        ("NAIROBI, Kenya, AFP – Police said", ("NAIROBI, Kenya", "AFP", None, "Police said")),
        ("By Ana Souza, Staff Reporter SÃO PAULO, BRAZIL – The city", ("SÃO PAULO, BRAZIL", "", None, "The city")),
        # Japanese copy's place, day sent and 発 before the agency in brackets; RIA Novosti's economic desk after the dash
        ("【北京5月2日発共同】中国政府は", ("北京", "Kyodo", (5, 2), "中国政府は")),
        ("【平壌発朝鮮中央通信】最高人民会議は", ("平壌", "KCNA", None, "最高人民会議は")),
        ("САМАРА, 12 мая - ПРАЙМ. Правительство", ("САМАРА", "ПРАЙМ", (5, 12), "Правительство")),
        # capitals before a state's abbreviation are one town's name, not a reporter's and a town's; a whole dateline in
        # brackets before the story
        (
            "HOT SULPHUR SPRINGS, Colo., June 3, 2024 (GLOBE NEWSWIRE) — The",
            ("HOT SULPHUR SPRINGS, Colo.", "GLOBE NEWSWIRE", (6, 3), "The"),
        ),
        ("(NAIROBI, March 9) Kenyan police said", ("NAIROBI", "", (3, 9), "Kenyan police")),
        # the half of the day in capitals inside a dated bracket is the date's, no agency; a reporter's name and role on a
        # line of their own, with no "By", above the dateline
        ("(June 4, 2022, 3:15 PM EDT) -- The court", ("", "", (6, 4), "The court")),
        ("Maria Costa, Staff Correspondent, Assam\n\nGuwahati, May 2, 2024: The board", ("Guwahati", "", (5, 2), "The board")),
        # Ho Chi Minh City by the initials Vietnam's English-language press dates it with: a place, not an agency
        ("HCMC - Rents for shophouses in District 1 fell", ("HCMC", "", None, "Rents for")),
        # a twice-escaped feed's dash as a character reference; an outlet's credit in square brackets before a dateline
        # that stands on its own (a known town and a dash); a Catalan month; a credit line holding more than a name
        # above the dateline; a desk's slug on its own line above it; a country run into the story's first word
        ("PESHAWAR &#8211; Police said on Monday", ("PESHAWAR", "", None, "Police said")),
        ("[Daily Monitor] Kampala -- Uganda's parliament", ("Kampala", "", None, "Uganda's parliament")),
        ("TARRAGONA, 4 maig (EUROPA PRESS) - El port", ("TARRAGONA", "Europa Press", (5, 4), "El port")),
        ("Por: Ana Lima, jornalista da Agência\n\nSão Tomé, 3 Mar (STP-Press) – O governo", ("São Tomé", "STP-Press", (3, 3), "O governo")),
        ("CHILE-ELECCIONES\n\nSantiago, 5 ene (EFE).- Los chilenos", ("Santiago", "EFE", (1, 5), "Los chilenos")),
        ("CAIRO, EgyptThe army said on Sunday", ("CAIRO, Egypt", "", None, "The army")),
        # a picture's credit run into ABC News Radio's bracketed place, a town no gazetteer lists before AP's state
        # abbreviation; Mizzima's name in small letters
        ("Getty Images(WAUSEON, Ohio) -- A barn fire", ("WAUSEON, Ohio", "", None, "A barn fire")),
        ("(TOPPENISH, Wash.) -- Crews worked overnight", ("TOPPENISH, Wash.", "", None, "Crews worked")),
        ("Mandalay (mizzima) - Students gathered", ("Mandalay", "Mizzima", None, "Students gathered")),
        # a bracket whose credit lost its first name to a link (`( & News Agencies)`); a byline ended by spaces, not a
        # line; a line of the writer's role below the byline; a wire's capitals before a dash below a byline
        ("DOHA, March 2 ( & News Agencies) - Talks resumed", ("DOHA", "Agencies", (3, 2), "Talks resumed")),
        ("By Sara Khan   Peshawar: Police said", ("Peshawar", "", None, "Police said")),
        ("By Ali Rahim\nGulf News staff\n\nDubai: The port reopened", ("Dubai", "", None, "The port")),
        ("Gulf News staff\nDubai: The port reopened", ("Dubai", "", None, "The port")),
        ("by Ana P. Cruz\n\nKALIBO, Aklan – Farmers said", ("KALIBO, Aklan", "", None, "Farmers")),
        # release wires' name and date between dashes or slashes after the place, and a wire's slashes half lost; a
        # region set apart from the story by spaces alone; a known agency at the head of a bracket, then its writer
        ("HONG KONG – Media OutReach Newswire – 3 June 2024 – The fund", ("HONG KONG", "Media OutReach", (6, 3), "The fund")),
        ("Calgary, AB / TheNewswire / March 4, 2019 - Acme Mining", ("Calgary, AB", "TheNewswire", (3, 4), "Acme Mining")),
        ("MONTREAL, May 3, 2012 Canada NewsWire/ - The board", ("MONTREAL", "CNW", (5, 3), "The board")),
        ("HEBRON, West Bank  Police said on Monday", ("HEBRON, West Bank", "", None, "Police said")),
        ("BEIJING. (Xinhua correspondent Li Wei reports) - The", ("BEIJING", "Xinhua", None, "The")),
        # a known agency's name and a full stop opening the story; Ma'an named after the place's dash
        ("Interfax. The ministry said on Monday", ("", "Interfax", None, "The ministry")),
        ("Nablus - Ma'an - Residents said", ("Nablus", "Ma'an", None, "Residents said")),
        # an Indonesian site's address and a known town, with no dash before the story
        ("Suara.com, Bandung Warga kota memadati alun-alun", ("Bandung", "Suara.com", None, "Warga kota")),
        # two companies' joint release dated from both their towns
        ("AUSTIN, Texas, and BOSTON, Jan 5, 2021 /PRNewswire/ -- The", ("AUSTIN, Texas, and BOSTON", "PR Newswire", (1, 5), "The")),
        ("DENVER, Colo. & SEATTLE — Acme and Beta said", ("DENVER, Colo. & SEATTLE", "", None, "Acme and")),
        ("RENO, Nev. &amp; AUSTIN--(BUSINESS WIRE)--Acme", ("RENO, Nev. &amp; AUSTIN", "Business Wire", None, "Acme")),
        # a brief's whole date with its year, no place, then the story
        ("August 3, 2019 Firefighters contained the blaze", ("", "", (8, 3), "Firefighters")),
        # a joint credit of short agency names, one of them known; a known town and its district before a pipe
        ("Basel (awp/sda) - Die Aktien", ("Basel", "awp/sda", None, "Die Aktien")),
        ("Hamburg/Altona | Die Polizei hat", ("Hamburg/Altona", "", None, "Die Polizei")),
        # a byline's names run into a known town, and its country follows the comma
        ("By Jane Doe Nairobi, Kenya — The government", ("Nairobi, Kenya", "", None, "The government")),
        ("By: Ann Lee Suva, FIJI (Jan. 6, 2026) — The", ("Suva, FIJI", "", (1, 6), "The")),
        ("By Ann Lee/ Apia, Samoa – 2 June 2025 – The council", ("Apia, Samoa", "", (6, 2), "The council")),
        # a known city in capitals and its country on a line of their own; a known place, a full stop, a space and a dash
        ("NAIROBI, Kenya\nThe county assembly voted", ("NAIROBI, Kenya", "", None, "The county")),
        ("Asunción. - El senado aprobó", ("Asunción", "", None, "El senado")),
        # a desk's label on a line of its own above the dateline, in any case
        ("Breaking News\nBOSTON, March 3, 2024 – The mayor said", ("BOSTON", "", (3, 3), "The mayor")),
        ("For immediate release\nDallas, TX – May 5, 2023 – Acme said", ("Dallas, TX", "", (5, 5), "Acme said")),
        # a known agency and its reporter after the dateline's dash, then a full stop
        ("ОДЕССА, 5 мая — РИА Новости, Иван Петров. Власти города", ("ОДЕССА", "RIA Novosti", (5, 5), "Власти города")),
        # ... but not a list of agencies, whose second name is cased as a name is not
        ("LONDON — AP, Reuters and AFP. The agencies said", ("LONDON", "", None, "AP, Reuters")),
        # a date, then a known place in capitals, each run into its double hyphen
        ("Jan. 9--KABUL--Gunmen attacked a convoy", ("KABUL", "", (1, 9), "Gunmen")),
        # a reporter's role in Urdu or Persian in brackets names no outlet
        ("لاہور (خبرنگار) پولیس نے بتایا", ("لاہور", "", None, "پولیس")),
        # a Chinese paper's own credit, "this paper reports" (its source as the paper's dated dateline `本报北京6月20日讯`
        # names it), with its reporter or without; a Korean outlet and its reporter before a pipe
        ("本报讯（记者 王芳）日前，市政府召开会议", ("", "本报", None, "日前")),
        ("本报讯 记者王明报道", ("", "本报", None, "记者王明报道")),
        ("뉴스로 김민수 기자 | 서울시는 오늘 발표했다", ("", "뉴스로", None, "서울시는")),
        # Malaysian Chinese papers' place and day of the report in brackets (no month: no date); a Malay weekday
        ("(槟城12日讯)槟州首长今日表示", ("槟城", "", None, "槟州首长")),
        ("PUTRAJAYA, Isnin, 3 Mac 2014: Kerajaan akan", ("PUTRAJAYA", "", (3, 3), "Kerajaan")),
        # a byline run into a known city in mixed case and its dash; a known town's full stop and a known agency, no dash
        ("By Ruth Moyo Bulawayo – The council said", ("Bulawayo", "", None, "The council")),
        ("ASTANA. KAZINFORM The ministry said", ("ASTANA", "Kazinform", None, "The ministry")),
        # a known town and an outlet on a line of their own; a known agency run into its dash after the place
        ("Surabaya, JATIMNET.COM\nPemerintah kota", ("Surabaya", "JATIMNET.COM", None, "Pemerintah")),
        ("مشهد- ایرنا- استاندار گفت", ("مشهد", "IRNA", None, "استاندار")),
        # a saint's island and the country it makes with another; a whole date and its full stop after the city's
        ("Basseterre, St. Kitts and Nevis, May 5, 2023 – The", ("Basseterre, St. Kitts and Nevis", "", (5, 5), "The")),
        ("Nassau. June 3, 2021. The ministry said", ("Nassau", "", (6, 3), "The ministry")),
        # Kurdish letters in an outlet's name, and "press" among outlets' words, before or after the place's line
        ("هەولێر – کوردستان پرێس\nلە ڕاگەیەنراوێکدا حکومەت", ("هەولێر", "کوردستان پرێس", None, "لە")),
        ("ئاسۆ نيوز- سلێمانی\nلە ڕاگەیەنراوێکدا", ("سلێمانی", "ئاسۆ نيوز", None, "لە")),
        # after a US state's postal code a date in figures is month first; elsewhere day first
        ("Austin, TX 3/4/2015 (PRWEB) -- Acme said", ("Austin, TX", "PRWeb", (3, 4), "Acme")),
        ("Athens, 06.09.1997 (ANA) - The talks", ("Athens", "ANA", (9, 6), "The talks")),
        # French writes "le" before the day, and its weekdays before a date
        ("Dakar, le 12 mars 2024 – Le ministre a", ("Dakar", "", (3, 12), "Le ministre")),
        ("LYON, mardi 3 mai 2016 (AFP) - Le maire", ("LYON", "AFP", (5, 3), "Le maire")),
        # an outlet's name and the date of its report in black brackets, with the year or without
        ("【看中国2021年3月5日讯】据报道,", ("", "看中国", (3, 5), "据报道")),
        ("【大紀元日本5月7日】7日、政府は", ("", "大紀元日本", (5, 7), "7日")),
    ],
)
def test_dateline_families(text, expected):
    found = parse_dateline(text)
    location, source, month_day, rest = expected
    assert (found.location, found.source) == (location, source)
    assert ((found.date.month, found.date.day) if found.date else None) == month_day
    assert found.rest.startswith(rest) and found.evidence


@pytest.mark.parametrize(
    "text",
    [
        "Campbell: E-mail row is a silly fuss",  # a person quoted, not a town
        "Paris- based designers showed their work",  # a word run on with a hyphen, not a city's dash
        "London, The Times reported on Monday",  # a title that starts a name after the comma, not an article
        "[Editorial] The council must act",  # a word in square brackets that names no agency
        "ALCAN (AL) is closing its smelter",
        "Georgia is offering a one-off tax amnesty",
        "WARNING: do not read this",
        "Meanwhile. The city said",  # a word and a full stop: only a known city's name makes it a dateline
        "Mexico Los Angeles Times reported",  # a city before another place's name is no city run into its story
        "Politics\n\nThe minister resigned",  # a section's name on its own line, no city
        "通讯社记者昨天表示",  # 讯 inside a word (通讯, "communication"), after no outlet's name
        "John Smith - the chief executive - said",
        "WASHINGTON, ACME - a name in capitals is no state",
        "Amazon (Seattle) said on Monday",
        "Mobile (AL) Police said",  # a state's code in brackets names no source
        "BRAZIL beat Chile on penalties",  # a paper's first word in capitals, not a place on its own line
        "CHINA Daily reported on Monday",
        "U.S. Secretary of State said",
        "Reuters Washington bureau chief said",
        "By Jane Doe in the morning we met",
        "Paris, Texas police said on Monday",  # a city and its state, not a dateline's comma
        "[Updated, 5 March 2020] The council voted",  # a dated note in square brackets names no outlet
        "Results 1/2: The first half",
        "Scores 3/7/16 were posted on Monday",  # figures with a two-figure year and no agency's bracket date nothing  # figures before a colon date no place without its comma
        "Sydney, Australia's largest city, will host",  # the city is the sentence's subject
        "Paris. 12 June. Nothing happened that day",  # full stops and a date, but no agency's separator
        "LONDON, the Guardian - The paper said",  # "the" before a name that is no country
        "Washington, DC Mayor - The council met",  # a state's postal code leads no outlet's name
        "BRAZIL WON the cup on Sunday",  # a paper's first words in capitals
        "The Press Trust of India (PTI) will open a bureau",  # a name spelt out, then its agency's short form
        "Home | News | Sport",  # a site's menu, not a place and an agency
        "Officials in LONDON: said the vote was close",  # a place in capitals inside a sentence
        "the company said on monday that profits rose",  # small letters, no dateline
        "Apple, 2021 was a year of records",  # a name and a year, not an agency and a date
        "the board said -- Profits rose",  # small letters before a dash that name no place
        "PARIS, France THE END OF THE SEASON",  # a heading in capitals, not a story after its dateline
        "PARIS, France's capital voted",  # a town in capitals, then its country: a sentence, not a dateline
        "The Leeds-born, Manchester-based singer won",  # a hyphen inside a word is no dateline's dash
        "Chile - a long and narrow country - has voted",  # a dash that opens an aside
        "The {draft} plan was published",  # braces around a word, not an agency
        "photo.jpg The minister said",  # a file name, then a sentence
        "北京3月5日天气晴朗",  # a place and a date with no agency before them
        "【ニュース解説】円安が進む",  # a rubric in brackets, not a place and a correspondent
        "【速報】地震があった",
        "今天3月5日讯号中断",  # 讯号 is a word ("signal"), not a report's mark
        "他在24日表示将访问台北",  # a day alone in a sentence, with no agency's 電 after it
        "ราคาน้ำมัน 3 บาท ต่อลิตร",  # a number in Thai that no month follows
        "محمد: قال إن الحكومة",  # a person's name in Arabic before a colon, no city's
        "Correspondents, editors and readers met on Monday",  # a desk's word that opens a sentence, no place after it
        "قال الوزير: إن الحكومة",  # a minister quoted, not an outlet
        "PUDONG District plans a new riverside park",  # capitals that begin a district's name
        "McDonald - the firm said on Monday",  # an outlet's dash opens a story with a capital
        "APPLE, Nov 13, 2013 was a good year for the firm",  # capitals and a date, but no story starts
        "Smith. 3 March. Notes/ drafts were lost",  # full stops and a slash, but no place known
        "(Amazon Inc) said it would hire",  # a name alone in brackets, with no place after it
        "Apple (iPhone) - the phone sold well",  # a brand in brackets, then no story's capital
        "【独家报道】某公司今天宣布",  # an "exclusive report" rubric in brackets names no outlet and no place
        "WASHINGTON, ACME\nThe company",  # a name in capitals on the dateline's line is an agency only when known
        "Hello, Honduras.\nThe show",  # a word and a country on their line: only a known town or capitals make a dateline
        "ВНИМАНИЕ. Дорога закрыта до утра",  # a word in capitals before a full stop that names no city
        "قال الوزير - إن الحكومة",  # a minister quoted before a dash on the same line, not an outlet
        "May 5 marks the day the city fell",  # a date that is the sentence's subject
        "FILE - In this photo taken on Monday, a man walks",  # a photo desk's label, not a place
        "EDITOR'S NOTE _ This story is part of a series",
        "ACME Corp. (Springfield, Ill.) -- Jane Roe was named",  # a company and its town, as a business column sets them
        "Market Live Updates (Monday, May 5): Stocks rose",  # a heading and a date in brackets, not a place
        "Apollo 11 (NASA) - the crew landed",  # a number before a bracket that names no agency
        "10:30 Meeting of the council",  # a time, then no dateline after it
        "Notes / drafts / May 5, 2024 / Acme said",  # parts between slashes, but no place known before them
        "(Acme, Inc, May 4, 2020) The firm said",  # a name and a date in brackets, no town among its parts
        "Sales rose in the year to May 3, 2022 / the firm said / it would grow",  # slashes in a sentence, no place before them
        "(UPDATE) Oil companies cut prices on Monday",  # a desk's label in brackets, not an agency
        "Acme buys Beta in a deal San Diego, CA (The Firm) March 13, 2015. Halo said",  # no known wire in the bracket
        "March 3, 2004: the day the city fell",  # a date and a colon, then no sentence's capital
        "Paris, Texas and Rome, Georgia share their names",  # a town, then a place: a list or a town and its state
        "Reading, The Times reported, is a habit",  # a title that opens with an article is still a name
        "Victoria, Beckham's wife, said",  # a town's name that is a person's, then no word that opens a sentence
        "Mon Aug 15 2016 More than 30 rebels were killed",  # a page's stamp: a weekday's short form is no place,
        "Tue 5 June 2018 Floods hit the north",  # and a weekday says a date alone is a stamp, not a brief's dateline
        "5 June 2021 The report said",
        "NOTE. This page is kept for the record",  # capitals and a full stop, but no city
        "WASHINGTON. THE END",  # a city and a full stop, then no sentence
        "Gulf Times (Doha) said the port would reopen",  # an outlet and its place in brackets, but no dash: a sentence
        "May 5, 2020 (updated) The council voted",  # a date and a note in brackets, no place
        "Ina, Maria and Tom went to Paris",  # a first name that is an agency's only in brackets, no city after it
        "Breaking News: The council voted",  # a label before a colon, not an outlet
        "CHINA, JAPAN AGREE ON TRADE. Ministers met in Tokyo",  # two countries in a headline of capitals
        "Smith, Jones The partners said",  # names before a comma, no known town
        "ACME /UPDATE/ - Shares rose",  # a label between slashes after a company, not a town
        "10:30 Shares rose in early trade",  # a time, then a sentence
        "Acme, Inc - Shares rose",  # a company's suffix after a comma, no state
        "Markets | Shares rose in early trade",  # a section's name before a pipe, not a town
        "कल रात: बारिश हुई",  # words of a script without capitals before a colon, but no city
        "Москва - это столица",  # a Cyrillic sentence: that script has capitals, and this is no dateline's
        "PEPSI, COCA-COLA AND NESTLE IN TALKS",  # a headline of companies, a hyphen inside a word: no outlet's initials
        "Reports | Mon Jun 3, 2013 The index fell",  # a section before a pipe and a stamp, and no agency after it
        "Shop.com, Deals - The best offers",  # a web address beside a word that is no known town
        "- Markets - Shares rose",  # a list's dash before a word that is no town
        "据报道,上海3月2日举行",  # "according to reports", then a date in a sentence: no agency's dateline
        "BREAKING NEWS\n\nMarkets: shares rose",  # a line of capitals above a word that is no town
        "Local | News\n\nThe council met",  # two words parted by a bar on a line of their own, neither an agency
        "Sport · Fußball\n\nDer Verein",  # a section and its part parted by a middle dot, no town
        "Peter, Bezirksrat – Der Rat",  # a name and an office, no region's kind before a name
        "서울시(시장 오세훈)는 오늘 발표했다",  # a Korean particle glued to the bracket: a sentence, not a dateline
        "(By Maria Lopez) – Thousands marched",  # a byline in brackets names a reporter, not an agency
        "On May 3, 2021, Prime Minister Rao met the envoy",  # "Prime" of "Prime Minister" names no agency
        "(Acme, July 2) The company said",  # a name and a date in brackets, no known place
        "CHILE-ELECCIONES\n\nLos chilenos votaron el domingo",  # a desk's slug names the subject, not the place
        "SMITH and JONES — a law firm that advises",  # two names in capitals joined by "and" are no joint dateline
        "Smith. The ministry said on Monday",  # a name and a full stop: only a known agency's opens a story so
        "Acme Holdings, Inc. (NASDAQ:ACME) – Analysts raised",  # a company's stock ticker in brackets is no agency
        "Amazon.com Inc said on Monday it would hire",  # a company named by its web address opens a sentence
        "[Daily Monitor] Kampala's traders closed their shops",  # a credit, then a town's name inside the sentence
        "AT&amp;T said &lt;b&gt; on Monday",  # references that stand for markup stay as they are
        "NEWS RELEASE – The council approved the budget",  # a release's kind before a dash names no outlet
        "FOR IMMEDIATE RELEASE - The foundation said",  # nor no place, in capitals as a town would be
    ],
)
def test_no_dateline_without_evidence(text):
    found = parse_dateline(text)
    assert (found.location, found.source, found.date) == ("", "", None)


@pytest.mark.parametrize(
    ("text", "author", "location"),
    [
        ("By Maria Lopez NEW YORK (MarketWatch) -- Stocks fell", "Maria Lopez", "NEW YORK"),
        ("By TOM HAYS Associated Press NEW YORK (AP) — A judge ruled", "TOM HAYS", "NEW YORK"),
    ],
)
def test_byline_before_a_two_word_place_keeps_the_whole_name(text, author, location):
    found = parse_dateline(text)
    assert (found.author, found.location) == (author, location)


@pytest.mark.parametrize(
    ("text", "author", "location"),
    [
        # writers' names on a line of their own above an agency's bracket, one of them a city's name
        ("Ana Ruiz and Tom Mendoza\n\n(CNN) -- The talks", "Ana Ruiz and Tom Mendoza", ""),
        ("Tom Mendoza\n\n(CNN) -- The talks", "Tom Mendoza", ""),
        # a known town alone there is the dateline's place
        ("Mendoza\n\n(CNN) -- The talks", "", "Mendoza"),
    ],
)
def test_names_above_an_agency_bracket_are_a_byline(text, author, location):
    found = parse_dateline(text)
    assert (found.author, found.location, found.source) == (author, location, "CNN")


def test_headline_run_into_a_mixed_case_dateline_is_kept_as_text():
    found = parse_dateline("Sultan Receives Credentials Of Envoys Salalah, 5 Nov (ONA) --- His Majesty received")
    assert (found.location, found.before) == ("Salalah", "Sultan Receives Credentials Of Envoys")


def test_full_dateline_after_leading_lines_keeps_them_as_text():
    text = "* Talks stall over border * Ministers to meet again By Ann Lee NAIROBI, March 3 (Reuters) - Kenya said on Tuesday.\n"
    article = extract(text)
    assert (article.location, article.source, article.author) == ("NAIROBI", "Reuters", "Ann Lee")
    assert article.paragraphs[:2] == ("* Talks stall over border * Ministers to meet again", "Kenya said on Tuesday.")


def test_inner_dateline_without_a_date_needs_the_agencys_dash():
    found = parse_dateline("Neue Flüge ab Tegel Hamburg (dpa) - Reisende können wieder buchen.")
    assert (found.location, found.source, found.before) == ("Hamburg", "dpa", "Neue Flüge ab Tegel")
    assert parse_dateline("Neue Flüge ab Tegel Hamburg (dpa) Reisende können wieder buchen.").location == ""


def test_a_village_named_like_a_reporter_is_no_place_after_a_byline():
    assert parse_dateline("By Omar Nawa May 3, 2001 The ministry said on Monday.").location == ""


def test_byline_before_a_dateline_gives_the_author_without_desk_or_agency():
    assert parse_dateline("By Jo Roe / Associated Press DENVER -- The storm hit.").author == "Jo Roe"
    assert parse_dateline("By Jo Roe and Al Poe, PTI, Chennai : The court ruled.").author == "Jo Roe and Al Poe"
    assert parse_dateline("By Jane Doe, Staff Writer, Boston - The mayor said.").author == "Jane Doe"


def test_reporter_run_on_before_the_place_is_the_author():
    found = parse_dateline("Maria Santos DAVAO CITY, Feb. 2 (PNA) -- The mayor said.")
    assert (found.location, found.author) == ("DAVAO CITY", "Maria Santos")


def test_place_named_in_a_sentence_is_no_inner_dateline():
    found = parse_dateline("Officials in Paris said on Monday, March 3 (AFP) - that talks would resume.")
    assert (found.location, found.source, found.before) == ("", "", "")


def test_byline_run_into_the_dateline_gives_the_author():
    article = extract("By ANICK JESDANUN NEW YORK (AP) -- The number of Americans online grew.\n")
    assert (article.author, article.location, article.source) == ("ANICK JESDANUN", "NEW YORK", "AP")
    assert article.paragraphs[0].startswith("The number")


def test_sign_off_agency_is_canonical():
    article = extract("Oil prices rose on Monday in London trading.\n\nCopyright 2004 The Associated Press.\n")
    assert article.source == "AP"


@pytest.mark.parametrize(
    ("text", "source", "rest"),
    [
        ("LONDON - BBC Director General Tim Davie said", "", "BBC Director"),  # a sentence about the BBC
        ("NEW YORK — AP Moller-Maersk said on Monday", "", "AP Moller"),
        ("Washington -SANA Qatari Prime Minister said", "SANA", "Qatari"),  # the agency glued to the dash
        ("DHAKA, Jan 5 - BSS : Prime Minister Sheikh Hasina", "BSS", "Prime Minister"),
    ],
)
def test_an_agency_after_the_place_only_with_its_own_separator_or_glued(text, source, rest):
    found = parse_dateline(text)
    assert found.location and found.source == source and found.rest.startswith(rest)


def test_every_agency_alias_names_one_agency():
    from dateline.ingest.agencies import AGENCIES, agency_name

    canonicals = [canonical for canonical, _ in AGENCIES]
    assert len(canonicals) == len(set(canonicals))  # one row an agency: China News Service is not Xinhua
    for canonical, aliases in AGENCIES:
        for alias in aliases:
            assert agency_name(alias) == canonical, alias


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A headline straight above its dateline, with no blank line between them.
        (
            "Strikes spread across France\nPARIS, Dec 5 (AFP) - Unions dug in on Tuesday.\n",
            ("Strikes spread across France", "PARIS", "AFP", ""),
        ),
        (
            "Beef trade to resume\nTOKYO, Jan. 12 Kyodo - Japan agreed Monday to resume imports.\n",
            ("Beef trade to resume", "TOKYO", "Kyodo", ""),
        ),
        # A wire's slug, editors' note and desk line above the story are not the story.
        (
            "BC-Budget-Vote,0512\nEds: UPDATES with vote count\nHouse passes budget\nBy ANN LEE\nAssociated Press Writer\n"
            "WASHINGTON (AP) _ The House passed the budget on Friday.\n\nMore text.\n",
            ("House passes budget", "WASHINGTON", "AP", "ANN LEE"),
        ),
        # A release's label above its headline is neither the headline nor the story.
        (
            "FOR IMMEDIATE RELEASE\n\nAcme opens a plant in Ohio\n\nDayton, OH – May 5, 2024 – Acme said on Monday it would hire 300.\n",
            ("Acme opens a plant in Ohio", "Dayton, OH", "", ""),
        ),
    ],
)
def test_wire_copy_as_sent_reads_its_headline_and_dateline(text, expected):
    article = extract(text)
    assert (article.title, article.location, article.source, article.author) == expected
    assert not article.paragraphs[0].startswith(("BC-", "Eds", "Associated", expected[1]))


def test_a_prose_line_wrapped_above_a_place_is_no_headline():
    article = extract("The council said on Monday that rents in the city would rise\nLondon said it would not.\n")
    assert article.location == "" and article.paragraphs[0].startswith("The council said")


@pytest.mark.parametrize(
    ("trailer", "source"),
    [
        ("Editor: Wang Fang", ""),
        ("--IANS\n\nrk/sd", "IANS"),
        ("==Kyodo", "Kyodo"),
        ("PTI KR SD", "PTI"),
        ("jd/mt", ""),
        ("To contact the reporter on this story: Jo Roe in Tokyo at jroe@example.com", ""),
    ],
)
def test_agency_trailer_lines_leave_the_body(trailer, source):
    article = extract(f"Rates held\n\nThe central bank held rates on Tuesday.\n\nMarkets were calm.\n\n{trailer}\n")
    assert article.paragraphs[-1] == "Markets were calm."
    assert article.source == source


def test_a_last_line_that_only_looks_like_a_trailer_stays():
    article = extract("Rates held\n\nThe central bank held rates on Tuesday.\n\n-- Notes from the floor\n")
    assert article.paragraphs[-1] == "-- Notes from the floor"


def test_capitals_prefilter_changes_no_answer_on_generated_openings(monkeypatch):
    """The pass that looks for a place in capitals after run-in text is skipped unless four capitals come before a dash
    or colon; with the check made to pass always, every generated opening must read the same."""
    import random

    import dateline.ingest.dateline as module

    rng = random.Random(5)
    pieces = ["Floods cut off villages", "JAKARTA", "Jakarta", "SURABAYA, East Java", "(AFP)", "(Reuters)", "--", "-", "—", ":",
              "The army said", "officials", "By Jo Roe", "LONDON", "May 3", "NEW YORK •", "Fire razed", "\"We", "Cairo"]  # fmt: skip
    openings = [" ".join(rng.choice(pieces) for _ in range(rng.randint(1, 9))) for _ in range(1500)]
    fast = [module.parse_dateline(text) for text in openings]
    monkeypatch.setattr(module, "_CAPITALS_THEN_SEPARATOR_RE", module.re.compile(""))
    assert [module.parse_dateline(text) for text in openings] == fast

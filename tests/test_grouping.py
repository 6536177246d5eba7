"""Story grouping: same event grouped across outlets, different events apart, wire copies found, rules kept."""

import math
import pickle
import random
import weakref
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from itertools import pairwise

from dateline.grouping import (
    DEFAULT_RULES,
    SHORT_TOKENS,
    StoryInput,
    _cohesive,
    _length_boost,
    _rare_names,
    _Story,
    group_stories,
    near_duplicate_sets,
    story_features,
)

DAY = datetime(2024, 3, 4, tzinfo=UTC)

# (key suffix, headline, source, day offset): a day's headlines, several events told by several outlets.
HEADLINES = [
    ("recall-1", "Acme Motors recalls 1.2 million Zephyr sedans over faulty airbags", "Reuters", 0),
    ("recall-2", "Zephyr airbag flaw forces Acme Motors recall of 1.2 million cars", "Associated Press", 0),
    ("recall-3", "Acme Motors Zephyr recall: what owners need to know", "Daily Planet", 0),
    ("ipad", "Apple unveils cheaper iPad aimed at schools", "Reuters", 0),
    ("apple-eu", "Apple hit with EU antitrust fine over music streaming rules", "Bloomberg", 0),
    ("apple-eu-2", "EU fines Apple 1.8 billion euros in Spotify music streaming case", "Associated Press", 0),
    ("fed-rates", "Fed holds interest rates steady, still sees three cuts this year", "Reuters", 0),
    ("fed-rates-2", "Fed leaves interest rates unchanged, signals three cuts", "Bloomberg", 0),
    ("fed-bank", "Fed fines Wells Fargo over fake account scandal", "Daily Planet", 0),
    ("storm-1", "Storm Ciara batters northern Scotland with 90 mph winds", "BBC", 1),
    ("storm-2", "Ciara brings 90 mph gusts and flooding to Scotland", "The Herald", 1),
    ("bakery", "Village bakery wins national sourdough prize", "Local Gazette", 1),
    ("chess", "Teenager becomes youngest chess grandmaster in Peru", "Associated Press", 2),
    ("mine", "Copper mine strike in Chile enters third week", "Reuters", 2),
    ("orbit", "Space agency delays lunar lander launch to autumn", "BBC", 2),
    ("glacier", "Alpine glacier lost a tenth of its ice in two summers, survey finds", "Bloomberg", 2),
]


def article(suffix: str, title: str, source: str, day: int, text: str | None = None) -> StoryInput:
    """A headline-only article unless a body is given."""
    return StoryInput(f"content/2024/{suffix}.md", title, title if text is None else text, DAY + timedelta(days=day), source)


def fixture() -> list[StoryInput]:
    """The day's headlines as articles."""
    return [article(*row) for row in HEADLINES]


def group_of(items: list[StoryInput], groups: tuple[tuple[int, ...], ...]) -> dict[str, frozenset[str]]:
    """Each item's key → the keys of its group."""
    found = {}
    for group in groups:
        keys = frozenset(items[index].key.split("/")[-1][:-3] for index in group)
        for key in keys:
            found[key] = keys
    return found


def together(groups: dict[str, frozenset[str]], *names: str) -> bool:
    """Whether the named articles share one group."""
    return all(name in groups[names[0]] for name in names)


WIRE = (
    "Acme Motors said on Monday it would recall 1.2 million Zephyr sedans in the United States because the "
    "driver airbag can deploy without warning, the largest recall in the company's history.\n\n"
    "The carmaker said it had received reports of 14 injuries linked to the fault, which it traced to a "
    "sensor supplied by a parts maker in Ohio. Dealers will replace the sensor free of charge from April.\n\n"
    "Shares of Acme fell 3 percent in early trading as analysts estimated the cost of the repairs at about "
    "$400 million, well above the reserve the company set aside last quarter for warranty claims.\n\n"
    "Regulators at the National Highway Traffic Safety Administration opened an inquiry into the sensor "
    "last year after owners complained that airbags had fired while cars were parked or moving slowly.\n\n"
    "The company said owners should not disable the airbag and should contact a dealer to book the repair."
)


def wire_copy() -> str:
    """The wire story as a paper ran it: a re-edited lede, the last paragraph trimmed, a sign-off added."""
    paragraphs = WIRE.split("\n\n")
    lede = "Carmaker Acme Motors will recall 1.2 million Zephyr sedans in the United States because the driver airbag can deploy without warning."
    return "\n\n".join([lede, *paragraphs[1:-1], "Reporting by Ann Lee; editing by Bob King"])


def other_story() -> str:
    """A different story that opens with the same first sentence (a follow-up), then goes its own way."""
    follow_up = (
        "Union leaders at the Zephyr plant in Tennessee said the recall would not change their plans to strike "
        "next month over pay, and that workers had warned managers about quality problems on the line for years.\n\n"
        "The company has offered a 9 percent raise over four years; the union wants 20 percent and a return of "
        "pensions that were cut during the downturn, and says talks have stalled since January.\n\n"
        "A strike would halt output of the sedan and two sport utility vehicles built at the site, which employs "
        "about 5,000 people and supplies dealers across the South and the Midwest."
    )
    return WIRE.split("\n\n")[0] + "\n\n" + follow_up


def test_same_event_from_different_outlets_is_one_story():
    items = fixture()
    groups = group_of(items, group_stories(items))
    assert together(groups, "recall-1", "recall-2", "recall-3")
    assert together(groups, "storm-1", "storm-2")
    assert together(groups, "fed-rates", "fed-rates-2")


def test_one_shared_name_does_not_make_one_story():
    items = fixture()
    groups = group_of(items, group_stories(items))
    assert not together(groups, "ipad", "apple-eu")
    assert not together(groups, "fed-rates", "fed-bank")
    assert groups["bakery"] == {"bakery"}


def test_same_headline_beyond_the_window_is_another_story():
    items = [
        *fixture(),
        article("weekly-1", "Acme Motors weekly sales update", "Acme Wire", 0),
        article("weekly-2", "Acme Motors weekly sales update", "Acme Wire", 7),
    ]
    groups = group_of(items, group_stories(items, window_days=3))
    assert not together(groups, "weekly-1", "weekly-2")


def test_news_that_recurs_on_other_days_is_another_story_but_a_wire_copy_is_not():
    # A market's close is a new event each day, however alike its headlines; a paper's copy of the wire story
    # the next day is the same report.
    items = [
        article("close-mon", "Wall Street closes higher as tech shares rally on rate hopes", "Reuters", 0),
        article("close-mon-2", "Tech shares rally lifts Wall Street to higher close on rate hopes", "Associated Press", 0),
        article("close-tue", "Wall Street closes higher as tech shares rally on rate hopes", "Bloomberg", 1),
        article("close-wed", "Wall Street closes higher as bank shares rally on rate hopes", "Reuters", 2),
        article("wire", "Acme Motors recalls 1.2 million Zephyr sedans", "Reuters", 0, WIRE),
        article("wire-copy", "Airbag fault: Acme recalls Zephyr", "Daily Planet", 1, wire_copy()),
    ]
    groups = group_of(items, group_stories(items))
    assert together(groups, "close-mon", "close-mon-2")
    assert not together(groups, "close-mon", "close-tue") and not together(groups, "close-mon", "close-wed")
    assert together(groups, "wire", "wire-copy")


# Two outlets' own full reports of one event, in their own words, and a report of another event that names the same
# company on the same day. Their headlines alone share little; the names their texts share say it is one event.
REPORT_A = (
    "Flooding forced the evacuation of about 4,000 residents from low-lying districts of Valmora on Tuesday after "
    "the Serrin River burst its banks following three days of torrential rain, the regional governor Elena Rusk "
    "said. Emergency crews used boats to reach families stranded on rooftops in the Porto Vell quarter, and two "
    "schools were turned into shelters. The national weather office warned that more rain was expected over the "
    "Serrin basin through Thursday and that the river could rise a further half metre. Rusk said the army had "
    "been asked to reinforce levees upstream of the city, where engineers from the water authority reported "
    "seepage at two points. Power was cut to parts of the city as a precaution, the utility Nordgas said."
)
REPORT_B = (
    "The Serrin overflowed on Tuesday and swamped streets in Valmora, where rescuers in inflatable boats pulled "
    "people from homes in Porto Vell and thousands spent the night in school gyms. Governor Elena Rusk put the "
    "number of evacuated residents at roughly 4,000 and said soldiers would shore up levees north of the city, "
    "where water authority engineers found leaks. Forecasters expect downpours to continue across the Serrin "
    "basin until Thursday. Nordgas switched off electricity in several flooded neighbourhoods to prevent "
    "accidents, a company spokesman said, adding that supply would return once the water had receded."
)
REPORT_OTHER = (
    "Nordgas, the utility that supplies power and gas to most of the north, said on Tuesday it would raise "
    "household tariffs by 6 percent from March to pay for new transmission lines and the upkeep of ageing pipes. "
    "Chief executive Marten Holm told analysts the increase was smaller than regulators had allowed and that "
    "the company would keep its dividend unchanged. Consumer groups said the rise would hit pensioners hardest "
    "during the winter, and opposition lawmakers called for the energy regulator to review the decision before "
    "it takes effect. Shares in Nordgas rose 2 percent in early trading after the announcement."
)


def test_full_reports_of_one_event_in_different_words_are_one_story():
    items = [
        *fixture(),
        article("flood-a", "Thousands evacuated as Serrin floods Valmora", "Wire One", 1, REPORT_A),
        article("flood-b", "Rescuers take to boats in swamped city", "Daily Planet", 1, REPORT_B),
        article("tariffs", "Nordgas to lift household tariffs by 6 percent", "Wire One", 1, REPORT_OTHER),
    ]
    groups = group_of(items, group_stories(items))
    assert together(groups, "flood-a", "flood-b")
    assert groups["tariffs"] == {"tariffs"}


BOND_ONE = (
    "Kestrel Trading said on Wednesday it would issue 120 million dollars of five-year eurobonds with warrants "
    "attached, lead managed by Norland Securities. The bonds carry an indicated coupon of 2.5 percent and will be "
    "priced at par on Friday. Each bond carries warrants to buy shares at a price to be set on the pricing date, "
    "and proceeds will refinance existing debt. Investors in Tokyo have bought warrant bonds heavily this year, "
    "dealers said, as share prices rose and borrowers rushed to issue before interest rates climb again."
)
BOND_TWO = (
    "Harbin Marine launched a 80 million dollar warrant bond issue on Wednesday through Osprey Capital, paying an "
    "indicated 2.75 percent over five years. The warrants give holders the right to buy shares at a premium to be "
    "fixed at pricing next week. The shipbuilder plans to use the money to repay bank loans. Demand for equity "
    "warrant bonds from Tokyo investors remains strong while share prices keep rising, market sources said, and "
    "more borrowers are expected to issue before rates go up."
)


def test_full_texts_alike_in_wording_but_not_in_names_are_not_one_story():
    # Two companies' bond issues on one day: the words agree, the names do not.
    items = [
        *fixture(),
        article("bond-1", "Kestrel Trading to issue eurobonds with warrants", "Wire One", 1, BOND_ONE),
        article("bond-2", "Harbin Marine launches warrant bond", "Wire Two", 1, BOND_TWO),
    ]
    assert not together(group_of(items, group_stories(items)), "bond-1", "bond-2")
    # However much their length raises their similarity, only the names they must share keep them apart.
    strong = replace(DEFAULT_RULES, long_text_power=1.0)
    assert not together(group_of(items, group_stories(items, rules=strong)), "bond-1", "bond-2")
    assert together(group_of(items, group_stories(items, rules=replace(strong, long_text_names=0))), "bond-1", "bond-2")


def test_only_names_few_reports_share_count_toward_raising_a_full_texts_similarity():
    def report(*names: str) -> StoryInput:
        return StoryInput("content/x.md", "", f"Officials of the town met with {' and '.join(names)} on a visit.", DAY, "")

    # "Labour" is in 5 of 200 reports, more than 2% and more than RARE_NAME_REPORTS; "Rusk" in 3, "Valmora" in 1.
    reports = [report("Labour", "Rusk", "Valmora")] + [report("Labour", "Rusk")] * 2 + [report("Labour")] * 2 + [report("Quiet")] * 195
    rare = _rare_names([story_features(item) for item in reports], DEFAULT_RULES)
    assert rare[0] == {"rusk", "valmora"}
    assert rare[3] == frozenset()


def test_a_full_texts_raise_keeps_a_member_in_its_story_only_when_it_shares_rare_names():
    # Two members alike and a third weakly alike (cosine about 0.16 to the rest): raised by 2, it stays when it shares
    # three rare names with the others, and is split off when it shares none, as the passes would not have let it join.
    vectors = [{"a": 1.0}, {"a": 1.0}, {"a": 0.16, "z": (1 - 0.16**2) ** 0.5}]
    centroid = {"a": 2.16, "z": vectors[2]["z"]}
    norm2 = sum(value * value for value in centroid.values())
    story = _Story([0, 1, 2], centroid, norm2, 0.0, 0.0, {}, set(), boost=2.0)
    shared = frozenset({"rusk", "valmora", "serrin"})
    assert _cohesive(story, vectors, [shared, shared, shared], DEFAULT_RULES) == [[0, 1, 2]]
    assert _cohesive(story, vectors, [shared, shared, frozenset({"holm"})], DEFAULT_RULES) == [[0, 1], [2]]


def test_a_headlines_similarity_is_not_raised_for_length():
    assert _length_boost(SHORT_TOKENS, DEFAULT_RULES) == 1.0
    assert _length_boost(3, DEFAULT_RULES) == 1.0
    assert 1.0 < _length_boost(2 * SHORT_TOKENS, DEFAULT_RULES) < _length_boost(4 * SHORT_TOKENS, DEFAULT_RULES)
    # No headline of the fixture has more content tokens than a headline may have.
    assert max(len(story_features(item).tokens) for item in fixture()) <= SHORT_TOKENS


def test_every_index_in_exactly_one_group_in_order():
    items = fixture()
    groups = group_stories(items)
    assert sorted(index for group in groups for index in group) == list(range(len(items)))
    order = [(items[group[0]].moment, items[group[0]].key) for group in groups]
    assert order == sorted(order)
    for group in groups:
        assert [index for index in group] == sorted(group, key=lambda index: (items[index].moment, items[index].key))


def test_window_is_respected_even_by_a_chain():
    # The same headline every day for two weeks: each day is like the next, but no group may span more than the window.
    items = [article(f"daily-{day}", "Acme Motors Zephyr recall widens to more sedans", "Wire", day) for day in range(14)]
    for window in (1, 3):
        for group in group_stories(items, window_days=window):
            moments = [items[index].moment for index in group]
            assert max(moments) - min(moments) <= timedelta(days=window)


def test_grouping_does_not_depend_on_input_order():
    items = [*fixture(), article("copy", "Paper A: Acme Motors recall", "Paper A", 0, wire_copy())]
    expected = {frozenset(items[index].key for index in group) for group in group_stories(items)}
    for seed in range(5):
        shuffled = list(items)
        random.Random(seed).shuffle(shuffled)
        assert {frozenset(shuffled[index].key for index in group) for group in group_stories(shuffled)} == expected


def test_features_passed_in_give_the_same_groups():
    items = fixture()
    features = [story_features(item) for item in items]
    assert features == [story_features(item) for item in items]
    assert pickle.loads(pickle.dumps(features)) == features
    assert group_stories(items, features) == group_stories(items)


def test_near_duplicate_wire_copy_is_found_and_a_similar_opening_is_not():
    items = [
        *fixture(),
        article("wire", "Acme Motors to recall 1.2 million Zephyr sedans", "Reuters", 0, WIRE),
        article("paper", "Acme recalls Zephyrs over airbags", "Daily Planet", 0, wire_copy()),
        article("union", "Zephyr plant union sticks to strike plan despite recall", "Labour News", 1, other_story()),
    ]
    keys = [{items[index].key for index in group} for group in near_duplicate_sets(items)]
    assert keys == [{"content/2024/wire.md", "content/2024/paper.md"}]
    groups = group_of(items, group_stories(items))
    assert together(groups, "wire", "paper")


def test_short_bodies_are_never_near_duplicates():
    text = "Acme Motors recalls 1.2 million Zephyr sedans over faulty airbags, the company said on Monday."
    items = [article("short-1", "Acme recall", "Reuters", 0, text), article("short-2", "Acme recall", "AP", 0, text)]
    assert near_duplicate_sets(items) == ()


def test_near_duplicate_sets_lie_inside_story_groups():
    items = [
        *fixture(),
        article("wire", "Acme Motors to recall 1.2 million Zephyr sedans", "Reuters", 0, WIRE),
        article("paper", "Acme recalls Zephyrs over airbags", "Daily Planet", 0, wire_copy()),
        article("late", "Acme recall, a week on", "Weekly", 9, WIRE),
    ]
    story_of = {index: number for number, group in enumerate(group_stories(items)) for index in group}
    sets = near_duplicate_sets(items)
    assert sets
    for copies in sets:
        assert len(copies) >= 2
        assert len({story_of[index] for index in copies}) == 1


def test_weights_for_some_tokens_equal_the_full_weights_of_those_tokens():
    """A seam asks _weights for its own stories' tokens only: the same values as weighing every token."""
    from dateline.grouping import DEFAULT_RULES, _weights

    rng = random.Random(5)
    words = ["Geneva", "talks", "OPEC", "oil", "output", "cut", "Reuters", "bank", "rate", "rise", "2024", "Acme", "merger"]
    start = datetime(2024, 3, 1, tzinfo=UTC)
    items = [
        StoryInput(f"content/{n}.md", " ".join(rng.choices(words, k=6)), " ".join(rng.choices(words, k=40)), start, "") for n in range(60)
    ]
    features = [story_features(item) for item in items]
    full, frequency = _weights(features, DEFAULT_RULES)
    wanted = [token for feature in features[:7] for token in feature.tokens] + ["absent-token"]
    some, same_frequency = _weights(features, DEFAULT_RULES, wanted)
    assert some == {token: full[token] for token in wanted if token in full}
    assert same_frequency == frequency


def test_a_seams_counts_kept_per_block_equal_counting_both_blocks_at_once():
    """A seam reuses its two blocks' word counts (_Words): weights and rare names as if the blocks were counted together."""
    from dateline.grouping import DEFAULT_RULES, _rare_names, _weights, _weights_of, _words

    rng = random.Random(7)
    words = ["Geneva", "talks", "OPEC", "oil", "output", "cut", "Reuters", "bank", "rate", "rise", "2024", "Acme", "merger", "eBay"]
    start = datetime(2024, 3, 1, tzinfo=UTC)
    for left_size, right_size in ((1, 1), (5, 40), (40, 3), (60, 60)):
        items = [
            StoryInput(f"content/{n}.md", " ".join(rng.choices(words, k=6)), " ".join(rng.choices(words, k=rng.choice((0, 45)))), start, "")
            for n in range(left_size + right_size)
        ]
        features = [story_features(item) for item in items]
        parts = (_words(features[:left_size]), _words(features[left_size:]))
        near = sorted(rng.sample(range(len(features)), k=min(9, len(features))))
        wanted = [token for position in near for token in features[position].tokens] + ["absent-token"]
        assert _weights_of(parts, DEFAULT_RULES, wanted)[0] == _weights(features, DEFAULT_RULES, wanted)[0]
        everyone = _rare_names(features, DEFAULT_RULES)
        assert _rare_names([features[p] for p in near], DEFAULT_RULES, parts) == [everyone[p] for p in near]


def test_runs_of_blocks_hold_neighbours_only_and_every_block_once():
    """Blocks are cut into runs of neighbours (a seam is stitched inside a run, or afterwards between runs)."""
    from dateline.grouping import _runs

    assert _runs([3, 4, 5, 9, 10, 12], 1) == [[3, 4, 5], [9, 10], [12]]
    assert _runs(list(range(10)), 3) == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]
    assert _runs([], 4) == []
    rng = random.Random(3)
    for _ in range(50):
        numbers = sorted(rng.sample(range(60), k=rng.randrange(1, 40)))
        runs = _runs(numbers, rng.randrange(1, 9))
        assert [number for run in runs for number in run] == numbers
        assert all(b == a + 1 for run in runs for a, b in pairwise(run))


def test_body_samples_equal_the_plain_definition_of_sampled_shingles():
    """_shingles maps in C what the rule says in words: every word 4-gram of the first SHINGLE_SPAN words, kept when its CRC-32 is 0 mod SAMPLE_MODULUS."""
    import re
    import zlib

    from dateline.grouping import MIN_BODY_WORDS, SAMPLE_MODULUS, SHINGLE_SPAN, _shingles

    def plain(text: str) -> tuple[int, ...]:
        words = re.findall(r"[^\W_]+", text.lower())
        if len(words) < MIN_BODY_WORDS:
            return ()
        words = words[:SHINGLE_SPAN]
        kept = set()
        for start in range(len(words) - 3):
            value = zlib.crc32(" ".join(words[start : start + 4]).encode("utf-8"))
            if value % SAMPLE_MODULUS == 0:
                kept.add(value)
        return tuple(sorted(kept))

    rng = random.Random(11)
    vocabulary = ["Oil", "prices", "rose", "façade", "Straße", "naïve", "U.S.", "3.5%", "Gox", "said", "—", "l'été", "北京", "a_b"]
    for length in (0, 3, MIN_BODY_WORDS - 1, MIN_BODY_WORDS, 41, 120, SHINGLE_SPAN + 50):
        for _ in range(20):
            text = " ".join(rng.choice(vocabulary) for _ in range(length))
            assert _shingles(text) == plain(text), text
    # ASCII bodies take a fast path of their own: every printable ASCII sign, as words and between them.
    signs = [chr(code) for code in range(32, 127) if not chr(code).isalnum()] + ["\t", "\n", "\r", "\x0b", "\x0c", "\x00", "\x7f"]
    for length in (MIN_BODY_WORDS - 1, MIN_BODY_WORDS, 80, SHINGLE_SPAN + 50):
        for _ in range(40):
            text = "".join(rng.choice([*vocabulary[:3], "A1b", "x", "_y_", "9", *signs]) for _ in range(length * 3))
            assert text.isascii()
            assert _shingles(text) == plain(text), text


def _plain_scan(text, tokens, capitalised, lowercase):
    """_scan as first written, word by word with no cache: the reference the cached one is checked against."""
    from dateline.grouping import _CALENDAR_NUMBER, _RUN_TOGETHER, _SENTENCE_ENDS, _WORD, STOPWORDS, _stem

    raws = _WORD.findall(text)
    long_words = [raw for raw in raws if len(raw) > 3]
    sentence_case = bool(long_words) and sum(raw[0].isupper() for raw in long_words) < 0.6 * len(long_words)
    sentence_start = True
    for raw in raws:
        low = raw.lower()
        if low in STOPWORDS:
            sentence_start = raw[-1] in _SENTENCE_ENDS
            continue
        if low.isalpha() and (raw.islower() or raw.istitle()):
            if len(low) > 1:
                token = _stem(low) if len(low) > 3 else low
                tokens.add(token)
                if sentence_case and not sentence_start:
                    (lowercase if raw[0] == low[0] else capitalised).add(token)
            sentence_start = False
            continue
        ends = raw[-1] in _SENTENCE_ENDS
        if not low.isalnum():
            low = low.replace("’", "'").rstrip(".").replace(".", "")
            if low.endswith("'s"):
                low = low[:-2]
            if ends and raw.count(".") > 1:
                ends = False
        name = (raw.isupper() and len(raw) > 1) or not (raw.islower() or raw.istitle() or raw.isupper() or raw.isdigit())
        parts = low.split("-") if "-" in low else [low]
        if name and raw[0].isupper():
            pieces = _RUN_TOGETHER.split(raw.rstrip("."))
            if len(pieces) > 1 and all(piece.isalpha() for piece in pieces):
                parts.extend(piece.lower() for piece in pieces)
        for part in parts:
            if len(part) < 2 or part in STOPWORDS or not part[0].isalnum() or (part[0].isdigit() and _CALENDAR_NUMBER.fullmatch(part)):
                continue
            token = _stem(part)
            tokens.add(token)
            if name:
                capitalised.add(token)
            elif sentence_case and not sentence_start:
                (capitalised if raw[0].isupper() else lowercase).add(token)
        sentence_start = ends
    return raws


def test_cached_word_reading_equals_reading_word_by_word():
    """_scan reads a text by its runs without white space and maps what each word gives alone (_word_shape, cached) in C;
    on generated text it finds what the plain loop over the whole text finds."""
    from dateline.grouping import _scan

    rng = random.Random(13)
    vocabulary = [
        "The", "the", "U.S.", "eBay", "McDonald's", "Wal-Mart", "3.5%", "2021", "12", "OPEC", "iPhone", "Bank’s", "ÉLYSÉE",
        "über", "ǅemal", "Mr.", "said.", "co-op", "X", "a", "AT&T", "Dr.", "No", "prices", "Rose", "rose", "files", "Filing",
        "JetBlue", "New", "York-based", "talks;", "Putin", "it's", "U.N.-backed", "GDP", "ships", "Shipping", "x2", "A380",
    ]  # fmt: skip
    # Words run into each other by punctuation, and parted by every kind of white space str.split knows.
    joints = [" ", " ", " ", "\n", "\t", "\u00a0", "\u2003", "\u3000", ", ", ". ", "! ", "—", " (", ") ", "-", "'", "’", "", "&", "_"]
    for length in (0, 1, 3, 8, 30, 60):
        for _ in range(60):
            for text in (
                " ".join(rng.choice(vocabulary) for _ in range(length)),
                "".join(rng.choice(vocabulary) + rng.choice(joints) for _ in range(length)),
            ):
                fast = (set(), set(), set())
                plain = (set(), set(), set())
                assert _scan(text.split(), *fast) == _plain_scan(text, *plain), text
                assert fast == plain, text


def test_pruned_near_pairs_and_cached_weights_equal_their_plain_definitions():
    """_near_pairs posts only shared samples and _weights takes each frequency's log once: both against the plain loops."""
    import math
    from collections import Counter, defaultdict

    from dateline.grouping import BOILERPLATE_BODIES, DEFAULT_RULES, _near_pairs, _weights

    def plain_pairs(features, days, window, rules):
        postings = defaultdict(list)
        for position, feature in enumerate(features):
            for value in feature.shingles:
                postings[value].append(position)
        shared = defaultdict(int)
        for members in postings.values():
            for index, first in enumerate(members):
                within = [second for second in members[index + 1 :] if days[second] - days[first] <= window]
                if len(within) + 1 > BOILERPLATE_BODIES:
                    continue
                for second in within:
                    shared[first, second] += 1
        pairs = []
        for (first, second), count in shared.items():
            size_a, size_b = len(features[first].shingles), len(features[second].shingles)
            if (
                count >= rules.near_min_shared
                and count / min(size_a, size_b) >= rules.near_containment
                and count / (size_a + size_b - count) >= rules.near_resemblance
            ):
                pairs.append((first, second))
        return sorted(pairs)

    def plain_weights(features, rules):
        frequency, named, plain = Counter(), Counter(), Counter()
        for feature in features:
            frequency.update(feature.tokens)
            named.update(feature.capitalised)
            plain.update(feature.lowercase)
        weight = {}
        for token, items in frequency.items():
            value = math.log((len(features) + 1) / items)
            if named[token] > plain[token]:
                value *= rules.name_boost
            elif not token.isalpha() and any(c.isdigit() for c in token):
                value *= rules.number_boost
            weight[token] = value
        return weight

    rng = random.Random(17)
    words = ["Geneva", "talks", "OPEC", "oil", "output", "cut", "Reuters", "bank", "rate", "rise", "2024", "Acme", "merger", "said"]
    start = datetime(2024, 3, 1, tzinfo=UTC)
    wire = " ".join(rng.choices(words, k=120))
    pair = " ".join(rng.choices(words, k=90))  # a text exactly two bodies share
    items = []
    for n in range(80):
        body = wire if n % 4 == 0 else pair if n in (5, 6) else " ".join(rng.choices(words, k=rng.choice((20, 60, 120))))
        items.append(StoryInput(f"content/{n}.md", " ".join(rng.choices(words, k=6)), body, start + timedelta(hours=7 * n), ""))
    features = [story_features(item) for item in items]
    days = [item.moment.timestamp() / 86400 for item in items]
    found = _near_pairs(features, days, 3, DEFAULT_RULES)
    assert (5, 6) in found and found == plain_pairs(features, days, 3, DEFAULT_RULES)
    assert _weights(features, DEFAULT_RULES)[0] == plain_weights(features, DEFAULT_RULES)


def test_packed_features_unpack_to_the_same_features_on_generated_articles():
    from dateline.grouping import UnpackedOnUse, pack_features, unpack_features

    rng = random.Random(7)
    vocabulary = ["Gox", "bankruptcy", "U.S.", "eBay's", "Ölpreis", "rate", "2014", "cuts", "Fed", "O'Neil", "—", "x"]
    features = []
    for number in range(300):
        title = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(0, 9)))
        body = " ".join(rng.choice(vocabulary) for _ in range(rng.choice((0, 5, 60, 400))))
        moment = datetime(2024, 1, 1, tzinfo=UTC)
        features.append(story_features(StoryInput(f"content/{number}.md", title, body, moment, rng.choice(("", "AP", "Reuters")))))
    packed = [pack_features(feature) for feature in features]
    assert [unpack_features(p) for p in packed] == features
    lazy = UnpackedOnUse(packed)
    assert len(lazy) == len(features) and lazy[5:9] == features[5:9] and lazy[42] == features[42] and list(lazy) == features


def test_unpacked_features_are_not_kept_once_grouping_lets_them_go():
    # A worker grouping hundreds of weeks must not end up holding every article's unpacked features.
    from dateline.grouping import UnpackedOnUse, pack_features

    moment = datetime(2024, 1, 1, tzinfo=UTC)
    packed = [pack_features(story_features(StoryInput(f"content/{n}.md", f"Storm hits coast {n}", "", moment, "AP"))) for n in range(6)]
    lazy = UnpackedOnUse(packed)
    one, some = lazy[2], lazy[1:4]
    held = [weakref.ref(one), *(weakref.ref(feature) for feature in some)]
    del one, some
    assert [ref() for ref in held] == [None] * 4


# One quiet day of AllSides' Headline Roundups (2021-05-03, via the NeuS repository HLTCHKUST/framing-bias-metric): two
# events, five outlets. The two refugee headlines share little wording; on a day this quiet that is evidence enough.
QUIET_DAY = [
    ("refugees-1", "Biden says he will raise refugee cap to 62,500 but warns the US will not be able to meet new number", "USA TODAY"),
    ("covid-1", "Vaccines Appear to Be Slowing Spread of Covid-19 Infections", "Wall Street Journal (News)"),
    ("covid-2", "COVID Deaths Continue to Decline in U.S.", "U.S. News & World Report"),
    ("covid-3", "Pandemic retreat signals vaccines are working", "Washington Examiner"),
    ("refugees-2", "Biden Raises Refugee Cap To 62,500 After Uproar From Democrats", "The Daily Caller"),
]


def quiet_day(second_refugee_day: int = 0) -> list[StoryInput]:
    return [
        StoryInput(f"content/{key}.md", title, title, DAY + timedelta(days=second_refugee_day if key == "refugees-2" else 0), source)
        for key, title, source in QUIET_DAY
    ]


def test_a_quiet_day_groups_reports_a_busy_day_would_leave_apart():
    items = quiet_day()
    refugees = {"content/refugees-1.md", "content/refugees-2.md"}
    keyed = [{items[p].key for p in group} for group in group_stories(items)]
    assert refugees in keyed  # together, and with nothing else
    # As busy as the days the thresholds were set on: apart.
    busy = replace(DEFAULT_RULES, busy_day=1.0)
    assert refugees not in [{items[p].key for p in group} for group in group_stories(items, rules=busy)]
    # The relief holds within a day only: the same report the next day is another story.
    later = quiet_day(second_refugee_day=1)
    assert all(len(group) == 1 for group in group_stories(later))


def test_quiet_relief_grows_with_fewer_reports_a_day_and_stops_at_its_most():
    eight_a_day = [0.0] * 8
    assert DEFAULT_RULES.same_day_cut(eight_a_day) == DEFAULT_RULES.quiet_relief_most
    hundred_a_day = [float(i // 100) for i in range(300)]
    assert DEFAULT_RULES.same_day_cut(hundred_a_day) == DEFAULT_RULES.quiet_relief * math.log10(1.5)
    assert DEFAULT_RULES.same_day_cut([0.0] * 150) == 0.0


def test_a_pruned_seam_stitches_what_weighing_every_story_near_it_stitches():
    """_stitch weighs only stories the day decay leaves some similarity to, and those holding a copy across the seam;
    on generated weeks (shared names, copies of wire texts far from and near the seam, lone reports) it finds the same
    stories as weighing every story near the seam."""
    from dateline.grouping import DEFAULT_RULES, _group_block, _stitch, _words

    rng = random.Random(17)
    names = ["Geneva", "OPEC", "Acme", "Zephyr", "Gox", "Sbarro", "Fyffes", "Merkel", "Obama", "Sochi", "Nokia", "Boeing"]
    words = ["talks", "oil", "output", "cut", "bank", "rate", "rise", "merger", "recall", "deal", "strike", "vote", "shares"]
    wires = [" ".join(rng.choices(names + words, k=60)) for _ in range(4)]
    seam_day = 7.0
    joined = pruned_away = 0
    for case in range(40):
        count = rng.randrange(6, 70)
        reports = []
        for _ in range(count):
            day = rng.uniform(seam_day - 3.5, seam_day + 3.5) if case % 2 else rng.uniform(seam_day - 1.6, seam_day + 1.6)
            title = " ".join(rng.choices(names[: rng.randrange(3, 12)], k=2) + rng.choices(words, k=4))
            text = rng.choice(wires) + " " + " ".join(rng.choices(words, k=rng.randrange(0, 5))) if rng.random() < 0.3 else ""
            reports.append((day, title, text, rng.choice(["Reuters", "AP", "AFP", ""])))
        reports.sort()
        start = datetime(2024, 3, 4, tzinfo=UTC)
        items = [StoryInput(f"content/{n}.md", t, x, start + timedelta(days=d), s) for n, (d, t, x, s) in enumerate(reports)]
        features = [story_features(item) for item in items]
        stamps = [item.moment.timestamp() for item in items]
        middle = next((n for n, (day, *_) in enumerate(reports) if day >= seam_day), len(reports))
        if middle in (0, len(reports)):
            continue
        blocks = (range(middle), range(middle, len(reports)))
        parts = tuple(_words([features[i] for i in block]) for block in blocks)
        groups = []
        for block, part in zip(blocks, parts, strict=True):
            found, _ = _group_block([stamps[i] / 86400 for i in block], [features[i] for i in block], 3, DEFAULT_RULES, part)
            groups.append([tuple(block[0] + p for p in group) for group in found])
        arguments = (stamps, features, parts, groups[0], groups[1], middle, 3, DEFAULT_RULES)
        pruned, plain = _stitch(*arguments, pruned=True), _stitch(*arguments, pruned=False)
        assert pruned == plain, case
        joined += bool(plain)
        pruned_away += any(stamps[g[0]] < stamps[middle] - 1.3 * 86400 for g in groups[0])
    assert joined >= 10 and pruned_away >= 10  # the cases stitch stories, and have stories the pruning leaves out


def test_a_lone_report_far_from_the_seam_joins_a_story_a_copy_stitched_across_it():
    """A report that began too long before the seam to be weighed against stories across it still joins a story that a
    copy of one wire text stitched across the seam, when it is near that story's first report: as weighing every story
    near the seam finds."""
    from dateline.grouping import DEFAULT_RULES, _stitch, _words

    start = datetime(2024, 3, 11, tzinfo=UTC)
    # The words of A's wire text in another order: the same story told, no copy of it.
    told = " ".join(random.Random(1).sample(WIRE.split()[:100], k=100))
    reports = [
        (-2.6, "Zephyr Gox Sbarro talks collapse in Geneva", told),  # lone, 0.6 days before A
        (-2.0, "Acme Zephyr Gox talks collapse", WIRE),  # A, too far from the seam to be weighed but for its copy
        (0.2, "Gox Sbarro Zephyr talks end", wire_copy()),  # B, a copy of A's wire text across the seam
    ]
    items = [StoryInput(f"content/{n}.md", t, x, start + timedelta(days=d), "") for n, (d, t, x) in enumerate(reports)]
    features = [story_features(item) for item in items]
    stamps = [item.moment.timestamp() for item in items]
    parts = (_words(features[:2]), _words(features[2:]))
    arguments = (stamps, features, parts, [(0,), (1,)], [(2,)], 2, 3, DEFAULT_RULES)
    plain = _stitch(*arguments, pruned=False)
    assert _stitch(*arguments, pruned=True) == plain
    assert plain == ((((1,), (2,), (0,)), ((1, 2),)),)


def test_passes_that_skip_reports_too_far_apart_group_as_weighing_them(monkeypatch):
    """The passes do not weigh stories that began too long before or after a report to keep any similarity
    (`_too_far_apart`); on generated blocks of a week (shared names, copies of wire texts, several outlets) they group as
    when every candidate is weighed."""
    import dateline.grouping as grouping

    rng = random.Random(23)
    names = ["Geneva", "OPEC", "Acme", "Zephyr", "Gox", "Sbarro", "Fyffes", "Merkel", "Obama", "Sochi", "Nokia", "Boeing"]
    words = ["talks", "oil", "output", "cut", "bank", "rate", "rise", "merger", "recall", "deal", "strike", "vote", "shares"]
    wires = [" ".join(rng.choices(names + words, k=60)) for _ in range(4)]
    skipped = []
    real = grouping._too_far_apart

    def counted(days_apart, rules):
        skipped.append(real(days_apart, rules))
        return skipped[-1]

    start = datetime(2024, 3, 4, tzinfo=UTC)
    for case in range(30):
        reports = sorted(
            (
                rng.uniform(0, 7),
                " ".join(rng.choices(names[: rng.randrange(3, 12)], k=2) + rng.choices(words, k=4)),
                rng.choice(wires) + " " + " ".join(rng.choices(words, k=3)) if rng.random() < 0.3 else "",
                rng.choice(["Reuters", "AP", "AFP", ""]),
            )
            for _ in range(rng.randrange(5, 90))
        )
        items = [StoryInput(f"content/{n}.md", t, x, start + timedelta(days=d), s) for n, (d, t, x, s) in enumerate(reports)]
        features = [story_features(item) for item in items]
        days = [day for day, *_ in reports]
        monkeypatch.setattr(grouping, "_too_far_apart", counted)
        pruned = grouping._group_block(days, features, 3, grouping.DEFAULT_RULES)
        monkeypatch.setattr(grouping, "_too_far_apart", lambda days_apart, rules: False)
        assert pruned == grouping._group_block(days, features, 3, grouping.DEFAULT_RULES), case
    assert sum(skipped) >= 100  # the pruning had work to skip

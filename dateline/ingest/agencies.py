"""News agencies and the names they go by, so a dateline's `(Reuter)` and a sign-off's `The Associated Press` both say `Reuters`/`AP`.

Each agency is written the way it styles itself in its own datelines. Aliases are matched
case-insensitively, on whole names; a reporter or photographer after a slash (`Xinhua/Li Xin`)
or a desk after the name (`Reuters Health`) still names the agency.
"""

from __future__ import annotations

import re

# (canonical name, aliases). Kept to agencies and outlets that put their name in a dateline.
AGENCIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    # Chinese, Japanese and Korean names too, as those services write them in their own datelines (`新华社北京3月5日电`).
    ("AP", ("AP", "Associated Press", "The Associated Press", "A.P.", "美联社", "美聯社")),
    ("Reuters", ("Reuters", "Reuter", "Thomson Reuters", "路透社")),
    ("AFP", ("AFP", "Agence France-Presse", "Agence France Presse", "AFP-Jiji", "法新社")),
    (
        "Xinhua",
        (
            "Xinhua",
            "Xinhua News Agency",
            "Xinhuanet",
            "New China News Agency",
            "NCNA",
            "新华社",
            "新華社",
            "新华网",
            "新華網",
            "신화사",
            "신화통신",
        ),
    ),
    ("People's Daily", ("People's Daily", "People's Daily Online", "人民网", "人民網", "人民日报", "人民日報")),
    ("China Daily", ("China Daily", "中国日报", "中國日報", "中国日报网", "中國日報網")),
    ("PTI", ("PTI", "Press Trust of India")),
    ("PTI-Bhasha", ("PTI-Bhasha", "Bhasha", "भाषा")),
    ("Hindusthan Samachar", ("Hindusthan Samachar", "हि.स.", "हिस")),
    ("IANS", ("IANS", "Indo-Asian News Service")),
    ("ANI", ("ANI", "Asian News International")),
    ("UNI", ("UNI", "United News of India")),
    ("Kyodo", ("Kyodo", "Kyodo News", "Kyodo News Agency", "共同社", "共同通信", "共同通信社", "共同")),
    ("Jiji", ("Jiji", "Jiji Press", "時事通信", "時事通信社", "时事社", "時事")),
    ("Yonhap", ("Yonhap", "Yonhap News Agency", "Yonhap News", "연합뉴스", "韩联社", "韓聯社", "聯合ニュース", "聯合")),
    ("Newsis", ("Newsis", "뉴시스")),
    ("Newspim", ("Newspim", "NewsPim", "뉴스핌")),
    ("News1", ("News1", "뉴스1")),
    ("dpa", ("dpa", "Deutsche Presse-Agentur", "dpa-AFX")),
    ("EFE", ("EFE", "Agencia EFE")),
    ("EPA", ("EPA", "European Pressphoto Agency")),
    ("ANSA", ("ANSA",)),
    ("Anadolu", ("Anadolu", "Anadolu Agency", "Anadolu Ajansi", "AA", "A.A")),
    ("TASS", ("TASS", "ITAR-TASS", "ITAR TASS", "ТАСС", "ИТАР-ТАСС", "塔斯社")),
    ("RIA Novosti", ("RIA Novosti", "RIA", "РИА Новости")),
    # RIA Novosti's economic agency, as its Russian datelines write it (`МОСКВА, 4 сен - ПРАЙМ.`); never in Latin letters,
    # which would take the "Prime" of "Prime Minister" for it.
    ("ПРАЙМ", ("1prime.ru",)),
    ("Sputnik", ("Sputnik",)),
    ("Interfax", ("Interfax", "Interfax.ru", "Interfax-Russia.ru")),
    ("Bernama", ("Bernama",)),
    ("Antara", ("Antara", "Antara News")),
    ("APP", ("APP", "Associated Press of Pakistan")),
    ("UPI", ("UPI", "United Press International")),
    ("CNN", ("CNN",)),
    ("BBC", ("BBC",)),
    ("Bloomberg", ("Bloomberg", "Bloomberg News")),
    ("CP", ("CP", "Canadian Press", "The Canadian Press")),
    ("AAP", ("AAP", "Australian Associated Press")),
    ("NZPA", ("NZPA",)),
    ("IRNA", ("IRNA", "ایرنا", "خبرگزاری جمهوری اسلامی")),
    # The Gulf and Levant agencies' Arabic names, as their Arabic services write them in datelines.
    ("KUNA", ("KUNA", "كونا")),
    ("WAM", ("WAM", "وام")),
    ("SPA", ("SPA", "Saudi Press Agency", "واس")),
    ("Saba", ("Saba", "Saba News Agency", "سبأ")),
    ("MENA", ("MENA", "Middle East News Agency", "أ ش أ", "أ.ش.أ")),
    ("QNA", ("QNA", "قنا")),
    ("NNA", ("NNA",)),
    ("Petra", ("Petra", "بترا")),
    ("SANA", ("SANA", "سانا")),
    ("Alray", ("Alray", "Alray Palestinian Media Agency")),
    ("Ukrinform", ("Ukrinform",)),
    ("UNIAN", ("UNIAN",)),
    ("PAP", ("PAP",)),
    ("CTK", ("CTK", "ČTK")),
    ("MTI", ("MTI",)),
    ("BTA", ("BTA",)),
    ("Lusa", ("Lusa",)),
    ("Belga", ("Belga",)),
    ("ANP", ("ANP",)),
    ("APA", ("APA",)),
    ("NTB", ("NTB",)),
    ("TT", ("TT",)),
    ("Ritzau", ("Ritzau",)),
    ("STT", ("STT",)),
    ("Prensa Latina", ("Prensa Latina", "PL")),
    ("Notimex", ("Notimex",)),
    ("Telam", ("Telam", "Télam")),
    ("CNA", ("CNA", "Central News Agency", "中央社")),
    ("VNA", ("VNA", "Vietnam News Agency", "TTXVN")),
    ("PNA", ("PNA", "Philippine News Agency")),
    ("BSS", ("BSS",)),
    ("UNB", ("UNB", "United News of Bangladesh")),
    ("RSS", ("RSS",)),
    ("KCNA", ("KCNA", "Korean Central News Agency", "朝鮮中央通信", "조선중앙통신")),
    ("NAN", ("NAN",)),
    ("SAPA", ("SAPA",)),
    ("KNA", ("KNA",)),
    ("ENA", ("ENA",)),
    ("GNA", ("GNA", "Ghana News Agency")),
    ("IPS", ("IPS", "Inter Press Service")),
    ("HINA", ("Hina",)),
    ("Tanjug", ("Tanjug",)),
    ("Agerpres", ("Agerpres",)),
    ("Trend", ("Trend",)),
    ("Kazinform", ("Kazinform",)),
    ("China News Service", ("Chinanews", "CNS", "中新社", "中國新聞社", "中国新闻社", "中新网", "中新網", "Zhongguo Xinwen She")),
    # Hong Kong's China Communication Service (中国通讯社), another agency despite its name.
    ("Zhongguo Tongxun She", ("Zhongguo Tongxun She", "中国通讯社", "中國通訊社", "中通社", "香港中通社")),
    ("China Review News", ("China Review News", "China Review News Agency", "CRNTT", "中評社", "中评社")),
    # Other national and regional agencies that sign datelines, by region.
    ("Armenpress", ("Armenpress",)),
    ("ARKA", ("ARKA",)),
    ("Noyan Tapan", ("Noyan Tapan",)),
    ("AZERTAC", ("AZERTAC", "AzerTag")),
    ("Turan", ("Turan",)),
    ("BelTA", ("BelTA",)),
    ("Kabar", ("Kabar",)),
    ("AKIpress", ("AKIpress",)),
    ("Khovar", ("Khovar",)),
    ("UzA", ("UzA",)),
    ("Montsame", ("Montsame",)),
    ("ANA", ("ANA", "ANA-MPA", "AMNA", "Athens News Agency")),
    ("ISNA", ("ISNA", "ایسنا")),
    ("Fars", ("Fars", "Fars News Agency", "FNA", "فارس", "خبرگزاری فارس")),
    ("Tasnim", ("Tasnim", "Tasnim News Agency", "تسنیم", "خبرگزاری تسنیم")),
    ("Mehr", ("Mehr", "Mehr News Agency", "مهر", "خبرگزاری مهر")),
    ("INA", ("INA", "Iraqi News Agency")),
    ("ONA", ("ONA", "Oman News Agency")),
    ("DHA", ("DHA", "Dogan News Agency")),
    ("MAP", ("MAP", "Maghreb Arabe Presse")),
    ("APS", ("APS", "Algerie Presse Service", "Algérie Presse Service")),
    ("TAP", ("TAP", "Tunis Afrique Presse")),
    ("SUNA", ("SUNA",)),
    ("Pana", ("Pana", "PANA", "Panapress")),
    ("ZANIS", ("ZANIS",)),
    ("AIP", ("AIP",)),
    ("ACP", ("ACP",)),
    ("Keystone-SDA", ("Keystone-SDA", "SDA", "ATS")),
    ("AGI", ("AGI",)),
    ("Adnkronos", ("Adnkronos", "ADN Kronos", "ADNKronos")),
    ("askanews", ("askanews", "TMNews")),
    ("LaPresse", ("LaPresse",)),
    ("Europa Press", ("Europa Press",)),
    ("TASR", ("TASR",)),
    ("STA", ("STA",)),
    ("Beta", ("Beta",)),
    ("FoNet", ("FoNet",)),
    ("MIA", ("MIA", "МИА")),
    ("ATA", ("ATA",)),
    ("Moldpres", ("Moldpres",)),
    ("ELTA", ("ELTA",)),
    ("LETA", ("LETA",)),
    ("BNS", ("BNS",)),
    ("Interfax-Ukraine", ("Interfax-Ukraine",)),
    ("Fena", ("Fena",)),
    ("AIN", ("AIN",)),
    ("ABI", ("ABI",)),
    ("Andina", ("Andina",)),
    ("Agência Brasil", ("Agência Brasil", "Agencia Brasil")),
    ("TNA", ("TNA",)),
    ("AKP", ("AKP",)),
    ("KPL", ("KPL",)),
    ("PIA", ("PIA", "Philippine Information Agency")),
    # Myanmar's exile agency, which often writes its name in small letters (`Chiang Mai (mizzima) -`); São Tomé's agency.
    ("Mizzima", ("Mizzima", "Mizzima News")),
    ("STP-Press", ("STP-Press",)),
    ("Pajhwok", ("Pajhwok",)),
    ("WAFA", ("WAFA", "Wafa", "وفا")),
    ("Ma'an", ("Ma'an", "Ma’an", "Ma'an News Agency", "Maan News Agency")),
    ("LANA", ("LANA", "Libya News Agency")),
    ("NINA", ("NINA", "National Iraqi News Agency")),
    ("AIM", ("AIM", "Agência de Informação de Moçambique")),
    ("ANGOP", ("ANGOP", "Angola Press")),
    ("Inforpress", ("Inforpress",)),
    ("SONNA", ("SONNA", "Somali National News Agency")),
    ("ACN", ("ACN", "Agencia Cubana de Noticias")),
    ("AVN", ("AVN", "Agencia Venezolana de Noticias")),
    ("Mediamax", ("Mediamax",)),
    ("Arminfo", ("Arminfo", "ArmInfo")),
    ("IHA", ("IHA", "Ihlas News Agency", "İHA")),
    ("ANKA", ("ANKA",)),
    ("24.kg", ("24.kg",)),
    ("Asia-Plus", ("Asia-Plus", "Asia Plus")),
    ("TDH", ("TDH", "Turkmenistan State News Agency")),
    ("PPI", ("PPI", "Pakistan Press International")),
    ("NNI", ("NNI",)),
    ("Regnum", ("Regnum", "REGNUM")),
    ("Bakhtar", ("Bakhtar",)),
    # Bakhtar News Agency's and Bahrain News Agency's datelines both say `(BNA)`: kept as written, naming neither.
    ("BNA", ("BNA",)),
    ("PACNEWS", ("PACNEWS",)),
    ("PINA", ("PINA", "Pacific Islands News Association", "PINA Nius Online")),
    # The Caribbean's regional agency and the government information services of its small states.
    ("CMC", ("CMC", "Caribbean Media Corporation")),
    ("CANA", ("CANA", "Caribbean News Agency")),
    ("SKNIS", ("SKNIS", "St. Kitts-Nevis Information Service")),
    ("CUOPM", ("CUOPM",)),
    ("GINA", ("GINA", "Government Information Agency")),
    ("MANA", ("MANA", "Malawi News Agency")),
    ("Italpress", ("Italpress", "ITALPRESS")),
    ("CNW", ("CNW", "Canada NewsWire")),
    ("ACCESSWIRE", ("ACCESSWIRE",)),
    ("EIN Presswire", ("EIN Presswire", "EINPresswire", "EINPresswire.com")),
    ("Newsfile", ("Newsfile",)),
    # Release wires of Asia and Canada that set their name between dashes or slashes after the place.
    ("Media OutReach", ("Media OutReach", "Media OutReach Newswire")),
    ("TheNewswire", ("TheNewswire",)),
    ("dts", ("dts", "dts Nachrichtenagentur")),
    ("dapd", ("dapd", "ddp")),
    ("epd", ("epd", "Evangelischer Pressedienst")),
    ("AFX", ("AFX", "AFX News")),
    ("Dow Jones", ("Dow Jones", "Dow Jones Newswires", "DJ")),
    ("MarketWatch", ("MarketWatch",)),
    ("Business Wire", ("Business Wire", "BUSINESS WIRE")),
    ("PR Newswire", ("PR Newswire", "PRNewswire")),
    ("GLOBE NEWSWIRE", ("GLOBE NEWSWIRE", "GlobeNewswire")),
    ("PRWeb", ("PRWeb", "PRWEB")),
    ("Marketwired", ("Marketwired", "Marketwire")),
    ("IDG News Service", ("IDG News Service", "IDGNS")),
    # A desk's credit to the wires in general, as papers write it where an agency's name would stand.
    ("Agencies", ("Agencies", "Agencias", "Agências", "Agenzie", "Agences", "وكالات", "Агентства")),
    ("HealthDay", ("HealthDay", "HealthDayNews")),
)
# Ambiguous short aliases: only a parenthesis or a `/NAME/` makes these an agency, never a leading word.
_PAREN_ONLY = frozenset(
    {
        "aa", "dj", "pl", "tt", "rss", "ria", "trend", "petra", "cns", "a.p", "apa", "ena", "nan", "hina",
        "ana", "pia", "map", "aps", "tap", "ina", "abi", "ain", "aip", "acp", "beta", "mehr", "fars", "tna", "akp",
        "kpl", "dha", "sda", "ats", "agi", "ata", "sta", "bns", "mia", "turan", "kabar", "fena", "elta", "leta", "a.a",
        "dts", "epd", "ona", "fna", "wafa", "lana", "nina", "aim", "acn", "avn", "iha", "anka", "tdh", "ppi", "nni",
        "regnum", "مهر", "فارس",
    }
)  # fmt: skip
_BY_ALIAS: dict[str, str] = {}
for _canonical, _aliases in AGENCIES:
    for _alias in (_canonical, *_aliases):
        _BY_ALIAS.setdefault(_alias.strip(" .").casefold(), _canonical)  # as _lookup reads a name
# Desks and roles written after an agency's name that leave the agency the same.
_DESKS = frozenset(
    [
        "health",
        "breakingviews",
        "photo",
        "photos",
        "tv",
        "video",
        "news",
        "staff",
        "wire",
        "newswire",
        "online",
        "correspondent",
        "reporter",
    ]
)
_SPLIT = re.compile(r"\s*[/|,;]\s*|\s+-\s+")


def agency_name(text: str, *, in_brackets: bool = True) -> str:
    """The canonical name of the agency `text` names, or "" if it names none.

    `in_brackets` is False for a bare leading word (`AP - ...`), where short ambiguous
    aliases such as `AA` or `TT` are not trusted.
    """
    text = text.strip(" .:-–—")
    if not text or len(text) > 60:
        return ""
    parts = _SPLIT.split(text)
    # "CNN/Money", "Dow Jones/AP" are joint credits, written as they stand; "Xinhua/Li Xin" names a photographer.
    if in_brackets and len(parts) == 2 and (len(parts[1].split()) == 1 or _lookup(parts[1], True)):
        return ""
    for part in parts[:1] if in_brackets else [text]:
        found = _lookup(part, in_brackets)
        if found:
            return found
        words = part.split()
        # "Reuters Health", "Kyodo News Agency": the agency, then a desk.
        for cut in range(len(words) - 1, 0, -1):
            if all(word.casefold().strip(".") in _DESKS | {"agency", "service"} for word in words[cut:]):
                found = _lookup(" ".join(words[:cut]), in_brackets)
                if found:
                    return found
    return ""


def _lookup(name: str, in_brackets: bool) -> str:
    key = name.strip(" .").casefold()
    if not in_brackets and key in _PAREN_ONLY:
        return ""
    return _BY_ALIAS.get(key, "")


def canonical_source(text: str) -> str:
    """A source as the site should write it: a known agency by its own name, anything else as written."""
    return agency_name(text) or text.strip()

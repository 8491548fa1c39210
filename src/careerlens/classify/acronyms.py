"""Acronyms the corpus defines, as seeds: "MDM" for a topic seeded with "master data management", and back.

A designer writes a seed one way; postings write it the other way as often:
"master data management" here, "MDM" there, "ETL" in one posting and
"extract, transform and load" in the next. Postings define their acronyms
("Master Data Management (MDM)"), so the training sample says which long form
an acronym stands for. A seed that is the usual long form of an acronym gets the
acronym as a learned seed of its topic, and an acronym seed gets its usual long
form; ``careerlens train`` lists them with the other learned terms.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from careerlens.curriculum import Curriculum

#: "long form (ACRONYM)": up to eight words, then one to seven letters in brackets opening with a capital
#: (RE2 and Python alike; queries/classify/acronym_definitions.sql).
DEFINITION = r"((?:[A-Za-z][A-Za-z0-9'-]*[\s,/]+){1,8})\(\s*([A-Z][A-Za-z&]{1,6}?)s?\s*\)"
#: Little words an acronym's letters skip ("Americans with Disabilities Act": ADA).
SKIPPED = frozenset("a an and for in of on or the to with &".split())
#: An acronym counts once the sample defines it this often, with this share for its usual long form.
MIN_DEFINITIONS, MIN_SHARE = 3, 2 / 3
#: An acronym added for a long-form seed has at least this many letters: two-letter ones ("CI", "QA")
#: stand for too many things.
MIN_ACRONYM_LETTERS = 3


def long_form(words: str, acronym: str) -> str | None:
    """The trailing words whose initials spell the acronym (little words skipped), lower-cased; or None.

    >>> long_form("experience with Extract, Transform and Load", "ETL")
    'extract transform and load'
    """
    letters = acronym.upper().replace("&", "")
    words = [w for w in re.split(r"[\s,/-]+", words.strip()) if w]
    for start in range(len(words) - 1, -1, -1):
        tail = words[start:]
        if tail[0].lower() in SKIPPED:
            continue
        initials = "".join(w[0] for w in tail if w.lower() not in SKIPPED).upper()
        if initials == letters:
            return " ".join(tail).lower()
        if len(initials) > len(letters):
            return None
    return None


def defined_acronyms(definitions) -> dict[str, tuple[str, int, int]]:
    """Acronym -> (its usual long form as a phrase, how often the sample defines it so, how often in all), from
    the strings :data:`DEFINITION` matched; only acronyms whose usual long form is common and clear enough.

    Long forms that differ only in little words and punctuation are one ("Extract, Transform, Load",
    "extract transform and load"); written more than one way, the phrase has a gap between its words
    ("extract * transform * load", which finds both).
    """
    pattern = re.compile(DEFINITION)
    forms: dict[str, Counter] = defaultdict(Counter)
    for text in definitions:
        match = pattern.fullmatch(text)
        if match and (form := long_form(match[1], match[2])):
            forms[match[2]][form] += 1
    found = {}
    for acronym, counts in forms.items():
        by_words: dict[tuple, Counter] = defaultdict(Counter)
        for form, n in counts.items():
            by_words[tuple(w for w in form.split() if w not in SKIPPED)][form] += n
        words, spellings = max(by_words.items(), key=lambda item: (sum(item[1].values()), item[0]))
        n, total = sum(spellings.values()), sum(counts.values())
        if n >= MIN_DEFINITIONS and n >= MIN_SHARE * total:
            phrase = next(iter(spellings)) if len(spellings) == 1 else " * ".join(words)
            found[acronym] = (phrase, n, total)
    return found


def acronym_terms(curriculum: Curriculum, acronyms: dict) -> dict[str, tuple[str, ...]]:
    """Per topic, the acronyms of its long-form seeds and the long forms of its acronym seeds that no
    phrase of the curriculum already finds; a term two topics would claim goes to neither."""
    from careerlens.classify.phrases import PhraseMatcher, phrase_pattern

    trigger = re.compile(PhraseMatcher(curriculum).trigger)
    claims: dict[str, set] = defaultdict(set)
    for topic in curriculum.topics:
        for seed in topic.seeds:
            if seed in acronyms:
                claims[acronyms[seed][0]].add(topic.id)
            whole_seed = re.compile(rf"(?i)^(?:{phrase_pattern(seed)})$")
            for acronym, (usual, _, _) in acronyms.items():
                if sum(c.isalpha() for c in acronym) >= MIN_ACRONYM_LETTERS and whole_seed.match(usual):
                    claims[acronym].add(topic.id)
    learned = defaultdict(list)
    for term, topics in sorted(claims.items()):
        if len(topics) == 1 and not trigger.search(term):
            learned[next(iter(topics))].append(term)
    return {topic.id: tuple(learned.get(topic.id, ())) for topic in curriculum.topics}

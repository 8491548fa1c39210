"""Phrases said another way than the curriculum writes them: verb first ("validate incoming data" for "data
validation"), or in a coordination that shares one of their words ("data reliability and quality" for "data
quality"). Each is a pattern of its own beside the phrases as written (:mod:`careerlens.classify.phrases`);
``train`` decides which phrases get them (:mod:`careerlens.classify.learned`).
"""

from __future__ import annotations

import functools
import re

from careerlens.classify.wordforms import FUNCTION_WORDS, derived_verbs, forms_pattern, is_noun, verb_forms, word_forms

#: A pattern that matches nothing (RE2 and Python alike).
NOTHING = r"[^\s\S]"
#: Words that may stand between a verb and its object in a phrase said the other way round
#: ("validate the data", "manage all projects"); one more word of five letters or more may follow
#: ("protect sensitive data"), which keeps out "models on data" and "tests for data".
DETERMINERS = "the|a|an|all|any|each|every|some|our|your|their|its|this|these|those"
#: Short words that may also stand there when no determiner is needed ("ingest raw data").
SHORT_MODIFIERS = "new|raw|key|big"


@functools.lru_cache(maxsize=None)
def verb_first_pattern(phrase: str) -> str | None:
    """The phrase said the other way round, when it is a noun and a noun of action ("data validation"):
    the action's verb, then the noun ("validate incoming data", "validated the data"); None otherwise.

    Postings ask for the same skill both ways ("data validation" and "validate data", "project
    management" and "manage projects", "demand forecasting" and "forecasting demand"). Only a phrase of two
    lower-case words qualifies: names ("Power BI") and adjectives ("statistical modeling") do not.
    A verb form that also reads as a noun or an adjective before the noun needs a determiner between:
    "model the data", "validated the data", but not "model optimization" (a noun compound, not
    "optimization modeling") or "integrated data" (an adjective, not "data integration").
    """
    words = _two_plain_words(phrase)
    if words is None:
        return None
    verbs = derived_verbs(words[1])
    if not verbs or not is_noun(words[0]):
        return None
    forms = {kind: {f for v in verbs for f in verb_forms(v, kind)} for kind in ("plain", "ing", "ed")}
    free = forms["ing"] | (set() if any(is_noun(v) for v in verbs) else forms["plain"])
    bound = (forms["plain"] | forms["ed"]) - free
    noun = rf"[A-Za-z]{{5,}})?\s+{forms_pattern(word_forms(words[0]))}\b"
    free_pattern = rf"\b{forms_pattern(free)}(?:\s+(?:{DETERMINERS}|{SHORT_MODIFIERS}))?(?:\s+{noun}"
    bound_pattern = rf"\b{forms_pattern(bound)}\s+(?:{DETERMINERS})(?:\s+{noun}"
    return f"(?:{free_pattern}|{bound_pattern})" if bound else free_pattern


#: A word inside a coordination ("communication and *interpersonal* skills"), and what joins the items of one:
#: "and", "or", "&" or a slash, or a list set off by commas whose last item follows "and" or "or" ("data
#: reliability, efficiency and quality"). A comma before the conjunction comes only after such a list:
#: "..., optimization, and warehousing techniques" ends a list that the phrase's first word only belongs to.
_ITEM = r"[A-Za-z][A-Za-z0-9+#\-]*"
_JOINED = rf"(?:\s+(?:and|or|&)\s+|\s*[/&]\s*|(?:,\s*{_ITEM})+,?\s+(?:and|or|&)\s+)"


def coordinated_pattern(phrase: str) -> str | None:
    """The phrase with its two words shared in a coordination, when it is two lower-case words; None otherwise.

    Postings join skills that share a word: "communication and interpersonal skills" asks for
    communication skills, "data reliability and quality" for data quality, "mathematical models and
    optimization algorithms" for mathematical optimization. The first word may be shared by a list
    ("data ingestion, modeling and governance"), or the last ("communication, presentation and writing
    skills"); at most two words stand between the conjunction and the shared last word. The first word
    is taken as written: a modifier is not inflected ("languages and programming models" is no
    language model).
    """
    return coordinations_pattern([phrase]) if _coordinated_words(phrase) else None


def coordinations_pattern(phrases, *, loose: bool = False) -> str:
    """:func:`coordinated_pattern` for many phrases at once, grouped by first word; with ``loose``, any of
    their first words with any of their last words: a superset that RE2 scans as fast as a few words.

    Each phrase's own pattern beside the others was fifteen times slower to scan every sentence with (RE2
    follows every phrase's generic words at once); grouped by first word, twice as slow as the loose one.
    """
    pairs = [words for words in map(_coordinated_words, phrases) if words]
    if not pairs:
        return NOTHING
    if loose:
        firsts = "(?:" + "|".join(sorted({first for first, _ in pairs})) + ")"
        groups = {firsts: {form for _, lasts in pairs for form in lasts}}
    else:
        groups = {}
        for first, lasts in pairs:
            groups.setdefault(first, set()).update(lasts)
    branches = [rf"{first}(?:{_JOINED}{_ITEM}(?:\s+{_ITEM})?\s+{forms_pattern(lasts)}"
                rf"|\s+{_ITEM}{_JOINED}{forms_pattern(lasts)})\b" for first, lasts in sorted(groups.items())]
    return r"\b(?:" + "|".join(branches) + ")"


def _coordinated_words(phrase: str):
    """(first word as a pattern, forms of the last) of a phrase of two lower-case words, else None."""
    words = _two_plain_words(phrase)
    return None if words is None else (re.escape(words[0]), word_forms(words[1]))


def _two_plain_words(phrase: str) -> list[str] | None:
    """The two words of a phrase that can be said another way: two lower-case words, the first no little word
    ("data validation", not "Power BI", "of data" or "statistical modeling techniques")."""
    words = phrase.split()
    if len(words) != 2 or not all(re.fullmatch(r"[a-z]+", w) for w in words) or words[0] in FUNCTION_WORDS:
        return None
    return words

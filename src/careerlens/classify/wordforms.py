"""The inflections a curriculum word matches: "skill" finds "skills", "testing" finds "tests".

Seed phrases are written once, in whatever form came to mind ("communication
skills", "regression testing", "deploy * model"). Job postings inflect them
("communication skill", "regression tests", "deployed models"), so each
lower-case word of a phrase matches every inflection of every lemma it can
be a form of, as LemmInflect's English tables give them (little words such as
"at" and "of" are taken as written). Words written with
a capital ("Excel", "Tableau", "PyTorch") are names: they match only as
written (any case), so "Excel" does not find "excels at"; an acronym of three
or more capitals ("ETL", "API") also matches its plural ("APIs").
"""

from __future__ import annotations

import functools
import re

#: Little words taken as written ("excel at", "optimization of processes"): inflecting them would only
#: add noise. (scikit-learn's stop-word list is no use here: it holds "system" and "computer".)
FUNCTION_WORDS = frozenset("""a an the and or nor but not no of in on at to for with without by from as into onto
via per vs than then if this that these those is are was were be been it its our your their we you they he she
i me my us them his her all any each every some such""".split())



@functools.lru_cache(maxsize=None)
def word_forms(word: str, *, alone: bool = False) -> tuple[str, ...]:
    """Every form of a lower-case word: its own, and the inflections of each lemma it can be a form of.

    ``alone``: the word is a whole phrase. A lone "-ing" word is then read as
    a noun only ("clustering" finds "clusterings", not "Spark clusters"); in
    a longer phrase the words around it fix its sense, so "regression
    testing" finds "regression tests".

    >>> word_forms("testing")
    ('test', 'tested', 'testing', 'testings', 'tests')
    >>> word_forms("excel")
    ('excel', 'excelled', 'excelling', 'excels')
    """
    import lemminflect

    if not re.fullmatch(r"[a-z]+", word) or word in FUNCTION_WORDS or len(word) < 3:
        return (word,)          # "excel at", "R&D": little words and symbols are taken as written

    forms = {word}
    lemmas = lemminflect.getAllLemmas(word) or lemminflect.getAllLemmasOOV(word, upos="NOUN")
    if alone and word.endswith("ing"):
        lemmas = {"NOUN": lemmas.get("NOUN") or (word,)}
    for upos, candidates in lemmas.items():
        for lemma in candidates:
            inflections = (lemminflect.getAllInflections(lemma, upos=upos)
                           or lemminflect.getAllInflectionsOOV(lemma, upos=upos))
            for spellings in inflections.values():
                # Forms that keep the word's beginning: "analyses" for "analysis", not "rials" for "real".
                forms.update(s.lower() for s in spellings
                             if re.fullmatch(r"[a-z]+", s.lower()) and s.lower().startswith(word[:3]))
    return tuple(sorted(forms))


def forms_pattern(forms) -> str:
    """One regular expression (RE2 and Python alike) for a set of words, sharing their common beginning.

    >>> forms_pattern(["test", "tested", "testing", "tests"])
    'test(?:ing|ed|s)?'
    """
    forms = sorted(set(forms))
    if len(forms) == 1:
        return re.escape(forms[0])
    stem = forms[0]
    for form in forms[1:]:
        while not form.startswith(stem):
            stem = stem[:-1]
    endings = sorted({f[len(stem):] for f in forms} - {""}, key=lambda e: (-len(e), e))
    optional = "?" if stem in forms else ""
    return re.escape(stem) + "(?:" + "|".join(re.escape(e) for e in endings) + ")" + optional


#: How an English noun of action is made from its verb (validation <- validate, governance <- govern,
#: compliance <- comply, analysis <- analyse): (noun ending, verb ending) pairs tried on the noun.
#: Every candidate must be a verb in LemmInflect's dictionary, so a wrong guess ("explorate") is dropped.
_NOMINAL_ENDINGS = (("ization", "ize"), ("isation", "ise"), ("ication", "y"), ("ation", "ate"), ("ation", "e"),
                    ("ation", ""), ("uction", "uce"), ("ion", ""), ("ion", "e"), ("ment", ""), ("iance", "y"),
                    ("ance", ""), ("ance", "e"), ("ence", ""), ("ence", "e"), ("ysis", "yze"), ("ysis", "yse"))


@functools.lru_cache(maxsize=None)
def derived_verbs(noun: str) -> tuple[str, ...]:
    """The verbs a noun of action is made from: "validation" -> ("validate",), "modeling" -> ("model",),
    "governance" -> ("govern",); () for a noun that names no action ("quality", "warehouse").

    >>> derived_verbs("management"), derived_verbs("compliance"), derived_verbs("scheduling")
    (('manage',), ('comply',), ('schedule',))
    """
    import lemminflect

    if not re.fullmatch(r"[a-z]+", noun) or len(noun) < 5:
        return ()
    if noun.endswith("ing"):
        candidates = lemminflect.getAllLemmas(noun).get("VERB", ())
    else:
        candidates = [noun[:-len(end)] + start for end, start in _NOMINAL_ENDINGS if noun.endswith(end)]
    verbs = {verb for verb in candidates if len(verb) >= 3 and verb != noun
             and verb in lemminflect.getAllLemmas(verb).get("VERB", ())}
    return tuple(sorted(verbs))


#: Penn Treebank tags of a verb's forms, by how they read before a noun: as the verb ("validate",
#: "validates"), as a gerund ("validating"), or also as an adjective ("validated data").
_VERB_TAGS = {"plain": ("VB", "VBP", "VBZ"), "ing": ("VBG",), "ed": ("VBD", "VBN")}


def verb_forms(verb: str, kind: str = "plain") -> tuple[str, ...]:
    """A verb's forms of one kind: "validate" -> plain (validate, validates), ing (validating) or ed (validated)."""
    import lemminflect

    inflections = lemminflect.getAllInflections(verb, upos="VERB")
    forms = {s.lower() for tag in _VERB_TAGS[kind] for s in inflections.get(tag, ())
             if re.fullmatch(r"[a-z]+", s.lower())}
    return tuple(sorted(forms | ({verb} if kind == "plain" else set())))


def is_noun(word: str) -> bool:
    """Whether a word can be a noun (a word LemmInflect does not know counts as one: "metadata")."""
    import lemminflect

    lemmas = lemminflect.getAllLemmas(word)
    return not lemmas or "NOUN" in lemmas


def is_english_word(word: str) -> bool:
    """Whether LemmInflect's dictionary knows the word ("search", "base"; not "mongo", "git")."""
    import lemminflect

    return bool(lemminflect.getAllLemmas(word))


def _noun_lemmas(word: str) -> tuple[str, ...]:
    import lemminflect

    return lemminflect.getAllLemmas(word).get("NOUN", ())


@functools.lru_cache(maxsize=None)
def compound_split(word: str) -> int | None:
    """Where a closed compound of two nouns splits ("elasticsearch" -> 7, "database" -> 4), so that the compound
    also counts written apart ("Elastic Search", "data base", "Power Point"); None for a word that is no such
    compound ("pandas", "tableau").

    Each part has four letters or more and is a noun in LemmInflect's dictionary, the first one as such
    (singular), so "regression" is not "regress ion", "constrained" not "cons trained", "interpersonal" not
    "inter personal"; where several splits would do, the one with the longest first part wins
    ("spreadsheet": "spread" + "sheet").
    """
    word = word.lower()
    if not re.fullmatch(r"[a-z]{8,}", word):
        return None
    for at in range(len(word) - 4, 3, -1):
        if word[:at] in _noun_lemmas(word[:at]) and _noun_lemmas(word[at:]):
            return at
    return None

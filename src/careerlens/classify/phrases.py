"""Curriculum phrases as patterns: how seeds, context seeds and exclusions are found in a sentence.

The same pattern runs in DuckDB (RE2, the candidate pass over every sentence)
and in Python (reading what a candidate sentence holds), so both agree on what
a phrase matches.
"""

from __future__ import annotations

import re
import string

import numpy as np

from careerlens.classify.rephrasing import NOTHING, coordinated_pattern, coordinations_pattern, verb_first_pattern
from careerlens.classify.wordforms import compound_split, forms_pattern, is_english_word, word_forms
from careerlens.curriculum import GAP_WORDS, Curriculum

#: Marks where a scraped text had words glued together; evidence drops it again, so it shows the
#: text as published. It is one ASCII byte (DEL: not a word character, not white space, invisible):
#: the word joiner U+2060 used before is three bytes in UTF-8, and in the ``[\s\-MARK]`` class between
#: every word of every phrase it made RE2's automaton for the trigger outgrow its memory, so that
#: finding the phrases in the candidate sentences took 1.3 s per 10,000 postings instead of 0.2 s.
GLUE_MARK = "\x7f"
#: What may stand between two words of a phrase: white space, a hyphen or a glue mark.
WORD_BREAK = r"[\s\-" + GLUE_MARK + "]"
#: Where a sentence ends: . ! ? ; before a space, line breaks, bullets, wide gaps.
SENTENCE_BOUNDARY = r"(?:[.!?;](?:[\s" + GLUE_MARK + r"]+|$)|[\n\r]+|\s*[•·▪●○◦■□➢►✓✔*]\s*|\s{3,})"
#: The words the context model sees (on lower-cased text): "c++" and "c#" stay whole.
TOKEN = r"[a-z0-9]+[+#]*"
#: Sentences in which the employer describes itself ("Our research spans ...", "We use ...",
#: "We are a ...", "At Acme, we ..."): a topic named only there is not asked of the candidate
#: (docs/annotation.md), so they never count. RE2 syntax, matched case-blind on whole sentences.
SELF_DESCRIPTION = r"(?i)^\W*(?:our|we use|we are an?|we['’]re an?|at (?:[\w&.'’-]+ ?){1,4},? we)\b"
#: ... except where such a sentence turns to the hire: "Our ideal candidate has ...", "Our client is
#: looking for an analyst with SQL", "At Acme, we are seeking ...".
ABOUT_THE_HIRE = (r"(?i)^\W*our (?:ideal|successful|perfect|preferred|new) (?:candidate|applicant|hire)"
                  r"|\b(?:looking for|seeking|searching for|is hiring|are hiring)\b")
#: Kinds of mention of a topic in a sentence, weakest first.
EXCLUDED, CONTEXT, SEED = 1, 2, 3


def is_short_acronym(phrase: str) -> bool:
    """One or two capital letters ("R", "ML", "AI", "D3"): matched in capitals only.

    Written in lower case these collide with ordinary text ("mL", "ai" in
    URLs), so the curriculum's capitals are taken as meant.
    """
    letters = re.sub(r"[^A-Za-z]", "", phrase)
    return 1 <= len(letters) <= 2 and phrase == phrase.upper()


#: Words and sentences glued by scraping: "preferredMachine", "RESPONSIBILITIESMaintain", "ours.We",
#: "TableauA/B testing" (a capital after lower case, before a non-letter).
GLUED = r"([a-z])([A-Z][a-z])|([A-Z]{2})([A-Z][a-z]{2})|([a-z0-9][.!?])([A-Z])|([a-z])([A-Z])([^A-Za-z]|$)"
UNGLUED = r"\1\3\5\7" + GLUE_MARK + r"\2\4\6\8\9"


def split_camel_case(text: str) -> str:
    """Mark the word break that scraping removed ("preferredMachine" -> "preferred|Machine").

    The same substitution runs in SQL on every text (``candidate_sentences.sql``,
    with these patterns as parameters) and here on every phrase, so "PyTorch"
    (-> "Py|Torch") still finds "PyTorch" and "pytorch".
    """
    return re.sub(GLUED, UNGLUED, text)


def abbreviations_of(phrases) -> tuple[str, ...]:
    """Abbreviations that hold a one-letter phrase ("R&D", "P&L", "Q&A" for "R", "P", "Q"): excluded, so that
    the R language is not found in "R&D" whether or not the curriculum says so."""
    letters = sorted({p for p in phrases if re.fullmatch(r"[A-Z]", p)})
    return tuple(pair for letter in letters for other in string.ascii_uppercase
                 for pair in (f"{letter} & {other}", f"{other} & {letter}"))


#: What a ``*`` in a phrase matches: up to GAP_WORDS words between the words around it.
GAP = r"(?:[^A-Za-z0-9]+[A-Za-z0-9]+){0,%d}[^A-Za-z0-9]+" % GAP_WORDS


def phrase_pattern(phrase: str, *, turned: bool = False, coordinated: bool = False) -> str:
    """The regular expression (RE2 and Python alike) that finds ``phrase`` as whole words.

    Case-insensitive (except short acronyms, and acronyms inside a phrase
    that spell a common word: "OR" in "OR-Tools"); each lower-case word also
    matches its inflections ("communication skills" finds "communication
    skill", "regression testing" finds "regression tests"; :mod:`wordforms`),
    while a word written with a capital is a name and matches only as written
    ("Excel" does not find "excels"), an acronym also in the plural ("APIs");
    a space or hyphen inside the phrase also matches a hyphen, a space or
    nothing ("power bi" finds "PowerBI", "Power-BI"); a ``*`` between two
    words stands for up to GAP_WORDS (4) words ("deploy * model" finds
    "deploy models" and "deploy, monitor and retrain ML models"); the phrase
    must not be glued to a letter or digit on either side. With ``turned``, a noun
    and a noun of action are also found the other way round (:func:`verb_first_pattern`); with
    ``coordinated``, two words also with another item between them (:func:`coordinated_pattern`).
    """
    phrase = split_camel_case(phrase.strip())
    acronym = is_short_acronym(phrase)
    parts = [[w for w in re.split(WORD_BREAK + "+", part) if w] for part in re.split(r"\s\*\s", phrase)]
    alone = sum(len(words) for words in parts) == 1
    body = GAP.join(                     # the words on either side of each " * "
        (WORD_BREAK + "*").join(
            re.escape(w) if acronym else _word_pattern(w, last=(i, j) == (len(parts) - 1, len(words) - 1), alone=alone)
            for j, w in enumerate(words))
        for i, words in enumerate(parts))
    if acronym and re.search(r"[A-Za-z0-9]$", phrase):
        body += "s?"
    if acronym:
        body = f"(?-i:{body})"
    if re.match(r"[A-Za-z0-9]", phrase):
        body = r"\b" + body
    if re.search(r"[A-Za-z0-9]$", phrase):
        body += r"\b"
    others = [pattern for pattern in (verb_first_pattern(phrase) if turned else None,
                                      coordinated_pattern(phrase) if coordinated else None) if pattern]
    return "(?:" + "|".join([body, *others]) + ")" if others else body


def _word_pattern(word: str, *, last: bool = False, alone: bool = False) -> str:
    """A phrase's word, any case: a lower-case word with its inflections, a name as written, an acronym of
    capitals also in the plural when it ends the phrase; except an acronym that spells a common word
    ("OR" in "OR-Tools"), which counts in capitals only, so "techniques or tools" is not OR-Tools."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    if re.fullmatch(r"[A-Z]{1,2}", word) and word.lower() in ENGLISH_STOP_WORDS:
        return f"(?-i:{word})"
    if re.fullmatch(r"[A-Z]{2,}", word) and last:
        return re.escape(word.lower()) + "(?-i:s)?"      # "APIs", not "SASS" for "SAS"
    forms = word_forms(word, alone=alone) if re.fullmatch(r"[a-z]+", word) else (word.lower(),)
    at = compound_split(word)
    if at is not None:      # also written apart: "Elastic Search", "data bases"
        apart = {f[at:] for f in forms if f[:at] == word[:at].lower()}
        return f"(?:{forms_pattern(forms)}|{re.escape(word[:at].lower())}{WORD_BREAK}{forms_pattern(apart)})"
    database = re.fullmatch(r"([A-Za-z]{4,})DB", word)
    if database and not is_english_word(database[1].lower()):     # "Mongo", "Mongo DB" for "MongoDB"
        return f"{re.escape(database[1].lower())}(?:{WORD_BREAK}?db)?"
    return forms_pattern(forms)


def alternation(phrases, *, turned=frozenset(), coordinated=frozenset()) -> str:
    """One case-insensitive pattern for many phrases, or a pattern that matches nothing; the phrases in
    ``turned`` are also found the other way round, those in ``coordinated`` also in a coordination."""
    parts = [phrase_pattern(p, turned=p in turned, coordinated=p in coordinated) for p in phrases]
    return "(?i)(?:" + "|".join(parts) + ")" if parts else NOTHING


class PhraseMatcher:
    """A curriculum's phrases compiled for the candidate pass and for reading its hits.

    ``trigger`` is the one pattern DuckDB runs; :meth:`kinds` says what one
    found phrase means for each topic. Its phrases are in alphabetical order,
    except that a phrase comes before every shorter phrase it begins with
    ("R&D" before "R", "Spark SQL" before "Spark"), so the longer one is found
    whole. Alphabetical order puts phrases with the same beginning side by
    side, where RE2 factors them into one branch: the compiled automaton stays
    small enough for RE2's fast path (ordered by length, the candidate scan
    of the same phrases ran 7x slower once the pattern passed about 19,000
    characters).

    A phrase with a gap ("deploy * model") is not in ``trigger``: its words
    before the gap are, so that its sentences become candidates, and
    :meth:`sentence_kinds` looks for the whole phrase (with Python's ``re``)
    only in the sentences where such words were found. In the trigger, ten
    gap phrases made the scan of every sentence 25% slower; a second DuckDB
    pattern over every candidate sentence cost 8% of ``classify``.
    """

    def __init__(self, curriculum: Curriculum, turned=(), coordinated=()):
        self.topic_ids = curriculum.topic_ids
        phrases, gapped, leads = {}, {}, {}
        excluded = [topic.exclude + abbreviations_of(topic.seeds + topic.context_seeds) for topic in curriculum.topics]
        for topic, exclude in zip(curriculum.topics, excluded):
            for phrase in topic.seeds + topic.context_seeds + exclude:
                key = phrase if is_short_acronym(phrase) else phrase.lower()
                if "*" in phrase:
                    gapped.setdefault(key, phrase)
                    lead = re.split(r"\s\*\s", phrase)[0].strip()
                    lead_key = lead if is_short_acronym(lead) else lead.lower()
                    phrases.setdefault(lead_key, lead)
                    leads.setdefault(lead_key, lead)
                else:
                    phrases.setdefault(key, phrase)
        ordered = sorted(phrases.values(), key=_trigger_order)
        self.trigger = alternation(ordered)
        # Phrases said verb first are a pattern of their own: inside the trigger they made RE2's scan of
        # every sentence ten times slower, and a match there could take the first word of another phrase
        # ("manage data pipelines"). Beside it, they cost about a fifth of the scan. Phrases in a coordination
        # are one more pattern: each phrase's own, beside the verb-first ones, made RE2's scan twenty times
        # slower. Every sentence is scanned with ``rephrased_filter`` (the verb-first phrases and the loose
        # coordinations, no slower than the verb-first ones alone); ``turned`` and ``coordinated`` read only
        # the sentences it keeps.
        turned, coordinated = frozenset(turned), frozenset(coordinated)
        turned_patterns = [pattern for pattern in (verb_first_pattern(p) for p in ordered if p in turned) if pattern]
        in_lists = sorted(p for p in ordered if p in coordinated)
        self.turned = "(?i)(?:" + "|".join(turned_patterns) + ")" if turned_patterns else NOTHING
        self.coordinated = "(?i)" + coordinations_pattern(in_lists)
        loose = coordinations_pattern(in_lists, loose=True)
        self.rephrased_filter = "(?i)(?:" + "|".join([*turned_patterns, loose]) + ")"
        self._gapped = re.compile(alternation(sorted(gapped.values(), key=_trigger_order)), re.ASCII) if gapped else None
        # A found phrase is a gap phrase's first words when it is one of their forms ("deployed" for "deploy").
        self._leads = "(?i)^(?:" + "|".join(phrase_pattern(lead) for lead in sorted(leads.values())) + ")$"
        flags = re.ASCII
        self._seeds = [t.seeds for t in curriculum.topics]
        rephrasings = {"turned": turned, "coordinated": coordinated}
        self._seed = [re.compile(alternation(t.seeds, **rephrasings), flags) for t in curriculum.topics]
        self._context = [re.compile(alternation(t.context_seeds, **rephrasings), flags)
                         for t in curriculum.topics]
        self._exclude = [re.compile(alternation(exclude, turned=turned) + r"\Z", flags) for exclude in excluded]
        self._exact_seeds = [{_normalised(p) for p in t.seeds + t.context_seeds} for t in curriculum.topics]
        self._cache: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def kinds(self, hit: str) -> tuple[np.ndarray, np.ndarray]:
        """What a found phrase means per topic: (kind, plain) arrays over the topics.

        ``kind`` is SEED, CONTEXT, EXCLUDED (a seed inside an excluded phrase) or
        0; ``plain`` is 1 where any seed or context seed is in the phrase,
        exclusions ignored: what keyword matching alone would count.
        """
        found = self._cache.get(hit)
        if found is None:
            kind = np.zeros(len(self.topic_ids), dtype=np.int8)
            plain = np.zeros(len(self.topic_ids), dtype=np.int8)
            for t in range(len(self.topic_ids)):
                seed, context = self._seed[t].search(hit), self._context[t].search(hit)
                # An exclusion covers its own inflections, never a seed as the curriculum writes it
                # ("sparks" excluded does not hide the seed "Spark").
                excluded = self._exclude[t].match(hit) and _normalised(hit) not in self._exact_seeds[t]
                plain[t] = bool(seed or context)
                if excluded:
                    kind[t] = EXCLUDED if (seed or context) else 0
                else:
                    kind[t] = SEED if seed else (CONTEXT if context else 0)
            found = self._cache[hit] = (kind, plain)
        return found

    def sentence_kinds(self, hits_column, sentences=None):
        """Per sentence and topic: the strongest kind of mention, the keyword-baseline mention,
        and the first phrase of that kind (its index among the flattened hits, -1 if none counts).

        ``hits_column`` is the Arrow list column of phrases found per sentence
        (by ``trigger``); ``sentences``, the sentences themselves, are needed
        to find phrases with a gap. Returns (kind, plain, anchor, flat_hits).
        """
        import pyarrow.compute as pc

        n, n_topics = len(hits_column), len(self.topic_ids)
        flat, parents = self._all_hits(hits_column, sentences)
        kind = np.zeros((n, n_topics), np.int8)
        plain = np.zeros((n, n_topics), np.int8)
        anchor = np.full((n, n_topics), -1, np.int64)
        if len(flat) == 0:
            return kind, plain, anchor, flat
        uniques = pc.unique(flat)
        table = [self.kinds(h) for h in uniques.to_pylist()]
        which = pc.index_in(flat, value_set=uniques).to_numpy()
        flat_kind = np.stack([k for k, _ in table])[which]
        _raise_to(kind, parents, flat_kind)
        _raise_to(plain, parents, np.stack([p for _, p in table])[which])
        for t in range(n_topics):
            for level in (CONTEXT, SEED):       # a seed phrase, where there is one, over a context seed
                counting = np.flatnonzero(flat_kind[:, t] == level)
                first_parent, first = np.unique(parents[counting], return_index=True)
                anchor[first_parent, t] = counting[first]
        return kind, plain, anchor, flat

    def sentences_per_seed(self, hits_column, sentences) -> dict[str, np.ndarray]:
        """Per seed of the curriculum, as written, the sentences (indices) where it is found, whatever it means
        there (a seed inside an excluded phrase is found too): what tells a user which seeds the postings say."""
        import pyarrow.compute as pc

        flat, parents = self._all_hits(hits_column, sentences)
        seeds = list(dict.fromkeys(seed for seeds in self._seeds for seed in seeds))
        if not len(flat):
            return {seed: np.zeros(0, np.int64) for seed in seeds}
        uniques = pc.unique(flat)
        which = pc.index_in(flat, value_set=uniques).to_numpy()
        hits = uniques.to_pylist()
        found = {}
        for seed in seeds:
            pattern = re.compile(alternation([seed]), re.ASCII)
            says = np.fromiter((pattern.search(hit) is not None for hit in hits), bool, len(hits))
            found[seed] = np.unique(parents[says[which]])
        return found

    def _all_hits(self, hits_column, sentences):
        """The phrases found, flattened, and the sentence each is in: the trigger's hits, plus the phrases with
        a gap when the sentences are given."""
        import pyarrow.compute as pc

        flat = pc.list_flatten(hits_column)
        parents = pc.list_parent_indices(hits_column).to_numpy()
        if self._gapped is not None and sentences is not None and len(flat):
            flat, parents = self._with_gap_phrases(flat, parents, sentences)
        return flat, parents

    def _with_gap_phrases(self, flat, parents, sentences):
        """The hits plus the phrases with a gap, looked for in the sentences where the trigger
        found a gap phrase's first words."""
        import pyarrow.compute as pc

        has_lead = pc.match_substring_regex(flat, self._leads).to_numpy(zero_copy_only=False)
        rows = np.unique(parents[has_lead])
        # RE2, vectorised, keeps the few sentences that hold a whole gap phrase; Python reads those.
        rows = rows[pc.match_substring_regex(sentences.take(rows), self._gapped.pattern).to_numpy(zero_copy_only=False)]
        return _plus_hits(flat, parents, ((row, found.group(0)) for row in rows
                                          for found in self._gapped.finditer(sentences[int(row)].as_py())))


def _raise_to(per_sentence, parents, per_hit):
    """Per sentence and topic, the largest value of its hits: ``np.maximum.at(per_sentence, parents, per_hit)``
    for small non-negative integers, one assignment per value (ascending, so the largest is written last),
    about ten times faster than ``ufunc.at``."""
    for value in np.unique(per_hit[per_hit > 0]):
        rows, topics = np.nonzero(per_hit == value)
        per_sentence[parents[rows], topics] = np.maximum(per_sentence[parents[rows], topics], value)


def _plus_hits(flat, parents, extra):
    """The hits (and their sentences) with ``extra`` (sentence, phrase) pairs added."""
    import pyarrow as pa

    extra = list(extra)
    if not extra:
        return flat, parents
    rows, hits = zip(*extra)
    return (pa.concat_arrays([flat, pa.array(hits, flat.type)]),
            np.concatenate([parents, np.asarray(rows, parents.dtype)]))


def _normalised(phrase: str) -> str:
    """A phrase as written, for comparing a found phrase with a seed: lower case, no spaces, hyphens or glue marks."""
    return re.sub(WORD_BREAK + "+", "", phrase).lower()


def self_description(sentences) -> np.ndarray:
    """Which sentences (a pyarrow string array) are the employer describing itself (SELF_DESCRIPTION)."""
    import pyarrow.compute as pc

    own = pc.fill_null(pc.match_substring_regex(sentences, SELF_DESCRIPTION), False).to_numpy(zero_copy_only=False)
    rows = np.flatnonzero(own)          # few: the turn to the hire is looked for in these alone
    own[rows] = ~pc.fill_null(pc.match_substring_regex(sentences.take(rows), ABOUT_THE_HIRE), False).to_numpy(
        zero_copy_only=False)
    return own


def seeds_pattern(curriculum: Curriculum) -> str:
    """One RE2 pattern for every seed phrase of the curriculum (longer phrases first), gaps included."""
    seeds = {phrase.lower(): phrase for topic in curriculum.topics for phrase in topic.seeds}
    return alternation(sorted(seeds.values(), key=_trigger_order))


def _trigger_order(phrase: str):
    """Sort key: alphabetical, ignoring case, spaces and hyphens (which ``phrase_pattern``
    lets match nothing), with a phrase after every longer phrase it begins with."""
    return re.sub(r"[\s\-]+", "", phrase.lower()) + "\U0010ffff", phrase


def string_array(values):
    """``values`` as a pyarrow string array (unchanged if it is one already)."""
    import pyarrow as pa

    return values if isinstance(values, pa.Array) else pa.array(list(values), pa.string())

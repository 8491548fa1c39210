"""Terms the corpus ties to a topic beyond its seeds: learned from the term space, applied as seeds.

A designer writes a few seeds per topic; postings name the same thing in
other words, most often the tools of the trade ("Hive", "HDFS" and "Impala"
for a topic seeded with "Hadoop"; "Spotfire" and "Domo" for one seeded with
"Tableau"). A term joins a topic when its vector lies close to the mean of
the topic's seed vectors (cosine ``min_similarity``), clearly closer than to
any other topic's (``margin``), and it is no part of a phrase the curriculum
already has. Learned terms count like seeds; ``careerlens train`` lists them
and ``careerlens curriculum suggest`` shows the nearer candidates below the
bar, for the designer to adopt or exclude.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

import numpy as np

from careerlens.classify.termspace import TermSpace, phrase_tokens
from careerlens.curriculum import Curriculum

#: Cosine similarity to a topic's seeds from which a term counts as a seed of its own.
LEARNED_SIMILARITY = 0.8
#: ... and by how much it must be nearer to that topic than to any other.
LEARNED_MARGIN = 0.05
#: At most this many learned terms per topic (fewer the more seeds it has: :func:`learn_terms`).
LEARNED_PER_TOPIC = 10


@dataclass(frozen=True)
class RelatedTerm:
    """A corpus term near a topic's seeds: how near, and how often the sample used it."""

    term: str
    similarity: float
    count: int


def related_terms(curriculum: Curriculum, space: TermSpace, *, min_similarity: float, margin: float = LEARNED_MARGIN,
                  limit: int = LEARNED_PER_TOPIC) -> dict[str, list[RelatedTerm]]:
    """Per topic, the terms nearest its seeds that no phrase of the curriculum covers, nearest first."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from careerlens.classify.phrases import PhraseMatcher

    found = {topic.id: [] for topic in curriculum.topics}
    if len(space.terms) == 0:
        return found
    centroids = topic_centroids(curriculum, space)
    similarity = space.vectors @ centroids.T                          # terms x topics
    best = similarity.argmax(axis=1)
    ranked = np.sort(similarity, axis=1)
    runner_up = ranked[:, -2] if similarity.shape[1] > 1 else np.full(len(best), -1.0)
    nearest = similarity[np.arange(len(best)), best]
    eligible = space.candidates() & (nearest >= min_similarity) & (nearest - runner_up >= margin)
    # A term that holds a phrase of the curriculum adds nothing; one that is part of a phrase is a fragment.
    holds_phrase = pc.match_substring_regex(pa.array(space.terms.tolist(), pa.string()),
                                            PhraseMatcher(curriculum).trigger).to_numpy(zero_copy_only=False)
    fragments = _phrase_pieces(curriculum)
    for i in np.flatnonzero(eligible & ~holds_phrase)[np.argsort(-nearest[eligible & ~holds_phrase])]:
        term, topic_id = space.terms[i], curriculum.topic_ids[best[i]]
        if term in fragments or len(found[topic_id]) >= limit or re.search(r"\b\w\b", term):
            # (a one-letter word marks a fragment of a symbol-laden name: "b testing" of "A/B testing")
            continue
        found[topic_id].append(RelatedTerm(term, round(float(nearest[i]), 3), int(space.counts[i])))
    return found


def topic_centroids(curriculum: Curriculum, space: TermSpace) -> np.ndarray:
    """Each topic's direction in the space: the mean of its seeds' vectors (zero if the sample had none)."""
    from sklearn.preprocessing import normalize

    width = space.vectors.shape[1]
    rows = []
    for topic in curriculum.topics:
        vectors = [v for v in (space.vector(seed) for seed in topic.seeds) if v is not None]
        rows.append(np.mean(vectors, axis=0) if vectors else np.zeros(width))
    return normalize(np.asarray(rows, dtype=np.float32))


def learn_terms(curriculum: Curriculum, space: TermSpace, *,
                min_similarity: float = LEARNED_SIMILARITY) -> dict[str, tuple[str, ...]]:
    """The terms that count as seeds beyond the curriculum's own, per topic.

    The corpus fills in what a short seed list lacks: a topic with n seeds learns at most
    LEARNED_PER_TOPIC - n terms, so a topic of ten seeds or more learns none (on dev, topics with
    full seed lists gained nothing from learned terms and two-seed topics gained most).
    """
    related = related_terms(curriculum, space, min_similarity=min_similarity)
    room = {topic.id: max(0, LEARNED_PER_TOPIC - len(topic.seeds)) for topic in curriculum.topics}
    return {topic_id: tuple(r.term for r in terms[:room[topic_id]]) for topic_id, terms in related.items()}


def with_learned_terms(curriculum: Curriculum, learned: dict) -> Curriculum:
    """The curriculum with each topic's learned terms added to its seeds (its content hash unchanged)."""
    if not any(learned.values()):
        return curriculum
    modules = tuple(dataclasses.replace(module, topics=tuple(
        dataclasses.replace(topic, seeds=topic.seeds + tuple(learned.get(topic.id, ())))
        for topic in module.topics)) for module in curriculum.modules)
    return dataclasses.replace(curriculum, modules=modules)


def _phrase_pieces(curriculum: Curriculum) -> set[str]:
    """Every run of words inside a phrase of the curriculum ("monte", "carlo" of "Monte Carlo")."""
    pieces = set()
    for topic in curriculum.topics:
        for phrase in topic.seeds + topic.context_seeds + topic.exclude:
            words = phrase_tokens(phrase)
            pieces.update(" ".join(words[a:b]) for a in range(len(words)) for b in range(a + 1, len(words) + 1))
    return pieces


def rephrased_phrases(curriculum: Curriculum, sentences) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(turned, coordinated): the phrases that also count said the other way round ("validate data" for
    "data validation"), and the seeds and context seeds that also count in a coordination ("communication
    and interpersonal skills" for "communication skills"); each those the sample says that way, but no
    more often than as written. ``sentences`` is a pyarrow string array of the sample's sentences (their
    tokens joined by spaces will do); a phrase's count as written is taken once for both.

    A skill's verb-first form is as specific as its name when the corpus uses both ("validate data"
    70 postings, "data validation" 95). When the verb-first form is far commoner, it is an everyday
    phrase, not the skill ("answer questions" 165, "question answering" 6; "extract information"
    36, "information extraction" 9), and it stays out; so does one the sample never says, which
    would only lengthen the scan.

    A phrase one of whose words is on its own a context seed of the topic is not coordinated: that word
    needs the other to mean the topic, and in a coordination the other may belong to the next item only
    ("process optimization and using models" is no optimization model). Exclusions are not coordinated
    either: a coordinated exclusion found beside the seed it holds would not hide it (the two patterns
    find their phrases apart), so it would only lengthen the scan.
    """
    from careerlens.classify.phrases import phrase_pattern
    from careerlens.classify.rephrasing import coordinated_pattern, verb_first_pattern
    from careerlens.classify.wordforms import word_forms

    coordinable = []
    for topic in curriculum.topics:
        ambiguous = {form for p in topic.context_seeds if " " not in p.strip() for form in word_forms(p.lower())}
        coordinable += [p for p in topic.seeds + topic.context_seeds
                        if not any(set(word_forms(w)) & ambiguous for w in p.lower().split())]
    turnable = [p for topic in curriculum.topics for p in topic.seeds + topic.context_seeds + topic.exclude]
    # Each phrase once, whatever its case (a phrase that can be said otherwise is lower case already).
    turnable = {p.lower(): p for p in turnable if verb_first_pattern(p)}
    coordinable = {p.lower(): p for p in coordinable if coordinated_pattern(p)}
    if len(sentences) == 0:
        return (), ()
    written = _counts({**turnable, **coordinable}, phrase_pattern, sentences)
    return (_said_otherwise(turnable, verb_first_pattern, written, sentences),
            _said_otherwise(coordinable, coordinated_pattern, written, sentences))


def _said_otherwise(phrases: dict, pattern_of, written: dict, sentences) -> tuple[str, ...]:
    """Of ``phrases``, those the sample says as ``pattern_of`` rewrites them, but no more often than as
    ``written`` counts them."""
    otherwise = _counts(phrases, pattern_of, sentences)
    return tuple(sorted(p for p in phrases.values() if 0 < otherwise[p] <= written[p]))


def _counts(phrases: dict, pattern_of, sentences) -> dict:
    """Per phrase, the sentences ``pattern_of(phrase)`` finds. One pass over every sentence keeps the few
    that hold any of the patterns; each pattern then reads only those."""
    import pyarrow.compute as pc

    if not phrases:
        return {}
    patterns = {p: pattern_of(p) for p in phrases.values()}
    held = sentences.filter(pc.match_substring_regex(sentences, "(?i)(?:" + "|".join(patterns.values()) + ")"))
    return {p: int(pc.sum(pc.match_substring_regex(held, f"(?i){pattern}")).as_py() or 0)
            for p, pattern in patterns.items()}

"""What a curriculum's seeds miss, and what they catch by mistake: phrases for the designer to review.

``careerlens curriculum suggest`` reads the same sample of postings that
``careerlens train`` learns from and offers, per topic:

- **seeds to add**: terms the corpus uses like the topic's seeds (the term
  space of :mod:`careerlens.classify.termspace`) that no phrase of the
  curriculum covers, each with the postings that use it and one short
  sentence. Those from cosine ``LEARNED_SIMILARITY`` up the classifier
  already counts; the rest it does not, until the designer adopts them.
- **exclusions**: a seed with the word beside it ("excel at", "spark
  innovation", "privacy notice") whose sentences read unlike the topic's
  other seed sentences (their words lie further from the topic's seeds in
  the term space): the seed is probably used in another sense there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from careerlens.classify.learned import LEARNED_SIMILARITY, related_terms, with_learned_terms
from careerlens.classify.phrases import PhraseMatcher, alternation, phrase_pattern
from careerlens.classify.sentences import pattern_params, sentences, sorted_sentences
from careerlens.classify.termspace import TermSpace
from careerlens.classify.wordforms import FUNCTION_WORDS
from careerlens.curriculum import Curriculum
from careerlens.db import Database
from careerlens.errors import CareerlensError

#: Terms this near a topic's seeds are worth a look (below LEARNED_SIMILARITY they are only suggested).
SUGGEST_SIMILARITY = 0.5
#: An exclusion is suggested for a seed-and-neighbour phrase used in at least this many postings ...
MIN_EXCLUSION_POSTINGS = 3
#: ... whose sentences lie at least this much further (cosine) from the topic's seeds than its seed sentences do.
EXCLUSION_DISTANCE = 0.15
#: Example sentences are cut to about this many characters around the phrase.
EXAMPLE_CHARACTERS = 160


@dataclass(frozen=True)
class Suggestion:
    """One phrase to review for one topic: to add to its seeds, or to its exclusions."""

    topic_id: str
    action: str                  # "seed", "exclude", or "check" (a seed no posting of the sample says)
    phrase: str
    postings: int                # postings of the sample that use it
    example: str                 # one short sentence that does ("" for a seed to check)
    similarity: float | None = None     # cosine to the topic's seeds (of the term; of its sentences, for exclusions)
    counted: bool = False        # the classifier already counts it (a learned term)


def suggest_phrases(db: Database, curriculum: Curriculum, *, topic_id: str | None = None, limit: int = 10,
                    seed: int = 0, max_postings: int = 20_000) -> list[Suggestion]:
    """Phrases to add to each topic's seeds, and to its exclusions, from the postings in the database.

    Parameters
    ----------
    topic_id : str, optional
        Only this topic.
    limit : int
        At most this many seed suggestions and this many exclusions per topic.
    seed, max_postings : int
        The sample of postings, as ``careerlens train`` draws it.
    """
    if topic_id is not None and topic_id not in curriculum.topic_ids:
        raise KeyError(topic_id)
    db.run_script("classify/texts_from_sample", {"seed": seed, "max_postings": max_postings})
    if int(db.query("classify/corpus_fingerprint").iloc[0].n_postings) == 0:
        raise CareerlensError("no postings to learn from: load some with `careerlens ingest` first")
    params = pattern_params(PhraseMatcher(curriculum))
    space = TermSpace.fit(sentences(db, "classify/sample_tokens", params).column("tokens").combine_chunks(),
                          seed=seed)
    related = related_terms(curriculum, space, min_similarity=SUGGEST_SIMILARITY, limit=limit)
    learned = {t: tuple(r.term for r in terms if r.similarity >= LEARNED_SIMILARITY) for t, terms in related.items()}
    topics = [topic_id] if topic_id else list(curriculum.topic_ids)
    found = []
    for tid in topics:
        terms = related[tid]
        usage = _usage(db, [r.term for r in terms], params)
        found += [Suggestion(tid, "seed", r.term, *usage[r.term], similarity=r.similarity,
                             counted=r.similarity >= LEARNED_SIMILARITY) for r in terms if r.term in usage]
    extended = with_learned_terms(curriculum, learned)
    matcher = PhraseMatcher(extended)
    # In (posting, sentence) order: which sentence stands for a posting, and the example, must not depend on
    # the order the query returns rows in (it runs on several threads over a whole store).
    table = sorted_sentences(sentences(db, "classify/candidate_sentences", pattern_params(matcher)))
    found += _exclusions(table, extended, matcher, topics, space, limit)
    own_seeds = {topic.id: topic.seeds for topic in curriculum.topics if topic.id in topics}
    found += _seeds_not_said(table, matcher, own_seeds)
    return found


def _usage(db: Database, phrases, params) -> dict:
    """Per phrase: (postings of the sample that use it, the shortest sentence that does, cut around it)."""
    if not phrases:
        return {}
    rows = sentences(db, "classify/phrase_usage", {**params, "pattern": alternation(phrases)}).to_pylist()
    usage = {}
    for phrase in phrases:
        pattern = re.compile(f"(?i){phrase_pattern(phrase)}")
        postings, example = set(), None
        for row in rows:
            if pattern.fullmatch(row["hit"]):
                postings.update(row["postings"])
                if example is None or len(row["example"]) < len(example):
                    example = row["example"]
        if postings:
            usage[phrase] = (len(postings), _cut(example, pattern))
    return usage


def _exclusions(table, curriculum: Curriculum, matcher: PhraseMatcher, topics, space: TermSpace,
                limit: int) -> list[Suggestion]:
    """Seed-and-neighbour phrases whose sentences read unlike the topic's other seed sentences (``table``: the
    sample's candidate sentences, in order)."""
    from careerlens.classify.learned import topic_centroids

    kinds = matcher.sentence_kinds(table.column("hits").combine_chunks(), table.column("sentence").combine_chunks())[0]
    posting = np.asarray(table.column("posting_id").to_pylist(), dtype=object)
    text = table.column("sentence").to_pylist()
    tokens = table.column("tokens").to_pylist()
    centroids = topic_centroids(curriculum, space)
    found = []
    for tid in topics:
        t = curriculum.topic_ids.index(tid)
        topic = curriculum.topics[t]
        rows = np.flatnonzero(kinds[:, t] >= 2)                   # a seed or context seed of the topic
        if not len(rows):
            continue
        closeness = {r: _sentence_vector(space, tokens[r]) @ centroids[t] for r in rows}
        typical = float(np.mean(list(closeness.values())))
        around = neighbour_pattern(topic.seeds + topic.context_seeds)
        phrases = {}
        for r in rows:
            for phrase in seed_neighbours(text[r], around):
                phrases.setdefault(phrase, {})[posting[r]] = r
        for phrase, where in phrases.items():
            near = float(np.mean([closeness[r] for r in where.values()]))
            if len(where) >= MIN_EXCLUSION_POSTINGS and near <= typical - EXCLUSION_DISTANCE and not _is_seed(phrase, topic):
                example = min((text[r] for r in where.values()), key=len)
                found.append(Suggestion(tid, "exclude", phrase, len(where),
                                        _cut(example, re.compile(re.escape(phrase), re.I)),
                                        similarity=round(near, 3)))
    found.sort(key=lambda s: (s.topic_id, s.similarity, -s.postings))
    kept, per_topic = [], {}
    for s in found:
        per_topic[s.topic_id] = per_topic.get(s.topic_id, 0) + 1
        if per_topic[s.topic_id] <= limit:
            kept.append(s)
    return kept


def _seeds_not_said(table, matcher: PhraseMatcher, own_seeds: dict) -> list[Suggestion]:
    """The designer's seeds (``own_seeds``, per topic) that no sentence of ``table`` says: to check."""
    said = matcher.sentences_per_seed(table.column("hits").combine_chunks(), table.column("sentence").combine_chunks())
    return [Suggestion(tid, "check", seed, 0, "") for tid, seeds in own_seeds.items() for seed in seeds
            if not len(said.get(seed, ()))]


def neighbour_pattern(phrases):
    """Finds each phrase with the word on either side of it, apart by a space or a hyphen only."""
    own = alternation(phrases).removeprefix("(?i)")
    return re.compile(r"(?i)(?:([A-Za-z][\w&'-]*)[\s-]{1,2})?(%s)(?:[\s-]{1,2}([A-Za-z][\w&'-]*))?" % own)


def seed_neighbours(sentence: str, around) -> list[str]:
    """The seed-and-neighbour phrases of a sentence ("excel at", "protected classification"), lower case.

    A neighbour beyond a bracket, a colon or a comma belongs to the next phrase, not to the seed's sense
    ("presentation skills (MS Visio" is no use of "presentation skills ms"); so does a capitalised word
    glued after a seed in lower case, where scraping ran a heading into the sentence ("communication
    skills Job Type:"). Function words other than "at", "in" and "as" are no neighbours.
    """
    found = []
    for m in around.finditer(sentence):
        before, seed, after = m.group(1), m.group(2), m.group(3)
        if after and after[0].isupper() and seed[-1].islower():
            after = None
        for neighbour, phrase in ((before, before and f"{before} {seed}"), (after, after and f"{seed} {after}")):
            if neighbour and neighbour.lower() not in FUNCTION_WORDS - {"at", "in", "as"}:
                found.append(" ".join(phrase.lower().split()))
    return found


def _sentence_vector(space: TermSpace, words) -> np.ndarray:
    """The mean vector of a sentence's known words (zero if none)."""
    rows = [space.index[w] for w in words if w in space.index]
    if not rows:
        return np.zeros(space.vectors.shape[1], np.float32)
    vector = space.vectors[rows].mean(axis=0)
    return vector / (np.linalg.norm(vector) or 1.0)


def _is_seed(phrase: str, topic) -> bool:
    """The phrase is itself a seed or context seed of the topic (nothing to exclude)."""
    return any(re.fullmatch(f"(?i){phrase_pattern(p)}", phrase) for p in topic.seeds + topic.context_seeds)


def _cut(sentence: str, pattern) -> str:
    """A sentence cut to about EXAMPLE_CHARACTERS around the first match of ``pattern``."""
    from careerlens.classify.sentences import published_text

    sentence = " ".join(published_text(sentence).split())
    if len(sentence) <= EXAMPLE_CHARACTERS:
        return sentence
    match = pattern.search(sentence)
    middle = (match.start() + match.end()) // 2 if match else 0
    start = max(0, min(middle - EXAMPLE_CHARACTERS // 2, len(sentence) - EXAMPLE_CHARACTERS))
    piece = sentence[start:start + EXAMPLE_CHARACTERS]
    return ("…" if start else "") + piece + ("…" if start + EXAMPLE_CHARACTERS < len(sentence) else "")

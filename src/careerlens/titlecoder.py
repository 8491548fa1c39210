"""The SOC title coder: a posting title to a 6-digit SOC 2018 code, by the O*NET titles.

An estimator in the scikit-learn manner: :meth:`TitleCoder.fit` takes O*NET's
titles (occupation, alternate and reported, each with its O*NET-SOC code),
:meth:`TitleCoder.code` codes distinct titles in one vectorised pass. For each
title, in order:

1. ``onet_exact``: the title key, or the title cleaned down to its occupation
   (:func:`careerlens.titleclean.occupation_phrase`), equals an O*NET title
   cleaned the same way;
2. ``onet_nearest``: the nearest O*NET titles by cosine similarity of TF-IDF
   vectors over words (1-2 grams) and character 2-4 grams, re-scored so that a
   neighbour with the same head noun (``nurse`` in ``registered nurse``) wins;
3. ``none``: the best score is below ``threshold``; the code stays empty.

O*NET-SOC codes roll up to SOC: ``15-2051.01`` is ``15-2051``.
"""

from __future__ import annotations

import threading

import numpy as np
import pandas as pd

from careerlens.errors import CareerlensError
from careerlens.termweights import TermWeights, l2_rows, word_1_2
from careerlens.titleclean import head_noun, occupation_phrase, text_key

#: O*NET's own occupation titles beat incumbents' reported titles beat alternate titles.
KIND_RANK = {"occupation": 0, "reported": 1, "alternate": 2}
#: Held while a coder builds its neighbour index (one lock for all coders: one is fitted at a time).
_BUILDING = threading.Lock()
CODED_COLUMNS = ["title_key", "soc_code", "onet_soc_code", "onet_title", "soc_method", "soc_confidence"]


def _stem(word: str) -> str:
    """A word without a plural ``s``: O*NET occupations are plural ('Registered Nurses'), titles singular."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _char_wb_2_4(phrase: str) -> list[str]:
    """Character 2-4 grams inside each space-padded word, as scikit-learn's ``analyzer='char_wb'`` makes them
    (a word no longer than n gives itself once), for a phrase already a title key; in one comprehension, which
    is about twice as fast as scikit-learn's loop on the 46k O*NET phrases."""
    grams = []
    for word in phrase.split():
        padded = f" {word} "
        size = len(padded)
        for n in (2, 3, 4):
            if size <= n:
                grams.append(padded)
                break
            grams += [padded[i:i + n] for i in range(size - n + 1)]
    return grams


def _given_or(frame: pd.DataFrame, column: str, titles: pd.Series, compute) -> list:
    """``frame[column]`` where given, else ``compute(title)``: the bundled titles carry their phrases."""
    given = frame[column].astype(object).to_numpy() if column in frame.columns else [None] * len(titles)
    return [value if isinstance(value, str) else compute(title) for value, title in zip(given, titles.tolist())]


def _vectorizers():
    """The coder's two TF-IDF vectorizers to fit, over words (1-2 grams) and character 2-4 grams; once fitted,
    what they learned is kept as :class:`~careerlens.termweights.TermWeights`, which code titles without
    scikit-learn (``ANALYZERS`` gives their analyzers)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    return (TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"[a-z0-9+#]+"),
            TfidfVectorizer(analyzer=_char_wb_2_4, sublinear_tf=True))


#: The analyzer of each vectorizer of :func:`_vectorizers`, for its TermWeights.
ANALYZERS = {"word": word_1_2, "char": _char_wb_2_4}


class TitleCoder:
    """Codes job titles to SOC 2018 by the O*NET titles.

    Parameters
    ----------
    threshold : float
        Below this confidence (0-1) a title gets no code (``soc_method = 'none'``).
    neighbours : int
        How many nearest O*NET titles are re-scored.
    head_weight : float
        Share of the score given to the head nouns agreeing (the rest is the cosine similarity).
    char_weight : float
        Share of the similarity from character n-grams (the rest from word n-grams).
    """

    def __init__(self, *, threshold=0.5, neighbours=10, head_weight=0.25, char_weight=0.5):
        self.threshold = threshold
        self.neighbours = neighbours
        self.head_weight = head_weight
        self.char_weight = char_weight

    def fit(self, onet_titles: pd.DataFrame, employment: pd.Series | None = None) -> TitleCoder:
        """Index ``onet_titles`` (columns onet_soc_code, soc_code, title, title_kind; optional title_key and phrase).

        ``employment`` (SOC code -> US employment, optional) breaks ties: a title O*NET files under
        several codes as often goes to the larger occupation ('Sales Associate': Retail Salespersons).
        ``title_key`` and ``phrase`` (:func:`text_key` and :func:`occupation_phrase` of the title) may come
        precomputed, as in the bundled titles; a missing one is computed here.
        """
        missing = {"onet_soc_code", "soc_code", "title", "title_kind"} - set(onet_titles.columns)
        if missing:
            raise CareerlensError(f"O*NET titles need the columns {sorted(missing)}")
        if onet_titles.empty:
            raise CareerlensError("no O*NET titles to code job titles by")
        # plain Python strings: iterating Arrow-backed strings element by element is many times slower
        titles = pd.DataFrame({column: onet_titles[column].astype(object).to_numpy()
                               for column in ("onet_soc_code", "soc_code", "title", "title_kind")})
        titles["kind_rank"] = titles["title_kind"].map(KIND_RANK).fillna(3)
        self.employment_ = {} if employment is None else employment.dropna().to_dict()
        titles["phrase"] = _given_or(onet_titles, "phrase", titles["title"], occupation_phrase)
        titles["key"] = _given_or(onet_titles, "title_key", titles["title"], text_key)
        # the words of each SOC code's occupation titles: a title O*NET files under several codes goes to the
        # one whose occupation names its head noun ('Software Tester': Software QA Analysts and Testers)
        occupation_words = titles[titles["title_kind"] == "occupation"].groupby("soc_code")["key"].agg(" ".join)
        self.soc_words_ = {soc: {_stem(w) for w in words.split()} for soc, words in occupation_words.items()}
        by_phrase = self._best_per(titles, "phrase")
        self.exact_ = pd.concat([self._best_per(titles, "key"), by_phrase])
        self.exact_ = self.exact_[self.exact_.index != ""]
        self.exact_ = self.exact_[~self.exact_.index.duplicated()]
        self.phrase_index_ = frozenset(titles["phrase"].tolist())
        self.index_ = by_phrase.reset_index()
        self.index_ = self.index_[self.index_["match"] != ""].reset_index(drop=True)
        self.heads_ = np.array([head_noun(p) for p in self.index_["match"].tolist()])
        self.nn_ = None       # the neighbour index is built when a title first needs it (neighbour_index)
        #: SOC code -> the O*NET title of its .00 occupation (or its first), what ``role`` shows.
        occupations = titles[titles["title_kind"] == "occupation"].sort_values("onet_soc_code")
        self.soc_titles_ = occupations.drop_duplicates("soc_code").set_index("soc_code")["title"]
        return self

    def _best_per(self, titles: pd.DataFrame, by: str) -> pd.DataFrame:
        """One O*NET title per key: the SOC code most of the key's titles name, then one whose occupation names its head."""
        counts = titles.groupby([by, "soc_code"]).agg(n=("title", "size"), kind_rank=("kind_rank", "min"),
                                                     onet_soc_code=("onet_soc_code", "min"),
                                                     onet_title=("title", "first")).reset_index()
        total = counts.groupby(by)["n"].transform("sum")
        keys, socs = counts[by].tolist(), counts["soc_code"].tolist()
        heads = {key: _stem(head_noun(key)) for key in set(keys)}
        head_named = [heads[key] in self.soc_words_.get(soc, ()) for key, soc in zip(keys, socs)]
        size = counts["soc_code"].map(self.employment_).fillna(0.0)
        counts = counts.assign(share=counts["n"] / total, head_named=head_named, size=size)
        best = counts.sort_values([by, "n", "head_named", "size", "kind_rank", "soc_code"],
                                  ascending=[True, False, False, False, True, True])
        best = best.drop_duplicates(by).rename(columns={by: "match"}).set_index("match", drop=False)
        return best[["match", "soc_code", "onet_soc_code", "onet_title", "share"]].rename_axis(None)

    def neighbour_index(self):
        """The TF-IDF vectors of the O*NET phrases (transposed, for one sparse product per batch of titles), built
        on first use: a corpus whose titles the patterns and exact O*NET titles all code never pays for them.
        Built once even when two threads ask at once (careerlens.normalise fits a coder in the background)."""
        with _BUILDING:
            if self.nn_ is None:
                word, char = _vectorizers()
                matches = self.index_["match"].tolist()
                vectors = self._weighted(word.fit_transform(matches), char.fit_transform(matches))
                self.word_, self.char_ = (TermWeights(fitted.vocabulary_, fitted.idf_, ANALYZERS[name])
                                          for name, fitted in (("word", word), ("char", char)))
                self.nn_ = vectors.T.tocsr()
        return self.nn_

    def learned_arrays(self) -> dict:
        """What the coder learned, as strings and numbers only: each table column by column, the vectorizers'
        vocabularies (in index order) and idf, the neighbour index's CSR arrays. Values are lists of str or
        numpy arrays of numbers; :meth:`from_learned_arrays` makes the same coder again without fitting it
        (:mod:`careerlens.codercache` keeps it between processes without pickling an object)."""
        self._check_fitted()
        index = self.neighbour_index()
        arrays = {"heads": self.heads_.tolist(), "phrases": sorted(self.phrase_index_),
                  "soc_words.soc": list(self.soc_words_),
                  "soc_words.words": [" ".join(sorted(words)) for words in self.soc_words_.values()],
                  "soc_titles.soc": self.soc_titles_.index.tolist(), "soc_titles.title": self.soc_titles_.tolist(),
                  "employment.soc": list(self.employment_),
                  "employment.n": np.array(list(self.employment_.values()), dtype=np.float64),
                  "nn.data": index.data, "nn.indices": index.indices, "nn.indptr": index.indptr,
                  "nn.shape": np.array(index.shape, dtype=np.int64)}
        for name, vectorizer in (("word", self.word_), ("char", self.char_)):
            vocabulary = vectorizer.vocabulary_
            arrays[f"{name}.vocabulary"] = sorted(vocabulary, key=vocabulary.__getitem__)
            arrays[f"{name}.idf"] = vectorizer.idf_
        for name in ("exact_", "index_"):
            frame = getattr(self, name)
            arrays[f"{name}columns"] = frame.columns.tolist()
            for column in frame.columns:
                values = frame[column]
                arrays[f"{name}{column}"] = values.to_numpy() if values.dtype.kind == "f" else values.tolist()
        return arrays

    @classmethod
    def from_learned_arrays(cls, arrays: dict, **params) -> TitleCoder:
        """The coder :meth:`learned_arrays` describes, with ``params`` (those of ``__init__``), fitted."""
        from scipy.sparse import csr_matrix

        coder = cls(**params)
        coder.employment_ = dict(zip(arrays["employment.soc"], arrays["employment.n"].tolist()))
        coder.soc_words_ = {soc: set(words.split())
                            for soc, words in zip(arrays["soc_words.soc"], arrays["soc_words.words"])}
        coder.exact_, coder.index_ = (pd.DataFrame({column: arrays[f"{name}{column}"]
                                                    for column in arrays[f"{name}columns"]})
                                      for name in ("exact_", "index_"))
        coder.exact_.index = pd.Index(coder.exact_["match"].tolist())
        coder.phrase_index_ = frozenset(arrays["phrases"])
        coder.heads_ = np.array(arrays["heads"])
        coder.soc_titles_ = pd.Series(arrays["soc_titles.title"], name="title",
                                      index=pd.Index(arrays["soc_titles.soc"], name="soc_code"))
        coder.word_, coder.char_ = (TermWeights({term: i for i, term in enumerate(arrays[f"{name}.vocabulary"])},
                                                arrays[f"{name}.idf"], ANALYZERS[name]) for name in ("word", "char"))
        coder.nn_ = csr_matrix((arrays["nn.data"], arrays["nn.indices"], arrays["nn.indptr"]),
                               shape=tuple(arrays["nn.shape"].tolist()))
        coder.nn_.check_format(full_check=True)
        terms = len(coder.word_.vocabulary_) + len(coder.char_.vocabulary_)
        if (coder.nn_.shape != (terms, len(coder.index_)) or len(coder.heads_) != len(coder.index_)
                or len(coder.word_.idf_) != len(coder.word_.vocabulary_)
                or len(coder.char_.idf_) != len(coder.char_.vocabulary_)):
            raise ValueError("the coder's arrays do not fit together")
        return coder

    def _nearest(self, phrases, batch=256):
        """For each phrase, the rows of the ``neighbours`` most similar O*NET phrases and their cosine similarity,
        best first: a sparse product per batch of titles and a partial sort (what a brute-force cosine
        nearest-neighbour search computes, without its dense distance matrix over every pair)."""
        index = self.neighbour_index()
        k = min(self.neighbours, index.shape[1])
        vectors = self._vectors(phrases)
        rows, sims = [np.empty((0, k), dtype=np.intp)], [np.empty((0, k))]
        for start in range(0, vectors.shape[0], batch):
            similarity = (vectors[start:start + batch] @ index).toarray()
            top = np.argpartition(-similarity, k - 1, axis=1)[:, :k]
            top_sim = np.take_along_axis(similarity, top, axis=1)
            order = np.lexsort((top, -top_sim), axis=1)    # best first; equal similarity by index row
            rows.append(np.take_along_axis(top, order, axis=1))
            sims.append(np.take_along_axis(top_sim, order, axis=1))
        return np.vstack(rows), np.clip(np.vstack(sims), 0.0, 1.0)

    def _vectors(self, phrases):
        return self._weighted(self.word_.transform(phrases), self.char_.transform(phrases))

    def _weighted(self, words, chars):
        """Word and character vectors side by side, weighted so that their cosine is the weighted mean of both,
        each row scaled to length 1 so that a dot product is the cosine."""
        from scipy.sparse import hstack

        return l2_rows(hstack([words * np.sqrt(1 - self.char_weight), chars * np.sqrt(self.char_weight)]).tocsr())

    def _check_fitted(self):
        if not hasattr(self, "index_"):
            raise CareerlensError("the title coder is not fitted: call fit(onet_titles) first")

    def code(self, title_keys) -> pd.DataFrame:
        """Code each title; returns one row per distinct title with the columns ``CODED_COLUMNS``."""
        self._check_fitted()
        keys = pd.Series(pd.unique(pd.Series(list(title_keys), dtype=object).dropna()), dtype=object)
        phrases = pd.Series([occupation_phrase(k) for k in keys], dtype=object)   # object: see fit
        out = pd.DataFrame({"title_key": keys, "soc_code": None, "onet_soc_code": None, "onet_title": None,
                            "soc_method": "none", "soc_confidence": 0.0})
        known = set(self.exact_.index)
        for candidate in (pd.Series([text_key(k) for k in keys], dtype=object), phrases):
            todo = (out["soc_method"] == "none") & np.array([c in known for c in candidate])
            hit = self.exact_.loc[candidate[todo]]
            out.loc[todo, ["soc_code", "onet_soc_code", "onet_title"]] = \
                hit[["soc_code", "onet_soc_code", "onet_title"]].to_numpy()
            out.loc[todo, "soc_method"] = "onet_exact"
            out.loc[todo, "soc_confidence"] = (0.75 + 0.25 * hit["share"]).to_numpy()
        todo = (out["soc_method"] == "none") & (phrases.str.count(" ") >= 2)
        if todo.any():
            hit = self._longest_known_run(phrases[todo])
            rows = hit.index
            out.loc[rows, ["soc_code", "onet_soc_code", "onet_title"]] = \
                hit[["soc_code", "onet_soc_code", "onet_title"]].to_numpy()
            out.loc[rows, "soc_method"] = "onet_exact"
            out.loc[rows, "soc_confidence"] = (0.6 + 0.3 * hit["covered"]).to_numpy()
        # a phrase with no word of three letters ('b', 'x 2') names nothing a neighbour could confirm
        todo = (out["soc_method"] == "none") & phrases.str.contains(r"[a-z]{3}", regex=True)
        if todo.any():
            best = self.guesses(phrases[todo], k=1, cleaned=True)
            accept = best["score"].to_numpy() >= self.threshold
            rows = out.index[todo]
            out.loc[rows, "soc_confidence"] = best["score"].round(3).to_numpy()
            out.loc[rows[accept], ["soc_code", "onet_soc_code", "onet_title"]] = \
                best.loc[accept, ["soc_code", "onet_soc_code", "onet_title"]].to_numpy()
            out.loc[rows[accept], "soc_method"] = "onet_nearest"
        out["soc_confidence"] = out["soc_confidence"].astype(float).round(3)
        return out[CODED_COLUMNS]

    def _longest_known_run(self, phrases: pd.Series) -> pd.DataFrame:
        """For each phrase (index kept), its longest run of 2 or more words that is an O*NET title, the first if several.

        ``dental hygienist choose your hours`` holds the O*NET title ``dental hygienist``; ``covered`` is the
        share of the phrase's words the run covers.
        """
        runs = []
        for idx, phrase in phrases.items():
            words = phrase.split()
            for n in range(min(len(words) - 1, 6), 1, -1):
                found = next((" ".join(words[s:s + n]) for s in range(len(words) - n + 1)
                              if " ".join(words[s:s + n]) in self.phrase_index_), None)
                if found:
                    runs.append((idx, found, n / len(words)))
                    break
        if not runs:
            return pd.DataFrame(columns=["soc_code", "onet_soc_code", "onet_title", "covered"])
        frame = pd.DataFrame(runs, columns=["idx", "run", "covered"]).set_index("idx")
        return frame.join(self.exact_[["soc_code", "onet_soc_code", "onet_title"]], on="run")

    def guesses(self, titles, *, k=3, cleaned=False) -> pd.DataFrame:
        """The ``k`` best SOC codes for each title (columns title, rank, soc_code, onet_soc_code, onet_title, score).

        Neighbours are scored ``(1 - head_weight) * cosine + head_weight * [same head noun]``; a SOC code
        counts once, by its best neighbour.
        """
        self._check_fitted()
        titles = list(titles)
        phrases = titles if cleaned else [occupation_phrase(t) for t in titles]
        indices, similarity = self._nearest(phrases)
        heads = np.array([head_noun(p) for p in phrases])
        same_head = self.heads_[indices] == heads[:, None]
        score = (1 - self.head_weight) * similarity + self.head_weight * same_head
        frame = pd.DataFrame({"query": np.repeat(np.arange(len(titles)), indices.shape[1]),
                              "i": indices.ravel(), "score": score.ravel()})
        frame = frame.join(self.index_[["soc_code", "onet_soc_code", "onet_title"]], on="i")
        frame = frame.sort_values(["query", "score"], ascending=[True, False]).drop_duplicates(["query", "soc_code"])
        frame["rank"] = frame.groupby("query").cumcount() + 1
        frame = frame[frame["rank"] <= k]
        if k == 1:  # one row per title, in order, even for a title with no neighbour
            frame = frame.set_index("query").reindex(range(len(titles))).reset_index()
            frame["score"] = frame["score"].fillna(0.0)
        frame.insert(0, "title", [titles[q] for q in frame["query"]])
        return frame[["title", "rank", "soc_code", "onet_soc_code", "onet_title", "score"]].reset_index(drop=True)

    def soc_title(self, soc_codes) -> list:
        """The SOC occupation title of each code (O*NET's title of its ``.00`` occupation), or None."""
        self._check_fitted()
        return [self.soc_titles_.get(code) if isinstance(code, str) else None for code in soc_codes]

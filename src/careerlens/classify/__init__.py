"""Map postings to curriculum topics, with the sentence that justifies every mapping.

One data flow, whatever the curriculum:

1. **Candidate pass (DuckDB).** Each text is split into sentences and one
   compiled alternation of every seed, context-seed and exclusion phrase
   (RE2, vectorised, multi-threaded) keeps only the sentences that hold one,
   with the phrases found and the sentence's word tokens
   (``queries/classify/candidate_sentences.sql``). Most sentences of a
   posting never reach Python.
2. **Context model (scikit-learn).** Per topic, a logistic regression over
   word unigrams and bigrams and character n-grams of the words, learned
   from the corpus itself: sentences with a seed phrase are the topic's
   positives; sentences whose only mention sits inside an excluded phrase
   ("R&D", "NoSQL", "process optimization") and a sample of ordinary sentences
   are its negatives; labelled postings, when given, add sentences of known
   class. Because every feature is a sum over words, the fitted model
   collapses to one weight per word and topic, so scoring a batch is a
   few sparse products (no per-sentence Python).
3. **Decision.** A sentence counts for a topic when it holds a seed phrase of
   the topic (score 0.5 + p/2), or only a context seed ("optimization",
   "classification", "AI": words that name the topic in some sentences and not
   in others) and the context model gives p >= 0.5 (score p); never in a
   sentence where the employer describes itself ("Our research spans ...").
   A posting asks for the topic when a sentence counts; the best two such
   sentences are its evidence.

The keyword baseline that ``careerlens.evaluate`` reports beside the model is plain
matching of the same seed and context-seed phrases, with no exclusions and no
model.
"""

from careerlens.classify.features import WordIndex
from careerlens.classify.labelling import ClassifyResult, classify_jsonl, classify_postings, predict_postings
from careerlens.classify.model import MODEL_FORMAT, THRESHOLD, TopicModel, TrainingParameters, seed_coverage
from careerlens.classify.phrases import (CONTEXT, EXCLUDED, SEED, PhraseMatcher, phrase_pattern, seeds_pattern,
                                         self_description, split_camel_case)
from careerlens.classify.sentences import published_text
from careerlens.classify.store import ModelChoice, choose_model, load_model, save_model, trained_curricula
from careerlens.classify.training import train

__all__ = ["CONTEXT", "EXCLUDED", "MODEL_FORMAT", "SEED", "THRESHOLD", "ClassifyResult", "ModelChoice",
           "PhraseMatcher", "TopicModel", "TrainingParameters", "WordIndex", "choose_model", "classify_jsonl",
           "classify_postings", "load_model", "phrase_pattern", "predict_postings", "published_text", "save_model",
           "seed_coverage", "seeds_pattern", "self_description", "split_camel_case", "train", "trained_curricula"]

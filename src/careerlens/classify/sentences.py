"""Texts into sentences (in DuckDB), and the sentence tables classify reads as Arrow."""

from __future__ import annotations

from careerlens.classify.phrases import GLUE_MARK, GLUED, SENTENCE_BOUNDARY, TOKEN, UNGLUED, PhraseMatcher
from careerlens.db import Database


def pattern_params(matcher: PhraseMatcher) -> dict:
    """The parameters every sentence query binds: how to split, what to find, how words are cut."""
    return {"boundary": SENTENCE_BOUNDARY, "trigger": matcher.trigger, "turned": matcher.turned,
            "coordinated": matcher.coordinated, "rephrased_filter": matcher.rephrased_filter, "token": TOKEN,
            "glued": GLUED, "unglued": UNGLUED}


def published_text(text: str) -> str:
    """A sentence as the posting wrote it (without the glue marks)."""
    return text.replace(GLUE_MARK, "")


def sentences(db: Database, name: str, params):
    """``queries/<name>.sql`` over the sentences of ``classify_texts`` (split by ``classify/sentences_macro``)."""
    db.run_script("classify/sentences_macro")
    return db.arrow(name, params)


def sorted_sentences(table):
    """Sentences in (posting, sentence) order, so that training does not depend on thread timing."""
    return table.sort_by([("posting_id", "ascending"), ("sentence_no", "ascending")])


def concat_unique(first, second):
    """``first`` plus the sentences of ``second`` whose postings ``first`` lacks, in order."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if second.num_rows == 0:
        return first
    known = pc.is_in(second.column("posting_id"), value_set=pc.unique(first.column("posting_id")))
    extra = second.filter(pc.invert(known))
    return sorted_sentences(pa.concat_tables([first, extra.cast(first.schema)]))


def choose_postings(db: Database, posting_ids):
    """Make ``classify_texts`` the stored postings with these ids."""
    import pyarrow as pa

    with db.registered("chosen_postings_arrow", pa.table({"posting_id": pa.array(list(posting_ids), pa.string())})):
        db.run_script("classify/choose_postings")

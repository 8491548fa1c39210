"""Are the labels the report counts up to date? Postings loaded since the last classify, a curriculum edited
since its model was trained, a model trained but never used to classify: each a warning with the command to run.
"""

from __future__ import annotations

from careerlens.report import figures
from careerlens.report.text import count


def model_of_earlier_version(db, curriculum) -> dict | None:
    """The newest labelling model trained on an earlier version of ``curriculum`` (same file or bundled name,
    other content), or None."""
    models = figures.classifier_models(db)
    earlier = models[(models["postings_labelled"] > 0) & models["metadata"].map(
        lambda metadata: metadata.get("curriculum", {}).get("source") == curriculum.source)]
    return None if earlier.empty else earlier.iloc[0].to_dict()


def stale_label_warnings(db, model: dict, curriculum) -> list[str]:
    """What makes the labels of ``model`` (a row of :func:`figures.classifier_models`) out of date, in words,
    each with the commands to run; empty when they are current."""
    option, store = curriculum.cli_option, db.cli_option
    classify = f"`careerlens classify{option}{store}`"
    warnings = []
    if model["curriculum_hash"] != curriculum.content_hash:
        labelled = set(db.query("report/labelled_topics", {"model_id": model["model_id"]}).topic_id)
        topics = {topic.id for topic in curriculum.topics}
        changes = [f"{what}: {', '.join(sorted(ids))}" for what, ids in
                   (("new topics", topics - labelled), ("topics no longer in it", labelled - topics)) if ids]
        warnings.append(
            f"the curriculum {curriculum.bundled_name or curriculum.source} changed since its model was trained "
            f"({model['trained_at']:%Y-%m-%d %H:%M}){' (' + '; '.join(changes) + ')' if changes else ''}: the "
            f"report counts the labels of the earlier version. Run `careerlens train{option}{store}`, then "
            f"{classify}, then the report again.")
    else:
        newer = figures.classifier_models(db)
        newer = newer[(newer["curriculum_hash"] == model["curriculum_hash"])
                      & (newer["trained_at"] > model["trained_at"])]
        if not newer.empty:
            warnings.append(f"a newer model of this curriculum (trained {newer.iloc[0].trained_at:%Y-%m-%d %H:%M}) "
                            f"has not labelled the postings: the report counts the older model's labels. "
                            f"Run {classify}, then the report again.")
    unlabelled = db.query("report/unlabelled_postings", {"model_id": model["model_id"]})
    if len(unlabelled):
        files = ", ".join(unlabelled.source_file.head(3)) + (" and others" if len(unlabelled) > 3 else "")
        warnings.append(f"{count(int(unlabelled.n.sum()))} postings (from {files}) were loaded after the last "
                        f"classify and have no topic labels: the report's demand figures leave them out. "
                        f"Run {classify}, then the report again.")
    return warnings

"""Commands of the classify stage: train a topic classifier, label postings or texts, measure it."""

from __future__ import annotations

import click

from careerlens.cli.base import db_option, main


@main.command()
@click.option("--curriculum", type=click.Path(exists=True, dir_okay=False),
              help="Curriculum TOML [default: the bundled maths-for-ML certificate].")
@click.option("--labels", type=click.Path(exists=True, dir_okay=False),
              help="Hand labels CSV (dataset,row,[split,]topics) to learn from too; rows with split 'test' "
                   "are never used.")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Random seed: the same seed on the same postings gives the same model.")
@db_option()
def train(curriculum, labels, seed, db):
    """Fit a topic classifier for a curriculum on the postings in the database.

    The classifier learns from the curriculum's own seed phrases over the
    loaded postings (and from hand labels when given), and is stored with
    its metadata; `classify` uses the newest.

    \b
    Examples:
      careerlens train
      careerlens train --curriculum my-programme.toml --seed 7
      careerlens train --labels my-labels.csv
    """
    from careerlens.classify import TrainingParameters, train as fit
    from careerlens.curriculum import load_curriculum

    model = fit(db, load_curriculum(curriculum), labels=labels, params=TrainingParameters(seed=seed))
    corpus = model.metadata["corpus"]
    click.echo(f"trained {model.model_id} for {model.curriculum.name!r} ({len(model.topic_ids)} topics) on "
               f"{corpus['postings']} postings, {corpus['candidate_sentences']} candidate sentences "
               f"in {model.metadata['seconds']:.1f} s")


@main.command()
@click.option("--input", "input_path", type=click.Path(exists=True, dir_okay=False),
              help='JSON lines {"id": ..., "text": ..., "title": ...} to label instead of the database\'s postings.')
@click.option("--output", "output_path", type=click.Path(dir_okay=False),
              help='Where to write {"id", "topics", "scores", "evidence"} lines (with --input).')
@click.option("--model", "model_id", help="A stored model id [default: the newest].")
@db_option()
def classify(input_path, output_path, model_id, db):
    """Label every posting in the database with curriculum topics (or label texts from a file).

    Writes `posting_topics`: one row per posting and topic, with the score and,
    for every topic a posting asks for, the sentence(s) that show it.

    \b
    Examples:
      careerlens classify
      careerlens classify --input texts.jsonl --output labelled.jsonl
    """
    from careerlens.classify import classify_jsonl, classify_postings, load_model
    from careerlens.clioutput import StageProgress

    if (input_path is None) != (output_path is None):
        raise click.UsageError("--input and --output go together")
    model = load_model(db, model_id=model_id)
    what = "texts" if input_path else "postings"
    progress = StageProgress()

    def report(done, total):
        if total > 1:
            progress.update(f"labelling {total} batches of {what}", done / total)

    try:
        if input_path:
            result = classify_jsonl(db, input_path, output_path, model, progress=report)
        else:
            result = classify_postings(db, model, progress=report)
    finally:
        progress.close()
    where = output_path if input_path else "posting_topics"
    click.echo(f"labelled {result.n_texts} texts with {result.model_id} in {result.seconds:.2f} s "
               f"({result.texts_per_second:,.0f}/s) -> {where}")
    width = max(len(t) for t in result.positives)
    for topic, n in result.positives.items():
        click.echo(f"  {topic:<{width}} {n:>7}")


@main.command()
@click.option("--gold", "gold_path", type=click.Path(exists=True, dir_okay=False), required=True,
              help="Hand labels CSV: dataset,row,split,topics (see docs/annotation.md).")
@click.option("--split", type=click.Choice(["test", "dev", "all"]), default="test", show_default=True,
              help="Which labelled rows to measure on; publish figures on test only.")
@click.option("--model", "model_id", help="A stored model id [default: the newest].")
@click.option("--second-reading", "second_path", type=click.Path(exists=True, dir_okay=False),
              help="A second reader's labels of some of the same postings: also print how far the two "
                   "readers agree per topic, beside the model on those postings.")
@db_option()
def evaluate(gold_path, split, model_id, second_path, db):
    """Print per-topic precision, recall and F1 of the classifier beside the keyword baseline.

    Two keyword baselines are shown: plain matching of the curriculum's seed
    phrases (baseline_*), and of the topic names alone (name_baseline_f1, the
    scan the speed benchmark compares with). Topics with nothing to find and nothing found are left out of the macro average.
    f1_low and f1_high bound a 95% bootstrap interval of F1 (postings resampled, seed 0):
    on a topic with few labelled examples it is wide, and the F1 alone says little.
    Figures on the test split are stored with the model, and the report's
    method page shows them. With --second-reading, a second reader's labels of
    some of the same postings show how far two readers agree per topic: the
    ceiling the labels set for any classifier.

    \b
    Examples:
      careerlens evaluate --gold tests/labels/topics_gold.csv
      careerlens evaluate --gold my-labels.csv --split all
      careerlens evaluate --gold my-labels.csv --second-reading colleague-labels.csv
    """
    from careerlens.classify import load_model
    from careerlens.evaluate import evaluate as measure, reader_agreement, record_evaluation
    from careerlens.clioutput import print_frame

    model = load_model(db, model_id=model_id)
    result = measure(db, gold_path, split=split, model=model)
    if split == "test":
        record_evaluation(db, result, gold_path)
    click.echo(f"model {result.model_id}, {result.n_postings} postings (split {result.split})")
    columns = ["topic", "support", "precision", "recall", "f1", "f1_low", "f1_high", "baseline_precision",
               "baseline_recall", "baseline_f1", "name_baseline_f1"]
    print_frame(result.per_topic[columns].round(3), "table", None)
    click.echo("")
    print_frame(result.summary.round(3), "table", None)
    for dataset, n in result.skipped.items():
        click.echo(f"note: {n} labelled rows of {dataset} not evaluated: file not loaded or rows refused at ingest",
                   err=True)
    if result.seen_in_training:
        click.echo(f"warning: {result.seen_in_training} of these postings were training labels; "
                   "these figures are not held out", err=True)
    if second_path:
        agreement = reader_agreement(db, gold_path, second_path, model=model)
        click.echo(f"\nsecond reading: {agreement.n_postings} postings labelled in both files (every split); "
                   "readers_f1 is the second reader against the first, model_f1 the model against the first")
        print_frame(agreement.per_topic[["topic", "support", "second_support", "readers_f1", "model_f1"]].round(3),
                    "table", None)
        click.echo("")
        print_frame(agreement.summary[["average", "readers_f1", "model_f1"]].round(3), "table", None)

"""Commands of the classify stage: train a topic classifier, label postings or texts, measure it."""

from __future__ import annotations

import click

from careerlens.cli.base import curriculum_option, db_option, main

#: ``--curriculum`` of the commands that use a stored model.
MODEL_CURRICULUM_HELP = ("Use the newest model trained for this curriculum (a bundled curriculum by name, or a TOML "
                         "file) [default: the newest model, whichever its curriculum].")


def chosen_model(db, model_id, curriculum):
    """The model ``--model`` and ``--curriculum`` name; a note on stderr when the choice needs saying."""
    from careerlens.classify import choose_model

    choice = choose_model(db, model_id=model_id, curriculum=curriculum)
    if choice.note:
        click.echo(f"note: {choice.note}", err=True)
    return choice.model


@main.command()
@curriculum_option("Curriculum to learn: a bundled curriculum by name, or a TOML file "
                   "[default: maths-for-ml, the bundled maths-for-ML certificate].")
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
    its metadata beside the models of other curricula; `classify` and
    `evaluate` given the same --curriculum use it.

    Then a table says, per topic, on the training sample: the postings the
    curriculum's seeds name, the postings the model adds beyond them (named
    only through terms it learned from the corpus, or through context seeds),
    its mean score on the postings it counts, and the terms it learned. A
    topic whose seeds name few postings needs more seeds; seeds that no
    posting says are listed (a typo, or a word the postings do not use).
    Last come the phrases also counted said verb first ("data validation"
    as "validate data") or in a coordination ("data quality" in "data
    reliability and quality"), where the postings say them both ways.

    \b
    Examples:
      careerlens train
      careerlens train --curriculum my-programme.toml --seed 7
      careerlens train --curriculum maths-for-ml --labels my-labels.csv
    """
    from textwrap import shorten

    from careerlens.classify import TrainingParameters, seed_coverage, train as fit
    from careerlens.classify.model import MIN_JUDGE_POSITIVES, too_few_to_judge
    from careerlens.clioutput import print_frame

    model = fit(db, curriculum, labels=labels, params=TrainingParameters(seed=seed))
    corpus = model.metadata["corpus"]
    click.echo(f"trained {model.model_id} for {model.curriculum.name!r} ({len(model.topic_ids)} topics) on "
               f"{corpus['postings']} postings, {corpus['candidate_sentences']} candidate sentences "
               f"in {model.metadata['seconds']:.1f} s")
    coverage = seed_coverage(model).round(3)
    unsaid = coverage.set_index("topic")["seeds_not_found"]
    unsaid = unsaid[unsaid != ""]
    coverage = coverage.drop(columns="seeds_not_found")
    coverage["learned_terms"] = coverage["learned_terms"].map(lambda terms: shorten(terms, 60, placeholder=" ..."))
    click.echo("\nper topic, on the training sample: postings a curriculum seed names (seed_postings), postings "
               "named only through learned terms or context seeds (added_postings), mean score of the postings "
               "it counts, and the terms learned from the corpus, which count as seeds:")
    print_frame(coverage, "table", None)
    if len(unsaid):
        click.echo(f"\nseeds no posting of the sample ({corpus['postings']} postings) says: check their spelling, "
                   "or run `careerlens curriculum suggest --topic ID` for the phrases the postings use")
        for topic_id, seeds in unsaid.items():
            click.echo(f"  {topic_id}: {seeds}")
    for row in coverage[(coverage.seed_postings == 0) & (coverage.added_postings == 0)].itertuples():
        click.echo(f"warning: topic {row.topic!r} names no posting of the sample: its demand will be 0 until its "
                   "seeds match what the postings say", err=True)
    few = {t: info["positives"] for t, info in model.metadata["per_topic"].items()
           if too_few_to_judge(info["positives"])}
    if few:
        click.echo(f"\ntopics with fewer than {MIN_JUDGE_POSITIVES} seed sentences in the sample: too few to learn "
                   "which sentences of a context seed mean the topic, so those count more readily. More seeds the "
                   "postings say (`careerlens curriculum suggest --topic ID`) make them stricter:")
        for topic_id, n in few.items():
            click.echo(f"  {topic_id}: {n} seed sentences")
    if model.turned_phrases:
        click.echo("\nalso counted said verb first (\"validate data\" for \"data validation\"): "
                   + ", ".join(model.turned_phrases))
    if model.coordinated_phrases:
        click.echo("\nalso counted in a coordination (\"data reliability and quality\" for \"data quality\"): "
                   + ", ".join(model.coordinated_phrases))


@main.command()
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where postings are scored: on this machine's cores (local), or on a Dask cluster (dask; "
                   "needs pip install 'careerlens[dask]'). Both give the same labels.")
@click.option("--scheduler", metavar="ADDRESS",
              help="With --engine dask: an existing Dask scheduler (tcp://host:8786) [default: a local cluster, "
                   "one worker a core].")
@click.option("--input", "input_path", type=click.Path(exists=True),
              help='JSON lines {"id": ..., "text": ..., "title": ...} to label instead of the database\'s postings; '
                   "with --engine dask, a folder of Parquet postings (careerlens export writes one).")
@click.option("--output", "output_path", type=click.Path(),
              help='Where to write {"id", "topics", "scores", "evidence"} lines (with --input); with --engine dask, '
                   "a folder for the topics as Parquet parts and a manifest, not imported into the database.")
@click.option("--model", "model_id", help="A stored model id [default: the newest].")
@curriculum_option(MODEL_CURRICULUM_HELP)
@db_option()
def classify(engine, scheduler, input_path, output_path, model_id, curriculum, db):
    """Label every posting in the database with curriculum topics (or label texts from a file).

    Writes `posting_topics`: one row per posting and topic, with the score and,
    for every topic a posting asks for, the sentence(s) that show it.
    With --curriculum, the newest model trained for that curriculum labels
    them; without, the newest model, and when models of several curricula
    are stored a note on stderr says which curriculum that is.

    With --engine dask the postings are exported as Parquet, scored on a Dask
    cluster and imported back in one transaction; --input DIR scores a Parquet
    folder instead of the stored postings, --output DIR keeps the topics there
    (import them later with `careerlens import-topics DIR`). Running it again
    after a failure skips the partitions already scored.

    \b
    Examples:
      careerlens classify
      careerlens classify --curriculum my-programme.toml
      careerlens classify --curriculum maths-for-ml --input texts.jsonl --output labelled.jsonl
      careerlens classify --engine dask
      careerlens classify --engine dask --scheduler tcp://10.0.0.5:8786 --input postings/ --output topics/
    """
    if engine == "dask":
        return _classify_on_dask(scheduler, input_path, output_path, model_id, curriculum, db)
    from pathlib import Path

    from careerlens.classify import classify_jsonl, classify_postings
    from careerlens.clioutput import StageProgress

    if scheduler:
        raise click.UsageError("--scheduler goes with --engine dask")
    if input_path and Path(input_path).is_dir():
        raise click.UsageError("a folder of Parquet postings is scored with --engine dask; --input of the local "
                               "engine is a JSON-lines file")
    if (input_path is None) != (output_path is None):
        raise click.UsageError("--input and --output go together")
    model = chosen_model(db, model_id, curriculum)
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
    echo_positives(result.positives)


def _classify_on_dask(scheduler, input_path, output_path, model_id, curriculum, db):
    from careerlens.scaleout import classify_on_dask, require_dask

    require_dask()
    model = chosen_model(db, model_id, curriculum)
    done = classify_on_dask(db, model, input_dir=input_path, output_dir=output_path, scheduler=scheduler)
    run = done.run
    click.echo(f"scored {run.n_postings} postings with {run.model_id} on Dask in {run.seconds:.2f} s "
               f"({run.postings_per_second:,.0f}/s): {run.n_parts} parts, {run.n_skipped} already done")
    if done.imported is None:
        click.echo(f"-> {run.output} (import with `careerlens import-topics {run.output}`)")
        return
    click.echo(f"imported {done.imported.n_texts} postings' topics -> posting_topics")
    echo_positives(done.imported.positives)


def echo_positives(positives: dict):
    """Per topic, the postings that ask for it, aligned."""
    width = max((len(t) for t in positives), default=0)
    for topic, n in positives.items():
        click.echo(f"  {topic:<{width}} {n:>7}")


@main.command()
@click.option("--gold", "gold_path", type=click.Path(exists=True, dir_okay=False), required=True,
              help="Hand labels CSV: dataset,row,split,topics (see docs/annotation.md).")
@click.option("--split", type=click.Choice(["test", "dev", "all"]), default="test", show_default=True,
              help="Which labelled rows to measure on; publish figures on test only.")
@click.option("--model", "model_id", help="A stored model id [default: the newest].")
@curriculum_option(MODEL_CURRICULUM_HELP)
@click.option("--second-reading", "second_path", type=click.Path(exists=True, dir_okay=False),
              help="A second reader's labels of some of the same postings: also print how far the two "
                   "readers agree per topic, beside the model on those postings.")
@db_option()
def evaluate(gold_path, split, model_id, curriculum, second_path, db):
    """Print per-topic precision, recall and F1 of the classifier beside the keyword baseline.

    Two keyword baselines are shown: plain matching of the curriculum's seed
    phrases (baseline_*), and of the topic names alone (name_baseline_f1, the
    scan the speed benchmark compares with). Topics with nothing to find and nothing found are left out of the macro average.
    f1_low and f1_high bound a 95% bootstrap interval of F1 (postings resampled, seed 0):
    on a topic with few labelled examples it is wide, and the F1 alone says little.
    Figures on the test split are stored with the model, and the report's
    method page shows them. With --second-reading, a second reader's labels of
    some of the same postings show how far two readers agree per topic: the
    ceiling the labels set for any classifier. The model is chosen as
    `classify` chooses it: --curriculum names the curriculum the labels use.

    \b
    Examples:
      careerlens evaluate --gold tests/labels/topics_gold.csv
      careerlens evaluate --gold my-labels.csv --curriculum my-programme.toml --split all
      careerlens evaluate --gold my-labels.csv --second-reading colleague-labels.csv
    """
    from careerlens.evaluate import evaluate as measure, reader_agreement, record_evaluation
    from careerlens.clioutput import print_frame

    model = chosen_model(db, model_id, curriculum)
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

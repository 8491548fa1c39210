"""Commands about the curriculum itself: what its seeds miss in the loaded postings."""

from __future__ import annotations

import json

import click

from careerlens.cli.base import CURRICULUM, db_option, main


#: What a seed to check stands for, in place of an example sentence.
UNSAID = "no posting of the sample says it: a typo, or a word the postings do not use"


@main.group()
def curriculum():
    """Review a curriculum against the loaded postings: what its seeds miss, and what they catch by mistake.

    \b
    Examples:
      careerlens curriculum suggest --curriculum my-programme.toml
      careerlens curriculum suggest --topic communication --format toml
    """


@curriculum.command()
@click.option("--curriculum", "chosen", type=CURRICULUM, metavar="NAME|FILE",
              help="A bundled curriculum's name or a curriculum TOML [default: maths-for-ml].")
@click.option("--topic", "topic_id", metavar="ID", help="Only this topic [default: every topic].")
@click.option("--limit", type=click.IntRange(min=1), default=10, show_default=True,
              help="At most this many phrases to add, and this many to exclude, per topic.")
@click.option("--format", "output_format", type=click.Choice(["table", "toml"]), default="table", show_default=True,
              help="table to read; toml prints each topic's phrases as seeds and exclude lists ready to paste.")
@click.option("--seed", type=int, default=0, show_default=True, help="The sample of postings, as train draws it.")
@db_option(create=False)
def suggest(chosen, topic_id, limit, output_format, seed, db):
    """List phrases the loaded postings tie to each topic that no seed covers, and seed uses to exclude.

    Reads the sample of postings `careerlens train` learns from. Phrases to add
    are used like the topic's seeds (they lie near them in a term space learned
    from the postings), with the postings that use them and one sentence;
    a star marks those the classifier already counts as seeds. Phrases to
    exclude are a seed with the word beside it whose sentences read unlike the
    topic's other seed sentences ("excel at", "problem solver"). Seeds to
    check are the topic's seeds that no posting of the sample says (a typo, or
    a word the postings do not use). Review them: add what names the topic to
    `seeds`, and what does not to `exclude`, then run `careerlens train` again.

    \b
    Examples:
      careerlens curriculum suggest
      careerlens curriculum suggest --curriculum my-programme.toml --topic stakeholder_communication
      careerlens curriculum suggest --curriculum my-programme.toml --format toml > review.toml
    """
    from careerlens.classify.suggest import suggest_phrases
    from careerlens.curriculum import load_curriculum

    chosen = chosen or load_curriculum()
    if topic_id is not None and topic_id not in chosen.topic_ids:
        raise click.BadParameter(f"{topic_id!r} is not a topic of {chosen.name!r}; its topics: "
                                 f"{', '.join(chosen.topic_ids)}", param_hint="--topic")
    click.echo(f"reading the postings' sample for {chosen.name!r} ...", err=True)
    found = suggest_phrases(db, chosen, topic_id=topic_id, limit=limit, seed=seed)
    if output_format == "toml":
        click.echo(_as_toml(chosen, found, topic_id), nl=False)
    else:
        _as_table(chosen, found, topic_id)


def _as_table(chosen, found, topic_id):
    """Per topic, one line a phrase: add or exclude, the phrase, postings, similarity, counted, one sentence."""
    for tid in ([topic_id] if topic_id else chosen.topic_ids):
        mine = [s for s in found if s.topic_id == tid]
        click.echo(f"\n{tid} ({chosen.topic(tid).name})")
        if not mine:
            click.echo("  nothing to suggest")
            continue
        width = max(len(s.phrase) for s in mine)
        click.echo(f"  {'':8}{'phrase':<{width}}  postings  similarity  example")
        for s in mine:
            action = {"seed": "add", "exclude": "exclude"}.get(s.action, s.action) + ("*" if s.counted else "")
            similarity = "-" if s.similarity is None else f"{s.similarity:.2f}"
            example = UNSAID if s.action == "check" else s.example
            click.echo(f"  {action:<8}{s.phrase:<{width}}  {s.postings:>8}  {similarity:>10}  {example}")
    if any(s.counted for s in found):
        click.echo("\n* counted already: the classifier learned it as a seed of the topic")


def _as_toml(chosen, found, topic_id) -> str:
    lines = [f"# Suggestions for {chosen.name} from the loaded postings: keep what you agree with.", ""]
    for tid in ([topic_id] if topic_id else chosen.topic_ids):
        mine = [s for s in found if s.topic_id == tid]
        lines.append(f"# [[module.topic]] id = {json.dumps(tid)}")
        for action, key in (("seed", "seeds"), ("exclude", "exclude")):
            chosen_phrases = [s for s in mine if s.action == action]
            for s in chosen_phrases:
                note = f"{s.postings} postings" + (", counted already" if s.counted else "")
                lines.append(f"#   {json.dumps(s.phrase)} ({note}): {json.dumps(s.example, ensure_ascii=False)}")
            lines.append(f"{key} = [{', '.join(json.dumps(s.phrase) for s in chosen_phrases)}]   # add to the topic's {key}")
        unsaid = [json.dumps(s.phrase) for s in mine if s.action == "check"]
        if unsaid:
            lines.append(f"# seeds no posting of the sample says (check their spelling): {', '.join(unsaid)}")
        lines.append("")
    return "\n".join(lines)

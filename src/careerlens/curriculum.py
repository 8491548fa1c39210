"""Curriculum files: the programme, its modules and the topics postings are mapped to.

A curriculum is a TOML file (format: ``docs/curriculum-format.md``). It is
validated on load, and every error names the file, the line and the key, so
that a programme designer can fix their own file without reading code. The
default curriculum ships in ``data/curricula/maths-for-ml.toml``; a curriculum
shipped with careerlens can be named by its name (``maths-for-ml``) wherever a
file is expected, so a command that names it works from any folder.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import re
import tomllib
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

from careerlens.claimspec import Claim, parse_claims
from careerlens.errors import CurriculumNotFoundError, InputError
from careerlens.resources import data_text
from careerlens.tomlcheck import KeyLines, check_keys, data_at, dotted, number_value, text_value

DEFAULT_CURRICULUM = "maths-for-ml.toml"

TOPIC_ID = re.compile(r"^[a-z][a-z0-9_]*$")
#: What a ``*`` in a phrase stands for: up to this many words ("deploy * model").
GAP_WORDS = 4

#: The keys each table may hold: (required, optional).
PROGRAMME_KEYS = ({"name"}, {"description", "target_occupations"})
MODULE_KEYS = ({"name", "topic"}, {"hours", "credits", "description"})
TOPIC_KEYS = ({"id", "name", "description", "seeds"}, {"context_seeds", "exclude", "requires", "onet_knowledge"})
REQUIRES_KEYS = ({"topic", "why"}, set())

#: Keys that say how a topic relates to others or to O*NET, not how it is recognised: left out of the
#: content hash, so declaring a prerequisite does not make a trained classifier look stale.
NOT_CLASSIFIER_KEYS = ("requires", "onet_knowledge")

#: The knowledge areas of the O*NET content model (element 2.C), by the names O*NET's Knowledge file uses.
ONET_KNOWLEDGE_AREAS = (
    "Administration and Management", "Administrative", "Economics and Accounting", "Sales and Marketing",
    "Customer and Personal Service", "Personnel and Human Resources", "Production and Processing",
    "Food Production", "Computers and Electronics", "Engineering and Technology", "Design",
    "Building and Construction", "Mechanical", "Mathematics", "Physics", "Chemistry", "Biology", "Psychology",
    "Sociology and Anthropology", "Geography", "Medicine and Dentistry", "Therapy and Counseling",
    "Education and Training", "English Language", "Foreign Language", "Fine Arts", "History and Archeology",
    "Philosophy and Theology", "Public Safety and Security", "Law and Government", "Telecommunications",
    "Communications and Media", "Transportation",
)


@dataclass(frozen=True)
class Prerequisite:
    """A topic this one builds on (``requires``), with the one-line reason."""

    topic: str
    why: str


@dataclass(frozen=True)
class Topic:
    """One thing the curriculum teaches, and how to recognise it in a posting.

    ``seeds`` are phrases that name the topic (matched as whole words,
    case-insensitively); ``context_seeds`` name it only in some sentences
    ("optimization" of a model, not of a sales funnel) and count when the
    learned context agrees; ``exclude`` are phrases in which a seed does not
    count ("R&D" for the R language, "NoSQL" for SQL). ``requires`` are the
    topics this one builds on (the implicit-demand views follow them);
    ``onet_knowledge`` is the O*NET knowledge area whose survey rating the
    report shows beside the topic ("Mathematics").
    """

    id: str
    name: str
    description: str
    seeds: tuple[str, ...]
    exclude: tuple[str, ...]
    module: str
    requires: tuple[Prerequisite, ...] = ()
    context_seeds: tuple[str, ...] = ()
    onet_knowledge: str | None = None


@dataclass(frozen=True)
class Module:
    """A taught module, its size (hours and/or credits) and its topics."""

    name: str
    hours: float | None
    credits: float | None
    topics: tuple[Topic, ...]
    description: str | None = None


@dataclass(frozen=True)
class Curriculum:
    """A validated curriculum file.

    ``content_hash`` is the sha256 of the parsed content (not the bytes), leaving
    out ``requires``, ``onet_knowledge``, ``[[claims]]`` and ``target_occupations``, so that a comment, a
    layout change, a new prerequisite link, an edited claim or another target does not make a trained model
    look stale.
    """

    name: str
    modules: tuple[Module, ...]
    source: str
    content_hash: str
    description: str | None = None
    bundled_name: str | None = None     # 'maths-for-ml' for a curriculum shipped with careerlens
    claims: tuple[Claim, ...] = ()      # what the programme promises about careers (careerlens.claims checks them)
    target_occupations: tuple[str, ...] = ()   # SOC 2018 codes the programme prepares for (the report's target roles)

    @property
    def cli_option(self) -> str:
        """What names this curriculum again on the command line: '' for the default, else ' --curriculum X'.

        A bundled curriculum is named by its name (``--curriculum maths-for-ml``), which works from any
        folder; a user's file by its path as it was given.
        """
        if self.bundled_name == DEFAULT_CURRICULUM.removesuffix(".toml"):
            return ""
        return f" --curriculum {self.bundled_name or self.source}"

    @property
    def topics(self) -> tuple[Topic, ...]:
        return tuple(topic for module in self.modules for topic in module.topics)

    @property
    def topic_ids(self) -> tuple[str, ...]:
        return tuple(topic.id for topic in self.topics)

    @property
    def prerequisite_links(self) -> tuple[dict, ...]:
        """Every ``requires`` link as ``{'topic', 'requires', 'why'}``: what the implicit-demand queries bind."""
        return tuple({"topic": topic.id, "requires": link.topic, "why": link.why}
                     for topic in self.topics for link in topic.requires)

    def topic(self, topic_id: str) -> Topic:
        for topic in self.topics:
            if topic.id == topic_id:
                return topic
        raise KeyError(topic_id)

    def with_first_seeds(self, n: int) -> "Curriculum":
        """The curriculum with only the first ``n`` seeds of each topic (how a sparse seed list fares)."""
        import dataclasses

        modules = tuple(dataclasses.replace(module, topics=tuple(dataclasses.replace(topic, seeds=topic.seeds[:n])
                                                                 for topic in module.topics))
                        for module in self.modules)
        return dataclasses.replace(self, modules=modules, content_hash=f"{self.content_hash}:first-{n}-seeds")


def bundled_curriculum_names() -> tuple[str, ...]:
    """The curricula shipped with careerlens, by the name ``--curriculum`` takes: ``('maths-for-ml',)``."""
    folder = resources.files("careerlens.data").joinpath("curricula")
    return tuple(sorted(node.name.removesuffix(".toml") for node in folder.iterdir() if node.name.endswith(".toml")))


def load_curriculum(name_or_path=None) -> Curriculum:
    """Read and validate a curriculum: a TOML file, a bundled curriculum by name, or the bundled default.

    Parameters
    ----------
    name_or_path : str or Path, optional
        A curriculum file written by the user, or the name of a curriculum shipped with careerlens
        (``'maths-for-ml'``, see :func:`bundled_curriculum_names`): a bare name, without a folder or
        ``.toml``, that is not a file in the working folder. None: the bundled default.

    Raises
    ------
    CurriculumNotFoundError
        Neither a file nor a bundled curriculum's name; the message lists the bundled names.
    InputError
        The file is not UTF-8 or not valid TOML, or breaks the format; the message names the file,
        the line and the key.
    """
    if name_or_path is None:
        return _load_bundled(DEFAULT_CURRICULUM.removesuffix(".toml"))
    path = Path(name_or_path)
    if not path.is_file():
        text = str(name_or_path)
        bare = not text.endswith(".toml") and not any(sep and sep in text for sep in ("/", os.sep, os.altsep))
        names = bundled_curriculum_names()
        if bare and text in names:
            return _load_bundled(text)
        raise CurriculumNotFoundError(
            "no such curriculum file" + (", and no bundled curriculum of that name" if bare else "")
            + f"; the bundled curricula, named without a folder or .toml, are: {', '.join(names)}", file=path)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid UTF-8 (byte {exc.start}): save the curriculum as UTF-8", file=path,
                         row=raw[:exc.start].count(b"\n") + 1, line=True) from exc
    return parse_curriculum(text, source=str(path))


def _load_bundled(name: str) -> Curriculum:
    curriculum = parse_curriculum(data_text("curricula", f"{name}.toml"), source=f"data/curricula/{name}.toml")
    return replace(curriculum, bundled_name=name)


def parse_curriculum(text: str, source: str = "<curriculum>") -> Curriculum:
    """Validate the text of a curriculum file (see :func:`load_curriculum`)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"at line (\d+)", str(exc))
        line = int(where.group(1)) if where else (len(text.splitlines()) if "end of document" in str(exc) else None)
        raise InputError(f"not valid TOML: {exc}", file=source, row=line, line=True) from exc
    lines = KeyLines(text)

    def fail(message, key_path):
        raise InputError(message, file=source, row=lines.line_of(key_path),
                         field=dotted(key_path), line=True)

    check_keys(data, ({"programme", "module"}, {"claims"}), (), fail)
    programme = data["programme"]
    if not isinstance(programme, dict):
        fail("must be a table: [programme]", ("programme",))
    check_keys(programme, PROGRAMME_KEYS, ("programme",), fail)
    name = text_value(programme, "name", ("programme",), fail)
    targets = target_occupations(programme, ("programme",), fail)
    modules_raw = data["module"]
    if not isinstance(modules_raw, list) or not modules_raw:
        fail("must be one or more [[module]] tables", ("module",))

    first_seen: dict[str, tuple] = {}
    modules = []
    for m, module in enumerate(modules_raw):
        here = ("module", m)
        check_keys(module, MODULE_KEYS, here, fail)
        module_name = text_value(module, "name", here, fail)
        size = {key: number_value(module, key, here, fail) for key in ("hours", "credits")}
        if size["hours"] is None and size["credits"] is None:
            fail("a module needs its size: hours = ... or credits = ...", here + ("name",))
        topics_raw = module["topic"]
        if not isinstance(topics_raw, list) or not topics_raw:
            fail("must be one or more [[module.topic]] tables", here + ("topic",))
        topics = []
        for t, topic in enumerate(topics_raw):
            at = here + ("topic", t)
            check_keys(topic, TOPIC_KEYS, at, fail)
            topic_id = text_value(topic, "id", at, fail)
            if not TOPIC_ID.match(topic_id):
                fail(f"topic id {topic_id!r} must be lower case letters, digits and _ "
                     "(starting with a letter)", at + ("id",))
            if topic_id in first_seen:
                fail(f"duplicate topic id {topic_id!r} (first defined on line "
                     f"{lines.line_of(first_seen[topic_id] + ('id',))})", at + ("id",))
            first_seen[topic_id] = at
            seeds = phrase_list(topic, "seeds", at, fail, required=True)
            context_seeds = phrase_list(topic, "context_seeds", at, fail, required=False)
            exclude = phrase_list(topic, "exclude", at, fail, required=False)
            requires = prerequisites(topic, at, fail)
            onet_area = onet_knowledge_area(topic, at, fail)
            topics.append(Topic(id=topic_id, name=text_value(topic, "name", at, fail),
                                description=text_value(topic, "description", at, fail),
                                seeds=seeds, exclude=exclude, module=module_name,
                                requires=requires, context_seeds=context_seeds, onet_knowledge=onet_area))
        modules.append(Module(name=module_name, hours=size["hours"], credits=size["credits"],
                              topics=tuple(topics), description=module.get("description")))

    for topic_id, at in first_seen.items():
        for r, link in enumerate(data_at(data, at).get("requires", [])):
            if link["topic"] not in first_seen:
                fail(f"topic {topic_id!r} requires unknown topic {link['topic']!r}",
                     at + ("requires", r, "topic"))
            if link["topic"] == topic_id:
                fail(f"topic {topic_id!r} requires itself", at + ("requires", r, "topic"))
    cycle = find_cycle({tid: [link["topic"] for link in data_at(data, at).get("requires", [])]
                        for tid, at in first_seen.items()})
    if cycle:
        fail(f"topic {cycle[0]!r} is in a prerequisite cycle: {' -> '.join(cycle)}",
             first_seen[cycle[0]] + ("requires",))

    claims = parse_claims(data, tuple(first_seen), lines, fail)
    content = json.dumps(classifier_content(data), sort_keys=True, ensure_ascii=False, default=str)
    return Curriculum(name=name, modules=tuple(modules), source=source,
                      content_hash=hashlib.sha256(content.encode("utf-8")).hexdigest(),
                      description=programme.get("description"), claims=claims, target_occupations=targets)


# -- validation helpers -----------------------------------------------------------
def target_occupations(programme, at, fail) -> tuple[str, ...]:
    """``target_occupations = ["29-1141", "15-1211"]``: detailed SOC 2018 codes, each one careerlens knows."""
    if "target_occupations" not in programme:
        return ()
    from careerlens.occupations import soc_code_problem

    value = programme["target_occupations"]
    if not isinstance(value, list) or not value:
        fail('must be a non-empty list of SOC 2018 codes, e.g. ["29-1141", "15-1211"]', at + ("target_occupations",))
    codes = []
    for code in value:
        problem = soc_code_problem(code)
        if problem:
            fail(problem, at + ("target_occupations",))
        if code.strip() not in codes:
            codes.append(code.strip())
    return tuple(codes)


def phrase_list(table, key, at, fail, *, required) -> tuple[str, ...]:
    if key not in table:
        return ()
    value = table[key]
    if not isinstance(value, list) or (required and not value):
        fail("must be a non-empty list of phrases" if required else "must be a list of phrases",
             at + (key,))
    for phrase in value:
        if not isinstance(phrase, str) or not re.search(r"[A-Za-z0-9]", phrase):
            fail(f"every phrase must be a string with a letter or digit, not {phrase!r}", at + (key,))
        if "*" in phrase and not re.fullmatch(r"[^*]*[A-Za-z0-9][^*]*?\s\*\s[^*]*?[A-Za-z0-9][^*]*"
                                              r"(?:\s\*\s[^*]*?[A-Za-z0-9][^*]*)*", phrase.strip()):
            fail(f"a '*' stands for up to {GAP_WORDS} words and must stand alone between two words "
                 f"(\"deploy * model\"), not {phrase!r}", at + (key,))
    return tuple(phrase.strip() for phrase in value)


def prerequisites(topic, at, fail) -> tuple[Prerequisite, ...]:
    value = topic.get("requires", [])
    if not isinstance(value, list):
        fail('must be a list of {topic = "...", why = "..."} tables', at + ("requires",))
    links = []
    for r, link in enumerate(value):
        check_keys(link, REQUIRES_KEYS, at + ("requires", r), fail)
        links.append(Prerequisite(topic=text_value(link, "topic", at + ("requires", r), fail),
                                  why=text_value(link, "why", at + ("requires", r), fail)))
    return tuple(links)


def onet_knowledge_area(topic, at, fail) -> str | None:
    if "onet_knowledge" not in topic:
        return None
    value = topic["onet_knowledge"]
    if not isinstance(value, str) or value.strip() not in ONET_KNOWLEDGE_AREAS:
        guess = difflib.get_close_matches(str(value), ONET_KNOWLEDGE_AREAS, n=1)
        hint = f"did you mean {guess[0]!r}? " if guess else ""
        fail(f"not an O*NET knowledge area: {value!r} ({hint}see docs/curriculum-format.md for the list)",
             at + ("onet_knowledge",))
    return value.strip()


def classifier_content(data: dict) -> dict:
    """The parsed file without the keys the classifier does not read (:data:`NOT_CLASSIFIER_KEYS`), nor its
    ``[[claims]]`` nor ``target_occupations``: both are checked against the data, never learned, so adding or
    editing one keeps every trained model current (and a file without them hashes as it did before they existed)."""
    modules = [{**module, "topic": [{k: v for k, v in topic.items() if k not in NOT_CLASSIFIER_KEYS}
                                     for topic in module["topic"]]}
               for module in data["module"]]
    programme = {k: v for k, v in data["programme"].items() if k != "target_occupations"}
    return {**{k: v for k, v in data.items() if k != "claims"}, "programme": programme, "module": modules}


def find_cycle(edges: dict[str, list[str]]) -> list[str] | None:
    """A cycle in the ``requires`` graph as a path ``[a, b, ..., a]``, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node):
        state[node] = 1
        stack.append(node)
        for nxt in edges.get(node, []):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in edges:
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None



"""Cleaning a job title down to the occupation it names, for the SOC title coder.

Posting titles carry much that is not the occupation: seniority and levels
(``Sr.``, ``II``, ``Level 3``), places (``- Houston, Texas``, ``(Oakland)``),
shifts and schedules (``PRN``, ``Full-time/Days``), requisition codes
(``#105009``, ``JR0071210 -``), ``Remote``, an employer after ``at`` and a part
naming an employer by its legal form (``ACME Staffing LLC -``).
Each function below removes one kind, on the title key (``text_key``: lower
case, runs of anything but ``a-z 0-9 + #`` as one space) or on the raw title
where punctuation still marks the parts. :func:`occupation_phrase` composes
them; :func:`head_noun` names the word the occupation hangs on.
"""

from __future__ import annotations

import re

_KEY_DROP = re.compile(r"[^a-z0-9+#]+")

#: Words that say the level, the schedule or the contract, never the occupation.
NOISE_WORDS = frozenset("""
    senior sr snr junior jr mid principal intermediate experienced exp trainee apprentice
    i ii iii iv v vi vii 1 2 3 4 5 6 7 8 9 10 11 12
    intern internship interns coop co op summer seasonal temporary temp contract contractor freelance
    full part time ft pt prn per diem days nights night day weekend weekends evening evenings overnight shift
    hr hrs hour hours week wk remote hybrid onsite site wfh home based travel traveling traveler
    urgent urgently hiring immediate immediately needed wanted opening openings opportunity position job new
    grad graduate early career future
    """.split())

#: Heads too general to name an occupation alone: 'Manager, Clinical Operations' reads as 'Clinical Operations Manager'.
GENERIC_HEADS = frozenset("""
    manager director head vp president officer chief lead supervisor scientist analyst engineer specialist
    coordinator associate assistant consultant technician tech administrator representative rep advisor
    developer architect designer instructor teacher professor researcher agent executive partner
    """.split())

#: Words that join a head to its complement ('Director of Nursing', 'Engineer in Test').
_LINKS = ("of", "for", "in", "at", "to", "with", "on")


def text_key(title: str | None) -> str:
    """The title key: lower case, runs of characters other than ``a-z 0-9 + #`` as one space.

    Python twin of the ``text_key`` SQL macro (``queries/macros.sql``), for titles already read.
    """
    return _KEY_DROP.sub(" ", (title or "").lower()).strip()


def drop_parenthesised(title: str) -> str:
    """``Warehouse Associate (Oakland)`` -> ``Warehouse Associate``; ``(Risk Data Analyst)`` keeps its words."""
    inner = re.sub(r"[()\[\]{}]", " ", title)
    outer = re.sub(r"\([^)]*\)|\[[^\]]*\]|\{[^}]*\}", " ", title)
    return outer if text_key(outer) else inner


def drop_codes(title: str) -> str:
    """Requisition numbers and codes: ``#105009 Research Data Analyst``, ``JR0071210 - ...``, ``Copy #1 of 2018-4506``."""
    title = re.sub(r"copy\s*#\s*\d+.*$", " ", title, flags=re.IGNORECASE)
    title = re.sub(r"#\s*\d[\w-]*", " ", title)
    return re.sub(r"\b(?=[a-z]*\d)(?=\d*[a-z])[a-z0-9]{5,}\b", " ", title, flags=re.IGNORECASE)


#: The legal forms that end an employer's name ('Acme Staffing, LLC'), never an occupation.
_LEGAL_FORM = re.compile(
    r"(?:^|(?<=[-–—|:/(]))[^-–—|:/()]*\b(?:inc|llc|l\.l\.c|ltd|corp|corporation|incorporated|plc|gmbh|llp|pllc)\b\.?"
    r"\s*(?=$|[-–—|:/)])", re.IGNORECASE)


def drop_company(title: str) -> str:
    """A part of the title that names an employer by its legal form.

    ``ACME Staffing LLC - Registered Nurse`` -> ``Registered Nurse``;
    ``Registered Nurse | Kaiser Foundation Hospitals, Inc.`` -> ``Registered Nurse``. A title that is
    nothing else is kept.
    """
    stripped = _LEGAL_FORM.sub(" ", title)
    return stripped if text_key(stripped) else title


def drop_employer(title: str) -> str:
    """An employer or place after ``at`` / ``@`` / ``for``: ``iOS Developer at ABHI IT SYSTEMS INC``."""
    return re.split(r"\s+(?:at|@)\s+|\s+for\s+(?=[A-Z])", title, maxsplit=1)[0]


def main_part(title: str) -> str:
    """The part of the title that names the job, when dashes, bars, colons or commas split it.

    ``Data Analyst- San Antonio, Des Moines`` -> ``Data Analyst``; a first part of one word is
    completed by the next (``Scientist, Immunology`` -> ``Immunology Scientist``,
    ``Manager - Accounts and Publishers`` -> ``Accounts and Publishers Manager``);
    a leading ``Role:`` label is skipped.
    """
    parts = [p for p in re.split(r"\s[-–—|/]\s|\s?[-–—]\s|\s[-–—]|[|:;,]|\s/\s?", title) if text_key(p)]
    if not parts:
        return title
    if len(parts) > 1 and text_key(parts[0]) in ("role", "position", "job", "title", "job title", "hiring"):
        parts = parts[1:]
    first = occupation_words(text_key(parts[0]))
    if len(parts) > 1 and (not first or (len(first) == 1 and first[0] in GENERIC_HEADS)):
        return f"{parts[1]} {parts[0]}"
    return parts[0]


#: Phrases that are noise only as a whole ('entry level', but 'Data Entry Clerk').
_NOISE_PHRASES = re.compile(
    r"\b(?:entry level|mid level|per diem|(?:full|part) time|new grad|early career|\d+ years?(?: experience)?"
    r"|join (?:our|the) team as an?|(?:we are|now) hiring|hiring an?|level \d+|grade \d+)\b")


def occupation_words(key: str) -> list[str]:
    """The words of a title key without levels, schedules and contract words (``NOISE_WORDS``)."""
    words = [w for w in _NOISE_PHRASES.sub(" ", key).split() if w not in NOISE_WORDS]
    # 'level' and 'grade' with a number after them were levels; a dangling link word is left over
    while words and words[-1] in _LINKS + ("and", "level", "grade"):
        words.pop()
    return words


def occupation_phrase(title: str | None) -> str:
    """The title cleaned down to its occupation, as a key.

    ``Sr. Data Analyst - Secret Clearance`` -> ``data analyst``;
    ``Software Tester (Entry Level) -- Houston, Texas`` -> ``software tester``;
    ``Heart Station Tech PRN (Pediatric Heart Institute)`` -> ``heart station tech``.
    Falls back to the whole key when nothing would be left.
    """
    if not title or not text_key(title):
        return ""
    cleaned = main_part(drop_employer(drop_company(drop_codes(drop_parenthesised(title)))))
    words = occupation_words(text_key(cleaned))
    return " ".join(words) if words else text_key(title)


def head_noun(phrase: str) -> str:
    """The word an occupation phrase hangs on: the last word before a link word.

    ``registered nurse`` -> ``nurse``; ``director of nursing`` -> ``director``;
    ``software engineer in test`` -> ``engineer``.
    """
    words = phrase.split()
    for i, word in enumerate(words):
        if word in _LINKS and i > 0:
            return words[i - 1]
    return words[-1] if words else ""

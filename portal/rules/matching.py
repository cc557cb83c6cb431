"""Finding a støttekontakt for someone granted one: which volunteers fit, in what order, and
why. Pure: profiles in, a ranked list with reasons out. The caseworker decides; the list
only helps them start with the likeliest.

A volunteer fits when they have room for one more person and, if they named ages they want
to work with, the person's age is among them. They rank higher for each shared interest,
each time that suits both, and for wanting to work with the person's age or disability.
Gender is left out: the portal never reads it from an identity number, and does not ask.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Generic, TypeVar

from .volunteers import GROUPS, INTERESTS, TIMES

# Words people write about what they like, and when, mapped to the volunteer form's codes.
# Bokmål and English, in the forms people write them (lower case, whole-word starts).
INTEREST_WORDS = {
    "sports": (
        "fotball*",
        "håndball*",
        "idrett*",
        "sport*",
        "trening",
        "trene",
        "svøm*",
        "ski",
        "sykl*",
        "bowling",
        "football",
        "swim*",
        "gym",
        "basket*",
        "jogg*",
        "løp*",
    ),
    "outdoors": (
        "tur",
        "turer",
        "friluft*",
        "fisk*",
        "natur*",
        "fjell*",
        "skog*",
        "hike",
        "hiking",
        "walk*",
        "outdoor*",
    ),
    "culture": (
        "kino*",
        "teater*",
        "museum",
        "museer",
        "bibliotek*",
        "utstilling*",
        "film*",
        "cinema*",
        "theatre*",
        "theater*",
        "library",
        "exhibition*",
    ),
    "music": (
        "musikk*",
        "konsert*",
        "synge",
        "synger",
        "kor",
        "band",
        "gitar*",
        "music*",
        "concert*",
        "sing*",
        "choir*",
    ),
    "arts_crafts": (
        "tegne",
        "tegning",
        "male",
        "maler",
        "maling",
        "strikk*",
        "håndarbeid*",
        "kunst*",
        "snekr*",
        "draw*",
        "paint*",
        "knit*",
        "craft*",
        "art",
    ),
    "games": (
        "spill",
        "spille",
        "brettspill*",
        "sjakk*",
        "gaming",
        "dataspill*",
        "game",
        "games",
        "chess",
        "board game*",
    ),
    "cooking": ("lage mat", "matlag*", "bake", "baking", "kafé", "kafe", "kafeer", "cook*", "café", "cafe"),
    "animals": (
        "hest",
        "hester",
        "hund",
        "hunder",
        "dyr",
        "dyra",
        "dyrene",
        "ride",
        "ridning",
        "stall",
        "horse*",
        "dog",
        "dogs",
        "animal*",
        "riding",
    ),
    "social": ("prate", "kaffe", "venn*", "shopping", "chat*", "coffee", "friend*"),
}
TIME_WORDS = {
    "daytime": ("dagtid", "formiddag*", "morgen*", "daytime", "morning*"),
    "afternoon": ("ettermiddag*", "etter skolen", "afternoon*", "after school"),
    "evening": ("kveld*", "evening*", "night*"),
    "weekdays": (
        "hverdag*",
        "ukedag*",
        "mandag*",
        "tirsdag*",
        "onsdag*",
        "torsdag*",
        "fredag*",
        "weekday*",
        "monday*",
        "tuesday*",
        "wednesday*",
        "thursday*",
        "friday*",
    ),
    "weekends": ("helg*", "lørdag*", "søndag*", "weekend*", "saturday*", "sunday*"),
}

CHILD_UNTIL, YOUNG_UNTIL, ELDERLY_FROM = 13, 20, 67
AGE_GROUPS = ("children", "young_people", "adults", "elderly")


@dataclass(frozen=True)
class Need:
    """What the granted person's application says, as far as matching goes."""

    age: int | None
    need_groups: frozenset[str]  # the application's codes: physical, intellectual, ...
    interests_text: str
    when_text: str


Key = TypeVar("Key")  # the caller's id for a volunteer, handed back with the match


@dataclass(frozen=True)
class Candidate(Generic[Key]):
    key: Key
    name: str
    times: frozenset[str]
    groups: frozenset[str]
    interests: frozenset[str]
    interests_text: str
    capacity: int  # how many people they can be støttekontakt for
    taken: int  # how many they are støttekontakt for now


@dataclass(frozen=True)
class Reason:
    kind: str  # interest, time, group, room
    code: str  # the interest, time or group code; for room, how many places are free


@dataclass(frozen=True)
class Match(Generic[Key]):
    candidate: Candidate[Key]
    score: int
    reasons: tuple[Reason, ...]


NEGATIONS = re.compile(r"\b(?:ikke|aldri|not|never|no)\s+(?:på\s+|i\s+|om\s+|on\s+|at\s+|in\s+)?\w+")
ENDINGS = r"(?:e|er|en|ene|et|a|s|es|ing)?"


def _found(text: str, table: dict[str, tuple[str, ...]]) -> set[str]:
    """The codes whose cue words are in the text. A cue ending in * starts a word
    ("fotball*" finds "fotballkamp"); any other is a whole word, perhaps with an ending
    ("kor" is not "korte", "hund" is not "hundre"). "Not ..." and "ikke ..." are skipped."""
    words = NEGATIONS.sub(" ", re.sub(r"\s+", " ", (text or "").lower()))
    found = set()
    for code, cues in table.items():
        for cue in cues:
            stem = re.escape(cue.rstrip("*"))
            pattern = r"(?<!\w)" + stem + (r"" if cue.endswith("*") else ENDINGS + r"(?!\w)")
            if re.search(pattern, words):
                found.add(code)
                break
    return found


def age_group(age: int | None) -> str | None:
    if age is None:
        return None
    if age < CHILD_UNTIL:
        return "children"
    if age < YOUNG_UNTIL:
        return "young_people"
    return "elderly" if age >= ELDERLY_FROM else "adults"


def disability_groups(need_groups: frozenset[str]) -> set[str]:
    return {
        g
        for code, g in (("physical", "physical_disability"), ("intellectual", "intellectual_disability"))
        if code in need_groups
    }


def interests_of(need: Need) -> set[str]:
    return _found(need.interests_text, INTEREST_WORDS)


def times_of(need: Need) -> set[str]:
    return _found(need.when_text, TIME_WORDS)


def score(need: Need, candidate: Candidate[Key]) -> Match[Key] | None:
    """How well the volunteer fits the person, with the reasons; None when they do not fit."""
    free = candidate.capacity - candidate.taken
    if free <= 0:
        return None
    group = age_group(need.age)
    ages = set(candidate.groups) & set(AGE_GROUPS)
    if group is not None and ages and group not in ages:
        return None
    reasons: list[Reason] = []
    volunteer_interests = set(candidate.interests) | _found(candidate.interests_text, INTEREST_WORDS)
    for code in sorted(interests_of(need) & volunteer_interests, key=INTERESTS.index):
        reasons.append(Reason("interest", code))
    for code in sorted(times_of(need) & set(candidate.times), key=TIMES.index):
        reasons.append(Reason("time", code))
    for code in sorted(
        ({group} & ages if group else set()) | (disability_groups(need.need_groups) & set(candidate.groups)),
        key=GROUPS.index,
    ):
        reasons.append(Reason("group", code))
    reasons.append(Reason("room", str(free)))
    points = sum({"interest": 3, "time": 2, "group": 2, "room": 0}[r.kind] for r in reasons) + min(free, 3)
    return Match(candidate, points, tuple(reasons))


def rank(need: Need, candidates: list[Candidate[Key]]) -> list[Match[Key]]:
    """The volunteers who fit, best first (ties by name, so the order is the same each time)."""
    found = [m for m in (score(need, c) for c in candidates) if m is not None]
    return sorted(found, key=lambda m: (-m.score, m.candidate.name, str(m.candidate.key)))

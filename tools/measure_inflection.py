"""How many inflected forms each way of reading Russian and French misses (docs/multilingual.md).

Run: .venv/bin/python tools/measure_inflection.py  (pymorphy3 and pymorphy3-dicts-ru are
optional: measured only when installed). Each case is a pattern in its dictionary form, a phrase
we wrote, and whether the phrase should match. Approaches: the word as written; a prefix
("боевик*": the pattern's letters start the word); Snowball stems (what slant uses); pymorphy3
lemmas (Russian only). A miss: should match, does not; a false match: should not, does.
"""

from __future__ import annotations

import snowballstemmer

RU = [  # (pattern, phrase, should match)
    ("боевик", "боевики", True), ("боевик", "боевиков", True), ("боевик", "боевикам", True),
    ("боевик", "боевиками", True), ("боевик", "боевике", True), ("боевик", "боевика", True),
    ("сирийская армия", "сирийской армии", True), ("сирийская армия", "сирийскую армию", True),
    ("сирийская армия", "сирийской армией", True), ("сирийская армия", "сирийская армия", True),
    ("террорист", "террористы", True), ("террорист", "террористов", True),
    ("террорист", "террористами", True), ("ополченец", "ополченцы", True),
    ("ополченец", "ополченцев", True), ("наёмник", "наемники", True), ("режим", "режима", True),
    ("режим", "режиму", True), ("освобождение", "освобождения", True),
    ("освобождение", "освобождением", True),
    ("сирийская армия", "сирийские армяне", False), ("боевик", "боевой", False),
    ("террорист", "террористический", False), ("режим", "режиссёр", False),
    ("армия", "армянин", False), ("мир", "мирный", False),
]
FR = [
    ("rebelle", "rebelles", True), ("armée syrienne", "armées syriennes", True),
    ("armée syrienne", "armée syrienne", True), ("terroriste", "terroristes", True),
    ("djihadiste", "djihadistes", True), ("régime", "régimes", True),
    ("libération", "libérations", True), ("combattant", "combattants", True),
    ("combattant", "combattante", True), ("mercenaire", "mercenaires", True),
    ("insurgé", "insurgés", True), ("insurgé", "insurgée", True), ("allié", "alliés", True),
    ("milicien", "miliciens", True), ("milicien", "miliciennes", True),
    ("rebelle", "rébellion", False), ("terroriste", "terreur", False), ("armée", "armement", False),
    ("régime", "régiment", False), ("milicien", "milice", False),
]


def _agree(read, pattern: str, phrase: str) -> bool:
    return [read(w) for w in pattern.split()] == [read(w) for w in phrase.split()]


def _prefix(pattern: str, phrase: str) -> bool:
    return len(pattern.split()) == len(phrase.split()) and all(
        w.startswith(p) for p, w in zip(pattern.split(), phrase.split()))


def _fold(word: str) -> str:
    return word.replace("ё", "е")


def measure(cases, language: str) -> dict[str, tuple[int, int]]:
    stem = snowballstemmer.stemmer({"ru": "russian", "fr": "french"}[language]).stemWord
    readers = {"as written": lambda p, t: _agree(str, p, t),
               "prefix": lambda p, t: _prefix(_fold(p), _fold(t)),
               "snowball": lambda p, t: _agree(lambda w: stem(_fold(w)), p, t)}
    if language == "ru":
        try:
            import pymorphy3

            morph = pymorphy3.MorphAnalyzer(lang="ru")
            readers["pymorphy3"] = lambda p, t: _agree(lambda w: _fold(morph.parse(w)[0].normal_form), p, t)
        except ImportError:
            pass
    out = {}
    for name, read in readers.items():
        misses = sum(1 for p, t, ok in cases if ok and not read(p, t))
        false = sum(1 for p, t, ok in cases if not ok and read(p, t))
        out[name] = (misses, false)
    return out


def main() -> None:
    for language, cases in (("ru", RU), ("fr", FR)):
        should = sum(ok for *_, ok in cases)
        print(f"{language}: {should} forms that should match, {len(cases) - should} that should not")
        for name, (misses, false) in measure(cases, language).items():
            print(f"  {name:<11} misses {misses:>2}/{should}  false matches {false:>2}/{len(cases) - should}")


if __name__ == "__main__":
    main()

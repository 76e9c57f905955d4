"""Safeguarding concern screening: does an answer suggest a child may be at risk now?

A screen, not a judgement: it errs towards flagging, and a safeguarding lead reads every flagged
answer. Patterns live in ``analysis/data/concern_patterns.toml`` (non-English ones are drafts for
native-speaker review). English answers are also screened with the English patterns whatever
their language, since pupils mix English in. An English sentence that is about a lesson, the
news or people in general ("we learnt about knife crime in PSHE") does not count unless it also
points at a real person ("...my brother carries one").

Patterns cannot list every way a pupil says it, so English answers that no pattern flags go
through three wider nets (see ``[cooccurrence]`` in the data file): a harm word beside a real
person, two different weak cues, or a distress word in an answer that names a person or place
of risk; and a negative answer about someone the writer lives with. Each net skips negated
words and answers only about a lesson or people in general.

A pattern's match does not count when a negation governs it ("nobody at home would ever hurt
me", "my dad has never hit me", "ninguém me bate") or when the sentence only says whom the pupil
would tell if something happened ("i would tell a teacher if someone was hurting me"). An
English answer that tells of a past harm as over ("i used to self harm but im two years clean")
is not flagged unless it also says something goes on still or again.

Speed: most answers hold no word any pattern needs, so a :class:`~analysis._literals.LiteralGate`
first finds (in one scan) which patterns could match at all, and only their regexes run; each
pattern's top-level alternatives are gated and run on their own, and ASCII answers (most) use
copies compiled with ``re.ASCII``, which match the same there and test word boundaries faster.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

import msgspec

from analysis._literals import LiteralGate, split_alternatives
from analysis._text import FOLD, normalise, split_sentences
from analysis.concern_model import model_verdict
from analysis.concern_nets import NET_LANGS, net_reasons

__all__ = ["REASONS", "Concern", "pattern_reasons", "screen_concern"]

_DATA = Path(__file__).resolve().parent / "data" / "concern_patterns.toml"

REASONS: tuple[str, ...] = (
    "home_violence",
    "sexual_abuse",
    "self_harm",
    "exploitation",
    "weapon_carrying",
    "threatened",
    "neglect",
)
"""Stable reason ids, in the order they are reported."""


class Concern(msgspec.Struct, frozen=True):
    """Whether to put the answer in the concern queue, and why (reason ids).

    A msgspec Struct rather than a dataclass: one is made per answer, and a frozen dataclass
    costs ten times as much to build.
    """

    flagged: bool
    reasons: tuple[str, ...] = ()
    statistical: bool = False
    """Flagged by the statistical screen alone (:mod:`analysis.concern_model`), no pattern."""


_NO_CONCERN = Concern(False)


def _fold_letters(source: str) -> str:
    """Fold Arabic-script letters in a pattern like normalise() does, leaving case alone."""
    return source.translate(FOLD)


@lru_cache(maxsize=1)
def _data() -> dict:
    return tomllib.loads(_DATA.read_text(encoding="utf-8"))


def _compile(source: str, ascii_text: bool) -> re.Pattern[str]:
    """Every regex is compiled twice: with ``re.ASCII`` for ASCII answers (most of them), where it
    matches exactly the same but tests word boundaries by table instead of the Unicode database,
    and without it for the rest."""
    return re.compile(source, re.ASCII if ascii_text else 0)


@lru_cache(maxsize=2)
def _cooccurrence(
    ascii_text: bool = False,
) -> tuple[dict[str, re.Pattern[str]], re.Pattern[str], re.Pattern[str]]:
    """The wider English net: harm words per reason, the person anchor, a negation just before."""
    co = _data()["cooccurrence"]
    harms = {reason: _compile(co["harm_en"][reason], ascii_text) for reason in REASONS}
    return harms, _compile(co["anchor_en"], ascii_text), _compile(co["negation_en"], ascii_text)


@lru_cache(maxsize=2)
def _context_and_distress(ascii_text: bool = False) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The widest net: a person or place of risk, and distress words (one group per reason)."""
    co = _data()["cooccurrence"]
    distress = co["distress_en"]
    return _compile(co["context_en"]["words"], ascii_text), _compile(
        _named_union(distress), ascii_text
    )


def _named_union(sources: dict[str, str]) -> str:
    """One regex of a group per reason, in reason order.

    When every source is one ``\\b...`` (no top-level ``|``), the ``\\b`` is tested once
    before all the groups rather than once per group at every position: the same matches, in
    about half the time.
    """
    items = [(r, sources[r]) for r in REASONS if r in sources]
    if all(src.startswith(r"\b") and len(split_alternatives(src)) == 1 for _, src in items):
        return r"\b(?:" + "|".join(f"(?P<{r}>{src[2:]})" for r, src in items) + ")"
    return "|".join(f"(?P<{r}>{src})" for r, src in items)


@lru_cache(maxsize=2)
def _weak_cues(ascii_text: bool = False) -> re.Pattern[str]:
    """All weak cues in one regex, one named group per reason."""
    weak = _data()["cooccurrence"]["weak_en"]
    return _compile(_named_union(weak), ascii_text)


_Patterns = dict[str, dict[str, tuple[tuple[tuple[str, str, int], re.Pattern[str]], ...]]]


@lru_cache(maxsize=2)
def _patterns(ascii_text: bool = False) -> tuple[_Patterns, re.Pattern[str], re.Pattern[str]]:
    """Per language and reason, each pattern compiled on its own with its prefilter key."""
    data = _data()
    compiled: _Patterns = {}
    for reason in REASONS:
        for lang, sources in data["reasons"][reason].items():
            compiled.setdefault(lang, {})[reason] = tuple(
                ((lang, reason, index), _compile(_fold_letters(unit), ascii_text))
                for index, unit in _units(sources)
            )
    context = data["context"]
    return (
        compiled,
        _compile(context["generic_en"], ascii_text),
        _compile(context["personal_en"], ascii_text),
    )


def _units(sources: list[str]) -> list[tuple[tuple[int, int], str]]:
    """Each pattern's top-level alternatives, keyed (pattern index, alternative index): gated
    and run one by one, only the alternatives whose words occur are tried."""
    return [
        ((i, j), unit)
        for i, source in enumerate(sources)
        for j, unit in enumerate(split_alternatives(source))
    ]


@lru_cache(maxsize=8)
def _gate(langs: tuple[str, ...]) -> LiteralGate:
    """The prefilter over every pattern of ``langs`` (and the wider net), keyed like them."""
    data = _data()
    reasons = data["reasons"]
    keyed = [
        ((lg, reason, index), _fold_letters(unit))
        for reason in REASONS
        for lg in langs
        for index, unit in _units(reasons[reason].get(lg, ()))
    ]
    keyed += [(("co", reason), data["cooccurrence"]["harm_en"][reason]) for reason in REASONS]
    keyed += [("weak", source) for source in data["cooccurrence"]["weak_en"].values()]
    keyed += [("distress", source) for source in data["cooccurrence"]["distress_en"].values()]
    keyed.append(("family", data["cooccurrence"]["family_en"]["words"]))
    keyed.append(("hyperbole", _fold_letters(data["context"]["hyperbole"])))
    keyed.append((_MAYBE_GENERIC, data["context"]["generic_en"]))
    keyed.append((_MAYBE_HYPOTHETICAL, _HYPOTHETICAL_HELP[True].pattern))
    return LiteralGate(keyed)


_MAYBE_GENERIC = ("context", "generic")
_MAYBE_HYPOTHETICAL = ("context", "hypothetical")
"""Gate keys of ``generic_en`` and the would-tell regex: when the gate leaves them shut (their
words are rare), neither can match anywhere in the answer and their checks are skipped."""


class _NeverMatches:
    """Stands in for a regex the gate showed cannot match the answer."""

    @staticmethod
    def search(*_args: object) -> None:
        return None


_NEVER: re.Pattern[str] = _NeverMatches()  # type: ignore[assignment]


@lru_cache(maxsize=2)
def _hyperbole(ascii_text: bool = False) -> re.Pattern[str]:
    """Schoolwork hyperbole ("this test is gonna kill me"), removed before screening."""
    return _compile(_fold_letters(_data()["context"]["hyperbole"]), ascii_text)


def drop_hyperbole(norm: str) -> str:
    """Normalised text without its schoolwork hyperbole ("this test is gonna kill me")."""
    return _hyperbole(norm.isascii()).sub(" ", norm)


_NEGATED_BEFORE = re.compile(
    r"\b(never|nobodys?|no ?ones?|noones?|no body|not|wouldnt|wont|doesnt|dont|didnt|hasnt|havent"
    r"|isnt|wasnt)( (ever|really|even|actually|at home|in my family|in my house|here|would|will|has"
    r"|have|had|could|does|did|is|was|be|been|once|let|allow|anyone|anybody"
    r"|(asked|made|forced|pressured|told) to))* ?$"
)
"""A negation just before a match, with only adverbs or auxiliaries between: "no one at home
would ever hurt me", "my dad has never hit me". A negation further back ("nobody knows he hurts
me") does not count."""

_NEGATED_BEFORE_BY_LANG = {
    "en": _NEGATED_BEFORE,
    "pt": re.compile(
        r"\b(n[aã]o|nunca|ningu[eé]m|jamais)( (me|te|nos|mais|ainda|j[aá]|nunca|em casa|aqui))* ?$"
    ),
    "pl": re.compile(r"\b(nie|nigdy|nikt|nikogo)( (mnie|nas|ju[zż]|w domu|nigdy|tu))* ?$"),
    "ar": re.compile(
        r"(?<!\w)(لا|ما|مش|مو|لم|لن|ليس|محد|ولا)( (حدا|احد|لحدا|بالبيت|ابدا|عمري))* ?$"
    ),
}
"""The same check for the other languages whose negation comes before the verb (Tamil and Urdu
mostly negate after it, inside what a pattern matches)."""
_PARTIAL_WORD = re.compile(r"\w+$")

_HARM_VERBS_UR = "(maar|mar|peet|pit|chh?u|choo|dhamk|مار|پیٹ|چھو)"
_NEGATED_VERB_BY_LANG = {
    "ur": re.compile(rf"(\b(nahi|nahin|nai|mat)|نہیں|نہ) {_HARM_VERBS_UR}\S*$"),
    "pl": re.compile(
        r"\b(nie|nigdy)( \w+)? (bij|bi[lł]|uderz|kopi|kopn|krzywdz|dotyk|popych|popchn|szarp|dusi"
        r"|lej|la[lł]|tłu|tlu|wali|grozi|zn[eę]c)\w*$"
    ),
    "pt": re.compile(
        r"\b(n[aã]o|nunca)( me| nos| te)? (bat|agrid|agred|machuc|magoa|toc|espanc|amea)\w*$"
    ),
    "ar": re.compile(r"(?<!\w)(ما|مش|لا|لم|مو|عمره|عمري)( \S+)? \S*(ضرب|لمس|اذي|وذي|هدد|تحرش)\S*$"),
}
"""A pattern that spans a gap ("tata ... uderzył") can take in a negation of its verb of harm: "tata
nigdy mnie nie uderzył", "koi mujhe nahi maarta". A negation that is part of what the pattern
means ("nie ma jedzenia", "ghar nahi aate") is not of such a verb."""
_NEGATED_AFTER_UR = (
    re.compile(rf"{_HARM_VERBS_UR}\S*$"),
    re.compile(r" (nahi|nahin|nai|نہیں)(?!\w)"),
)
"""Urdu also negates after the verb ("مارتے نہیں")."""


_NEGATION_REACH = 40
"""How far before a word ``negation_en`` (a negator, then at most 18 characters) can start: it is
searched only that far back, not from the start of the answer."""

_NEGATED_INSIDE = re.compile(
    r"\s(never|not|doesnt|dont|didnt|wont|wouldnt|hasnt|havent)( (ever|really|even|actually|once))?"
    r"( (let|allow|lets|allows)( anyone| anybody| someone| somebody| them| him| her| people)?"
    r"( to)?)?"
    r" (hit|hits|hitting|hurt|hurts|hurting|beat|beats|beating|touch|touches|touched|touching"
    r"|punch\w*|kick\w*|slap\w*|smack\w*|push\w*|threaten\w*|carry|carries|carried|bring|brings"
    r"|brought|harm\w*|abuse\w*)\b( \w+)?$"
)
"""A pattern that spans a gap ("dad ... hits me") can take in a negation of its verb: "my dad
has never hit me". A negation that belongs to the pattern ("home isnt safe") is not of a verb."""


def _negated(sentence: str, start: int, lang: str, matched: str = "") -> bool:
    """Is the match at ``start`` negated just before it (see ``_NEGATED_BEFORE``), or its verb
    of harm negated inside it (``_NEGATED_INSIDE``, ``_NEGATED_VERB_BY_LANG``) or, in Urdu, just
    after it?"""
    if lang == "en" and _NEGATED_INSIDE.search(matched):
        return True
    inside = _NEGATED_VERB_BY_LANG.get(lang)
    if inside is not None and inside.search(matched):
        return True
    if lang == "ur":
        verb, after = _NEGATED_AFTER_UR
        return (
            verb.search(matched) is not None
            and after.match(sentence, start + len(matched)) is not None
        )
    negation = _NEGATED_BEFORE_BY_LANG.get(lang)
    if negation is None:
        return False
    before = sentence[:start]
    if lang == "ar":  # Arabic patterns may match inside a word: "bi-yadribni"
        before = _PARTIAL_WORD.sub("", before)
    return negation.search(before) is not None


_HYPOTHETICAL_HELP = {
    ascii_text: _compile(
        r"\b(would|could|will|id|i d|should|can|know to|know how to) (tell|report|talk to|speak"
        r" to|go to|ask|get help|call|ring)\b[^.!?]{0,40}\b(if|when|whenever) (someone|somebody"
        r"|anyone|anybody|something|people|a \w+|i (was|were|am|felt|got|get|ever))\b",
        ascii_text,
    )
    for ascii_text in (False, True)
}
"""Saying who one would turn to if something happened ("i would tell a teacher if someone was
hurting me") is about help, not a disclosure."""


def _wider_net(
    sentence: str,
    candidates: set,
    generic: re.Pattern[str],
    personal: re.Pattern[str],
    ascii_text: bool = False,
    general: bool | None = None,
) -> set[str]:
    """Reasons whose harm words occur, not negated, beside a real person (see the data file).

    ``general``: whether the sentence is only about a lesson or people in general, if known."""
    harms, anchor, negation = _cooccurrence(ascii_text)
    found: set[str] = set()
    for reason, harm in harms.items():
        if ("co", reason) not in candidates:
            continue
        for m in harm.finditer(sentence):
            start = m.start()
            reach = max(0, start - _NEGATION_REACH)
            if not negation.search(sentence, reach, start) and not _NEGATED_BEFORE.search(
                sentence, 0, start
            ):
                found.add(reason)
                break
    if not found or not anchor.search(sentence):
        return set()
    if general is None:
        general = bool(generic.search(sentence)) and not personal.search(sentence)
    return set() if general else found


def screen_concern(text: str, lang: str) -> Concern:
    """Flag an answer that suggests the writer or another child may be at risk now."""
    reasons = pattern_reasons(text, lang)
    if reasons:
        return Concern(True, reasons)
    verdict = model_verdict(text)  # the statistical screen (analysis.concern_model)
    return Concern(True, (verdict.reason,), statistical=True) if verdict.flagged else _NO_CONCERN


def pattern_reasons(text: str, lang: str) -> tuple[str, ...]:
    """The reasons the patterns and the wider nets find, in reason order."""
    langs, gate = _for_language(lang)
    norm = normalise(text)
    candidates = gate.open_keys(norm)
    if "hyperbole" in candidates:
        cleaned = drop_hyperbole(norm)
        if cleaned != norm:
            norm, candidates = cleaned, gate.open_keys(cleaned)
    ordered = _screen(norm, langs, candidates, gated=True) if candidates else ()
    if not ordered and lang in NET_LANGS:  # the wider non-English nets (analysis.concern_nets)
        ordered = net_reasons(norm, lang)
    return ordered


@lru_cache(maxsize=16)
def _for_language(lang: str) -> tuple[tuple[str, ...], LiteralGate]:
    """The pattern languages for an answer in ``lang`` (its own, then English) and their gate."""
    langs = (lang, "en") if lang != "en" and lang in _patterns()[0] else ("en",)
    return langs, _gate(langs)


def _screen(
    norm: str, langs: tuple[str, ...], candidates: set, gated: bool = False
) -> tuple[str, ...]:
    """Reasons found in normalised text, running only the regexes whose keys are candidates.

    Which reasons are found does not depend on the order the regexes run in. ``gated``: the
    candidates come from the gate, which also says whether ``generic_en`` and the would-tell
    regex can match (without it, both always run).
    """
    ascii_text = norm.isascii()
    _, generic, personal = _patterns(ascii_text)
    by_key = _by_key(ascii_text)
    hypothetical = _HYPOTHETICAL_HELP[ascii_text]
    if gated:
        if _MAYBE_GENERIC not in candidates:
            generic = _NEVER
        if _MAYBE_HYPOTHETICAL not in candidates:
            hypothetical = _NEVER
    keys = [k for k in candidates if k.__class__ is tuple and len(k) == 3 and k[0] in langs]
    wider = any(k.__class__ is tuple and k[0] == "co" for k in candidates)
    reasons: set[str] = set()
    for sentence in split_sentences(norm) if keys or wider else ():
        # Whether the sentence is only about a lesson or people in general, and whether it only
        # says whom one would tell: the same for every pattern, so worked out once, when needed.
        hypothetical_here: bool | None = None
        general_here: bool | None = None
        for key in keys:
            lg, reason, _ = key
            if reason in reasons:
                continue
            m = by_key[key].search(sentence)
            if m is None:
                continue
            if lg == "en":
                if general_here is None:
                    general_here = bool(generic.search(sentence)) and not personal.search(sentence)
                if general_here:
                    continue
                if hypothetical_here is None:
                    hypothetical_here = hypothetical.search(sentence) is not None
                if hypothetical_here:
                    continue
            if _negated(sentence, m.start(), lg, m.group()):
                continue
            reasons.add(reason)
        if not reasons and wider:
            if hypothetical_here is None:
                hypothetical_here = hypothetical.search(sentence) is not None
            if not hypothetical_here:
                reasons.update(
                    _wider_net(sentence, candidates, generic, personal, ascii_text, general_here)
                )
    if not reasons and "weak" in candidates:
        reasons.update(_weak_net(norm, generic, personal, ascii_text))
    if not reasons and "distress" in candidates:
        reasons.update(_distress_net(norm, generic, personal, ascii_text))
    if not reasons and "family" in candidates and "en" in langs:
        reasons.update(_family_net(norm, generic, personal, ascii_text))
    if reasons and _resolved_past(norm, ascii_text):
        return ()
    return tuple(r for r in REASONS if r in reasons)


@lru_cache(maxsize=2)
def _resolved(ascii_text: bool = False) -> tuple[re.Pattern[str], re.Pattern[str]]:
    context = _data()["context"]
    return _compile(context["resolved_en"], ascii_text), _compile(context["ongoing_en"], ascii_text)


def _resolved_past(norm: str, ascii_text: bool = False) -> bool:
    """Does the answer tell of a past harm as over ("i used to self harm but im two years clean"),
    with nothing said to go on still or again? Checked only once something is found."""
    resolved, ongoing = _resolved(ascii_text)
    return resolved.search(norm) is not None and ongoing.search(norm) is None


@lru_cache(maxsize=2)
def _family(ascii_text: bool = False) -> re.Pattern[str]:
    return _compile(_data()["cooccurrence"]["family_en"]["words"], ascii_text)


def _family_net(
    norm: str, generic: re.Pattern[str], personal: re.Pattern[str], ascii_text: bool = False
) -> set[str]:
    """A negative English answer about someone the writer lives with, or about home."""
    from analysis.sentiment import lexical_sentiment  # sentiment imports concern lazily too

    if not _family(ascii_text).search(norm) or (generic.search(norm) and not personal.search(norm)):
        return set()
    return {"home_violence"} if lexical_sentiment(norm).label == "negative" else set()


def _distress_net(
    norm: str, generic: re.Pattern[str], personal: re.Pattern[str], ascii_text: bool = False
) -> set[str]:
    """A sign of distress or harm, not negated, in an English answer naming a person or place of
    risk ("i flinch whenever my stepdad raises his voice"), unless only about a lesson."""
    context, distress = _context_and_distress(ascii_text)
    negation = _cooccurrence(ascii_text)[2]
    for m in distress.finditer(norm):
        if negation.search(norm, max(0, m.start() - _NEGATION_REACH), m.start()):
            continue
        if generic.search(norm) and not personal.search(norm):
            return set()
        reason = str(m.lastgroup)
        if context.search(norm) or (reason in _SELF_REASONS and _FIRST_PERSON.search(norm)):
            return {reason}
    return set()


_SELF_REASONS = frozenset({"self_harm", "neglect"})
_FIRST_PERSON = re.compile(r"\b(i|im|ive|me|my|myself|we|us|our)\b")


def _weak_net(
    norm: str, generic: re.Pattern[str], personal: re.Pattern[str], ascii_text: bool = False
) -> set[str]:
    """Two different weak cues in one English answer, beside a real person: flag the first's."""
    _, anchor, negation = _cooccurrence(ascii_text)
    cues: dict[str, str] = {}
    for m in _weak_cues(ascii_text).finditer(norm):
        start = m.start()
        reach = max(0, start - _NEGATION_REACH)
        if m.group() not in cues and not negation.search(norm, reach, start):
            cues[m.group()] = str(m.lastgroup)
    if len(cues) < 2 or not anchor.search(norm):
        return set()
    if generic.search(norm) and not personal.search(norm):
        return set()
    return {next(iter(cues.values()))}


@lru_cache(maxsize=2)
def _by_key(ascii_text: bool = False) -> dict[tuple[str, str, int], re.Pattern[str]]:
    """Every compiled pattern by its prefilter key (language, reason, index)."""
    return {
        key: pattern
        for by_reason in _patterns(ascii_text)[0].values()
        for keyed in by_reason.values()
        for key, pattern in keyed
    }

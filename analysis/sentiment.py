"""Sentiment of an English answer, tuned to how pupils write about feeling safe.

The base is TextBlob's PatternAnalyzer lexicon and its averaging of the polarity of known words;
on top of it: pupils' slang and safety words (``analysis/data/sentiment_en.toml``), a negation
scope of a few content words ("don't really feel safe", "no one at home would ever hurt me"),
intensifiers ("bare scary", "well safe"), more weight on what follows "but", common sarcasm
("love how nobody does anything", "oh great, another..."), and a disclosure of harm (an answer
a concern pattern flags, see :mod:`analysis.concern`) counting as a strongly negative statement
even when it holds no opinion word ("i keep thinking about ending my life"). The final label is
a trained model's that reads the words and these rules' result (:mod:`analysis.sentiment_model`):
the rules alone label too many plain answers neutral or miss opinions said in words nobody
listed. Only English is scored: for other languages the answer gets ``None`` (the caller marks
it "needs translation" and scores a reviewer's English translation later) rather than an invented
neutral.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import msgspec

from analysis._literals import LiteralGate, split_alternatives
from analysis._text import PLACEHOLDER
from analysis.sentiment_model import model_sentiment

if TYPE_CHECKING:
    from analysis.concern import Concern

__all__ = ["Sentiment", "label_for", "lexical_sentiment", "rule_sentiment", "score_sentiment"]

_DATA = Path(__file__).resolve().parent / "data" / "sentiment_en.toml"
_TOKEN = re.compile(r"[a-z0-9_]+|[.!?;:,]")
_CONTRAST = frozenset({"but", "though", "although", "however", "except", "tho", "yet"})
_SCOPE_END = frozenset(
    {"and", "so", "because", "cos", "coz", "cuz", "cause", "when", "if", "while"}
)
_CLAUSE_START = frozenset({"because", "cos", "coz", "cuz", "cause", "when", "if", "while", "so"})
"""Subordinate clauses: a request ("there should be...") does not damp what follows them."""
_REQUEST = frozenset(
    {"should", "need", "needs", "please", "pls", "plz", "wouldlike", "canwe", "wishfor"}
)
"""A clause asking for something is a suggestion: its words count for little."""
_REQUEST_DAMPING = 0.2
_SUBORDINATE = frozenset({"when", "if", "while"})
"""Background clauses ("...when i had no one to talk to") weigh half: the main clause judges."""
_PAST = frozenset({"usedto", "lastyear", "agotime", "whenwas"})
"""A clause about how things were counts less than how they are now."""
_PAST_WEIGHT = 0.5
_AUX_NEGATORS = frozenset(
    {"not", "isnt", "arent", "wasnt", "werent", "aint", "dont", "doesnt", "didnt", "cant", "wont"}
)
_DANGLING_NEGATION = -0.5
"""A clause that ends on a negation ("...but the walk home isnt") leans negative."""
_HARM_EVENT = (
    r"\b(call(s|ed|ing)?|say(s|ing)?|said) (me|us|him|her|them|my \w+) (names|a |an |fat|ugly|gay)"
    r"|\b(get|got|getting|been|gets|being) (called|picked on|left out|laughed at|pushed|tripped"
    r"|stared at|nicked|stolen|taken|ignored|targeted|harassed|spat at|threatened"
    r"|spat on|kicked|punched|hit|jumped|robbed|mugged|followed|touched|grabbed|excluded|ignored)"
    r"|\b(took|take|takes|taking|stole|steal|steals|nicked|nick|nicks|grab\w*|snatch\w*) (my|our)\b"
    r"|\b(push|pushes|pushed|pushing|shov\w*|trip|trips|tripped|tripping|kick|kicks|kicked|punch"
    r"|punches|punched|slap\w*|spit\w*|grab|grabs|grabbed|hit|hits|hurts?|pick(s|ed|ing)? on"
    r"|laugh(s|ed|ing)? at|stare(s|d)? at|staring at|shout(s|ed|ing)? at)"
    r" (me|us|him|her|them|people|kids|girls|boys|everyone|everybody|others|my \w+)\b"
    r"|\b(leave|leaves|left|leaving) (me|us|him|her) out\b"
    r"|\b(spread|spreads|spreading) (rumou?rs|stuff|lies|it|them|pics|photos|videos)"
    r"|\b(no ?one|nobody|no body) (to talk to|listens|cares|helps|does anything|believes|believe"
    r"|looks after|look after|feeds|notices|checks on)"
    r"|\b(have|got|has) no (one|friends|body|one to talk to)\b"
    r"|\b(dont|doesnt|never|didnt|wont) (do|did) (anything|nothing|owt)\b"
    r"|\b(cant|cannot|can not|not allowed to) tell (anyone|anybody|no ?one|nobody)"
    r"|\b(made|make|makes|forced|forces|forcing|pressured|pressures) (me|us|him|her)\b(?! feel)"
    r"|\b(keeps?|kept|always|constantly) (asking|messaging|texting|adding|following|staring"
    r"|touching|calling|sending|taking|pushing|threatening)"
    r"|\bpolice (came|come|were called|got called|keep coming)"
    r"|\b(follow(s|ed|ing)?|chas(es|ed|ing)) (me|us|her|him)\b"
    r"|\bgo back to (your|our|my|their|his|her) (own )?country"
    r"|\b(sexual|nasty|horrible|rude|weird) comments|\bcomments about (my|our|her|girls)"
    r"|\bscreenshot\w*|\bmake edits\b|\bfake (account|profile)"
    r"|\b(throw|throws|threw|throwing|chuck\w*|lob\w*) (stuff|things|food|rubbish|\w+)"
    r" at (me|us|him|her)\b"
)
_HELP = (
    r"\b(would|could|can|will|id|i d|i'd) (tell|talk to|speak to|go to|ask) (a |an |my |the |any )?"
    r"(teacher|adult|parent|mum|mom|dad|someone|somebody|head of year|tutor|staff|counsellor"
    r"|police|friend|trusted)"
    r"|\bknow (who|where) to (talk|go|speak|ask|turn)"
)
_RESOLVED = (
    r"\b(sorted|dealt with|handled|stopped|solved|fixed) (it|them|this|that|the \w+|everything)"
    r"(?! out)"
    r"|\b(it|they|that|this|he|she|everything) (stopped|died down|calmed down|has stopped)\b"
    r"|\b(got|get|gets) (it|them|mine|my \w+) back\b|\b(caught|arrested) (him|her|them)\b"
    r"|\b(got|was|were) (taken down|removed|deleted)\b"
    r"|\b(quiet|calm|fine|better|good|ok|okay) (since|now)\b|\b(im|were|its) (ok|okay|fine) now\b"
    r"|\b(handles?|handled|handling|deals? with|dealt with)\b[^.!?,;]{0,25}\bwell\b"
)
_PHRASES = (
    # emoji pupils use as tone marks: eye-roll and upside-down face are ironic, skull is laughing
    (re.compile("\U0001f644|\U0001f643|\U0001f612"), " sarcasm "),
    (re.compile("\U0001f480|\U0001f602|\U0001f923"), " lol "),
    (re.compile(r"\bkind of\b|\bkinda\b|\bsort of\b"), "kind_of"),
    (re.compile(r"\ba (little )?bit\b|\ba lil bit\b"), "abit"),
    (re.compile(r"\bno[ -]one\b|\bno body\b"), "noone"),
    (re.compile(r"\bnot really\b"), "not"),
    (re.compile(r"\b(make|makes|made|making) fun\b"), "mock"),
    (re.compile(r"\bknife crime\b"), "knifecrime"),
    (re.compile(r"\b(knife arch(es)?|bleed kits?)\b"), "safetykit"),
    (re.compile(r"\bwhats? the point\b|\bwhat is the point\b"), "pointless"),
    (re.compile(r"\b(dont|do not) want to (be here|live|exist)\b"), "hopeless"),
    (re.compile(r"\btake (the mick|the piss|advantage)\b"), "mock"),
    (re.compile(r"\bworry box\b"), "worrybox"),
    (re.compile(r"\bcould be better\b"), "meh"),
    (re.compile(r"\bi (really )?like\b"), "likeit"),
    (re.compile(r"\b(dont|doesnt|didnt|do not|does not) (really |even )?like\b"), "dislike"),
    (re.compile(r"\b(not|never) (ok|okay|alright|fine)\b"), "notok"),
    (
        re.compile(
            r"\b\w+ (isnt|is not|arent|are not|aint) (really |even )?(a |an )?"
            r"(thing|problem|issue|big deal)\b"
        ),
        "notaproblem",
    ),
    (re.compile(r"\b(i )?wish i\b"), "longing"),
    (re.compile(r"\b(lay|laid|lays) (a )?finger on\b"), "layfinger"),
    (re.compile(r"\b(make|makes|made|making) jokes (about|of)\b"), "mock"),
    (re.compile(r"\bagainst me\b"), "harmevent"),
    (re.compile(r"\b(a|an|big|massive|huge|another|such a) w\b"), "takew"),
    (re.compile(r"\b(a|an|big|massive|huge|another|such an) l\b"), "takel"),
    (
        re.compile(
            r"\b(hasnt|havent|hadnt|has not|have not|not) (eaten|had (any )?(food|heating|a meal"
            r"|dinner|breakfast|lunch))\b"
        ),
        "hungry",
    ),
    (re.compile(_RESOLVED), "resolved"),
    (re.compile(r"\bwell\s*(?=[.!?,;]|$)"), "wellend"),
    (re.compile(_HELP), "helpok"),
    # one rule per alternative, so the prefilter runs only the ones whose words occur
    *((re.compile(branch), "harmevent") for branch in split_alternatives(_HARM_EVENT)),
    (re.compile(r"\bwould (like|love)\b"), "wouldlike"),
    # an answer opening on a bare imperative is a suggestion ("teach us...", "keep it open")
    (re.compile(r"^\W*(keep|teach|put|let|give|add|bring|install|hire|stop|open)\b"), "pls \\1"),
    (re.compile(r"\b(can|could) (we|you|there|they|the school|teachers)\b"), "canwe"),
    (
        re.compile(
            r"\bwish(?= (the|they|teachers?|school|people|someone|there|we|more|it|staff)\b)"
        ),
        "wishfor",
    ),
    (re.compile(r"\blooking over my shoulder\b|\bon edge\b|\bon my guard\b"), "uneasy"),
    (re.compile(r"\b(take|takes|took|taking) (ages|forever|so long|too long)\b"), "toolong"),
    (re.compile(r"\bused to\b"), "usedto"),
    (re.compile(r"\b(last|previous) (year|term)\b|\bin primary\b"), "lastyear"),
    (re.compile(r"\b(years?|months?|weeks?) ago\b"), "agotime"),
    (re.compile(r"\bwhen i was\b"), "whenwas"),
    (re.compile(r"\b(not|no) (any ?more|longer)\b"), "not"),
    # sarcasm: praise that means the opposite
    (re.compile(r"\b(i |gotta |got to )?love (how|that for us|it when)\b"), "sarcasm"),
    (re.compile(r"\boh (great|wow|brilliant|lovely|perfect|amazing|yeah|joy|yay)\b"), "sarcasm"),
    (re.compile(r"^\W*(yeah|ye|yh) (cos|coz|cuz|because|right)\b|\byeah right\b"), "sarcasm"),
    (re.compile(r"\bonly took (\w+ ){0,2}(years?|months?|weeks?|ages|forever)\b"), "sarcasm"),
    (re.compile(r"\bthanks for nothing\b"), "sarcasm"),
    (re.compile(r"\b(is|its|was|are) (such a|an absolute|a total|a complete|a) joke\b"), "ajoke"),
    (re.compile(r"\bdying to (go|see|get|try|know|meet|have|do|start|visit)\b"), "eager"),
    (re.compile(r"\bbest (mate|mates|friend|friends|fren|bestie)\b"), "bestfriend"),
    (
        re.compile(
            r"\b(lessons?|assembl(y|ies)|talks?|workshops?|videos?|documentar(y|ies)|speakers?"
            r"|presentations?|learn(t|ed|ing)?|taught|teach(es|ing)?|pshe|rshe|rse)"
            r" (on|about|around|into|regarding)\b"
            r"|\b(talk(s|ed)?|plays?|films?|heard|read|saw|news) (from|about|on|that)\b"
            r"|\b(on|in) the news\b|\blearn(t|ed) (that|you|how)\b"
        ),
        "topicabout",
    ),
    (re.compile(r"\bim (dead|deceased)\b(?= (lol|lmao|haha|bruh|that|this|at)\b)"), "deadfunny"),
)
_PHRASES_ASCII = tuple((re.compile(p.pattern, re.ASCII), repl) for p, repl in _PHRASES)
_APOSTROPHES = str.maketrans("", "", "\u2019\u2018'`")
_NEGATION_SCOPE = 4
_DISCLOSURE = -0.6
"""The polarity of a disclosure of harm, averaged in like one more (strong) sentiment word."""
_DISCLOSURE_WEIGHT = 1.5
_AFTER_CONTRAST_WEIGHT = 2.0
THRESHOLD = 0.1
"""|polarity| above this is positive or negative; the same cut as the plain-TextBlob baseline."""
_BAND_EDGE = THRESHOLD + 0.0001
"""The weakest polarity a positive or negative label overruling the rules is given."""


class Sentiment(msgspec.Struct, frozen=True):
    """A label and the polarity in [-1, 1] it came from."""

    label: Literal["negative", "neutral", "positive"]
    polarity: float


def label_for(polarity: float) -> Literal["negative", "neutral", "positive"]:
    """The label for a polarity score."""
    if polarity > THRESHOLD:
        return "positive"
    if polarity < -THRESHOLD:
        return "negative"
    return "neutral"


@lru_cache(maxsize=1)
def _data() -> dict:
    return tomllib.loads(_DATA.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _special() -> frozenset[str]:
    """Every token _clause_scores() does more with than count down the scopes."""
    words, intensifiers, negators, _ = _lexicon()
    polar = {w for w, p in words.items() if p}
    return frozenset({"topicabout", "well", *_SCOPE_END, *negators, *intensifiers, *polar})


@lru_cache(maxsize=1)
def _transparent() -> frozenset[str]:
    """Words that do not use up the negation scope: in "no one at home would ever hurt me" the
    negation still reaches "hurt" (see ``[negation] transparent`` in the data)."""
    return frozenset(_data()["negation"]["transparent"])


@lru_cache(maxsize=1)
def _topics() -> frozenset[str]:
    """Words that only name the topic after "a lesson on", "we learnt about" (see the data)."""
    return frozenset(_data()["topics"]["words"])


@lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, float], dict[str, float], frozenset[str], frozenset[str]]:
    """TextBlob's word polarities overlaid with ours; loaded once, never mutating TextBlob's."""
    from textblob.en import sentiment as pattern

    if not dict.__len__(pattern):
        pattern.load()
    words = {w: float(pos[None][0]) for w, pos in dict.items(pattern) if None in pos}
    data = _data()
    words.update({w: float(p) for w, p in data["words"].items()})
    intensifiers = {w: float(m) for w, m in data["intensifiers"].items()}
    negators = frozenset(data["negators"]["words"])
    return words, intensifiers, negators, frozenset(data["negation"]["cancels"])


@lru_cache(maxsize=1)
def _phrase_gate() -> LiteralGate:
    return LiteralGate((i, pattern.pattern) for i, (pattern, _) in enumerate(_PHRASES))


def _prepare(text: str) -> str:
    """Placeholders out, lower case, apostrophes folded: what the phrase rules read."""
    if "[" in text:
        text = PLACEHOLDER.sub(" ", text)
    text = text.lower()
    if text.isascii():  # the same as translate(), much faster
        return text.replace("'", "").replace("`", "")
    return text.translate(_APOSTROPHES)


def _tokens(text: str) -> list[str]:
    """Lower-cased word and punctuation tokens, with the phrase rules applied in order.

    Only the phrase rules whose required words occur in the answer run (one scan finds them).
    """
    return _tokens_of(_prepare(text))


def _tokens_of(text: str) -> list[str]:
    candidates = _phrase_gate().open_keys(text)
    if candidates:
        # ASCII answers (most) use the rules compiled with re.ASCII: the same matches, with word
        # boundaries tested by table instead of the Unicode database.
        rules = _PHRASES_ASCII if text.isascii() else _PHRASES
        for i in sorted(candidates):  # the rules run in their order
            pattern, repl = rules[i]
            text = pattern.sub(repl, text)
    return _TOKEN.findall(text)


def score_sentiment(
    text: str, lang: str, *, concern: Concern | None = None
) -> Sentiment | None:
    """Score an English answer; ``None`` for any other language (needs translation first).

    The answer is cut into clauses (at punctuation, contrast words and subordinating words).
    Each clause's known words are averaged in, after negation and intensifiers; a clause after
    "but" counts double, a clause about the past ("used to", "last year") half, a request
    ("there should be", "can we") little. A clause that only negates ("..., but not on the
    bus") reverses the clause before it. An answer a concern pattern flags counts one more
    strongly negative word: a child describing harm is not neutral about it (a flag of the
    statistical screen alone does not: it is a guess from words, and "i dont carry a knife" is
    among its guesses). ``concern`` is the screen's result when the caller already has it (the
    pipeline does); otherwise it is screened.

    The label is the trained model's (:mod:`analysis.sentiment_model`), which reads the words
    and the rules' result. The polarity is the rules' when the model agrees with their label
    (so their intensity is kept: "bare scary" below "scary"); when it overrules them, it is the
    model's P(positive) - P(negative), moved just inside the label's band if it lies outside.
    Either way it is in [-1, 1] and ``label_for(polarity)`` gives the label back.
    """
    if lang != "en":
        return None
    if concern is None:
        from analysis.concern import screen_concern  # concern needs sentiment only lazily

        concern = screen_concern(text, lang)
    rules = _score(text, disclosure=concern.flagged and not concern.statistical)
    label, lean = model_sentiment(text, rules.label, rules.polarity)
    if label == rules.label:
        return rules
    # The model overrules the rules: its lean, kept inside the band label_for() gives the label.
    if label == "positive":
        polarity = max(lean, _BAND_EDGE)
    elif label == "negative":
        polarity = min(lean, -_BAND_EDGE)
    else:
        polarity = max(-THRESHOLD, min(THRESHOLD, lean))
    return Sentiment(label, round(polarity, 4))


def rule_sentiment(text: str, *, disclosure: bool) -> Sentiment:
    """The rules' score alone (what the model reads; ``disclosure``: a concern pattern flags the
    answer)."""
    return _score(text, disclosure=disclosure)


def lexical_sentiment(text: str) -> Sentiment:
    """The English score from the rules' words alone, without the concern screen or the trained
    model (used by that screen, whose wider nets were tuned on it)."""
    return _score(text, disclosure=False)


def _score(text: str, *, disclosure: bool) -> Sentiment:
    total, weight = _word_scores(_prepare(text))
    if disclosure:
        total += _DISCLOSURE_WEIGHT * _DISCLOSURE
        weight += _DISCLOSURE_WEIGHT
    polarity = round(total / weight, 4) if weight else 0.0
    return Sentiment(label_for(polarity), polarity)


_LAST: tuple[str, tuple[float, float]] = ("", (0.0, 0.0))
"""The last answer scored: the concern screen's family net and the pipeline score the same
answer one after the other (one tuple, replaced whole, so threads never see half of it)."""


def _word_scores(prepared: str) -> tuple[float, float]:
    """The weighted sum of the answer's sentiment words and the sum of their weights."""
    global _LAST
    last = _LAST
    if last[0] == prepared:
        return last[1]
    words, intensifiers, negators, cancels = _lexicon()
    total = weight = 0.0
    clause_weight = 1.0
    previous: float | None = None
    tokens = _tokens_of(prepared)
    ironic = "sarcasm" in tokens  # "they fixed it, only took three years": the praise is ironic
    for clause, after_contrast in _clauses(tokens):
        scores = _clause_scores(clause, words, intensifiers, negators, cancels)
        if ironic:
            scores = [-p if p > 0 else p for p in scores]
        if after_contrast:
            clause_weight = _AFTER_CONTRAST_WEIGHT
        factor = clause_weight if _PAST.isdisjoint(clause) else clause_weight * _PAST_WEIGHT
        if clause[0] in _SUBORDINATE:
            factor *= _PAST_WEIGHT
        damping = 1.0 if _REQUEST.isdisjoint(clause) else _REQUEST_DAMPING
        if not scores and clause and clause[0] in ("not", "never"):
            if after_contrast and previous:
                scores = [-previous]  # "safe at school but not on the bus"
        elif len(clause) > 1 and clause[-1] in _AUX_NEGATORS:
            # "...but the walk home isnt"; "some places are safe and some arent"
            scores = [*scores, -scores[-1]] if scores else [_DANGLING_NEGATION]
        if scores:
            total += factor * damping * sum(scores)
            weight += factor * len(scores)
            previous = sum(scores) / len(scores)
    _LAST = (prepared, (total, weight))
    return total, weight


def _clauses(tokens: list[str]) -> list[tuple[list[str], bool]]:
    """Clauses of an answer, each with whether a contrast word ("but") opened it."""
    out: list[tuple[list[str], bool]] = []
    current: list[str] = []
    contrast = False
    for tok in [*tokens, "."]:
        if tok in ".!?;:," or tok in _CONTRAST or tok in _CLAUSE_START:
            if current:
                out.append((current, contrast))
            current, contrast = ([tok] if tok in _CLAUSE_START else []), tok in _CONTRAST
            continue
        if tok == "resolved" and current:
            out.append((current, contrast))  # "...and she sorted it": the outcome judges
            current, contrast = [tok], True
            continue
        if tok == "now" and current and any(not _PAST.isdisjoint(c) for c, _ in out):
            out.append((current, contrast))  # "it used to be bad, now its fine"
            current, contrast = [], True
            continue
        current.append(tok)
    return out


def _clause_scores(
    clause: list[str],
    words: dict[str, float],
    intensifiers: dict[str, float],
    negators: frozenset[str],
    cancels: frozenset[str],
) -> list[float]:
    """Polarities of the sentiment words of one clause, after negation and intensifiers."""
    transparent, topics, special = _transparent(), _topics(), _special()
    scores: list[float] = []
    negate = 0
    boost, boost_left = 1.0, 0
    topic = False
    for i, tok in enumerate(clause):
        if tok not in special:  # most words: no polarity, no rule of their own
            if negate and tok not in transparent:
                negate -= 1
            if boost_left:
                boost_left -= 1
            continue
        if tok == "topicabout":
            topic = True  # "a lesson on grooming": what follows is named, not judged
            continue
        if tok in _SCOPE_END:
            negate = 0
        if tok in negators:
            negate = _NEGATION_SCOPE
            continue
        if tok == "well" and i and clause[i - 1] not in ("as", "oh", "very"):
            nxt = clause[i + 1] if i + 1 < len(clause) else ""
            if not words.get(nxt) and nxt not in intensifiers:
                tok = "wellend"  # "it went well today": an adverb, not "well safe"
        if tok in intensifiers:
            boost, boost_left = intensifiers[tok], 2
            continue
        polarity = words.get(tok)
        if polarity and topic and tok in topics:
            polarity = 0.0
        if polarity:
            if boost_left:
                polarity = max(-1.0, min(1.0, polarity * boost))
            if negate:
                polarity = 0.0 if tok in cancels else -0.5 * polarity
            scores.append(polarity)
            negate, boost_left = 0, 0
            continue
        if negate and tok not in transparent:
            negate -= 1
        if boost_left:
            boost_left -= 1
    return scores

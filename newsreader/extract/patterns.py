"""Credit, boilerplate and promo patterns shared by the HTML and pasted-text extractors.

Pure functions over one line of already-cleaned text, plus the DATA they use.
Both :mod:`newsreader.extract.html` and :mod:`newsreader.extract.text` import
from here, so the public names below are stable:

* :func:`split_credit` — ``"Caption. Photo: Jane Roe/Agency"`` →
  ``("Caption.", "Jane Roe/Agency")``.
* :func:`is_boilerplate` — ``True`` for "Advertisement", "Read more", "Share",
  newsletter and session-timeout prompts, privacy notices and the like.
* :func:`is_attribution` — ``True`` for footers such as "With files from …".
* :func:`parse_promo` — ``"WATCH | Title: description"`` → ``("watch", "Title", "description")``.

The tables they read (credit agencies, boilerplate lines and patterns, toolbar
words) are data in :mod:`newsreader.extract.rules`, compiled once at import; to
teach them a new form, add to a table there. :class:`Boilerplate` compiles a
test from other tables (a test, or a tool that wants its own list).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from newsreader.extract.rules import (
    AGENCY_WORDS,
    BOILERPLATE_ANYWHERE,
    BOILERPLATE_LINES,
    BOILERPLATE_MAX_CHARS,
    BOILERPLATE_MAX_WORDS,
    BOILERPLATE_START,
    CONFUSABLES,
    FEED_FURNITURE_START,
    PATTERN_REGIONS,
    REGIONS,
    UI_WORDS,
)

__all__ = [
    "AGENCY_WORDS",
    "ATTRIBUTION_PATTERNS",
    "BOILERPLATE_LINES",
    "BOILERPLATE_MAX_CHARS",
    "BOILERPLATE_MAX_WORDS",
    "BOILERPLATE_PATTERNS",
    "CREDIT_LABELS",
    "PROMO_PATTERNS",
    "UI_WORDS",
    "Boilerplate",
    "fold_confusables",
    "is_attribution",
    "is_boilerplate",
    "normalise_line",
    "parse_promo",
    "region_end",
    "split_credit",
]

# --------------------------------------------------------------------------- credits

# A label must start the text or follow a space / sentence end; it is matched
# case-insensitively. The credit is everything after the label.
_LABEL_START = r"(?:^|(?<=[\s.!?;,(\[|—–-]))"
CREDIT_LABELS: tuple[re.Pattern[str], ...] = (
    # "Photo:", "Photograph:", "Photos:", "PHOTO :", "Photo credit:", "Image:", "Credit:"
    re.compile(
        _LABEL_START + r"(?:photo(?:graph)?s?|pictures?|pic|images?|illustrations?|graphic"
        r"|(?:photo|image|picture)\s+credits?|credits?"
        # German, French, Spanish, Italian, Dutch: "Foto:", "Bild:", "Crédit :", "Fotografía:"
        r"|fotos?|bild(?:er)?|crédits?(?:\s+photo)?|fotograf(?:ía|ia|ie)|illustration)\s*:\s*",
        re.IGNORECASE,
    ),
    # "© Jane Roe", "©Agency" (a copyright sign, then the holder)
    re.compile(_LABEL_START + r"©\s*(?=[^\W\d])"),
    # "Photo by Jane Roe", "Photograph by …", "Image by …", "Illustration by …"
    re.compile(
        _LABEL_START + r"(?:photo(?:graph)?|picture|image|illustration)s?\s+by\s+",
        re.IGNORECASE,
    ),
    # "Photo courtesy of …", "Image courtesy …"
    re.compile(
        _LABEL_START + r"(?:photo(?:graph)?|picture|image)s?\s+courtesy(?:\s+of)?\s+",
        re.IGNORECASE,
    ),
)

_PAREN_WORDS = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")
_SLASH_BETWEEN_WORDS = re.compile(r"[\w).]\s*/\s*\w")
_MAX_PAREN_CREDIT = 120
CREDIT_MIN_CAPTION_WORDS = 3


def _strip_edges(text: str) -> str:
    return text.strip(" \t\n|—–-,;")


def _paren_tail(text: str) -> tuple[int, str] | None:
    """The start index and inner text of a balanced "(…)" that ends ``text``."""
    if not text.endswith(")"):
        return None
    depth = 0
    for index in range(len(text) - 1, max(-1, len(text) - _MAX_PAREN_CREDIT - 3), -1):
        char = text[index]
        if char == ")":
            depth += 1
        elif char == "(":
            depth -= 1
            if depth == 0:
                return index, text[index + 1 : -1].strip()
    return None


def _looks_like_credit(inner: str) -> bool:
    """Whether the inside of a trailing parenthesis reads as a photo credit."""
    if not inner or len(inner) > _MAX_PAREN_CREDIT or not inner[0].isupper():
        return False
    if inner.endswith((".", "!", "?")) and " " in inner and "/" not in inner:
        return False  # a sentence in brackets
    if _SLASH_BETWEEN_WORDS.search(inner):
        return True
    folded = inner.casefold()
    if any(label.match(inner) for label in CREDIT_LABELS):
        return True
    words = _PAREN_WORDS.findall(folded)
    if not words or len(words) > 12:
        return False
    agencies = AGENCY_WORDS
    joined = " ".join(words)
    if any(word in agencies for word in words):
        return True
    return any(" " in agency and f" {agency} " in f" {joined} " for agency in agencies)


def _caption_before(text: str) -> bool:
    """Whether ``text`` can be the caption before a credit label: nothing, a sentence, or
    at least ``CREDIT_MIN_CAPTION_WORDS`` words ("In pictures: …" is a title, not a credit)."""
    text = text.strip()
    return (
        not text
        or text.endswith((".", "!", "?", "|", "—", "–", ")"))
        or len(_PAREN_WORDS.findall(text)) >= CREDIT_MIN_CAPTION_WORDS
    )


def split_credit(text: str) -> tuple[str, str]:
    """Split a caption from its photo credit: ``(caption, credit)``.

    Recognised forms (labels are case-insensitive, the label itself is dropped):
    "… Photo: NAME", "… Photograph: Name/Agency", "Credit: …", "Image: …",
    "PHOTO : AGENCY / NAME", "… Photo by Name", "Photo courtesy of …", and a
    trailing parenthesis that holds a slash ("(Name/Agency)",
    "(Name, Name/Agency/Getty Images)") or a photo agency ("(Reuters)",
    "(Photo: Name)"). Text without a credit comes back as ``(text, "")``.
    """
    text = text.strip()
    if not text:
        return "", ""
    tail = _paren_tail(text)
    if tail is not None:
        start, inner = tail
        if _looks_like_credit(inner):
            credit = inner
            for label in CREDIT_LABELS:
                found = label.match(credit)
                if found:
                    credit = credit[found.end() :]
                    break
            credit = _strip_edges(credit)
            if credit:
                return _strip_edges(text[:start]), credit
    best: re.Match[str] | None = None
    for label in CREDIT_LABELS:
        found = label.search(text)
        if found and not _caption_before(text[: found.start()]):
            continue
        if found and (best is None or found.start() < best.start()):
            best = found
    if best is not None:
        credit = _strip_edges(text[best.end() :])
        if credit:
            return _strip_edges(text[: best.start()]), credit
    return text, ""


# ----------------------------------------------------------------------- boilerplate

BOILERPLATE_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(source)
    for source in (*BOILERPLATE_START, *FEED_FURNITURE_START, *BOILERPLATE_ANYWHERE)
)
"""The boilerplate patterns, compiled one by one (:class:`Boilerplate` joins them)."""

_UI_FILLER = frozenset({"this", "story", "article", "on", "and", "link"})
_TRAILING = " \t.:;,!…|»›>-–—·•"
_WORD = re.compile(r"[\w'’-]+")
_BAR = re.compile(r"\s*[|·•]\s*")


_CONFUSABLE_TABLE = str.maketrans(CONFUSABLES)
_LOOKS = "".join(CONFUSABLES)
_CONFUSABLE = re.compile(f"[{_LOOKS}]")
# A word that mixes Latin letters with look-alikes; a word made of Latin letters and
# look-alikes only (any mix, or look-alikes alone).
_MIXED_WORD = re.compile(f"(?<!\\w)(?=[A-Za-z{_LOOKS}]*[A-Za-z])(?=[A-Za-z{_LOOKS}]*[{_LOOKS}])"
    f"[A-Za-z{_LOOKS}]+(?!\\w)")  # fmt: skip
_LATIN_LOOKING_WORD = re.compile(f"(?<!\\w)[A-Za-z{_LOOKS}]+(?!\\w)")


def fold_confusables(text: str) -> str:
    """``text`` with Cyrillic/Greek look-alike letters folded to Latin, when it spells Latin.

    Once a word mixes Latin letters with look-alikes ("Соntасt"), the text is Latin text
    in disguise and every word made of Latin letters and look-alikes is folded
    ("Соntасt uѕ" → "Contact us"); text without such a word (Russian, Greek, or Latin with
    a Cyrillic name in it) comes back unchanged.
    """
    if not _CONFUSABLE.search(text) or not _MIXED_WORD.search(text):
        return text
    return _LATIN_LOOKING_WORD.sub(lambda m: m.group(0).translate(_CONFUSABLE_TABLE), text)


def normalise_line(line: str) -> str:
    """A line as the boilerplate tables expect it: look-alike letters folded, casefolded,
    single-spaced, no trailing punctuation."""
    line = fold_confusables(line)
    return " ".join(line.split()).casefold().strip(_TRAILING).replace("’", "'")


_PATTERN_REGIONS = tuple((re.compile(a), re.compile(b)) for a, b in PATTERN_REGIONS)


def region_end(norm: str) -> Callable[[str], bool] | None:
    """The test for the last line of a boilerplate region that ``norm`` starts, if it starts one.

    ``norm`` and the lines given to the test are in :func:`normalise_line`'s form.
    """
    for start, end in REGIONS:
        if norm == start:
            return end.__eq__
    for start_pattern, end_pattern in _PATTERN_REGIONS:
        if start_pattern.match(norm):
            return lambda line, end=end_pattern: end.match(line) is not None  # type: ignore[misc]
    return None


def _either(sources: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern matching what any of ``sources`` matches, or ``None`` for none."""
    return re.compile("|".join(f"(?:{s})" for s in sources)) if sources else None


class Boilerplate:
    """A test for page chrome, compiled once from its tables (see :func:`is_boilerplate`)."""

    __slots__ = ("anywhere", "lines", "start", "ui_words")

    def __init__(
        self,
        lines: tuple[str, ...] = BOILERPLATE_LINES,
        start: tuple[str, ...] = (*BOILERPLATE_START, *FEED_FURNITURE_START),
        anywhere: tuple[str, ...] = BOILERPLATE_ANYWHERE,
        ui_words: tuple[str, ...] = UI_WORDS,
    ) -> None:
        self.lines = frozenset(lines)
        self.start = _either(start)  # tried once, at position 0
        self.anywhere = _either(anywhere)
        self.ui_words = frozenset(ui_words)

    def __call__(self, line: str) -> bool:
        """Whether ``line`` is boilerplate by these tables."""
        if len(line) > BOILERPLATE_MAX_CHARS:
            return False
        norm = normalise_line(line)
        if not norm:
            return True  # whitespace only (non-breaking spaces included)
        if norm in self.lines:
            return True
        if norm.count(" ") >= BOILERPLATE_MAX_WORDS:
            return False
        if norm.count(" ") < 8:
            words = _WORD.findall(norm)
            if words and all(word in self.ui_words for word in words):
                return any(word not in _UI_FILLER for word in words)
        if self.start is not None and self.start.match(norm):
            return True
        if self.anywhere is not None and self.anywhere.search(norm) is not None:
            return True
        # A bar of links: "Unsubscribe | Update your preferences | Privacy policy", "Listen · 5:32".
        parts = _BAR.split(norm)
        return len(parts) > 1 and all(part and self(part) for part in parts)


_BOILERPLATE = Boilerplate()


def is_boilerplate(line: str) -> bool:
    """Whether one line (or paragraph) of cleaned text is page chrome, not article text.

    Covers ad labels ("Advertisement"), "Read more"/"Related: …" promos,
    share/save toolbars, newsletter sign-ups, log-in and session-timeout
    prompts, privacy/cookie notices and "Reuse this content". Lines longer
    than ``BOILERPLATE_MAX_WORDS`` words are never boilerplate.
    """
    return _BOILERPLATE(line)


# ----------------------------------------------------------------------- attribution

ATTRIBUTION_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"^[-—–\s]*with (?:files|reporting) from\b", re.IGNORECASE),
    re.compile(r"^[-—–\s]*\(?with (?:files|reporting|additional reporting) (?:from|by)\b", re.I),
    re.compile(r"^[-—–\s]*(?:additional )?reporting by\b.{0,200}\Z", re.IGNORECASE),
)


def is_attribution(line: str) -> bool:
    """Whether a short line is a footer crediting sources ("With files from The Wire")."""
    if len(line) > 300 or (
        "with" not in line[:40].lower() and "reporting" not in line[:40].lower()
    ):
        return False
    return any(pattern.match(line) for pattern in ATTRIBUTION_PATTERNS)


# ---------------------------------------------------------------------------- promos

# "WATCH | title", "LISTEN | title", "VIDEO | title" (any case); "WATCH: title"
# and "LISTEN: title" only in capitals (a sentence may begin "Listen: …").
PROMO_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"^\s*(watch|listen|video|audio|podcast)\s*\|\s*", re.IGNORECASE),
    re.compile(r"^\s*(WATCH|LISTEN|VIDEO|AUDIO|PODCAST)\s*:\s*"),
    re.compile(r"^\s*(?:media caption,\s*)(watch|listen)\s*:\s*", re.IGNORECASE),
)
_PROMO_SPLIT = re.compile(r"\s*(?::|\||\s[—–-])\s+")


def parse_promo(line: str) -> tuple[str, str, str] | None:
    """Read a video/audio promo line: ``(kind, title, description)`` or ``None``.

    ``kind`` is the casefolded label ("watch", "listen", …). The title runs to
    the first ": ", " | " or " — "; the rest is the description (may be empty,
    when the description follows in the next paragraph).
    """
    for pattern in PROMO_PATTERNS:
        found = pattern.match(line)
        if found:
            rest = line[found.end() :].strip()
            parts = _PROMO_SPLIT.split(rest, maxsplit=1)
            title = parts[0].strip(_TRAILING.replace(".", "").replace("!", ""))
            description = parts[1].strip() if len(parts) > 1 else ""
            if rest.endswith(":") and len(parts) == 1:
                title = rest[:-1].strip()
            return found.group(1).casefold(), title, description
    return None


# ------------------------------------------------------------------ saved pages

# Class tokens of an element that is a figure (an image with its caption and credit)
# when it is not a <figure>; a token with the word "figure" counts too.
FIGURE_CLASSES = frozenset({"wp-caption", "figure", "image-with-caption", "media-with-caption"})

# Labels of a related-links box or a teaser line on saved pages, in the languages the
# corpus of real pages has (en, de, es, pt, fr, it, pl). Whole lines, as normalise_line
# gives them (casefolded, trailing punctuation and spaces removed): a heading or short
# paragraph that is one of these is dropped with the teasers that follow it.
RELATED_LABEL_LINES: tuple[str, ...] = (
    "related posts",
    "recent posts",
    "popular posts",
    "latest news",
    "more news",
    "you may also be interested in",
    "auch interessant",
    "ebenfalls interessant",
    "das könnte sie auch interessieren",
    "das könnte dich auch interessieren",
    "das thema könnte dich auch interessieren",
    "das könnte sie interessieren",
    "schon gelesen",
    "mehr themen",
    "mehr zum thema",
    "weitere themen",
    "weitere artikel",
    "weitere beiträge",
    "weitere nachrichten",
    "weitere meldungen",
    "ähnliche beiträge",
    "ähnliche artikel",
    "empfohlene beiträge",
    "empfohlene artikel",
    "neueste beiträge",
    "beliebte beiträge",
    "letzte beiträge",
    "auch lesen",
    "lesen sie auch",
    "vorschau auf den nächsten artikel",
    "contenido relacionado",
    "noticias relacionadas",
    "le puede interesar",
    "te puede interesar",
    "también te puede interesar",
    "lea también",
    "lee también",
    "temas",
    "leia também",
    "veja também",
    "à lire aussi",
    "lire aussi",
    "leggi anche",
    "czytaj też",
    "czytaj także",
    "zobacz też",
    "zobacz także",
    "notas relacionadas",
    "meistgelesene artikel",
    "meistdiskutierte artikel",
    "kommentierte artikel",
    "weitere artikel zum thema",
    "zum weiterlesen",
    "beiträge aus dem forum",
    "lust auf mehr",
    "meist-diskutiert",
    "inhaltsverzeichnis",
)
# The same labels by their shape (matched on normalise_line's form of a line of at most
# RELATED_LABEL_MAX_CHARS): "more/other/similar … articles/stories/topics …" ("Weitere
# aktuelle Themen aus der Wirtschaft", "Other stories from the valley"), "also on / more
# on <site>" ("Auch auf example.org", "Más sobre El Diario") and most-read boxes.
RELATED_LABEL_MAX_CHARS = 60
RELATED_LABEL = re.compile(
    r"^(?:weitere|mehr|ähnliche|verwandte|passende|neueste|beliebte|more|other|similar"
    r"|related|recent|latest|popular|otras|otros|más|mais|outras|outros|autres|altri|altre"
    r"|więcej|inne|podobne)\b[\w\s'’-]{0,40}?\b(?:artikel|beiträge|beitrag|themen|thema|nachrichten"
    r"|meldungen|news|stories|posts|articles|geschichten|reads|noticias|notas|artículos|temas"
    r"|notícias|matérias|sujets|notizie|articoli|artykuły|wiadomości)\b[\w\s.'’-]{0,40}$"
    r"|^(?:auch|mehr|more|also|más|mais|plus) (?:auf|bei|von|on|at|from|en|sobre|sur|em)"
    r" [\w.'’-]+(?: [\w.'’-]+){0,3}$"
    r"|^(?:meist(?:gelesen|diskutiert|kommentiert|geteilt)\w*|most (?:read|popular|viewed"
    r"|shared|commented)|lo más (?:leído|visto)|más (?:leíd|vist)\w*|najczęściej \w+"
    r"|les plus lus)\b"
)
# A paragraph that starts with one of these labels and a colon (or "|", "»") is a teaser
# link to another story; matched on the casefolded text.
TEASER_PREFIX = re.compile(
    r"^(?:lea(?: también| más| además)?|le puede interesar|te puede interesar|mire|vea"
    r"|ver también|lee también|leia também|leia mais|veja também|à lire aussi|lire aussi"
    r"|voir aussi|auch lesen|lesen sie auch|lesen sie mehr|mehr zum thema|siehe auch"
    r"|auch interessant|czytaj (?:też|także|więcej)|zobacz (?:też|także)|leggi anche"
    r"|also read|read also|you may also like|recommended|schon gelesen|mehr themen"
    r"|weitere beiträge aus [^:]{1,40}|top-themen bei [^:]{1,40}|vea también|mira|puedes ver"
    r"|más sobre [^:]{1,40}|mehr zum thema auf [^:]{1,40}|lesen sie auch die folgenden beiträge"
    r"|weitere informationen zu[mr]? [^:]{1,60})\s*[:|»›>?]"
)
# Paragraphs of page furniture on saved pages by how they begin, up to
# PAGE_FURNITURE_LEAD_MAX_CHARS long: a copyright notice, an advertising pitch.
PAGE_FURNITURE_LEAD_MAX_CHARS = 480
PAGE_FURNITURE_LEAD = re.compile(
    r"^(?:©|advertise (?:with|on) |werben sie (?:bei|mit|auf) |anúnciate (?:con|en) )"
)
# Short paragraphs of page furniture on saved pages: copyright lines, follow-us prompts,
# log-in notices, bare photo credits. Searched in the casefolded text of a paragraph of at
# most PAGE_FURNITURE_MAX_CHARS characters.
PAGE_FURNITURE_MAX_CHARS = 240
PAGE_FURNITURE_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"^(?:©|\(c\)\s|copyright\b)"),
    re.compile(r"\b(?:all rights reserved|alle rechte vorbehalten|todos los derechos reservados)"),
    re.compile(r"\b(?:copyrighted property|written permission must be obtained)\b"),
    re.compile(r"^(?:síguenos|siguenos|folgen sie uns|follow us|únete|suivez-nous)\b"),
    re.compile(r"\bsie sind (?:aktuell |derzeit )?nicht (?:eingeloggt|angemeldet)\b"),
    re.compile(
        r"^(?:foto|fotos|bild|bilder|photo|photos|titelbild|kuva|quelle|source)\s?:\s?"
        r"\S[^.!?]{0,60}$"
    ),
    re.compile(r"^(?:anzeige|werbung)\s?[-:–|]"),
    re.compile(r"^(?:teilen mit|wird geladen|share this)\b"),
    re.compile(r"\bnewsletter\b.{0,80}\b(?:anmelden|abonnieren|erhalten|suscríbete|inscrivez)"),
    re.compile(r"^(?:mit unserem|unser) newsletter\b"),
    re.compile(
        r"^(?:to view the full story|to continue reading|pour lire la suite"
        r"|pour accéder en illimité|weiterlesen mit)\b"
    ),
    re.compile(r"^(?:never miss|don't miss) (?:the latest|a story|out)\b"),
    re.compile(r"^subscribe now\b|^for the latest stories\b|^follow (?:the |us )?[\w ]{1,40} on "),
    re.compile(
        r"^(?:keine kommentare|kommentare insgesamt|bewerten|kategorie|category|beitragsbild"
        r"|letzte änderung|aktualisiert am|last modified|release date|veröffentlichung"
        r"|credit|crédits? photos?)\s?(?::|$)"
    ),
    # a date label and its date: "Aktualisiert am 3.4.2026", "Last updated: 12/05/2026"
    re.compile(
        r"^(?:zuletzt |last |date )?(?:aktualisiert|geändert|veröffentlicht|erstellt|modified"
        r"|updated|published|posted)(?: am| on)?\s?:?\s?\d{1,4}[./ -]\s?\w{1,9}[./ -]\s?\d{2,4}"
        r"[\d:., h-]{0,12}(?:uhr)?$"
    ),
    # a way back or on: "« Zurück zur Übersicht", "Back to the newsroom", "Next article"
    re.compile(
        r"^[«‹<←\s]*(?:zurück (?:zu[mr]?|zur|nach|in die|in den)|back to|volver a|retour (?:à|aux?)"
        r"|torna(?:re)? a)(?: the| la| el| les?| l'| il)? (?:\w+[ -])?(?:übersicht|liste"
        r"|listenansicht|startseite|home|homepage|newsroom|top|overview|index|list|archive?"
        r"|archiv|news|nachrichten|blog|veranstaltungen|events|termine|inicio|portada|accueil"
        r"|sommaire|articles?|artikel|beiträge|stories|posts|noticias|kategorie|category)$"
        r"|^[.…\s]*weiter (?:zu[mr]?|zur|mit) [\"„“»«].{1,60}$"
        r"|^(?:nächster|vorheriger|next|previous|siguiente|anterior) (?:artikel|beitrag|post"
        r"|article|story|entry|noticia|artículo)$"
    ),
    # appeals to subscribe, become a member or support the site
    re.compile(
        r"^(?:support (?:us|our|independent|local)|unterstütze(?:n sie)? (?:uns|unser|unsere|die"
        r"|den|das)|hazte (?:miembro|socio)|become a (?:member|subscriber|supporter|patron)"
        r"|if you (?:enjoyed|liked|like|value|appreciate) (?:reading )?(?:this|our)"
        r"|gefällt (?:dir|ihnen|euch) (?:unser|unsere|dieser|dieses))\b"
    ),
    re.compile(r"\balready an? (?:subscriber|member)\b.{0,60}\blog ?in\b"),
    re.compile(
        r"^(?:anzeige|werbung), enthält affiliate|^this post contains references to products"
        r"|^we recommend the best products"
    ),
    # a date or a time alone: "23.10.2018", "19:49", "3:59 pm", "january 13"
    re.compile(r"^\d{1,4}[.:/-]\d{1,2}(?:[.:/-]\d{1,4})?\.?(?:\s*(?:am|pm|uhr|h))?$"),
    re.compile(
        r"^(?:january|february|march|april|may|june|july|august|september|october"
        r"|november|december) \d{1,2}(?:, \d{4})?$"
    ),
)

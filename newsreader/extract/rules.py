"""Word and pattern tables of the extractors: data, not code, each table once.

:mod:`.html` (feed and page HTML), :mod:`.text` (pasted text), :mod:`.patterns`
(credits, boilerplate, promos) and :mod:`.page` read these. Patterns are kept as
source strings and compiled once, where they are used; to teach an extractor a
new form, add to a table here (there is no run-time extension: nothing patches
these tables, and nothing caches by their identity).
"""

from __future__ import annotations

# ------------------------------------------------------------------------ HTML tags

# Elements dropped with everything inside them.
DROP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "form",
        "input",
        "button",
        "select",
        "textarea",
        "option",
        "label",
        "nav",
        "svg",
        "math",
        "canvas",
        "object",
        "embed",
        "applet",
        "map",
        "link",
        "meta",
        "head",
        "title",
        "dialog",
        "frameset",
        "frame",
    }
)
# Elements that end the running paragraph where they start and where they end.
BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "aside",
        "address",
        "center",
        "details",
        "summary",
        "dl",
        "dt",
        "dd",
        "li",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
        "caption",
        "pre",
        "hr",
        "body",
        "html",
        "hgroup",
        "blockquote",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
    }
)
# Inline elements that, without attributes, only contribute their text.
PLAIN_INLINE_TAGS = frozenset(
    {"em", "strong", "b", "i", "u", "s", "span", "sup", "sub", "mark", "abbr", "time", "q"}
    | {"code", "kbd", "var", "samp", "font", "strike", "ins", "del", "bdi", "bdo", "dfn"}
)
# Link cards (newsreader.extract.html.cards): the boxes that can be one, and the class
# parts that mark the card's title among its parts.
LINK_CARD_BOXES = frozenset({"figure", "div", "aside", "section"})
LINK_CARD_TITLE_PARTS = ("title", "headline")
# Preformatted text: kept line by line as a code block, never re-wrapped.
PRE_TAGS = frozenset({"pre", "xmp", "listing"})
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


# --------------------------------------------------------------- page furniture words

FURNITURE_WORDS = frozenset(
    {
        "ad",
        "ads",
        "advert",
        "advertisement",
        "newsletter",
        "outbrain",
        "paywall",
        "promo",
        "related",
        "share",
        "sharing",
        "signup",
        "social",
        "subscribe",
        "taboola",
    }
)
"""Class/id words that mark page furniture both in feed HTML and on saved pages."""

# Class/id words (split on - and _) that mark page furniture to remove from feed HTML.
JUNK_CLASS_WORDS = FURNITURE_WORDS | frozenset(
    {
        "adv",
        "adverts",
        "advertising",
        "adslot",
        "adunit",
        "dfp",
        "promos",
        "promotion",
        "newsletters",
        "subscription",
        "sharebar",
        "sponsored",
        "recirc",
        "recirculation",
    }
)
# Words in a class or id of a saved page (split on spaces, "-" and "_") that mark chrome.
CHROME_WORDS = FURNITURE_WORDS | frozenset(
    {
        "comment",
        "comments",
        "cookie",
        "cookies",
        "consent",
        "gdpr",
        "recommended",
        "recommendations",
        "more-stories",
        "sidebar",
        "rail",
        "breadcrumb",
        "breadcrumbs",
        "popup",
        "modal",
        "masthead",
        "site-header",
        "site-footer",
        "menu",
        "toolbar",
    }
)
# Saved pages: class/id words (split on spaces, "-" and "_") of an element INSIDE the story
# that make it a box of page furniture (tags, share and like bars, author boxes, teasers,
# call-to-action and disclosure boxes, the story's own footer): the text the chooser kept
# from it goes. Only elements below the element that holds the story are looked at, so
# layout words on the page's wrappers ("has-sidebar" on <body>) never count.
BOX_WORDS = (
    FURNITURE_WORDS
    | CHROME_WORDS
    | frozenset(
        {
            "tag",
            "tags",
            "tagged",
            "taglist",
            "tagcloud",
            "keywords",
            "topics",
            "footer",
            "meta",
            "disclaimer",
            "disclosure",
            "affiliate",
            "cta",
            "likes",
            "rating",
            "ratings",
            "subscription",
            "donate",
            "donation",
            "linkbox",
            "linklist",
            "authorbox",
            "pagination",
            "pager",
            # comments, in the languages class names on the corpus's sites are written in
            "kommentar",
            "kommentare",
            "comentarios",
            "commentaires",
            "komentarze",
        }
    )
)
# Substrings of a squashed class/id token (no "-" or "_") that mark the same.
BOX_PARTS = (
    "authorbox",
    "authorbio",
    "aboutauthor",
    "authorinfo",
    "linklist",
    "relatedpost",
    "cookie",
)
# Tags and ARIA roles of such boxes.
BOX_TAGS = frozenset({"footer", "aside", "nav", "menu", "form", "dialog"})
BOX_ROLES = frozenset(
    {"navigation", "banner", "complementary", "contentinfo", "search", "dialog", "alertdialog"}
)
# Substrings (after removing - and _) that mark the same.
JUNK_CLASS_PARTS = (
    "advert",
    "signup",
    "readmore",
    "newsletter",
    "outbrain",
    "taboola",
    "socialshare",
    "sharebutton",
    # blog engines' share/like widgets in feed bodies ("Share this:", "Like this: Loading…")
    "sharedaddy",
    "likeswidget",
)
# Class words that mark a credit inside a figure (and next to a bare image).
CREDIT_CLASS_PARTS = ("credit", "copyright", "byline", "attribution", "photographer", "rights")
CAPTION_CLASS_PARTS = ("caption",)
FIGURE_CLASS_WORDS = frozenset({"figure", "wp-caption"})

# Image URLs that are placeholders for a lazy-loaded image.
PLACEHOLDER_PARTS = (
    "placeholder",
    "blank.",
    "spacer.",
    "transparent.",
    "lazy",
    "grey.gif",
    "gray.gif",
    "loading.",
    "1x1.",
    "pixel.",
)
LAZY_SRC_ATTRS = ("data-src", "data-lazy-src", "data-original", "data-url", "data-hi-res-src")
LAZY_SRCSET_ATTRS = ("data-srcset", "data-lazy-srcset")
# URL fragments of known tracking pixels.
TRACKER_PARTS = (
    "feedburner.com/~r/",
    "feeds.feedburner.com/~ff/",
    "pixel.wp.com",
    "stats.wordpress.com",
    "doubleclick.net",
    "google-analytics.com",
    "/pixel.gif",
    "/pixel.png",
    "/1x1.",
    "/spacer.gif",
    "/blank.gif",
    "/open.gif",
    "/count.gif",
    "pixel.quantserve.com",
    "sb.scorecardresearch.com",
    "mf.feeds.reuters.com",
    "/~r/",
    "feedsportal.com",
)
# Hosts and path words that mark an iframe as a video or audio player.
PLAYER_PARTS = (
    "youtube.com",
    "youtube-nocookie.com",
    "youtu.be",
    "vimeo.com",
    "dailymotion.com",
    "dai.ly",
    "twitch.tv",
    "wistia",
    "brightcove",
    "jwplayer",
    "jwplatform",
    "vidyard",
    "streamable.com",
    "rumble.com",
    "soundcloud.com",
    "open.spotify.com/embed",
    "podcasts.apple.com",
    "megaphone.fm",
    "simplecast",
    "omny.fm",
    "video",
    "player",
    "audio",
    "podcast",
)
GENERIC_TITLES = frozenset(
    {"youtube video player", "vimeo video player", "video player", "embedded content", "iframe"}
)


# ------------------------------------------------------------------ look-alike letters

# Cyrillic and Greek letters that look like Latin ones, and the Latin letter each stands
# for. Page furniture is sometimes written with them mixed into Latin words (so that
# filters miss it); normalise_line folds them before any furniture table is matched.
CONFUSABLES: dict[str, str] = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
    "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ј": "j", "ԁ": "d",
    "ԛ": "q", "ԝ": "w", "ү": "y", "һ": "h", "ӏ": "l",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
    "С": "C", "Т": "T", "У": "Y", "Х": "X", "Ѕ": "S", "І": "I", "Ј": "J", "Ү": "Y",
    "Һ": "H", "Ԁ": "D", "Ԛ": "Q", "Ԝ": "W",
    # Greek
    "α": "a", "ο": "o", "ρ": "p", "ν": "v", "ι": "i", "κ": "k", "τ": "t", "υ": "u",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
    "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
}  # fmt: skip


# --------------------------------------------------------------------- whole lines

# Headings of "more stories" boxes: chrome in feed HTML, the end of the article in pasted text.
RELATED_LINES: tuple[str, ...] = (
    "more on this story",
    "more stories",
    "most popular",
    "most read",
    "most viewed",
    "recommended",
    "recommended for you",
    "related articles",
    "related stories",
    "related topics",
    "topics",
    "you may also like",
    "you might also like",
    # other languages: German, French, Spanish, Italian, Dutch
    "mehr zum thema",
    "das könnte sie auch interessieren",
    "meistgelesen",
    "sur le même sujet",
    "à lire aussi",
    "les plus lus",
    "más noticias",
    "lo más leído",
    "te puede interesar",
    "noticias relacionadas",
    "i più letti",
    "meest gelezen",
)

# A line (pasted text) that starts the page furniture after the article: everything
# after it goes (except attribution footers). Casefolded, as normalise_line gives it.
END_LINES: tuple[str, ...] = (
    *RELATED_LINES,
    "related coverage",
    "explore more on these topics",
    "more on these topics",
    "tags",
    "more from this author",
    "read next",
    "top stories",
    "around the web",
)
# Boilerplate that runs over several lines: from a start line to its end line.
REGIONS: tuple[tuple[str, str], ...] = (
    ("skip past newsletter promotion", "after newsletter promotion"),
    ("newsletter promotion", "after newsletter promotion"),
    ("skip advertisement", "end of advertisement"),
)
# The same, by pattern (over normalise_line's form): a newsletter promo that begins
# "Sign up to <its name>" and ends with its privacy notice or "after newsletter promotion".
PATTERN_REGIONS: tuple[tuple[str, str], ...] = (
    (
        r"^sign up (?:to|for) ",
        r"^(?:after newsletter promotion|privacy notice\b.*\bnewsletters?\b)",
    ),
)
REGION_MAX_LINES = 12

BOILERPLATE_MAX_WORDS = 40
BOILERPLATE_MAX_CHARS = 320

# Whole lines, casefolded, with trailing punctuation and spaces removed.
BOILERPLATE_LINES: tuple[str, ...] = (
    *RELATED_LINES,
    "advertisement",
    "advertisements",
    "advertising",
    "ad",
    "ads",
    "sponsored",
    "sponsored content",
    "paid content",
    "partner content",
    "skip advertisement",
    "advertisement - scroll to continue",
    "story continues below advertisement",
    "article continues below advertisement",
    "article continues below",
    "story continues below",
    "continue reading",
    "continue reading below",
    "read more",
    "read more below",
    "see more",
    "show more",
    "load more",
    "related",
    "related content",
    "trending",
    "reuse this content",
    "listen to this article",
    "listen to article",
    "gift this article",
    "comments",
    "view comments",
    "join the conversation",
    "follow us",
    "sign in",
    "log in",
    "subscribe",
    "subscribe now",
    "newsletter",
    "close",
    "menu",
    "back to top",
    "skip to content",
    "skip to main content",
    # pasted-text extras (newsreader.extract.text)
    "stay logged in",
    "keep me logged in",
    "stay signed in",
    "keep me signed in",
    "log out",
    "sign out",
    "skip past newsletter promotion",
    "after newsletter promotion",
    "open image in gallery",
    "view image in fullscreen",
    "enlarge this image",
    "toggle caption",
    "hide caption",
    "show caption",
    "add topic",
    "follow",
    "corrections and clarifications",
    "submit a news tip",
    "report error",
    "report an error",
    "ad feedback",
    "scroll to continue with content",
    "print this page",
    "print",
    "recommended stories",
    "opens in new window",
    "continue reading the main story",
    "trending now",
    "read full article",
    "audio player loading",
    # ad labels, share bars and consent buttons in other languages
    "anzeige",
    "werbung",
    "publicité",
    "publicidad",
    "pubblicità",
    "advertentie",
    "artikel teilen",
    "teilen",
    "partager",
    "partager cet article",
    "compartir",
    "condividi",
    "delen",
    # cookie / consent banners
    "accept all cookies",
    "accept cookies",
    "accept all",
    "reject all",
    "manage preferences",
    "got it",
    "ok",
    "i agree",
    "agree",
    "agree and close",
    "accept",
    "i accept",
    "einverstanden",
    "akzeptieren",
    "j'accepte",
    "accepter",
    "acepto",
    "aceptar",
    "manage cookies",
    "cookie settings",
    "zustimmen",
    "zustimmen und weiter",
    "alle akzeptieren",
    "tout accepter",
    "accepter et continuer",
    "aceptar todo",
    "aceptar y continuar",
    "accetta tutto",
    # e-mail newsletter chrome
    "view in browser",
    "view this email in your browser",
    "view online",
    "forward to a friend",
    "unsubscribe",
    "update your preferences",
    "share this gallery",
    "more galleries",
    "load more updates",
)

# Patterns over a line as normalise_line gives it (casefolded), kept as sources and
# compiled once by newsreader.extract.patterns. Matched at the start of the line, each
# one anchored as a whole by its leading "^" (no top-level "|"):
BOILERPLATE_START: tuple[str, ...] = (
    # "Related: …", "Read more: …", "READ MORE | …", "See also: …", "More: …"
    r"^(?:related(?: stories| articles| coverage| reading)?|read more|also read"
    r"|read also|see also|more|more on this(?: story)?|more from \w+|watch more|don't miss"
    r"|lesen sie (?:auch|mehr)|mehr zum thema|auch interessant|(?:à )?lire aussi|voir aussi"
    r"|lea también|leer más|lee también|ver también|leggi anche|lees ook)"
    r"\s*[:|»›>]",
    # copyright footers: "Copyright 2026 …", "© 2026 …"
    r"^(?:copyright|©|\(c\))\s*(?:©\s*)?\d{4}\b",
    # sponsor labels: "Sponsored by …", "Presented by …", "Anzeige von …"
    r"^(?:sponsored|presented|brought to you|supported|powered) by\b",
    # a comment counter: "Comments (12)", "12 comments"
    r"^(?:comments?|kommentare|commentaires|comentarios) ?\(?\d+\)?$",
    r"^\d+ (?:comments?|kommentare|commentaires|comentarios)$",
    # "Follow Jane Roe on Bluesky": a follow button under a byline or a column
    r"^follow (?:[\w'’.-]+ ){1,4}on (?:[\w.]+ ?){1,2}$",
    # a player's running time alone ("5:32"), or after its button ("Listen · 5:32")
    r"^(?:(?:listen|anhören|écouter|escuchar|ascolta)(?: to this article)? ?[·•|]? ?)?"
    r"\(?\d{1,2}:\d{2}(?::\d{2})?\)?$",
    # print-edition and newsletter footers
    r"^this (?:article|story) (?:appears|appeared|was published) in\b",
    r"^(?:was this|were you) forwarded\b",
    r"^(?:skip )?advertisement\b",
    r"^(?:story|article) continues (?:below|after)",
    # newsletters and sign-ups
    r"^(?:sign up|signup|subscribe|register)\b.*\b(?:newsletter|inbox|email|free)\b",
    r"^get (?:the|our) .*\b(?:newsletter|in your inbox|delivered)\b",
    r"^(?:thank you|thanks) for (?:signing up|subscribing)",
    r"^by (?:signing up|subscribing|registering|clicking)\b",
    # privacy and cookie notices
    r"^(?:privacy (?:policy|notice|statement)|terms of (?:service|use))\b",
    r"^(?:we use cookies|this (?:site|website) uses cookies)\b",
    r"^(?:wir verwenden|wir nutzen|nous utilisons|utilizamos|usamos|utilizziamo) "
    r"(?:\w+ )?(?:cookies|témoins)\b",
    # session time-outs and log-in walls
    r"^(?:session (?:timed? out|expired)|are you still there)\b",
    # idle prompts: "Still there?", "Are you still reading?", "Inactive for a while?"
    r"^(?:are you )?still (?:there|here|reading|with us|watching|listening|around)(?:\?|$)",
    r"^(?:you(?:'ve|’ve| have) been |are you )?(?:inactive|idle|away)"
    r"(?: for (?:a while|some time|a bit|\d+ \w+))?(?:\?|$)",
    # a newsletter promo's title line: "Sign up to Coastlines" (a name, no sentence)
    r"^sign up (?:to|for) (?:[\w'’&.-]+ ?){1,5}$",
    r"^(?:already (?:a subscriber|have an account)|create (?:a free )?account)\b",
    r"^(?:subscribe|become a subscriber|support our journalism)\b.*\b(?:to read"
    r"|to continue|unlimited)\b",
    # share / save bars
    r"^(?:share|email|tweet) (?:this|on|via)\b",
    r"^copy (?:the )?link\b",
    # pasted-text extras (newsreader.extract.text)
    r"^(?:free )?(?:daily|weekly|monthly|morning|evening) (?:newsletter|email|briefing)$",
    r"^(?:image|photo|slide) \d+ of \d+$",
    r"^\d+ ?/ ?\d+$",
    r"^(?:click|tap) (?:here )?to (?:enlarge|expand|play|listen)\b",
    r"^this (?:video|content|embed) (?:is not available|can ?not be played)\b",
)
# Feed furniture: what blog engines, aggregators and syndication add to an entry
# around the author's text. Matched like BOILERPLATE_START (over normalise_line's form,
# at the start of a whole line or paragraph of at most BOILERPLATE_MAX_WORDS words).
FEED_FURNITURE_START: tuple[str, ...] = (
    # the blog engine's syndication footer: "The post <title> appeared first on <site>."
    r"^the (?:post|article|entry|story) .{1,300} appeared first on [^ ]+(?: [^ ]+){0,11}$",
    # cross-posting notes: "Originally published at <site> on <date>.",
    # "This essay was originally posted on <site>", "Cross-posted from <site>"
    r"^(?:this (?:post|article|essay|story|piece|entry|newsletter) (?:was |is )?)"
    r"(?:originally|first) (?:published|posted|appeared) (?:at|on|in)\b",
    r"^originally (?:published|posted) (?:at|on)\b",
    r"^cross-?posted (?:from|to|at|on)\b",
    # a link aggregator's entry line: "submitted by /u/name [link] [comments]"
    r"^submitted by \S+(?: \[[\w ]{1,20}\]){1,4}$",
    # a link aggregator's metadata lines: "Comments URL: <url>", "Points: 12", "# Comments: 30"
    r"^(?:article|comments?|discussion) url: ?\S+$",
    r"^#? ?(?:points|score|votes|upvotes|comments|replies): ?\d[\d,]*$",
    # an excerpt's "Continue reading <title> →" link (a title for screen readers in it)
    r"^(?:continue|keep) reading(?: [^ ]+){0,12}$",
    # a podcast host's footer: "Hosted on <host>. See <url> for privacy information."
    r"^hosted (?:on|by) .{1,120} for (?:privacy|opt-?out)(?: and opt-?out)? information$",
)

# Searched anywhere in the line (each starts with a literal, so that searching stays cheap):
BOILERPLATE_ANYWHERE: tuple[str, ...] = (
    # newsletters and sign-ups
    r"sign up (?:for|to) (?:our|the|a) .*newsletter",
    r"newsletter.*\b(?:sign up|subscribe\b|inbox)",
    r"protected by recaptcha",
    # privacy and cookie notices
    r"our (?:privacy|cookie) (?:policy|notice|statement)",
    r"all rights reserved|alle rechte vorbehalten|tous droits réservés"
    r"|todos los derechos reservados|riproduzione riservata",
    # session time-outs and log-in walls
    r"be(?:en)? (?:automatically )?logged out\b",
    r"your session (?:has |is about to |will )?(?:timed? out|expired?|expiring)\b",
    r"log ?in to (?:continue|keep reading|read|comment|save)\b",
    r"sign ?in to (?:continue|keep reading|read|comment|save)\b",
    # a countdown: "Signing out in 30 s", "We'll sign you out in 1 minute", "Session timeout: 2 min"
    r"(?:sign|log)(?:ging|ged|s)? (?:you )?out in \d+ ?(?:s|secs?|seconds?|m|mins?|minutes?)\b",
    r"session time ?out ?:? ?(?:in )?\d+",
    r"(?:click|tap|press|select|choose) (?:here |ok |yes |continue |below )?to stay "
    r"(?:signed|logged) in\b",
)

# A line made only of these words (≤ 8 of them) is a share/save toolbar.
UI_WORDS: tuple[str, ...] = (
    "share",
    "save",
    "saved",
    "email",
    "e-mail",
    "print",
    "facebook",
    "twitter",
    "x",
    "linkedin",
    "whatsapp",
    "reddit",
    "pinterest",
    "messenger",
    "telegram",
    "bluesky",
    "threads",
    "copy",
    "link",
    "copied",
    "comments",
    "comment",
    "bookmark",
    "gift",
    "article",
    "this",
    "story",
    "on",
    "and",
)

# ------------------------------------------------------------------- credits, bylines

# Casefolded words that mark a parenthesised tail as a photo credit.
AGENCY_WORDS: tuple[str, ...] = (
    "getty",
    "images",
    "reuters",
    "ap",
    "afp",
    "epa",
    "epa-efe",
    "efe",
    "associated press",
    "canadian press",
    "press association",
    "pa",
    "pa wire",
    "shutterstock",
    "alamy",
    "rex",
    "rex/shutterstock",
    "bloomberg",
    "xinhua",
    "anadolu",
    "dpa",
    "ansa",
    "kyodo",
    "pool",
    "handout",
    "photo",
    "photos",
    "photograph",
    "file photo",
    "supplied",
    "courtesy",
    "istock",
    "istockphoto",
    "sipa",
    "magnum",
    "unsplash",
)

# The word before the author's name in a byline ("By", "Von", "Par", "Por", "Di", "Door").
BYLINE_WORDS: tuple[str, ...] = ("by", "von", "par", "por", "di", "door", "av", "af")

# Words that make a byline segment a role that describes a person ("Transport correspondent").
PERSON_ROLE_WORDS: tuple[str, ...] = (
    "reporter",
    "correspondent",
    "editor",
    "writer",
    "columnist",
    "journalist",
    "producer",
    "contributor",
    "contributing",
    "staff",
    "analyst",
    "critic",
    "bureau",
    "chief",
    "host",
    "presenter",
)
# Words that make a byline segment an outlet ("CBC News", "Special to the Times").
OUTLET_ROLE_WORDS: tuple[str, ...] = (
    "news",
    "press",
    "wire",
    "reuters",
    "afp",
    "freelance",
    "special to",
    "service",
    "agency",
)
ROLE_WORDS: tuple[str, ...] = PERSON_ROLE_WORDS + OUTLET_ROLE_WORDS
NAME_PARTICLES = frozenset(
    [
        "and",
        "&",
        "de",
        "del",
        "della",
        "van",
        "von",
        "der",
        "den",
        "la",
        "le",
        "du",
        "da",
        "di",
        "dos",
        "das",
        "bin",
        "ibn",
        "al",
        "el",
        "ter",
        "st.",
    ]
)
# Capitalised words that start titles and outlets, not people's names.
NOT_FIRST_NAMES = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "our",
        "your",
        "my",
        "new",
        "more",
        "how",
        "why",
        "what",
        "when",
        "where",
    ]
)
# Words that may sit around a date in a date line ("Published:", "Last updated on").
DATE_WORDS = frozenset(
    [
        "published",
        "updated",
        "posted",
        "last",
        "first",
        "modified",
        "on",
        "at",
        "date",
        "time",
        "originally",
        # German, French, Spanish: "Veröffentlicht am … um … Uhr", "Publié le … à …"
        "veröffentlicht",
        "aktualisiert",
        "am",
        "um",
        "uhr",
        "stand",
        "publié",
        "le",
        "mis",
        "à",
        "jour",
        "actualisé",
        "publicado",
        "actualizado",
        "el",
        "a",
        "las",
    ]
)
# A month and year with one of these is a print-edition line ("February 2026 issue").
EDITION_WORDS = frozenset(
    {"issue", "edition", "ausgabe", "heft", "numéro", "édition", "edición", "número", "numero"}
)
# Label words meaning "this date is an update, not the publication".
UPDATE_WORDS = frozenset(
    {"updated", "modified", "aktualisiert", "actualisé", "jour", "actualizado"}
)

# Class words of elements whose text is page metadata (taken from <meta> instead).
META_WORDS = frozenset({"byline", "dateline", "timestamp", "kicker", "eyebrow", "tags", "topics"})
# Class words of a standfirst / dek element inside the article header.
DEK_WORDS = frozenset({"dek", "standfirst", "subtitle", "subheadline", "summary", "deck", "lede"})

# A video card's running time at the end of its text ("… 0:58", "(2:10)", "Duration 1:02:15"):
# in pasted text it marks a line after a blank line as the promo's own description.
CLIP_DURATION = r"(?:^|\s)\(?(?:duration:?\s*)?\d{1,2}:\d{2}(?::\d{2})?\)?$"


# ------------------------------------------------------------------- reading time

# A stated reading time ("4 min read", "6-minute read", "11 mins"), its number in
# group "minutes"; pasted text reads it from kicker and byline lines, and it wins over
# the time counted from the words.
# "Reading time: 4 minutes", "Lesezeit: 4 Min.", "Temps de lecture : 4 min", "Lectura: 4 minutos".
READ_TIME = (
    r"(?:(?:reading time|read time|lesezeit|lesedauer|temps de lecture|tiempo de lectura|lectura)"
    r"\s*:?\s*)?"
    r"(?P<minutes>\d{1,3})\s*-?\s*min(?:utes?|uten|utos|s)?\.?(?:\s+read(?:ing)?(?:\s+time)?)?"
    r"(?:\s+(?:de lecture|de lectura|lesezeit))?"
)
# A kicker that runs its section into the reading time without a separator
# ("World 4 min read"): the "read" word is required there.
SECTION_READ_TIME = (
    r"(?P<section>[^\W\d][^\d·•|]*?)\s+(?P<minutes>\d{1,3})\s*-?\s*min(?:ute)?s?\.?"
    r"\s+read(?:ing)?(?:\s+time)?"
)


# --------------------------------------------------------------- inline styling

# Inline elements whose text keeps a style in the article's runs (the rest only give text).
EM_TAGS = frozenset({"em", "i"})
STRONG_TAGS = frozenset({"strong", "b"})
CODE_TAGS = frozenset({"code", "kbd", "samp", "tt"})


# ------------------------------------------------------------- walls (full text pages)

# A fetched page that shows one of these (in its text, lower-cased) and little else is a
# wall, not the article: the feed's summary is kept and the reason shown. Each entry is
# (reason shown to the reader, regular expression).
WALL_TEXT_PATTERNS: tuple[tuple[str, str], ...] = (
    (
        "the page asks to log in",
        r"\b(?:log ?in|sign ?in)\b.{0,40}\b(?:to (?:continue|keep reading|read|view|access)"
        r"|required)\b|\bplease (?:log|sign) ?in\b|\bcreate (?:a free|an) account\b",
    ),
    (
        "the page is for subscribers (paywall)",
        r"\bsubscribe (?:now )?to (?:continue|keep reading|read|unlock|get access)\b"
        r"|\b(?:this|the) (?:article|story|content) is (?:only )?(?:for|available to) "
        r"(?:subscribers|members)\b|\bsubscribers? only\b|\balready a subscriber\b"
        r"|\byou(?:'ve| have) (?:reached|used) (?:your|all) (?:\w+ )?(?:free )?"
        r"(?:article|story) limit\b",
    ),
    (
        "the page is a cookie or consent screen",
        r"\b(?:accept|reject) all(?: cookies)?\b|\bwe value your privacy\b"
        r"|\bmanage (?:cookie|privacy) (?:settings|preferences|choices)\b"
        r"|\bbefore you continue to\b",
    ),
)
# Markup that says so whatever the text (schema.org's paywalled-content flag).
WALL_MARKUP_PATTERNS: tuple[tuple[str, str], ...] = (
    ("the page is for subscribers (paywall)", r"\"isAccessibleForFree\"\s*:\s*\"?false\b"),
)
WALL_MAX_WORDS = 400  # an extracted article this long that mentions a wall is an article
WALL_PAGE_MAX_WORDS = 150  # below this, the whole page's text (banners too) is looked at

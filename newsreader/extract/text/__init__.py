"""Pasted plain text (what copying a news page from a browser gives) → :class:`Article`.

No markup helps here, so the text is read by a pipeline of small steps, each
one general (none is a rule for one site):

1. **lines** — :func:`~newsreader.sanitize.clean_multiline`, then one
   :class:`Line` per non-blank line, remembering whether a blank line preceded
   it; boilerplate regions ("Skip past newsletter promotion" … "after
   newsletter promotion", "Sign up to …" … its privacy notice) are cut out;
   hard-wrapped paragraphs (e-mail, a terminal) are joined again.
2. **classify** — the first classifier that claims a line gives its kind:
   end-of-article markers, BBC-style "Image source, / Image caption," pairs,
   video promos, boilerplate, attribution footers, credit lines, captions
   with a credit tail, byline/date lines, list items, else plain text. A name
   line followed by a role, a date or its one-line bio is a byline too; an
   outlet line under a byline joins it. Credits without a label are
   recognised by shape ("Name / Agency") or by agency words only ("AFP via
   Getty Images"); a bar of furniture links ("Unsubscribe | Privacy policy",
   "Listen · 5:32") is boilerplate. The furniture, byline, credit and date
   label words come in English, German, French, Spanish (and some Italian and
   Dutch) from ``extract/rules.py``; dates may be day-first dotted
   ("08.03.2026, 17:45 Uhr") or have their time first ("12:41 PM GMT, March 9, 2026").
3. **header** — date/byline lines, a kicker ("Science · 7 min read"), the headline.
4. **body** — blocks with one or two lines of look-ahead: alt text before a
   caption, a caption before its credit line, a "WATCH |" title and its own
   description (never a lead-in or the body after a blank line), short
   unpunctuated lines between paragraphs, over a list, or standing over the
   first one, as headings (never a Q&A speaker's turn, "NAME: …"); a
   liveblog entry's time of day joins its headline; a paragraph whose
   sentences all stand in a longer one is a pull quote.
5. **finish** — the dek (the paragraph right after the headline, or after
   the lead picture's credit lines, when a byline, date or lead image follows
   it); a stated reading time ("World 4 min read") wins; then the shared finishing step
   (:func:`~newsreader.extract.finish.finish`: lead figure first, title fallback).
"""

from newsreader.extract.text.article import parse_text_article, read_meta_line

__all__ = ["parse_text_article", "read_meta_line"]

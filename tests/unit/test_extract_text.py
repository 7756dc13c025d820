"""Pasted plain-text articles → Article: exact blocks for every pattern, hostile input, CLI."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.cli import main
from newsreader.extract.dateline import parse_date
from newsreader.extract.patterns import is_boilerplate
from newsreader.extract.text import parse_text_article
from newsreader.model import (
    Article,
    Attribution,
    Figure,
    Heading,
    ListBlock,
    Paragraph,
    Video,
    block_to_dict,
)
from newsreader.sanitize import clean_text

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "text"
SAMPLES = sorted((ROOT / "sample_feeds").glob("pasted-*.txt"))

EST = timezone(timedelta(hours=-5))


def text_file(name: str) -> Path:
    """A house-style article: the bundled sample ``pasted-NAME`` if there is one."""
    sample = ROOT / "sample_feeds" / f"pasted-{name}"
    return sample if sample.exists() else DATA / name


def parse_file(name: str) -> Article:
    return parse_text_article(text_file(name).read_bytes().decode("utf-8"))


# --------------------------------------------------------------------- house styles

HOUSE_STYLES = {
    "broadcaster.txt": dict(
        title="River ice jam floods lower town as crews race to open a channel",
        section="Kestrel Bay",
        author="Mara Lindqvist",
        published=datetime(2026, 3, 3, 5, 0, tzinfo=EST),
        dek="Residents of 40 homes were told to leave overnight, and officials say the water "
        "may rise again before the weekend.",
        blocks=(
            Figure(
                alt="A flooded street with a stop sign half under water",
                caption="A flooded street in the lower town of Kestrel Bay on Tuesday morning.",
                credit="Owen Petrakis/Northern Press",
            ),
            Paragraph(
                "Water from the Tamsin River spilled into the lower town of Kestrel Bay early "
                "Tuesday after an ice jam formed below the old rail bridge."
            ),
            Paragraph(
                "Fire chief Dana Okafor said crews knocked on doors from midnight until dawn, and "
                "that most people left before the water reached the first houses."
            ),
            Paragraph(
                '"We got lucky with the timing," Okafor said. "Another hour and we would have '
                'been carrying people out."'
            ),
            Video(
                "Drone footage shows the ice jam below the bridge",
                "A drone flight over the Tamsin River on Tuesday shows where the ice piled up "
                "against the bridge piers. 1:42",
            ),
            Heading("What happens next"),
            Paragraph(
                "Engineers plan to cut a channel through the jam on Wednesday using an amphibious "
                "excavator, if the ice is thick enough to work beside."
            ),
            Paragraph("The town has opened its arena as a reception centre."),
            Heading("Help for residents"),
            Paragraph(
                "Residents who left their homes can register at the arena for food and a place "
                "to stay. The province said it would cover hotel costs for up to two weeks."
            ),
            Attribution("With files from Northern Press"),
        ),
    ),
    "uk-paper.txt": dict(
        title="Councils warn of pothole backlog as winter repairs fall behind",
        section="",
        author="Priya Nair",
        published=datetime(2026, 3, 3, 6, 0, tzinfo=UTC),
        dek="Local authorities say a wet winter has doubled the number of reported road "
        "defects, and that repair budgets will not stretch to cover them",
        blocks=(
            Figure(
                caption="Workers patch a road in Ashworth after weeks of rain.",
                credit="Helen Marsh/Ledger Pictures",
            ),
            Paragraph(
                "Councils across the north of the country have warned that the number of "
                "potholes waiting to be repaired has doubled since November, after one of the "
                "wettest winters on record."
            ),
            Paragraph(
                "The Association of Highway Authorities said its members had logged more than "
                "120,000 defects in January alone."
            ),
            Paragraph(
                '"The water gets under the surface, it freezes, and the road breaks up," said '
                "one highways officer."
            ),
            Figure(
                caption="A cyclist rides past a cordoned-off stretch of road.",
                credit="Sam Whitlow",
            ),
            Paragraph("Cyclists' groups say the problem is a safety issue, not just a nuisance."),
            Paragraph("Ministers said extra money had already been promised."),
        ),
    ),
    "bbc-like.txt": dict(
        title="Harbour town votes to keep its last ferry running",
        section="",
        author="Tomas Ferreira",
        published=datetime(2026, 3, 3, tzinfo=UTC),
        dek="",
        blocks=(
            Figure(
                caption="The ferry has crossed the estuary every day since 1962",
                credit="Ferry Action Group",
            ),
            Paragraph(
                "Residents of Porthallow have voted by a large majority to pay a small harbour "
                "levy so that the town's last ferry can keep running."
            ),
            Paragraph(
                "The vote followed months of campaigning after the operator said the service "
                "lost money every winter."
            ),
            # "Image caption," first and "Image source," second: still one figure.
            Figure(
                caption="Volunteers collected signatures outside the harbour office", credit="RBS"
            ),
            Paragraph("The levy will add about £12 a year to each household's bill."),
            Video("The crossing on a stormy morning"),
            Paragraph(
                "Campaigners said the result showed how much the town depended on the service."
            ),
            Paragraph('"Without the ferry, it is a forty-minute drive to the hospital," said one.'),
        ),
    ),
    "wire.txt": dict(
        title="Wildfire forces thousands from their homes in northern valley",
        section="WORLD",
        author="Lena Park and Tom Ivers",
        published=datetime(2026, 3, 3, 10, 2, tzinfo=EST),
        dek="Crews battled through the night as shifting winds pushed the fire toward two towns",
        blocks=(
            Figure(
                caption="Evacuees wait for news at a reception centre in Hallbrook on Tuesday.",
                credit="NORTHERN WIRE / LENA PARK",
            ),
            Paragraph(
                "HALLBROOK — Thousands of people left their homes in the Corran Valley on "
                "Tuesday as a wildfire that started in dry grassland crossed a highway and moved "
                "toward two towns."
            ),
            Paragraph(
                "Officials said no injuries had been reported but warned that the fire could "
                "double in size if the wind held."
            ),
            Figure(
                alt="A water bomber drops retardant over a ridge",
                caption="A water bomber drops retardant over a ridge near Hallbrook on Tuesday.",
                credit="Lena Park, Tom Ivers/Northern Wire/Getty Images",
            ),
            Paragraph(
                "About 300 firefighters were on the lines by evening, some brought in from "
                "neighbouring provinces."
            ),
            Paragraph('"The wind is the whole story today," said incident commander Ruth Abara.'),
            Attribution("Reporting by Lena Park and Tom Ivers; Editing by Joel Mance"),
        ),
    ),
    "magazine.txt": dict(
        title="Why the glaciers of the Vell range are singing",
        section="Science",
        author="Ana Lopez",
        published=datetime(2026, 3, 3, tzinfo=UTC),
        dek="Scientists have recorded low hums coming from inside the ice. They think the sound "
        "could warn of sudden melt.",
        blocks=(
            Figure(
                caption="A researcher lowers a microphone into a crevasse on the Vell glacier.",
                credit="Karin Holm for Meridian",
            ),
            Paragraph(
                "The sound is too low for human ears. Played back ten times faster, it becomes a "
                "slow, rising moan, like a ship's horn in fog."
            ),
            Paragraph("Ana Lopez spent three weeks with the team that first recorded it."),
            Heading("How the ice makes noise"),
            Paragraph(
                "Meltwater runs through channels inside the glacier. When a channel narrows, the "
                "water speeds up and the ice around it vibrates."
            ),
            Paragraph("The team found three things:"),
            ListBlock(
                (
                    "The hum gets louder in the afternoon, when melt is fastest.",
                    "It stops when the channels freeze at night.",
                    "It rose sharply a week before a lake drained last summer.",
                )
            ),
            # A short sentence with a full stop stays a paragraph.
            Paragraph("Not every glacier sings."),
            Heading("Listening for warnings"),
            Paragraph(
                "The researchers now want to place microphones on a dozen glaciers that sit "
                "above villages."
            ),
            Attribution("With reporting by Tom Berg"),
        ),
    ),
    # No blank lines, CRLF, NBSP-only line, a tab, the credit line twice, "Updated" only.
    "compact-wire.txt": dict(
        title="Port strike ends after nine days as dockers accept new contract",
        section="Business",
        author="Ines Castro",
        published=datetime(2026, 3, 4, 14, 5, tzinfo=UTC),
        dek="",
        blocks=(
            Figure(
                caption="Cranes stand idle at the container terminal in Selwick on Monday.",
                credit="HARBOUR WIRE / INES CASTRO",
            ),
            Paragraph(
                "Dockworkers at the port of Selwick voted on Tuesday to accept a three-year "
                "contract, ending a strike that had left ships waiting offshore."
            ),
            Paragraph("The union said 81 per cent of members backed the deal."),
            Heading("What changes"),
            Paragraph(
                "Wages will rise by four per cent a year, and night shifts will be capped at "
                "four a week."
            ),
            Paragraph("The first ships are expected to dock on Thursday."),
            Attribution("With reporting by Piet Vos"),
        ),
    ),
}


@pytest.mark.parametrize("name", sorted(HOUSE_STYLES))
def test_house_style_exact(name: str) -> None:
    expected = HOUSE_STYLES[name]
    article = parse_file(name)
    assert article.blocks == expected["blocks"]
    assert article.title == expected["title"]
    assert article.section == expected["section"]
    assert article.author == expected["author"]
    assert article.published == expected["published"]
    assert article.dek == expected["dek"]
    assert isinstance(article.blocks[0], Figure)  # the lead figure comes first


@pytest.mark.parametrize("path", SAMPLES + sorted(DATA.glob("*.txt")), ids=lambda p: p.name)
def test_no_credit_or_boilerplate_left_in_text_blocks(path: Path) -> None:
    article = parse_text_article(path.read_text("utf-8"))
    assert article.title and article.blocks
    for block in article.blocks:
        if isinstance(block, Paragraph | Heading):
            assert not is_boilerplate(block.text), block
            for marker in ("Photograph:", "Photo:", "PHOTO :", "Image source", "Image caption"):
                assert marker not in block.text, block
            assert not block.text.endswith("Images)"), block
    texts = [b.plain for b in article.blocks]
    for chrome in ("Share", "Save", "Advertisement", "Reuse this content", "Log in"):
        assert chrome not in texts


# --------------------------------------------------------------------- single patterns


def blocks_of(text: str) -> tuple:
    return parse_text_article(text).blocks


HEAD = "Rail line to reopen after landslide repairs finish early\n\n"
LONG = (
    "Crews worked through the weekend to clear the last of the debris from the cutting, "
    "the operator said on Monday."
)
LONG2 = "Passengers had faced a bus replacement service that added an hour to each journey."


def test_byline_with_names_and_role_and_middle_dot() -> None:
    article = parse_text_article(
        HEAD + "Jane Holt and Sam Reyes · Reporters\nMar. 3, 2026 10:02 a.m. ET\n\n" + LONG
    )
    assert article.author == "Jane Holt and Sam Reyes"
    assert article.published == datetime(2026, 3, 3, 10, 2, tzinfo=EST)
    assert article.blocks == (Paragraph(LONG),)


def test_date_without_zone_is_utc_and_published_beats_updated() -> None:
    article = parse_text_article(
        HEAD + "By Jane Holt\nUpdated 5 March 2026\nPublished 3 March 2026\n\n" + LONG
    )
    assert article.published == datetime(2026, 3, 3, tzinfo=UTC)
    assert article.author == "Jane Holt"


def test_by_in_a_sentence_is_not_a_byline() -> None:
    text = HEAD + "By the end of the day, the river had crested.\n\n" + LONG
    article = parse_text_article(text)
    assert article.author == ""
    assert article.blocks == (
        Paragraph("By the end of the day, the river had crested."),
        Paragraph(LONG),
    )


def test_caption_with_photo_tail_and_photograph_tail() -> None:
    text = (
        HEAD
        + LONG
        + "\n\nA digger on the track bed. Photo: Ola Berg\n\n"
        + LONG2
        + "\n\nThe cutting from above. Photograph: Ravi Menon/Valley Agency\n\n"
        + LONG
    )
    assert blocks_of(text) == (
        Paragraph(LONG),
        Figure(caption="A digger on the track bed.", credit="Ola Berg"),
        Paragraph(LONG2),
        Figure(caption="The cutting from above.", credit="Ravi Menon/Valley Agency"),
        Paragraph(LONG),
    )


def test_alt_text_then_caption_with_parenthesised_credit() -> None:
    text = (
        HEAD
        + LONG
        + "\n\nWorkers in orange vests\nWorkers in orange vests clear rocks from the line. "
        "(Ana Ruiz, Li Wei/Valley Agency/Getty Images)\n\n" + LONG2
    )
    assert blocks_of(text) == (
        Paragraph(LONG),
        Figure(
            alt="Workers in orange vests",
            caption="Workers in orange vests clear rocks from the line.",
            credit="Ana Ruiz, Li Wei/Valley Agency/Getty Images",
        ),
        Paragraph(LONG2),
    )


def test_credit_line_repeated_becomes_one_figure_credit() -> None:
    text = (
        HEAD
        + LONG
        + "\n\nPHOTO : VALLEY AGENCY / LI WEI\nPHOTO : VALLEY AGENCY / LI WEI\n\n"
        + LONG2
    )
    assert blocks_of(text) == (
        Paragraph(LONG),
        Figure(credit="VALLEY AGENCY / LI WEI"),
        Paragraph(LONG2),
    )


def test_image_source_and_caption_in_both_orders() -> None:
    text = (
        HEAD
        + LONG
        + "\nImage source, Valley Agency\nImage caption, The line runs along the river\n"
        + LONG2
        + "\nImage caption, A bus replacement stop\nImage source, Getty Images\n"
        + LONG
    )
    assert blocks_of(text) == (
        Paragraph(LONG),
        Figure(caption="The line runs along the river", credit="Valley Agency"),
        Paragraph(LONG2),
        Figure(caption="A bus replacement stop", credit="Getty Images"),
        Paragraph(LONG),
    )


def test_video_promos() -> None:
    text = (
        HEAD
        + LONG
        + "\n\nWATCH | Crews clear the last rocks:\n\nTime-lapse footage from the cutting. 0:58\n\n"
        + LONG2
        + "\n\nMedia caption, Watch: The first train through the cutting\n\n"
        + "LISTEN | Morning Show: the engineers who fixed the line\n\n"
        + LONG
    )
    assert blocks_of(text) == (
        Paragraph(LONG),
        Video("Crews clear the last rocks", "Time-lapse footage from the cutting. 0:58"),
        Paragraph(LONG2),
        Video("The first train through the cutting"),
        Video("Morning Show", "the engineers who fixed the line"),
        Paragraph(LONG),
    )


def test_headings_only_between_paragraphs_and_topic_list_dropped() -> None:
    text = (
        HEAD
        + LONG
        + "\n\nWhat comes next\n\n"
        + LONG2
        + "\n\nIt reopens Friday.\n\n"
        + "More on this story\nLandslide closes line\nBus plan criticised\n"
    )
    assert blocks_of(text) == (
        Paragraph(LONG),
        Heading("What comes next"),
        Paragraph(LONG2),
        Paragraph("It reopens Friday."),
    )


def test_trailing_short_lines_without_header_are_a_topic_list() -> None:
    text = HEAD + LONG + "\n\nRail travel\nLandslides\nValley region\n"
    assert blocks_of(text) == (Paragraph(LONG),)


def test_boilerplate_dropped_everywhere() -> None:
    chrome = [
        "Advertisement",
        "\u00a0\u00a0\u00a0",
        "You will be logged out in 2 minutes due to inactivity.",
        "Stay logged in",
        "Continue reading",
        "Log in",
        "Sign up for our Morning Brief newsletter",
        "Privacy Notice: Newsletters may contain info about charities and online ads.",
        "Share",
        "Save",
        "Reuse this content",
        "Related: Landslide closes the valley line",
    ]
    text = HEAD + LONG + "\n\n" + "\n\n".join(chrome) + "\n\n" + LONG2
    assert blocks_of(text) == (Paragraph(LONG), Paragraph(LONG2))


def test_newsletter_region_between_markers_dropped() -> None:
    text = (
        HEAD
        + LONG
        + "\nSkip past newsletter promotion\nSign up to Rail Notes\nOur weekly email about "
        "trains, timetables and the people who run them\nafter newsletter promotion\n" + LONG2
    )
    assert blocks_of(text) == (Paragraph(LONG), Paragraph(LONG2))


def test_attribution_footers() -> None:
    text = HEAD + LONG + "\n\n— With files from Valley Press\n"
    assert blocks_of(text) == (Paragraph(LONG), Attribution("With files from Valley Press"))


def test_lead_figure_is_first_even_after_a_video_promo() -> None:
    text = (
        HEAD
        + "By Jane Holt\n\nWATCH | The cutting from the air:\nDrone footage of the repairs.\n\n"
        + "The cutting seen from the north. (Li Wei/Valley Agency)\n\n"
        + LONG
    )
    blocks = blocks_of(text)
    assert blocks == (
        Figure(caption="The cutting seen from the north.", credit="Li Wei/Valley Agency"),
        Video("The cutting from the air", "Drone footage of the repairs."),
        Paragraph(LONG),
    )


def test_a_bare_url_line_becomes_the_article_url() -> None:
    article = parse_text_article(HEAD + "https://news.example/rail/reopen\n\n" + LONG)
    assert article.url == "https://news.example/rail/reopen"
    assert article.blocks == (Paragraph(LONG),)


def test_two_word_kicker_above_headline() -> None:
    article = parse_text_article("Transport\n" + HEAD + LONG)
    assert article.section == "Transport"
    assert article.title == HEAD.strip()


# --------------------------------------------------------------------------- malformed


@pytest.mark.parametrize("text", ["", "\n\n", "\u00a0\n \t\n\u00a0"])
def test_empty_input_gives_an_empty_article(text: str) -> None:
    article = parse_text_article(text)
    assert article.title == "" and article.blocks == ()


def test_only_boilerplate_gives_an_empty_article() -> None:
    article = parse_text_article("Advertisement\nShare\nSave\nLog in\nReuse this content\n")
    assert article.title == "" and article.blocks == ()


def test_one_line_is_a_title() -> None:
    article = parse_text_article("Storm warning for the coast")
    assert article.title == "Storm warning for the coast"
    assert article.blocks == ()


def test_huge_line_keeps_text_and_gets_a_short_title() -> None:
    line = "word " * 40_000 + "end."
    article = parse_text_article(line)
    assert len(article.title) <= 120 and article.title.startswith("word word")
    assert article.blocks == (Paragraph(line.strip()),)


def test_control_characters_and_escape_sequences_are_gone() -> None:
    text = (
        "Bridge\x1b]52;c;ZWNobyBwd25lZA==\x07 closes for \x1b[31mrepairs\x1b[0m tonight\n\n"
        "By Jane\x1b]8;;http://evil/\x1b\\ Holt\x1b]8;;\x1b\\\n\n"
        "The bridge\x9b2J will close\r at ten.\x00\x08 Drivers\u202e should use the ferry.\n"
    )
    article = parse_text_article(text)
    assert article.title == "Bridge closes for repairs tonight"
    assert article.author == "Jane Holt"
    assert article.blocks == (
        Paragraph("The bridge will close at ten. Drivers should use the ferry."),
    )
    dumped = json.dumps(article.to_dict(), ensure_ascii=False)
    for bad in ("\x1b", "\x9b", "\x07", "\r", "\x00", "\u202e"):
        assert bad not in dumped


def test_markup_stays_literal() -> None:
    text = (
        "Notes on [bold]markup[/bold] and [/] in headlines\n\n"
        "[@click=app.quit]Click[/] is only text here, as is [link=javascript:x]this[/link].\n"
    )
    article = parse_text_article(text)
    assert article.title == "Notes on [bold]markup[/bold] and [/] in headlines"
    assert article.blocks == (
        Paragraph(
            "[@click=app.quit]Click[/] is only text here, as is [link=javascript:x]this[/link]."
        ),
    )


# ---------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3 March 2026", datetime(2026, 3, 3, tzinfo=UTC)),
        ("Mar. 3, 2026 10:02 a.m. ET", datetime(2026, 3, 3, 10, 2, tzinfo=EST)),
        (
            "July 4, 2026 10:02 p.m. ET",
            datetime(2026, 7, 4, 22, 2, tzinfo=timezone(-timedelta(hours=4))),
        ),
        ("Tue 3 Mar 2026 06.00 GMT", datetime(2026, 3, 3, 6, tzinfo=UTC)),
        (
            "12 July 2026, 14:05 BST",
            datetime(2026, 7, 12, 14, 5, tzinfo=timezone(timedelta(hours=1))),
        ),
        ("Posted: Mar 03, 2026 5:00 AM EST", datetime(2026, 3, 3, 5, tzinfo=EST)),
        ("2026-03-03T10:02:00Z", datetime(2026, 3, 3, 10, 2, tzinfo=UTC)),
        ("2026-03-03T10:02:00", datetime(2026, 3, 3, 10, 2, tzinfo=UTC)),
        ("31 February 2026", None),
        ("3 March 99999", None),
        ("no date here", None),
        ("", None),
    ],
)
def test_parse_date(text: str, expected: datetime | None) -> None:
    value = parse_date(text)
    assert value == expected
    if value is not None:
        assert value.tzinfo is not None


# ------------------------------------------------------------------------- end to end


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_import_pasted_text_twice_keeps_id_and_marks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "store.db")
    sample = tmp_path / "pasted.txt"
    sample.write_bytes(text_file("wire.txt").read_bytes())
    code, out, err = run(capsys, "--db", db, "import", str(sample))
    assert code == 0, err
    article_id, title = out.rstrip("\n").split("\t")
    assert title == "Wildfire forces thousands from their homes in northern valley"
    assert run(capsys, "--db", db, "read", article_id)[0] == 0
    assert run(capsys, "--db", db, "bookmark", article_id)[0] == 0

    # The same text again, copied with CRLF endings and trailing blanks: same article.
    sample.write_bytes(text_file("wire.txt").read_bytes().replace(b"\n", b"\r\n") + b"\r\n\r\n")
    code, out, _ = run(capsys, "--db", db, "import", str(sample))
    assert code == 0
    assert out == f"{article_id}\t{title}\n"

    code, out, _ = run(capsys, "--db", db, "show", article_id, "--json")
    shown = json.loads(out)
    assert shown["read"] is True and shown["bookmarked"] is True
    assert shown["section"] == "WORLD"
    published = datetime.fromisoformat(shown["published"])
    assert published == datetime(2026, 3, 3, 10, 2, tzinfo=EST)
    assert shown["blocks"][0] == {
        "type": "figure",
        "src": "",
        "alt": "",
        "caption": "Evacuees wait for news at a reception centre in Hallbrook on Tuesday.",
        "credit": "NORTHERN WIRE / LENA PARK",
    }
    code, out, _ = run(capsys, "--db", db, "list", "--json")
    assert [row["id"] for row in json.loads(out)] == [int(article_id)]


def test_cli_import_only_boilerplate_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "chrome.txt"
    path.write_text("Advertisement\nShare\nLog in\n", "utf-8")
    code, out, err = run(capsys, "--db", str(tmp_path / "s.db"), "import", str(path))
    assert code != 0 and out == ""
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


LINE_PARTS = st.sampled_from(
    [
        "By Jane Holt",
        "PHOTO : VALLEY AGENCY / LI WEI",
        "Image source, Valley Agency",
        "Image caption, A bridge",
        "WATCH | A clip:",
        "Media caption, Watch: A clip",
        "Advertisement",
        "With files from Valley Press",
        "3 March 2026",
        "Science · 7 min read",
        "More on this story",
        "• an item",
        "A caption. (Li Wei/Valley Agency)",
        LONG,
        "",
        "\u00a0",
        "\x1b[2J",
        "[/]",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(LINE_PARTS, st.text(max_size=40)), max_size=25))
def test_any_text_gives_clean_article(parts: list[str]) -> None:
    article = parse_text_article("\n".join(parts))
    strings = [article.title, article.author, article.section, article.dek]
    for block in article.blocks:
        strings += [str(v) for v in block_to_dict(block).values()]
    for value in strings:
        assert clean_text(value) == value or "\n" in value

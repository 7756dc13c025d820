"""The one way newsreader parses XML it did not write: no entities, no DTD, no network."""

from __future__ import annotations

from lxml import etree


def safe_xml_parser(*, recover: bool = False, encoding: str | None = None) -> etree.XMLParser:
    """An lxml parser that never expands entities, loads a DTD or touches the network.

    ``recover`` tolerates broken markup (for best-effort side reads);
    ``encoding`` overrides the document's own declaration.
    """
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        recover=recover,
        encoding=encoding,
        remove_comments=True,
        remove_pis=True,
    )

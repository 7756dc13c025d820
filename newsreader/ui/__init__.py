"""The Textual reader app. The only package of newsreader that imports Textual."""

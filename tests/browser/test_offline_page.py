"""The page renders completely from our server: icons as glyphs, text in Roboto."""

from . import lit_page

ICON_FONTS = {"Material Icons", "Material Icons Outlined"}
TEXT_FONTS = {"Roboto", "Google Sans"}  # Google Sans is served as Roboto


def test_page_loads_everything_from_our_server(lit):
  lit.open()
  families = lit.loaded_font_families()
  lit.screenshot("offline")

  assert lit.network.external == []
  served = lit.network.paths("/static/fonts/")
  assert "/static/fonts/fonts.css" in served
  assert "/static/fonts/material-icons/material-icons.woff2" in served
  assert "/static/fonts/material-icons/material-icons-outlined.woff2" in served
  assert any(path.startswith("/static/fonts/roboto/") for path in served)
  # Loaded web fonts, not look-alikes from the system (this machine may have Material Icons).
  assert ICON_FONTS | TEXT_FONTS <= families


def test_icons_are_drawn_as_glyphs_not_words(lit):
  lit.open()
  lit.loaded_font_families()  # waits for fonts
  icons = lit.icon_text_sizes()
  names = [icon for icon in icons if len(icon["text"]) > 2]  # e.g. "search", "help_outline"

  assert len(names) >= 5, icons
  assert any("Outlined" in icon["family"] for icon in names), names
  # A glyph is about one em wide; the word "arrow_drop_down" would be several.
  too_wide = [icon for icon in names if icon["width"] > 1.5 * icon["fontSize"]]
  assert too_wide == []


def test_text_is_roboto_not_serif(lit):
  lit.open()
  assert lit.font_family("body").strip("'\"").startswith("Roboto")
  cell_font = lit.font_family(lit_page.DATA_TABLE_ROW + " td")
  assert "serif" not in cell_font.replace("sans-serif", ""), cell_font
  assert TEXT_FONTS <= lit.loaded_font_families()

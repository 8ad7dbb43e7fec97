"""Finding a font that can draw Thai, so chart labels are letters and not boxes.

matplotlib's default font (DejaVu Sans) has no Thai glyphs. groupwork ships Sarabun (the
``fontpkg-sarabun`` wheel, OFL) and registers it with matplotlib on first use, so a machine with
no Thai font still draws Thai letters, and charts look the same on every machine. Should that
wheel be missing, we look for a Thai-capable font among those matplotlib knows: the usual ones
on Windows, macOS and Linux distributions. When none is found, charts still render (Latin text
is fine) and the caller shows ``missing_font_notice()`` once, saying how to install one.
"""

from __future__ import annotations

from functools import cache

from groupwork.i18n import _

# In order of preference: clear sans-serif faces first. Names as matplotlib reports them.
THAI_FONT_NAMES: tuple[str, ...] = (
    "Sarabun",  # shipped with groupwork (fontpkg-sarabun); the Thai government's standard face
    "Noto Sans Thai",  # Linux (fonts-noto-core), also installable everywhere
    "Noto Sans Thai UI",
    "TH Sarabun New",
    "Leelawadee UI",  # Windows 8+
    "Leelawadee",
    "Tahoma",  # Windows: has Thai
    "Thonburi",  # macOS
    "Sukhumvit Set",  # macOS
    "Ayuthaya",  # macOS
    "Loma",  # Linux: fonts-thai-tlwg
    "Garuda",
    "Waree",
    "Umpush",
    "Kinnari",
    "Norasi",
    "Laksaman",
    "Tlwg Typo",
)

FALLBACK_FAMILY = "DejaVu Sans"
"""Used for Latin text and as the glyph fallback after the Thai font."""

_notice_given = False


def shipped_font_files() -> list[str]:
    """The Sarabun faces shipped with groupwork (regular and bold), or [] without the wheel."""
    try:
        import fontpkg_sarabun
    except ImportError:
        return []
    files = fontpkg_sarabun.ROOT / "files"
    return [str(files / name) for name in ("Sarabun-Regular.ttf", "Sarabun-Bold.ttf")]


@cache
def thai_font() -> str | None:
    """The family name of a Thai-capable font (the shipped Sarabun first), or None."""
    from groupwork.charts.lean_import import lean_matplotlib

    lean_matplotlib()
    from matplotlib import font_manager

    for path in shipped_font_files():
        font_manager.fontManager.addfont(path)
    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    for name in THAI_FONT_NAMES:
        if name in installed:
            return name
    # Any other face that says it is Thai (e.g. a vendor's "XYZ Thai").
    for name in sorted(installed):
        if "thai" in name.lower():
            return name
    return None


def font_families() -> list[str]:
    """The font family list for charts: the Thai font (if any) then the fallback.

    matplotlib falls back glyph by glyph along this list, so Latin digits and names still
    draw when the Thai face lacks them.
    """
    found = thai_font()
    return [found, FALLBACK_FAMILY] if found else [FALLBACK_FAMILY]


def missing_font_notice() -> str | None:
    """Once per run, the message to show when no Thai font is installed; otherwise None."""
    global _notice_given
    if thai_font() is not None or _notice_given:
        return None
    _notice_given = True
    return _(
        "No Thai font was found, so Thai text in charts may show as boxes. Install one: "
        "on Debian/Ubuntu `sudo apt install fonts-thai-tlwg` (or fonts-noto-core); on Windows "
        "and macOS a Thai font (Tahoma, Leelawadee UI, Thonburi) comes with the system; "
        "or install Sarabun or Noto Sans Thai from Google Fonts. Then run the command again."
    )


def reset_font_cache() -> None:
    """Forget the font lookup and the notice (tests, or after installing a font)."""
    global _notice_given
    _notice_given = False
    thai_font.cache_clear()

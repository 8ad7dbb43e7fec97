"""Keys typed while the keyboard is set to Thai still mean the key the finger pressed.

A facilitator who types notes in Thai leaves the keyboard on the Thai (Kedmanee) layout; a
member's key "1" then arrives as "ๅ" and "f" as "ด". ``latin_key`` maps such characters back
to the key's place on a US keyboard, so one-key recording works in either layout. Thai
digits (๐-๙) count as digits.
"""

from __future__ import annotations

_US = "1234567890-=qwertyuiop[]\\asdfghjkl;'zxcvbnm,./"
_KEDMANEE = "ๅ/-ภถุึคตจขชๆไำพะัีรนยบลฃฟหกดเ้่าสวงผปแอิืทมใฝ"
_THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"

THAI_TO_LATIN: dict[str, str] = dict(zip(_KEDMANEE, _US, strict=True))
THAI_TO_LATIN.update({thai: str(i) for i, thai in enumerate(_THAI_DIGITS)})


def latin_key(character: str | None) -> str:
    """The US-layout key for ``character`` (unchanged when it is not a Thai layout key)."""
    if not character:
        return ""
    return THAI_TO_LATIN.get(character, character)

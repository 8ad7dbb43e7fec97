"""How wide a piece of table text is on the printed page, character by character.

The Word review sets its tables in TH Sarabun New (Thai documents: every script) or in the
theme's Latin face with TH Sarabun New for Thai (English documents). A column is sized from
these widths, so they come from the fonts themselves: the advance widths below, in
thousandths of an em, were read with fontTools from

- Laksaman (fonts-thai-tlwg), drawn on TH Sarabun PSK's metrics; it is what LibreOffice puts
  in place of TH Sarabun New where that is not installed, and TH Sarabun New keeps PSK's
  widths. Digits (0.54 em) and ``:`` ``–`` ``/`` are not a Thai letter's width (0.44-0.82 em,
  0.61 on average), and the vowel and tone marks above and below a letter take none.
- DejaVu Serif, what LibreOffice draws for the theme's Cambria when neither Cambria nor
  Caladea is installed. It runs wider than Cambria, so in Word a column has a little room
  to spare rather than too little.

``tests/report/test_text_width.py`` reads the fonts again where they are installed and checks
these tables against them.
"""

from __future__ import annotations

import unicodedata
from functools import cache

_ASCII = "".join(chr(c) for c in range(32, 127))
_THAI = "".join(chr(c) for c in range(0x0E01, 0x0E5C) if unicodedata.name(chr(c), None))
_EXTRA = "–—…‘’“”•·×"
THAI_FACE_CHARS = _ASCII + _THAI + _EXTRA
"""The characters of the Thai face's tables, in their order."""
LATIN_FACE_CHARS = _ASCII + _EXTRA
"""The characters of the Latin face's tables, in their order."""

_THAI_REGULAR = (
    "324 221 312 606 543 879 636 180 285 285 428 618 243 324 243 406 544 544 544 544 544 544 "
    "544 544 544 544 243 243 618 618 618 425 806 601 568 610 648 527 527 639 663 221 397 565 "
    "530 824 663 731 568 732 570 529 570 700 586 884 628 550 637 294 394 294 619 529 306 517 "
    "603 497 603 562 309 467 586 215 233 475 300 904 586 598 603 603 326 424 357 586 512 762 "
    "478 506 482 312 230 312 625 580 568 574 591 591 613 442 552 567 568 574 780 780 639 639 "
    "515 693 800 816 588 588 568 646 503 631 643 643 573 573 672 672 639 601 564 484 568 573 "
    "639 503 591 658 573 642 682 582 559 588 536 0 475 475 0 0 0 0 0 0 0 618 305 567 356 364 "
    "367 308 600 0 0 0 0 0 0 0 0 676 675 675 675 675 675 675 675 675 675 675 785 1048 541 1083 "
    "720 371 371 556 556 324 243 618 "
)
_THAI_BOLD = (
    "339 252 437 694 552 1034 731 254 367 367 515 627 258 339 258 415 568 568 568 568 568 568 "
    "568 568 568 568 258 258 627 627 627 434 860 678 595 649 690 538 538 682 709 245 424 618 "
    "540 863 709 779 586 779 594 549 633 725 634 920 640 595 678 351 403 351 628 565 315 552 "
    "654 521 654 588 382 499 636 245 257 511 320 956 636 619 648 648 370 445 388 628 538 722 "
    "524 543 538 383 266 383 634 588 624 648 606 606 681 478 586 609 624 648 849 849 639 639 "
    "559 740 828 866 609 609 588 658 538 651 669 669 622 622 725 725 639 627 580 494 588 600 "
    "639 570 606 693 600 658 703 592 579 571 511 0 505 505 0 0 0 0 0 0 0 585 312 594 379 404 "
    "379 314 657 0 0 0 0 0 0 0 0 676 685 685 685 685 685 685 685 685 685 685 789 1048 503 1042 "
    "758 380 380 577 577 339 258 627 "
)
_LATIN_REGULAR = (
    "318 402 460 838 636 950 890 275 390 390 500 838 318 338 318 337 636 636 636 636 636 636 "
    "636 636 636 636 337 337 838 838 838 536 1000 722 735 765 802 730 694 799 872 395 401 747 "
    "664 1024 875 820 673 820 753 685 667 843 722 1028 712 660 695 390 337 390 838 500 500 596 "
    "640 560 640 592 370 640 644 320 310 606 320 948 644 602 640 640 478 513 402 644 565 856 "
    "564 565 527 636 337 636 838 500 1000 1000 318 318 511 511 590 318 838 "
)
_LATIN_BOLD = (
    "348 439 521 838 696 950 903 306 473 473 523 838 348 415 348 365 696 696 696 696 696 696 "
    "696 696 696 696 369 369 838 838 838 586 1000 776 845 796 867 762 710 854 945 468 473 869 "
    "703 1107 914 871 752 871 831 722 744 872 776 1123 776 714 730 473 365 473 838 500 500 648 "
    "699 609 699 636 430 699 727 380 362 693 380 1058 727 667 699 699 527 563 462 727 581 861 "
    "596 581 568 643 364 643 838 500 1000 1000 348 348 575 575 639 348 838 "
)

CM_PER_POINT = 2.54 / 72
OTHER_EM = 0.6
"""A character neither table holds (a letter of another script): about a Thai letter."""


@cache
def _widths(face: str, bold: bool) -> dict[str, float]:
    """One table as a mapping from character to its advance in ems."""
    text, chars = {
        ("thai", False): (_THAI_REGULAR, THAI_FACE_CHARS),
        ("thai", True): (_THAI_BOLD, THAI_FACE_CHARS),
        ("latin", False): (_LATIN_REGULAR, LATIN_FACE_CHARS),
        ("latin", True): (_LATIN_BOLD, LATIN_FACE_CHARS),
    }[face, bold]
    return dict(zip(chars, (int(w) / 1000 for w in text.split()), strict=True))


def is_thai(ch: str) -> bool:
    """True for a character of the Thai block (letters, vowels, marks, Thai digits)."""
    return "\u0e00" <= ch <= "\u0e7f"


def width_em(text: str, lang: str, bold: bool = False) -> float:
    """The width of ``text`` on one line, in ems of the table's type size.

    Thai documents set every script in TH Sarabun New; English ones set Thai in it too (the
    complex-script font) and everything else in the Latin face.
    """
    thai = _widths("thai", bold)
    other = thai if lang == "th" else _widths("latin", bold)
    total = 0.0
    for ch in text:
        table = thai if is_thai(ch) else other
        found = table.get(ch)
        if found is None:
            # Combining marks sit on the letter before them; wide (CJK) letters take an em.
            found = (
                0.0
                if unicodedata.category(ch).startswith("M")
                else 1.0
                if unicodedata.east_asian_width(ch) in "WF"
                else OTHER_EM
            )
        total += found
    return total


def width_cm(
    text: str, lang: str, points: float, bold: bool = False, thai_points: float | None = None
) -> float:
    """The width of ``text`` on one line at ``points`` (Thai letters at ``thai_points`` when
    given: the complex-script size may differ), in centimetres."""
    if thai_points is None or thai_points == points:
        return width_em(text, lang, bold) * points * CM_PER_POINT
    thai = "".join(ch for ch in text if is_thai(ch))
    rest = "".join(ch for ch in text if not is_thai(ch))
    return (
        width_em(thai, lang, bold) * thai_points + width_em(rest, lang, bold) * points
    ) * CM_PER_POINT


def unbreakable_pieces(text: str) -> list[str]:
    """The pieces a line never breaks inside: words between spaces, and within Thai runs
    (written without spaces) the words PyThaiNLP finds. Digits and punctuation stay with
    their word: a time range ("06:30–08:30"), a date's month ("ส.ค."), "เข้าร่วม/"."""
    pieces: list[str] = []
    for token in text.split():
        pieces.extend(_thai_words(token) if any(is_thai(ch) for ch in token) else [token])
    return pieces


@cache
def _thai_words(token: str) -> list[str]:
    """A Thai token split where a line may break: between dictionary words, with a piece
    that has no Thai letter (a full stop, a slash, digits) kept on the word before it."""
    from groupwork.privacy.thai_words import words

    out: list[str] = []
    pending = ""
    for part in words(token):
        if not any(is_thai(ch) for ch in part):
            if out:
                out[-1] += part
            else:
                pending += part  # an opening bracket or quote goes with the next word
            continue
        out.append(pending + part)
        pending = ""
    if pending:
        out.append(pending)
    return out

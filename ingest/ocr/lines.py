"""Table rulings in a scanned page image: deskew, find long dark runs, erase them before OCR.

The image is binarised (dark = below ``DARK``). Skew is estimated on a reduced copy as the angle
(within +-MAX_SKEW degrees) whose row profile is sharpest (text lines and rulings give the
most peaked histogram when level). After deskewing, a horizontal ruling is a run of dark
pixels in one row at least ``min_len`` long (gaps of up to ``GAP`` pixels from noise or blur are
bridged); runs on neighbouring rows with overlapping spans are one ruling. Vertical rulings are
found the same way on the transposed image.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from PIL import Image

DARK = 128
MAX_SKEW = 1.5  # degrees searched either way (the scans reach 0.6)
SKEW_STEP = 0.05
COARSE_STEP = 0.2
SKEW_WIDTH = 1000  # pixels across the reduced copy the skew is measured on (~0.5 px per 0.05 degree at the edges)
GAP = 3  # pixels of light bridged inside a ruling
DENSITY = 0.9  # share of a ruling's pixels that are dark (a row through text has more gaps)
ERASE_MARGIN = 3  # pixels painted white either side of a ruling: its blurred, lighter edges go too
SPECK_DARK = 180  # grey level under which a pixel can be dust (Tesseract's own threshold is near the paper's)
SPECK_AREA = 14  # dark pixels (at 300 dpi) of the largest isolated blob taken for dust
SPECK_REACH = 6  # pixels (at 300 dpi) of white around a blob for it to count as isolated (a letter's dot or accent sits closer)
NEAR = 3  # pixels between rows whose runs belong to one (thick or slightly tilted) ruling


@dataclass(frozen=True)
class PixelRule:
    pos: float  # row of a horizontal ruling, column of a vertical one (pixels)
    start: int
    end: int
    thickness: int


def dark_mask(image: "Image.Image") -> "np.ndarray":
    import numpy as np

    return np.asarray(image, dtype=np.uint8) < DARK


def estimate_skew(image: "Image.Image") -> float:
    """Degrees to rotate ``image`` counter-clockwise (PIL's ``rotate``) to make it level: a coarse
    search over +-MAX_SKEW, then a fine one around the best coarse angle."""
    small = image.reduce(max(1, image.width // SKEW_WIDTH))
    coarse = _sharpest(small, [i * COARSE_STEP for i in range(-round(MAX_SKEW / COARSE_STEP),
                                                               round(MAX_SKEW / COARSE_STEP) + 1)])
    span = round(COARSE_STEP / SKEW_STEP)
    return _sharpest(small, [round(coarse + i * SKEW_STEP, 3) for i in range(-span, span + 1)])


def _sharpest(image: "Image.Image", angles: list[float]) -> float:
    """The angle whose row profile (dark pixels per row) changes most sharply from row to row."""
    import numpy as np

    best, best_score = 0.0, -1.0
    for angle in angles:
        turned = image.rotate(angle, resample=0, fillcolor=255) if angle else image
        profile = (np.asarray(turned) < DARK).sum(axis=1).astype(np.float64)
        score = float(np.square(np.diff(profile)).sum())
        if score > best_score:
            best, best_score = angle, score
    return best


def deskew(image: "Image.Image") -> tuple["Image.Image", float]:
    """The image rotated level (about its centre, same size) and the angle used."""
    angle = estimate_skew(image)
    if abs(angle) < SKEW_STEP / 2:
        return image, 0.0
    from PIL import Image

    return image.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=255), angle


def find_rules(mask: "np.ndarray", min_h: int, min_v: int) -> tuple[list[PixelRule], list[PixelRule]]:
    """Horizontal and vertical rulings (pixels, at least ``min_h`` / ``min_v`` long) of a binarised page."""
    return _row_rules(mask, min_h), _row_rules(mask.T, min_v)


def _row_rules(mask: "np.ndarray", min_len: int) -> list[PixelRule]:
    runs = []  # (row, start, end)
    for row in range(mask.shape[0]):
        for start, end in _long_runs(mask[row], min_len):
            runs.append((row, start, end))
    return _group(runs)


def _long_runs(line: "np.ndarray", min_len: int) -> list[tuple[int, int]]:
    """Runs of dark pixels at least ``min_len`` long in one row, small light gaps bridged."""
    import numpy as np

    if line.sum() < min_len:
        return []
    padded = np.concatenate(([False], line, [False]))
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    starts, ends = edges[::2], edges[1::2]
    out: list[tuple[int, int]] = []
    cur_s, cur_e, dark = int(starts[0]), int(ends[0]), int(ends[0] - starts[0])
    for s, e in zip(starts[1:], ends[1:]):
        if s - cur_e <= GAP:
            cur_e, dark = int(e), dark + int(e - s)
        else:
            if cur_e - cur_s >= min_len and dark >= DENSITY * (cur_e - cur_s):
                out.append((cur_s, cur_e))
            cur_s, cur_e, dark = int(s), int(e), int(e - s)
    if cur_e - cur_s >= min_len and dark >= DENSITY * (cur_e - cur_s):
        out.append((cur_s, cur_e))
    return out


def _group(runs: list[tuple[int, int, int]]) -> list[PixelRule]:
    """Runs on nearby rows whose spans overlap make one ruling."""
    open_: list[list[int]] = []  # [first_row, last_row, start, end, rows_sum, rows_n]
    done: list[list[int]] = []
    for row, start, end in runs:
        still = []
        for g in open_:
            (done if row - g[1] > NEAR else still).append(g)
        open_ = still
        for g in open_:
            if start <= g[3] and end >= g[2]:
                g[1], g[2], g[3] = row, min(g[2], start), max(g[3], end)
                g[4] += row
                g[5] += 1
                break
        else:
            open_.append([row, row, start, end, row, 1])
    done += open_
    return sorted((PixelRule(g[4] / g[5], g[2], g[3], g[1] - g[0] + 1) for g in done), key=lambda r: (r.pos, r.start))


def erase_rules(image: "Image.Image", hrules: list[PixelRule], vrules: list[PixelRule]) -> "Image.Image":
    """A copy with the rulings painted white, so Tesseract does not read them as '|' or '_'."""
    from PIL import ImageDraw

    out = image.copy()
    draw = ImageDraw.Draw(out)
    for r in hrules:
        half = r.thickness / 2 + ERASE_MARGIN
        draw.rectangle((r.start - ERASE_MARGIN, r.pos - half, r.end + ERASE_MARGIN, r.pos + half), fill=255)
    for r in vrules:
        half = r.thickness / 2 + ERASE_MARGIN
        draw.rectangle((r.pos - half, r.start - ERASE_MARGIN, r.pos + half, r.end + ERASE_MARGIN), fill=255)
    return out


def despeckle(image: "Image.Image", *, dpi: int) -> "Image.Image":
    """A copy without dust: dark blobs smaller than SPECK_AREA (at 300 dpi) with no other dark
    pixel within SPECK_REACH pixels. A letter's dot or accent is as small, but sits next to its
    letter; a speck left near a word makes Tesseract misjudge the line (a row's "1." read "qe")."""
    import numpy as np
    from PIL import Image
    from scipy import ndimage

    pixels = np.asarray(image, dtype=np.uint8)
    mask = pixels < SPECK_DARK
    grow = max(1, round(SPECK_REACH * dpi / 300 / 2))  # each blob grows by half the reach
    groups, count = ndimage.label(ndimage.binary_dilation(mask, structure=np.ones((2 * grow + 1,) * 2, bool)))
    if not count:
        return image
    sizes = ndimage.sum(mask, groups, index=np.arange(1, count + 1))
    small = np.concatenate(([False], sizes < SPECK_AREA * (dpi / 300) ** 2))
    out = pixels.copy()
    out[small[groups]] = 255
    return Image.fromarray(out, "L")

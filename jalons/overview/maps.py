"""Server-side SVG maps of regions and départements, drawn from the artefact made by scripts/build_map.py.

The same renderer serves pages, PDF reports and exports. Every shape is a link with an accessible name; the
pages show a table with the same figures next to the map.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.template.loader import render_to_string

DATA_DIR = Path(__file__).parent / "data"
LEVELS = {"regions": "map_regions.json", "departments": "map_departments.json"}
# Sequential blues of the DSFR palette, from "no data" to the highest class.
CLASS_COLOURS = ["#f6f6f6", "#e3e3fd", "#cacafb", "#8585f6", "#6a6af4", "#000091"]


@cache
def load_artefact(level):
    return json.loads((DATA_DIR / LEVELS[level]).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class MapArea:
    code: str
    label: str  # accessible name, e.g. "Bretagne : 306 personnes"
    value: float | None
    url: str = ""


def classify(values):
    """Class 0 for no value, then 1..5 by equal intervals up to the maximum."""
    classes = len(CLASS_COLOURS) - 1
    present = [value for value in values.values() if value is not None]
    top = max(present, default=0) or 1
    return {
        code: 0 if value is None else min(classes, 1 + int(value / top * classes * 0.9999))
        for code, value in values.items()
    }


def frame_of(shapes, margin=8):
    boxes = [shape["bbox"] for shape in shapes.values()]
    left, top = min(box[0] for box in boxes) - margin, min(box[1] for box in boxes) - margin
    right, bottom = max(box[2] for box in boxes) + margin, max(box[3] for box in boxes) + margin + 12
    width, height = right - left, bottom - top
    # Preformatted strings: the template must not localise numbers ("199,3" is no SVG coordinate).
    font_size = max(width, height) / 60
    return {
        "view_box": f"{left:.0f} {top:.0f} {width:.0f} {height:.0f}",
        "attribution_x": f"{right:.1f}",
        "attribution_y": f"{bottom - font_size / 2:.1f}",
        "attribution_size": f"{font_size:.1f}",
        "stroke_width": f"{font_size / 16:.2f}",
    }


def render_map(areas, title, level="regions", only=None):
    """An inline SVG map. areas: MapArea per code; codes without an area are drawn grey and unlinked.

    only: the codes to draw (e.g. the départements of one region), framed to fit.
    """
    artefact = load_artefact(level)
    shapes_by_code = {code: shape for code, shape in artefact["shapes"].items() if only is None or code in only}
    frame = frame_of(shapes_by_code)
    by_code = {area.code: area for area in areas}
    classes = classify({code: by_code[code].value if code in by_code else None for code in shapes_by_code})
    shapes = [
        {
            "code": code,
            "d": shape["d"],
            "area": by_code.get(code),
            "name": shape["name"],
            "fill": CLASS_COLOURS[classes[code]],
        }
        for code, shape in shapes_by_code.items()
    ]
    return render_to_string(
        "overview/includes/map.svg",
        {
            "shapes": shapes,
            **frame,
            "attribution": artefact["attribution"],
            "map_title": title,
        },
    )

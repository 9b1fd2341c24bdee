"""Derive the small map artefact shipped with Jalons from the IGN Admin Express boundaries.

    python scripts/build_map.py ../shared/data/geo jalons/overview/data

Reads regions-avec-outre-mer.geojson and departements-avec-outre-mer.geojson, projects them (a conic-like
projection centred on metropolitan France; the five overseas regions as insets), simplifies the outlines
(Douglas-Peucker), drops specks, and writes map_regions.json and map_departments.json:
{"viewBox": "...", "attribution": "...", "shapes": {code: {"name": ..., "d": svg path}}}.
"""

import json
import math
import sys
from pathlib import Path

ATTRIBUTION = "Contours : IGN Admin Express, Licence Ouverte"
WIDTH, HEIGHT = 600, 640
# Inset boxes (x, y, size) on the left side for the five overseas regions, by region and by département code.
INSETS = [(5, 460, 80), (5, 545, 80), (95, 545, 80), (185, 545, 80), (95, 460, 80)]
OVERSEAS = {
    "regions": dict(zip(["01", "02", "03", "04", "06"], INSETS, strict=True)),
    "departements": dict(zip(["971", "972", "973", "974", "976"], INSETS, strict=True)),
}
METRO_BOX = (40, 5, 555, 520)  # x, y, width, height available for metropolitan France
LAT0 = math.radians(46.5)


def project(lon, lat):
    return lon * math.cos(LAT0), -lat


def rings(geometry):
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    for polygon in polygons:
        yield from polygon


def area(points):
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True))) / 2


def simplify(points, tolerance):
    """Douglas-Peucker, iterative."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        start, end = stack.pop()
        (x1, y1), (x2, y2) = points[start], points[end]
        length = math.hypot(x2 - x1, y2 - y1)
        farthest, distance = None, tolerance
        for index in range(start + 1, end):
            x, y = points[index]
            # On a closed ring (start == end), measure from its first point.
            d = abs((x2 - x1) * (y1 - y) - (x1 - x) * (y2 - y1)) / length if length else math.hypot(x - x1, y - y1)
            if d > distance:
                farthest, distance = index, d
        if farthest is not None:
            keep[farthest] = True
            stack += [(start, farthest), (farthest, end)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def fit(features, box):
    """Scale and translate projected features into box (x, y, width, height)."""
    xs = [x for feature in features for ring in feature["rings"] for x, _y in ring]
    ys = [y for feature in features for ring in feature["rings"] for _x, y in ring]
    x, y, width, height = box
    min_x, min_y = min(xs), min(ys)
    scale = min(width / (max(xs) - min_x), height / (max(ys) - min_y))
    for feature in features:
        feature["rings"] = [
            [(x + (px - min_x) * scale, y + (py - min_y) * scale) for px, py in ring] for ring in feature["rings"]
        ]


def build(path, overseas, tolerance_px=0.8, min_area_px=4.0):
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    features = [
        {
            "code": feature["properties"]["code"],
            "name": feature["properties"]["nom"],
            "rings": [[project(lon, lat) for lon, lat in ring] for ring in rings(feature["geometry"])],
        }
        for feature in data["features"]
    ]
    fit([feature for feature in features if feature["code"] not in overseas], METRO_BOX)
    for feature in features:
        if feature["code"] in overseas:
            x, y, size = overseas[feature["code"]]
            fit([feature], (x, y, size, size))
    shapes = {}
    for feature in sorted(features, key=lambda feature: feature["code"]):
        parts, kept = [], []
        for ring in feature["rings"]:
            ring = simplify(ring, tolerance_px)
            if len(ring) < 3 or area(ring) < min_area_px:
                continue
            kept += ring
            parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in ring) + "Z")
        xs, ys = [x for x, _y in kept], [y for _x, y in kept]
        bbox = [round(min(xs), 1), round(min(ys), 1), round(max(xs), 1), round(max(ys), 1)]
        shapes[feature["code"]] = {"name": feature["name"], "d": "".join(parts), "bbox": bbox}
    return {"viewBox": f"0 0 {WIDTH} {HEIGHT}", "attribution": ATTRIBUTION, "shapes": shapes}


def main(source, target):
    source, target = Path(source), Path(target)
    for name, output in (("regions", "map_regions.json"), ("departements", "map_departments.json")):
        artefact = build(source / f"{name}-avec-outre-mer.geojson", OVERSEAS[name])
        text = json.dumps(artefact, ensure_ascii=False, separators=(",", ":"))
        (target / output).write_text(text + "\n", encoding="utf-8")
        print(f"{output}: {len(artefact['shapes'])} formes, {len(text) // 1024} Ko")


if __name__ == "__main__":
    main(*sys.argv[1:3])

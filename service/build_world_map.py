"""Build the chat's world map (service/static/vendor/world-atlas/world-110m.json): one SVG path per country,
keyed by ISO 3166-1 alpha-3, projected once here (Equal Earth) so that the browser needs no map library.
A build step run by hand (standard library only), never at run time; see that folder's README.md:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python -m sharaka.service.build_world_map --atlas package/countries-110m.json \
        --small-from package/countries-50m.json --codelist kg/sources/countrycode/codelist.csv \
        --out service/static/vendor/world-atlas/world-110m.json

Input: world-atlas 2.0.2 TopoJSON (Natural Earth 4.1.0 Admin 0 countries, public domain; ids are
ISO 3166-1 numeric codes as 3-digit strings). Output JSON:
    {"viewBox": "x y w h", "sphere": "<path d>", "countries": [{"id": "PAK", "name": "Pakistan", "d": "..."}],
     "points": [{"id": "BHR", "name": "Bahrain", "x": 1234, "y": 345}], "source": "...", "notes": {...}}
"points" are the states too small for the file (Bahrain, Singapore, Malta ...), drawn as dots.
Coordinates are integers in a frame 2000 units wide (the whole Equal Earth sphere), relative path
commands, so the file stays small; the SVG scales it to any width."""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import math
from collections.abc import Callable
from pathlib import Path

# Equal Earth (Šavrič, Patterson & Jenny 2018).
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2
X_MAX = math.pi / (M * A1)              # x at lon 180, lat 0
Y_MAX = (math.pi / 3) * (A1 + A2 * (math.pi / 3) ** 2 + (math.pi / 3) ** 6 * (A3 + A4 * (math.pi / 3) ** 2))
WIDTH = 2000
K = WIDTH / (2 * X_MAX)

# Natural Earth features without an ISO numeric id in world-atlas, and what Sharaka calls them.
# Kosovo: Sharaka's key is the user-assigned XKX (kg/countries.py). Northern Cyprus and Somaliland
# are not ISO 3166 entities: drawn as part of Cyprus and Somalia (de jure), like ISO and the UN do.
UNNUMBERED = {"Kosovo": "XKX", "N. Cyprus": "CYP", "Somaliland": "SOM",
              # only in the 50m file:
              "Indian Ocean Ter.": None, "Siachen Glacier": None}
SKIP = {"ATA"}  # Antarctica: no nation; leaving it out crops a quarter of the height
# Sovereign states that are in neither the 110m nor the 50m file: a point at (lon, lat).
EXTRA_POINTS = {"MCO": ("Monaco", 7.42, 43.74), "VAT": ("Vatican City", 12.45, 41.90),
                "TUV": ("Tuvalu", 179.19, -8.52)}


def project(lon: float, lat: float) -> tuple[float, float]:
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return (x + X_MAX) * K, (Y_MAX - y) * K  # SVG: origin top left, y down


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    sx, sy = topology["transform"]["scale"]
    tx, ty = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs: list) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


Ring = list[tuple[float, float]]


def _clip(ring: Ring, keep: Callable[[float], bool], cross_lon: float) -> Ring:
    """Sutherland-Hodgman: the part of a ring on one side of the meridian cross_lon (in unwrapped
    longitudes); keep(lon) says which side."""
    out: list[tuple[float, float]] = []
    n = len(ring)
    for i in range(n):
        cur, prev = ring[i], ring[i - 1]
        cur_in, prev_in = keep(cur[0]), keep(prev[0])
        if cur_in != prev_in:
            t = (cross_lon - prev[0]) / (cur[0] - prev[0])
            out.append((cross_lon, prev[1] + t * (cur[1] - prev[1])))
        if cur_in:
            out.append(cur)
    return out


def _densify_cut(ring: list[tuple[float, float]], lon: float) -> list[tuple[float, float]]:
    """Points every degree along a cut at the antimeridian, so its projected edge follows the curved
    border of the map instead of a straight chord."""
    out: list[tuple[float, float]] = []
    for i, p in enumerate(ring):
        out.append(p)
        q = ring[(i + 1) % len(ring)]
        if abs(p[0] - lon) < 1e-9 and abs(q[0] - lon) < 1e-9 and abs(q[1] - p[1]) > 1:
            step = 1 if q[1] > p[1] else -1
            lat = math.floor(p[1]) + (1 if step > 0 else 0)
            while (lat - q[1]) * step < 0:
                out.append((lon, float(lat)))
                lat += step
    return out


def split_at_antimeridian(ring: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """world-atlas keeps rings whole on the sphere (Russia, Fiji cross 180°). Unwrap the longitudes so
    the ring is continuous, then cut it at ±180 into pieces that each lie within [-180, 180]."""
    unwrapped = [ring[0]]
    offset = 0.0
    for (lon0, _), (lon1, lat1) in itertools.pairwise(ring):
        if lon1 - lon0 > 180:
            offset -= 360
        elif lon1 - lon0 < -180:
            offset += 360
        unwrapped.append((lon1 + offset, lat1))
    lons = [p[0] for p in unwrapped]
    if min(lons) >= -180 and max(lons) <= 180:
        return [ring]
    pieces = []
    for lo in (-540, -180, 180):  # the windows [lo, lo + 360] that the unwrapped ring may touch
        low, high = float(lo), float(lo + 360)
        part = _clip(unwrapped, low.__le__, low)
        part = _clip(part, high.__ge__, high) if part else part
        if len(part) >= 3:
            shift = -(lo + 180)
            shifted = [(x + shift, y) for x, y in part]
            pieces.append(_densify_cut(_densify_cut(shifted, 180.0), -180.0))
    return pieces


def path_of_rings(rings: list[list[tuple[float, float]]]) -> str:
    out = []
    for ring in (piece for r in rings for piece in split_at_antimeridian(r)):
        pts: list[tuple[int, int]] = []
        for lon, lat in ring:
            x, y = project(lon, lat)
            p = (round(x), round(y))
            if not pts or p != pts[-1]:
                pts.append(p)
        if len(pts) > 1 and pts[0] == pts[-1]:
            pts.pop()
        if len(set(pts)) < 3:
            continue  # an island smaller than the resolution
        d = [f"M{pts[0][0]} {pts[0][1]}"]
        rel = []
        for (x0, y0), (x1, y1) in itertools.pairwise(pts):
            rel.append(f"{x1 - x0} {y1 - y0}")
        d.append("l" + " ".join(rel) + "z")
        out.append("".join(d).replace(" -", "-"))
    return "".join(out)


def ring_area_centroid(ring: list[tuple[float, float]]) -> tuple[float, float, float]:
    """Area and centroid of a ring, in projected coordinates (shoelace formula)."""
    pts = [project(lon, lat) for lon, lat in ring]
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(a) < 1e-9:
        xs, ys = zip(*pts, strict=True)
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return abs(a) / 2, cx / (3 * a), cy / (3 * a)


def read_geometries(path: Path, numeric_to_iso3: dict) -> tuple[dict, dict, list]:
    topology = json.loads(path.read_text())
    arcs = decode_arcs(topology)
    rings_by_iso3: dict[str, list] = {}
    atlas_names: dict[str, list[str]] = {}
    unmapped = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        atlas_name = geometry["properties"]["name"]
        iso3 = numeric_to_iso3.get(geometry["id"]) if "id" in geometry else UNNUMBERED.get(atlas_name)
        if iso3 is None:
            unmapped.append(f"{geometry.get('id', '-')} {atlas_name}")
            continue
        if iso3 in SKIP:
            continue
        arcs_of = geometry.get("arcs", [])
        polygons = {"Polygon": [arcs_of], "MultiPolygon": arcs_of}.get(geometry.get("type"), [])
        for polygon in polygons:
            # the outer ring only matters for points; holes are kept for paths
            for ring in polygon:
                rings_by_iso3.setdefault(iso3, []).append(ring_points(ring, arcs))
        atlas_names.setdefault(iso3, []).append(atlas_name)
    return rings_by_iso3, atlas_names, unmapped


def sphere_path(bottom_lat: float) -> str:
    """The outline of the map (the ocean), cut at bottom_lat so it matches the cropped frame."""
    left = [project(-180, lat) for lat in range(90, int(bottom_lat) - 1, -2)]
    right = [project(180, lat) for lat in range(int(bottom_lat), 91, 2)]
    pts = [(round(x), round(y)) for x, y in left + right]
    return "M" + "L".join(f"{x} {y}" for x, y in pts) + "Z"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--atlas", required=True, type=Path)
    parser.add_argument("--codelist", required=True, type=Path)
    parser.add_argument("--small-from", type=Path, help="a finer world-atlas file (50m): countries missing "
                        "from --atlas become points at the centroid of their largest polygon")
    parser.add_argument("--out", required=True, type=Path)
    args = parser.parse_args()

    numeric_to_iso3 = {}
    names = {}
    with args.codelist.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["iso3n"] not in ("", "NA") and row["iso3c"] not in ("", "NA"):
                numeric_to_iso3[f"{int(float(row['iso3n'])):03d}"] = row["iso3c"]
                names[row["iso3c"]] = row["country.name.en"]
    names["XKX"] = "Kosovo"

    rings_by_iso3, atlas_names, unmapped = read_geometries(args.atlas, numeric_to_iso3)

    countries = []
    min_lat = 90.0
    for iso3 in sorted(rings_by_iso3):
        d = path_of_rings(rings_by_iso3[iso3])
        if not d:
            continue
        min_lat = min(min_lat, *(lat for ring in rings_by_iso3[iso3] for _, lat in ring))
        countries.append({"id": iso3, "name": names.get(iso3, atlas_names[iso3][0]), "d": d})
    bottom = max(-90.0, math.floor(min_lat) - 2)
    _, y_bottom = project(0, bottom)
    height = math.ceil(y_bottom)
    merged = {k: v for k, v in atlas_names.items() if len(v) > 1}
    points = []
    if args.small_from:
        fine, fine_names, _ = read_geometries(args.small_from, numeric_to_iso3)
        drawn = {c["id"] for c in countries}
        for iso3 in sorted(set(fine) - drawn):
            _, x, y = max((ring_area_centroid(r) for r in fine[iso3]), key=lambda t: t[0])
            points.append({"id": iso3, "name": names.get(iso3, fine_names[iso3][0]), "x": round(x), "y": round(y)})
        for iso3, (name, lon, lat) in EXTRA_POINTS.items():
            if iso3 not in drawn and iso3 not in fine:
                x, y = project(lon, lat)
                points.append({"id": iso3, "name": name, "x": round(x), "y": round(y)})
        points.sort(key=lambda p: p["id"])
    out = {
        "viewBox": f"0 0 {WIDTH} {height}",
        "sphere": sphere_path(bottom),
        "source": f"Natural Earth 4.1.0 Admin 0 countries via world-atlas 2.0.2 ({args.atlas.name}"
                  + (f", small states as points from {args.small_from.name}" if args.small_from else "") + "); "
                  "Equal Earth projection; Antarctica left out",
        "notes": {"merged": merged, "unmapped": unmapped},
        "countries": countries,
        "points": points,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":")))
    print(f"{args.out}: {len(countries)} countries, {len(points)} points, {args.out.stat().st_size} bytes; "
          f"merged {merged}; unmapped {unmapped}")


if __name__ == "__main__":
    main()

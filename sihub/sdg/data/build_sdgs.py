"""Build ``sdgs.json`` (Agenda 2030 reference data, English + Swedish).

Run once by hand, not at run time:

    /work/main/.venv/bin/python sihub/sdg/data/build_sdgs.py

English goal statements and target texts come verbatim from the PyPI package
``seesus`` (``seesus.SDG_desc``: ``goal_desc`` and ``tar_desc``), except for a
small, explicit list of character-encoding repairs (see ``EN_REPAIRS``).
Swedish texts come from ``sv_texts.py`` next to this file. The script fails
loudly (non-zero exit) on any missing/extra Swedish text or wrong count.

Notes on seesus 1.2.1 data quirks handled here:
  * keys for targets x.10 lost their trailing zero ("SDG8_1" appears twice:
    once for 8.1 and once for 8.10; same for 16.10 and 17.10), so numeric
    target codes are derived from position and cross-checked against the key;
  * non-ASCII characters in the UN source (non-breaking spaces, non-breaking
    hyphens, curly quotes/apostrophes, en dash) were flattened to "?";
  * target 14.6 carries a footnote marker ("negotiation3");
  * target 8.7 has a trailing space.
"""

import json
import re
import string
import sys
from importlib.metadata import version
from pathlib import Path

from seesus import SDG_desc

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from sv_texts import GOAL_TEXTS_SV, GOAL_TITLES_SV, TARGET_TEXTS_SV  # noqa: E402

OUT = HERE / "sdgs.json"

EXPECTED_GOALS = 17
EXPECTED_TARGETS = 169
# Number of targets per goal in the UN list (sums to 169).
EXPECTED_PER_GOAL = {
    1: 7, 2: 8, 3: 13, 4: 10, 5: 9, 6: 8, 7: 5, 8: 12, 9: 8, 10: 10,
    11: 10, 12: 11, 13: 5, 14: 10, 15: 12, 16: 12, 17: 19,
}

# Official UN short titles (seesus uses slight variants, e.g. "Reducing
# Inequality", "Life On Land").
TITLES_EN = {
    1: "No Poverty",
    2: "Zero Hunger",
    3: "Good Health and Well-being",
    4: "Quality Education",
    5: "Gender Equality",
    6: "Clean Water and Sanitation",
    7: "Affordable and Clean Energy",
    8: "Decent Work and Economic Growth",
    9: "Industry, Innovation and Infrastructure",
    10: "Reduced Inequalities",
    11: "Sustainable Cities and Communities",
    12: "Responsible Consumption and Production",
    13: "Climate Action",
    14: "Life Below Water",
    15: "Life on Land",
    16: "Peace, Justice and Strong Institutions",
    17: "Partnerships for the Goals",
}

# Official SDG colours.
COLORS = {
    1: "#E5243B", 2: "#DDA63A", 3: "#4C9F38", 4: "#C5192D", 5: "#FF3A21",
    6: "#26BDE2", 7: "#FCC30B", 8: "#A21942", 9: "#FD6925", 10: "#DD1367",
    11: "#FD9D24", 12: "#BF8B2E", 13: "#3F7E44", 14: "#0A97D9", 15: "#56C02B",
    16: "#00689D", 17: "#19486A",
}

# Repairs of encoding damage in seesus's English texts. Exact substrings,
# applied in order; wording is otherwise untouched. Set to [] to emit the
# seesus strings byte-for-byte (the "?" check below then has to go too).
EN_REPAIRS = [
    ("??The future we want??", "\u201cThe future we want\u201d"),  # curly quotes
    ("2015?C2030", "2015\u20132030"),                                # en dash
    ("??s ", "\u2019s "),                                            # culture's, women's, ...
    ("countries?? share", "countries\u2019 share"),                  # 17.11
    ("non?", "non-"),                                                # non-breaking hyphens
    ("pre?primary", "pre-primary"),
    ("under?5", "under-5"),
    ("?", " "),                                                      # non-breaking spaces
    ("negotiation3", "negotiation"),                                 # 14.6 footnote marker
]

errors = []


def fail_if_errors():
    if errors:
        sys.stderr.write("build_sdgs.py FAILED:\n")
        for e in errors:
            sys.stderr.write(f"  - {e}\n")
        sys.exit(1)


def clean_en(text):
    for old, new in EN_REPAIRS:
        text = text.replace(old, new)
    text = text.strip()
    if "?" in text:
        errors.append(f"unrepaired '?' in English text: {text!r}")
    return text


KEY_RE = re.compile(r"^SDG(\d+)_(general|\d+|[a-z])$")


def parse_seesus():
    goal_text_en = {}
    targets = {n: [] for n in range(1, EXPECTED_GOALS + 1)}  # n -> [(code, text)]
    numeric_pos = {n: 0 for n in targets}
    letters_seen = {n: [] for n in targets}

    goal_numbers = []
    for key, _title in SDG_desc.goal_desc:
        m = re.fullmatch(r"SDG(\d+)", key)
        if not m:
            errors.append(f"unexpected goal key {key!r}")
            continue
        goal_numbers.append(int(m.group(1)))
    if goal_numbers != list(range(1, EXPECTED_GOALS + 1)):
        errors.append(f"goal_desc numbers are {goal_numbers}, expected 1..17")

    for key, text in SDG_desc.tar_desc:
        m = KEY_RE.match(key)
        if not m:
            errors.append(f"unexpected target key {key!r}")
            continue
        n, suffix = int(m.group(1)), m.group(2)
        if n not in targets:
            errors.append(f"target key {key!r} refers to unknown goal {n}")
            continue
        if not text or not text.strip():
            errors.append(f"empty English text for {key!r}")
        if suffix == "general":
            if n in goal_text_en:
                errors.append(f"duplicate goal text for goal {n}")
            goal_text_en[n] = clean_en(text)
        elif suffix.isdigit():
            if letters_seen[n]:
                errors.append(f"numeric target {key!r} after lettered targets")
            numeric_pos[n] += 1
            pos = numeric_pos[n]
            # seesus stores 8.10 as "SDG8_1" (trailing zero lost): accept the
            # key if it equals the position, or the position minus trailing 0s.
            if suffix not in (str(pos), str(pos).rstrip("0")):
                errors.append(f"key {key!r} does not match expected target {n}.{pos}")
            targets[n].append((f"{n}.{pos}", clean_en(text)))
        else:
            expected_letter = string.ascii_lowercase[len(letters_seen[n])]
            if suffix != expected_letter:
                errors.append(f"key {key!r}: expected letter {expected_letter!r}")
            letters_seen[n].append(suffix)
            targets[n].append((f"{n}.{suffix}", clean_en(text)))

    if sorted(goal_text_en) != list(range(1, EXPECTED_GOALS + 1)):
        errors.append(f"goal statements found for goals {sorted(goal_text_en)}")
    for n, expected in EXPECTED_PER_GOAL.items():
        if len(targets[n]) != expected:
            errors.append(f"goal {n}: {len(targets[n])} targets, expected {expected}")
    total = sum(len(t) for t in targets.values())
    if total != EXPECTED_TARGETS:
        errors.append(f"{total} targets in seesus, expected {EXPECTED_TARGETS}")
    return goal_text_en, targets


def check_swedish(targets):
    goals = set(range(1, EXPECTED_GOALS + 1))
    for name, mapping in (("GOAL_TITLES_SV", GOAL_TITLES_SV),
                          ("GOAL_TEXTS_SV", GOAL_TEXTS_SV)):
        if set(mapping) != goals:
            errors.append(f"{name}: missing {sorted(goals - set(mapping))}, "
                          f"extra {sorted(set(mapping) - goals)}")
        for k, v in mapping.items():
            if not isinstance(v, str) or not v.strip():
                errors.append(f"{name}[{k}] is empty")
    codes = [code for n in sorted(targets) for code, _ in targets[n]]
    missing = [c for c in codes if c not in TARGET_TEXTS_SV]
    extra = sorted(set(TARGET_TEXTS_SV) - set(codes))
    if missing:
        errors.append(f"TARGET_TEXTS_SV missing {len(missing)}: {missing}")
    if extra:
        errors.append(f"TARGET_TEXTS_SV has unknown codes: {extra}")
    if len(TARGET_TEXTS_SV) != EXPECTED_TARGETS:
        errors.append(f"TARGET_TEXTS_SV has {len(TARGET_TEXTS_SV)} entries, "
                      f"expected {EXPECTED_TARGETS}")
    for code, text in TARGET_TEXTS_SV.items():
        if not isinstance(text, str) or not text.strip():
            errors.append(f"TARGET_TEXTS_SV[{code!r}] is empty")


def main():
    goal_text_en, targets = parse_seesus()
    fail_if_errors()
    check_swedish(targets)
    fail_if_errors()

    data = {
        "source": f"UN English texts from seesus {version('seesus')} "
                  "(sdgs.un.org); Swedish texts written by the sihub team",
        "goals": [
            {
                "number": n,
                "color": COLORS[n],
                "title_en": TITLES_EN[n],
                "title_sv": GOAL_TITLES_SV[n],
                "text_en": goal_text_en[n],
                "text_sv": GOAL_TEXTS_SV[n],
                "targets": [
                    {"code": code, "text_en": text_en,
                     "text_sv": TARGET_TEXTS_SV[code].strip()}
                    for code, text_en in targets[n]
                ],
            }
            for n in range(1, EXPECTED_GOALS + 1)
        ],
    }

    n_targets = sum(len(g["targets"]) for g in data["goals"])
    if len(data["goals"]) != EXPECTED_GOALS or n_targets != EXPECTED_TARGETS:
        errors.append(f"output has {len(data['goals'])} goals / {n_targets} targets")
    fail_if_errors()

    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n",
                   encoding="utf-8")
    print(f"wrote {OUT}: {len(data['goals'])} goals, {n_targets} targets")


if __name__ == "__main__":
    main()

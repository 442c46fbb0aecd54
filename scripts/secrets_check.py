"""Fail when detect-secrets finds a secret that is not in .secrets.baseline.

Compares (file, secret hash) pairs, not line numbers, so editing a file above a
known false positive does not break the gate. To accept a new false positive,
mark the line `# pragma: allowlist secret` or regenerate the baseline with
`detect-secrets scan --exclude-files '<the regex below>' > .secrets.baseline`.
"""

from __future__ import annotations

import json
import subprocess  # nosec B404 - runs detect-secrets with a fixed argument list
import sys
from pathlib import Path

EXCLUDE = r"(^|/)(\.venv|var|locale)/|\.geojson$|constraints\.txt$|sdgs\.json$|regions\.json$|^\.secrets\.baseline$"


def pairs(report: dict) -> set[tuple[str, str]]:
    return {(name, s["hashed_secret"]) for name, found in report["results"].items() for s in found}


def main() -> int:
    scan = subprocess.run(  # nosec B603 - fixed program and arguments
        [str(Path(sys.executable).parent / "detect-secrets"), "scan", "--exclude-files", EXCLUDE],
        capture_output=True, text=True, check=True,
    )
    found = pairs(json.loads(scan.stdout))
    known = pairs(json.loads(Path(".secrets.baseline").read_text()))
    new = sorted(found - known)
    for name, _hash in new:
        print(f"possible secret not in the baseline: {name}", file=sys.stderr)
    print(f"detect-secrets: {len(found)} known false positives, {len(new)} new")
    return 1 if new else 0


if __name__ == "__main__":
    sys.exit(main())

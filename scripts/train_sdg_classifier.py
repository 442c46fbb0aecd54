"""Train the SDG classifier's weights on the development set and write them to the repo.

    .venv/bin/python scripts/train_sdg_classifier.py [--version sihub-sdg-1.1]

Reads sihub/sdg/data/devset/*.jsonl, the word vectors and the lexicon; writes
sihub/sdg/data/classifier/weights.npz.  How well it does is measured, with
held-out data only, by bench/sdg.py.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sihub.sdg.classifier import DATA, WEIGHTS, build_featuriser  # noqa: E402
from sihub.sdg.classifier.training import (  # noqa: E402
    GAMMA,
    KERNEL_WEIGHT,
    L2,
    STACK_L2,
    load_devset,
    train,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", default="sihub-sdg-1.2")
    parser.add_argument("--l2", type=float, default=L2)
    args = parser.parse_args()
    examples = load_devset(DATA / "devset")
    featuriser = build_featuriser()
    start = time.time()
    X, _ = featuriser.features([ex.text for ex in examples])
    weights = train(X, examples, dense=featuriser.dense, version=args.version, l2=args.l2, meta={
        "trained_on": f"{len(examples)} texts ({len({e.pair for e in examples})} pairs, sv+en)",
        "l2": args.l2, "gamma": GAMMA, "kernel_weight": KERNEL_WEIGHT, "stack_l2": STACK_L2,
    })
    weights.save(WEIGHTS)
    print(f"{len(examples)} texts, {time.time() - start:.1f} s -> {WEIGHTS.relative_to(ROOT)}")
    print("thresholds:", " ".join(f"{g}:{t:.2f}" for g, t in enumerate(weights.threshold, 1)))


if __name__ == "__main__":
    main()

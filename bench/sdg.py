"""The SDG classifier: accuracy on held-out texts, throughput and peak memory.

    .venv/bin/python bench/sdg.py [--folds 5] [--paragraphs 600] [--json PATH]

1. Accuracy, the benchmark measure (``sihub/sdg/classifier/training.py``): for
   each goal, every development-set text labelled with it and as many that are
   not (its decoys first), "does this text address the goal?"; accuracy per goal,
   then the mean over the 17 goals, for English, Swedish and both.  Every answer
   comes from a model that never saw the text or its translation: k-fold
   cross-validation split by pair, thresholds calibrated by an inner
   cross-validation on the training folds only.  Also the precision, recall and
   F1 of the chosen goals over all texts × 17 goals, and ablations to show
   what each part brings: lexicon only, meaning only, stems only (the bags of
   stems and character 4-grams); linear_1.0 (the sihub-sdg-1.0 model: no
   character 4-grams, linear ridge); no_char_ngrams, no_rbf; and
   stacked_calibration (calibration on all 17 outputs, tried and not shipped).
2. Throughput: --paragraphs paragraphs of about 600 characters (development-set
   texts run together and cut at a word), classified in batches of 64 by the
   shipped classifier, in one process.  Goal: ≥ 30 paragraphs/s on 2 cores.
3. Peak memory (max RSS of this process after loading and classifying, measured
   before the cross-validation, whose feature matrices are the benchmark's, not the
   classifier's; the figure after it is printed too).  Goal: ≤ 1 GB.

Exit status 0 when every goal is met, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sihub.sdg.classifier import DATA, build_featuriser, get_classifier  # noqa: E402
from sihub.sdg.classifier.model import BAG_SIZE, GOALS  # noqa: E402
from sihub.sdg.classifier.training import (  # noqa: E402
    benchmark,
    label_matrix,
    load_devset,
    out_of_fold,
)

ACCURACY_GOAL = 0.90
LANGUAGE_GAP = 0.03
THROUGHPUT_GOAL = 30.0
MEMORY_GOAL_MB = 1024


def paragraphs(texts: list[str], n: int, size: int = 600) -> list[str]:
    out, i = [], 0
    while len(out) < n:
        chunk = ""
        while len(chunk) < size:
            chunk += texts[i % len(texts)] + " "
            i += 1
        out.append(chunk[:size].rsplit(" ", 1)[0])
    return out


def evaluate(X: np.ndarray, examples: list, folds: int, dense: int, **options: float) -> dict:
    Y = label_matrix(examples)
    P, T = out_of_fold(X, Y, examples, dense=dense, k=folds, **options)
    chosen = P >= T

    def decide(row: int, goal: int) -> bool:
        return bool(chosen[row, goal - 1])

    per_goal = {lang or "all": benchmark(examples, decide, lang) for lang in ("en", "sv", None)}
    tp = float((chosen & (Y > 0)).sum())
    fp = float((chosen & (Y == 0)).sum())
    fn = float((~chosen & (Y > 0)).sum())
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return {
        "per_goal": per_goal,
        "mean": {k: float(np.mean(list(v.values()))) for k, v in per_goal.items()},
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / max(precision + recall, 1e-9),
        "exact_match": float((chosen == (Y > 0)).all(axis=1).mean()),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--paragraphs", type=int, default=600)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    start = time.perf_counter()
    classifier = get_classifier()
    load_s = time.perf_counter() - start
    # Throughput and memory first: the peak RSS is the classifier's (loaded, classifying
    # a batch stream), not the cross-validation's, which holds several float64
    # copies of the 2,000 x 12,500 feature matrix.
    texts = paragraphs([ex.text for ex in load_devset(DATA / "devset")], args.paragraphs)
    classifier.classify(texts[:64])  # warm the word caches like a running worker
    start = time.perf_counter()
    for i in range(0, len(texts), 64):
        classifier.classify(texts[i:i + 64])
    elapsed = time.perf_counter() - start
    speed = {
        "throughput_per_s": len(texts) / elapsed,
        "mean_chars": float(np.mean([len(t) for t in texts])),
        "load_s": load_s,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    del texts

    examples = load_devset(DATA / "devset")
    featuriser = build_featuriser()
    X, _ = featuriser.features([ex.text for ex in examples])
    d, dense = featuriser.vectors.dims, featuriser.dense
    lexical = np.r_[d + 34:d + 51]
    meaning = np.r_[0:d + 34, d + 51]
    stems = np.r_[dense:X.shape[1]]
    report = {
        "version": classifier.version,
        "texts": len(examples),
        "pairs": len({ex.pair for ex in examples}),
        "full": evaluate(X, examples, args.folds, dense),
        "lexicon_only": evaluate(X[:, lexical], examples, args.folds, len(lexical)),
        "meaning_only": evaluate(X[:, meaning], examples, args.folds, len(meaning)),
        "stems_only": evaluate(X[:, stems], examples, args.folds, 0),
        # the sihub-sdg-1.0 model: no character n-grams, linear ridge, calibration on
        # (output, lead) only
        "linear_1.0": evaluate(X[:, :dense + BAG_SIZE], examples, args.folds, dense,
                               kernel_weight=0.0, stack_l2=None),
        "no_char_ngrams": evaluate(X[:, :dense + BAG_SIZE], examples, args.folds, dense),
        "no_rbf": evaluate(X, examples, args.folds, dense, kernel_weight=0.0),
        "stacked_calibration": evaluate(X, examples, args.folds, dense, stack_l2=1.0),
        **speed,
        "peak_rss_mb_with_cross_validation":
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }

    full = report["full"]
    print(f"SDG classifier {report['version']}: {report['texts']} texts "
          f"({report['pairs']} sv/en pairs), {args.folds}-fold cross-validation by pair")
    print(f"{'goal':>4} {'all':>6} {'en':>6} {'sv':>6}")
    for g in GOALS:
        row = [full["per_goal"][k][g] for k in ("all", "en", "sv")]
        print(f"{g:>4} " + " ".join(f"{v:6.1%}" for v in row))
    print(f"mean {full['mean']['all']:6.1%} {full['mean']['en']:6.1%} {full['mean']['sv']:6.1%}"
          f"   (goal ≥ {ACCURACY_GOAL:.0%}, sv within {LANGUAGE_GAP:.0%} of en)")
    for name in ("full", "lexicon_only", "meaning_only", "stems_only", "linear_1.0",
                 "no_char_ngrams", "no_rbf", "stacked_calibration"):
        r = report[name]
        print(f"{name:>19}: benchmark mean {r['mean']['all']:.1%} (en {r['mean']['en']:.1%}, "
              f"sv {r['mean']['sv']:.1%}); all goals: precision {r['precision']:.1%}, "
              f"recall {r['recall']:.1%}, F1 {r['f1']:.1%}, exact sets {r['exact_match']:.1%}")
    print(f"throughput: {report['throughput_per_s']:.0f} paragraphs/s of "
          f"{report['mean_chars']:.0f} characters (goal ≥ {THROUGHPUT_GOAL:.0f}); "
          f"load {report['load_s']:.2f} s; peak RSS {report['peak_rss_mb']:.0f} MB "
          f"(goal ≤ {MEMORY_GOAL_MB}; {report['peak_rss_mb_with_cross_validation']:.0f} MB "
          "after the cross-validation)")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, default=str))

    met = (full["mean"]["all"] >= ACCURACY_GOAL
           and full["mean"]["sv"] >= full["mean"]["en"] - LANGUAGE_GAP
           and report["throughput_per_s"] >= THROUGHPUT_GOAL
           and report["peak_rss_mb"] <= MEMORY_GOAL_MB)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())

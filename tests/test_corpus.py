"""The rubric agrees with a webcare team lead's grades on a graded corpus of replies (docs/scoring.md).

The dev half of the corpus was used to write the rules; the holdout half was not,
and is checked with the same helper.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from stormdrill.scoring.evaluate import (
    TARGET_CATEGORIES,
    TARGET_PR,
    TARGET_SPEARMAN,
    CorpusError,
    evaluate,
)

import run

DATA = Path(__file__).parent / "data"
DEV = [DATA / "corpus_dev_en.yaml", DATA / "corpus_dev_nl.yaml"]


def assert_agrees_with_the_grades(path: Path) -> None:
    """Spearman of score vs grade and precision/recall of the target categories meet the targets."""
    evaluation = evaluate(path)
    assert len(evaluation.judged) >= 100, f"{path.name}: too few replies to judge the rubric by"
    assert evaluation.spearman >= TARGET_SPEARMAN, f"{path.name}: Spearman {evaluation.spearman:.3f}"
    categories = evaluation.categories
    for category in TARGET_CATEGORIES:
        agreement = categories[category]
        precision, recall = agreement.precision, agreement.recall
        assert precision >= TARGET_PR, f"{path.name} {category}: precision {precision:.2f}, wrongly {agreement.fp}"
        assert recall >= TARGET_PR, f"{path.name} {category}: recall {recall:.2f}, missed {agreement.fn}"


@pytest.mark.parametrize("path", DEV, ids=lambda p: p.stem)
def test_the_rubric_agrees_with_the_graders_on_the_dev_half(path):
    assert_agrees_with_the_grades(path)


def test_evaluate_prints_spearman_and_precision_recall(capsys):
    assert run.main(["assess", "--evaluate", str(DEV[0])]) == 0
    out = capsys.readouterr().out
    assert "Spearman" in out and "apology" in out and "precision" in out


def test_evaluate_json_lists_each_replys_score(capsys):
    import json

    assert run.main(["assess", "--evaluate", str(DEV[1]), "--json"]) == 0
    (result,) = json.loads(capsys.readouterr().out)
    assert result["language"] == "nl" and result["spearman"] >= TARGET_SPEARMAN
    assert all(0 <= r["score"] <= 100 for r in result["judged"])
    assert set(result["categories"]["apology"]) >= {"precision", "recall", "false_positives", "false_negatives"}


def test_a_broken_corpus_says_where(tmp_path, capsys):
    corpus = tmp_path / "corpus.yaml"
    corpus.write_text("language: en\ncases:\n  - id: a\n    post: hi\nreplies:\n  - id: r1\n    case: b\n"
                      "    reply: Sorry!\n    grade: 50\n")  # fmt: skip
    with pytest.raises(CorpusError, match=r"corpus.yaml:7:11: reply r1: no case 'b'"):
        evaluate(corpus)
    assert run.main(["assess", "--evaluate", str(corpus)]) == 1
    assert "no case 'b'" in capsys.readouterr().err

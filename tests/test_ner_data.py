"""NER evaluation data: the dev split, the out-of-domain gold file."""

from __future__ import annotations

from pathlib import Path

import pytest


def test_dev_split_is_the_tail_of_the_training_sentences() -> None:
    from marsad.stages.entities.ner import DEV_SHARE, split_dev

    sentences = [[(f"w{i}", "O")] for i in range(50)]
    train, dev = split_dev(sentences)
    assert train + dev == sentences and len(dev) == round(50 * DEV_SHARE)
    assert split_dev(sentences, 0.0) == (sentences, [])


def test_out_of_domain_ner_gold_is_well_formed() -> None:
    from marsad.stages.entities.ner import read_conll

    data_dir = Path(__file__).resolve().parents[1] / "benchmarks" / "data"
    sentences = read_conll(data_dir / "ner_ood_test.txt")
    sources = (data_dir / "ner_ood_sources.txt").read_text(encoding="utf-8").split()
    assert len(sentences) == len(sources) == 86
    labels = [lab for s in sentences for _, lab in s]
    assert set(labels) <= {"O", *(f"{p}-{t}" for p in "BI" for t in ("PER", "LOC", "ORG", "MISC"))}
    for s in sentences:  # BIO: an inside label only continues a name of its own type
        for (_, prev), (_, lab) in zip([("", "O"), *s], s, strict=False):
            if lab.startswith("I-"):
                assert prev != "O" and prev[2:] == lab[2:]
    assert sum(lab.startswith("B-") for lab in labels) == 160


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_extra_training_files_are_added_after_the_held_out_split(tmp_path: Path) -> None:
    from marsad.stages.entities.ner import training_data

    main = _write(tmp_path / "main.txt", "".join(f"كلمة{i} O\n. O\n" for i in range(10)))  # 10 pseudo-sentences
    extra = _write(tmp_path / "extra.txt", "زار O\nسلمان B-PERS\nجدة B-LOC\n\nقال O\nالهلال B-ORG\n")
    data = training_data(main, 0.1, [extra])
    assert len(data) == 9 + 2  # the last tenth of main held out, nothing of extra
    assert data[8][0] == ("كلمة8", "O")
    assert data[9] == [("زار", "O"), ("سلمان", "B-PER"), ("جدة", "B-LOC")]
    assert data[10] == [("قال", "O"), ("الهلال", "B-ORG")]
    assert training_data(main, 0.1) == data[:9]
    empty = _write(tmp_path / "empty.txt", "\n")
    try:
        training_data(main, 0.0, [empty])
    except ValueError as err:
        assert "no sentences" in str(err)
    else:
        raise AssertionError("an empty extra file must fail")


def test_train_ner_parser_takes_extra_train_files() -> None:
    import argparse

    from marsad.stages.entities.ner import add_parsers

    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="cmd")
    train_parser = sub.add_parser("train").add_subparsers(dest="what")
    eval_parser = sub.add_parser("eval").add_subparsers(dest="what")
    add_parsers(train_parser, eval_parser)
    args = parser.parse_args(["train", "ner", "--kind", "crf", "--hold-out", "0.1", "--extra-train", "a.txt", "b.txt"])
    assert args.extra_train == ["a.txt", "b.txt"] and args.hold_out == 0.1
    assert parser.parse_args(["train", "ner"]).extra_train is None


def test_snn_name_lists_become_bio_and_unknown_surfaces_fail() -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks" / "data"))
    from ner_snn_sample import bio

    tokens = ["استقبل", "الملك", "سلمان", "بن", "عبدالعزيز", "في", "الرياض", "سفير", "مصر", "،", "ثم", "غادر", "الرياض"]
    labels = [("PERS", "سلمان بن عبدالعزيز", 0), ("LOC", "الرياض", 0), ("LOC", "مصر", 0)]
    assert bio(tokens, labels) == [
        "O", "O", "B-PERS", "I-PERS", "I-PERS", "O", "B-LOC", "O", "B-LOC", "O", "O", "O", "B-LOC",
    ]
    assert bio(tokens, [("LOC", "الرياض", 2)])[6] == "O" and bio(tokens, [("LOC", "الرياض", 2)])[12] == "B-LOC"
    assert bio(["فاز", "الهلال", "على", "النصر"], []) == ["O"] * 4
    for bad in ([("LOC", "جدة", 0)], [("LOC", "الريا", 0)], [("XYZ", "مصر", 0)],
                [("PERS", "سلمان بن", 0), ("PERS", "بن عبدالعزيز", 0)]):
        try:
            bio(tokens, bad)
        except ValueError:
            continue
        raise AssertionError(f"{bad} should fail")


@pytest.mark.parametrize(("prefix", "expected", "total"), [
    ("ner_snn", {"train": (477, 920), "dev": (123, 219)}, 600),  # sentences, names (benchmarks/data/README.md)
    ("ner_snn3", {"train": (960, 1665), "dev": (240, 434)}, 1200),
])
def test_snn_ner_training_and_dev_files_are_well_formed(
    prefix: str, expected: dict[str, tuple[int, int]], total: int,
) -> None:
    from marsad.stages.entities.ner import read_conll

    data_dir = Path(__file__).resolve().parents[1] / "benchmarks" / "data"
    allowed = {"O", *(f"{p}-{t}" for p in "BI" for t in ("PER", "LOC", "ORG", "MISC"))}
    ids: set[str] = set()
    for split, (n_sentences, n_names) in expected.items():
        sentences = read_conll(data_dir / f"{prefix}_{split}.txt")
        sources = (data_dir / f"{prefix}_{split}_sources.txt").read_text(encoding="utf-8").splitlines()
        assert len(sentences) == len(sources) == n_sentences
        labels = [lab for s in sentences for _, lab in s]
        assert set(labels) <= allowed and sum(lab.startswith("B-") for lab in labels) == n_names
        for s in sentences:
            assert 12 <= len(s) <= 40
            for (_, prev), (_, lab) in zip([("", "O"), *s], s, strict=False):
                if lab.startswith("I-"):
                    assert prev != "O" and prev[2:] == lab[2:]
        split_ids = {line.split("\t")[0] for line in sources}
        assert not split_ids & ids  # a sentence is in one split only
        ids |= split_ids
    assert len(ids) == total


def test_distillation_keeps_only_confident_sentences_that_name_something() -> None:
    import sys

    import numpy as np

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from marsad.stages.entities.neural import LABELS
    from ner_distill import keep

    def probs(rows: list[dict[str, float]]) -> np.ndarray:
        out = np.zeros((len(rows), len(LABELS)), dtype=np.float32)
        for i, row in enumerate(rows):
            for lab, p in row.items():
                out[i, LABELS.index(lab)] = p
        return out

    # «فاز الهلال على النصر»: two clubs, every label a majority choice
    sure = probs([{"O": 0.9, "B-ORG": 0.1}, {"B-ORG": 0.8, "O": 0.2}, {"O": 0.95}, {"B-ORG": 0.6, "B-LOC": 0.4}])
    assert keep(["O", "B-ORG", "O", "B-ORG"], sure)
    # the Viterbi pass chose B-ORG for «النصر» with 0.45 (O 0.30, B-LOC 0.25): a minority choice, dropped
    unsure = probs([{"O": 0.9}, {"B-ORG": 0.8}, {"O": 0.95}, {"B-ORG": 0.45, "O": 0.3, "B-LOC": 0.25}])
    assert not keep(["O", "B-ORG", "O", "B-ORG"], unsure)
    # nothing named: teaches nothing about names, dropped
    assert not keep(["O"] * 4, probs([{"O": 1.0}] * 4))

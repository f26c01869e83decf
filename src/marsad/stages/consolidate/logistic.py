"""A trained logistic regression applied with plain numpy: the part the learned pair decisions share.

:class:`~marsad.stages.consolidate.pairmodel.PairModel` (do two propositions state one fact?) and
:class:`~marsad.stages.consolidate.familymodel.FamilyModel` (are two articles one source?) are both a
standardization, coefficients and an intercept over named features, stored as JSON; each adds its own
thresholds. This module holds what they share: the probability, the JSON form of the linear part, reading a
model file. scikit-learn is only needed to fit them (``benchmarks/``), never at run time.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self

import numpy as np


@dataclass(frozen=True, slots=True)
class LogisticModel:
    """A logistic regression over :attr:`features`, inputs standardized by ``mean`` and ``scale``."""

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    def probability(self, x: np.ndarray) -> np.ndarray:
        """P(positive) for each row of ``x`` (columns in :attr:`features` order)."""
        if x.size == 0:
            return np.zeros(0)
        z = ((x - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-z))

    def linear_dict(self) -> dict[str, Any]:
        """The JSON form of the linear part (values rounded to 6 decimals); subclasses add their thresholds."""
        return {"features": list(self.features), "mean": [round(float(v), 6) for v in self.mean],
                "scale": [round(float(v), 6) for v in self.scale], "coef": [round(float(v), 6) for v in self.coef],
                "intercept": round(float(self.intercept), 6)}

    @staticmethod
    def linear_fields(d: dict[str, Any]) -> tuple[tuple[str, ...], np.ndarray, np.ndarray, np.ndarray, float]:
        """The constructor's first arguments (features, mean, scale, coef, intercept) from a JSON payload; a
        ValueError names what is missing or which vector's length differs from the number of features."""
        missing = [k for k in ("features", "mean", "scale", "coef", "intercept") if k not in d]
        if missing:
            raise ValueError(f"model payload lacks {', '.join(missing)}")
        features = tuple(d["features"])
        vectors = {k: np.asarray(d[k], dtype=np.float64) for k in ("mean", "scale", "coef")}
        wrong = [f"{k} has {v.size}" for k, v in vectors.items() if v.shape != (len(features),)]
        if wrong:
            raise ValueError(f"model payload has {len(features)} features but {', '.join(wrong)} values")
        return features, vectors["mean"], vectors["scale"], vectors["coef"], float(d["intercept"])

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Self:
        """The model of a JSON payload (each subclass reads its own thresholds)."""
        raise NotImplementedError

    @classmethod
    def read(cls, path: Path, accepted: Collection[tuple[str, ...]]) -> Self | None:
        """The model stored at ``path``, or None when the file is missing or its features are not one of
        ``accepted`` (another kind of model); a ValueError naming the file when it is not JSON or its payload is
        incomplete or inconsistent."""
        if not path.exists():
            return None
        try:
            payload = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(payload, dict) or tuple(payload.get("features", ())) not in accepted:
                return None
            return cls.from_dict(payload)
        except (ValueError, KeyError) as exc:  # json.JSONDecodeError is a ValueError
            raise ValueError(f"{path}: not a usable model file ({exc})") from exc

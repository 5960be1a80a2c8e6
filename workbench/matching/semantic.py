"""A semantic signal for the rerank: how alike two texts are in meaning, not only in words. Pure.

WordLlama (MIT, PyPI `wordllama`) ships static token vectors distilled from a large language model's
embedding layer (`weights/l2_supercat_256.safetensors`: 32,000 tokens x 256, float16) and their
tokenizer inside its wheel. A text's vector is the sum of its tokens' vectors, normalised (the mean
pooling of `WordLlamaInference.embed`); two texts are as alike as the cosine of their vectors.
Both files are read here directly, once, on first use: the 0.4 wheel's loader looks for the
tokenizer under `tokenizer/` while the wheel ships `tokenizers/` (it would then try to download
it), and the package's own import pulls in more than this needs. Nothing is fetched at run time.

Texts are compared in `normalise`d form (folded, no URLs, single spaces), so that stored duplicates
differing only in quotes or case get one vector. Vectors are remembered per text (the same
candidates come back for many claims of a batch). docs/matching.md has the measurements.
"""

from __future__ import annotations

import importlib.util
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path

import numpy as np

WEIGHTS_FILE = Path("weights") / "l2_supercat_256.safetensors"
TOKENIZER_FILE = Path("tokenizers") / "l2_supercat_tokenizer_config.json"
CACHE_SIZE = 20_000  # texts whose vectors are remembered (1 KB each: 20 MB at most)


class SemanticModel:
    """WordLlama's token vectors and tokenizer, and the vectors of texts seen."""

    def __init__(self, folder: Path) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        vectors = load_file(str(folder / WEIGHTS_FILE))["embedding.weight"]
        self.tokens = np.ascontiguousarray(vectors, dtype=np.float32)
        self.tokenizer = Tokenizer.from_file(str(folder / TOKENIZER_FILE))
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors (one row per text; zeros for a text without tokens)."""
        with self._lock:
            missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
            if missing:
                for text, vector in zip(missing, self._embed(missing), strict=True):
                    self._cache[text] = vector
                while len(self._cache) > CACHE_SIZE:
                    self._cache.popitem(last=False)
            out = np.empty((len(texts), self.tokens.shape[1]), dtype=np.float32)
            for i, text in enumerate(texts):
                out[i] = self._cache[text]
                self._cache.move_to_end(text)
            return out

    def _embed(self, texts: list[str]) -> np.ndarray:
        ids = [e.ids for e in self.tokenizer.encode_batch(texts, add_special_tokens=False)]
        lengths = np.fromiter((len(i) for i in ids), dtype=np.int64, count=len(ids))
        sums = np.zeros((len(ids), self.tokens.shape[1]), dtype=np.float32)
        filled = lengths > 0
        if filled.any():
            flat = np.fromiter((t for i in ids for t in i), dtype=np.int64, count=int(lengths.sum()))
            starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))[filled]
            sums[filled] = np.add.reduceat(self.tokens[flat], starts, axis=0)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        return sums / np.where(norms > 0, norms, 1.0)

    def similarities(self, text: str, others: Sequence[str]) -> list[float]:
        """The cosine of `text` with each of `others` (normalised texts), -1..1."""
        if not others:
            return []
        vectors = self.vectors([text, *others])
        return [float(v) for v in vectors[1:] @ vectors[0]]


_model: SemanticModel | None = None
_loading = threading.Lock()


def package_folder() -> Path:
    """Where the installed `wordllama` package keeps its files (found, not imported)."""
    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the wordllama package is not installed (pip install wordllama)")
    return Path(next(iter(spec.submodule_search_locations)))


def model() -> SemanticModel:
    """The one model of the process, loaded on first use (about 0.3 s)."""
    global _model
    if _model is None:
        with _loading:
            if _model is None:
                _model = SemanticModel(package_folder())
    return _model


def similarities(text: str, others: Sequence[str]) -> list[float]:
    """`SemanticModel.similarities` of the process's model."""
    return model().similarities(text, others)

"""Reading tree files: bytes → plain data with positions → the pydantic model."""

from pohon.loader.load import LoadResult, load_text, load_tree

__all__ = ["LoadResult", "load_text", "load_tree"]

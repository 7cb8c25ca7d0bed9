"""pohon: build, check, map and render a pohon kinerja (performance tree)."""

__version__ = "0.1.0"

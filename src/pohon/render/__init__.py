"""Diagrams of a pohon kinerja: DOT/SVG/PNG/PDF through Graphviz, and the offline HTML viewer.

Modules:
- ``style``: the style table (``data/styles.yaml``) merged with a user theme file;
- ``bands``: position band labels (PK/SKP levels) per role;
- ``dot``: a ``PerformanceTree`` → deterministic DOT source;
- ``graphviz``: layout and export through pygraphviz (bundled Graphviz);
- ``viewer``: the single-file interactive HTML viewer;
- ``service``: what ``pohon render`` does (formats, outputs, ``--pisah``);
- ``serve``: ``pohon serve``, a live preview on 127.0.0.1.
"""

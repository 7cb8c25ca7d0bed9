"""Each module here defines click commands in a ``COMMANDS`` list; `pohon.cli` registers them
lazily: add each new command to ``pohon.cli.LAZY_COMMANDS`` (tests/test_cli_lazy.py checks it).

Modules must import only click (and pohon.cli option helpers) at module level; import heavy
libraries inside the command function so that ``pohon --help`` stays fast.
"""

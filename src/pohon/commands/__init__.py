"""Each module here defines click commands in a ``COMMANDS`` list; `pohon.cli` registers them.

Modules must import only click (and pohon.cli option helpers) at module level; import heavy
libraries inside the command function so that ``pohon --help`` stays fast.
"""

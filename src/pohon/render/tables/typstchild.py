"""A user's Typst template compiled in a child process (``python -m pohon.render.tables.typstchild
ROOT [FONTS]``): the parent bounds its time and memory (a template is a program: a loop over a billion
items or a string of ten gigabytes must not hang or exhaust the machine). The PDF goes to stdout;
a Typst error goes to stderr as JSON (``message``, ``diagnostic``) with exit status 3."""

from __future__ import annotations

import json
import os
import sys


def main(root: str, fonts: str | None = None) -> int:
    from pohon.render.tables.pdf import FIXED_TIME, TEMPLATE, USER_MEMORY

    try:  # before the compiler is loaded: no allocation of the template's beyond the limit
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (USER_MEMORY, USER_MEMORY))
    except (ImportError, ValueError, OSError):  # pragma: no cover - a system without rlimits
        pass
    import typst

    packages = os.path.join(root, "packages")
    try:
        pdf = typst.compile(os.path.join(root, TEMPLATE), root=root, ignore_system_fonts=True, timestamp=FIXED_TIME,
                            package_path=packages, package_cache_path=packages, font_paths=[fonts] if fonts else [])
    except typst.TypstError as e:
        sys.stderr.write(json.dumps({"message": str(getattr(e, "message", "") or e),
                                     "diagnostic": str(getattr(e, "diagnostic", "") or "")}))
        return 3
    sys.stdout.buffer.write(pdf)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None))

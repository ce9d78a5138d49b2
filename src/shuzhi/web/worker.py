"""`python -m shuzhi.web.worker`: a checking worker on its own, for servers that run the pages under gunicorn."""

from __future__ import annotations

import contextlib

from . import configure


def main() -> None:
    configure()  # the data folder and database come from SHUZHI_DATA_DIR / SHUZHI_DATABASE_URL
    from .reports.worker import work_forever

    with contextlib.suppress(KeyboardInterrupt):
        work_forever()


if __name__ == "__main__":
    main()
